// Generated from spec/openapi.yaml + templates/typescript/resources/resource.d.ts.jinja. Do not edit.
import type { BaseClient } from '../core.js';
import type { APIPromise, Contact, ContactCreate, ContactUpdate, ListContactsParams, PagePromise, RequestOptions } from '../index.js';

/** The people you converse with. Adding a contact starts your conversation with them. */
export declare class Contacts {
  constructor(client: BaseClient);

  /**
   * List all contacts
   *
   * Returns one page of your contacts, newest first (`created_at`, then `id`, descending).
   *
   * The reference's curl sample sends `active=true`, a parameter it documents nowhere; this API has no such filter, and like every undefined parameter it gets `400 invalid_request`.
   *
   * Pages are walked with cursors: `starting_after` takes the `id` of the last contact of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your contacts that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.
   */
  list(params?: ListContactsParams, options?: RequestOptions): PagePromise<Contact>;

  /**
   * Create a contact
   *
   * Adds someone to your contact list. The server creates your conversation with the new contact alongside it and answers with its id in `conversation_id`; `last_active_at` is `null` until the contact does something. Usernames and phone numbers need not be unique.
   */
  create(body: ContactCreate, options?: RequestOptions): APIPromise<Contact>;

  /**
   * Retrieve a contact
   *
   * Returns the contact with this id, if it is one of yours.
   *
   * @param id The contact's id.
   */
  get(id: string, options?: RequestOptions): APIPromise<Contact>;

  /**
   * Update a contact
   *
   * Changes how the contact is named in your list; `null` goes back to no display name.
   * Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the contact.
   *
   * @param id The contact's id.
   */
  update(id: string, body?: ContactUpdate, options?: RequestOptions): APIPromise<Contact>;

  /**
   * Delete a contact
   *
   * Removes the contact from your list, and with it your conversation with the contact and that conversation's messages. The contact leaves every group it was a member of, and the messages it sent elsewhere keep their text with `contact: null`.
   * Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the contact is in no list.
   *
   * @param id The contact's id.
   */
  delete(id: string, options?: RequestOptions): APIPromise<void>;
}
