// Generated from spec/openapi.yaml + templates/typescript/resources/resource.js.jinja. Do not edit.
/** @import { BaseClient } from '../core.js' */
/** @import { APIPromise, Contact, ContactCreate, ContactUpdate, ListContactsParams, PagePromise, RequestOptions } from '../index.js' */

/** The people you converse with. Adding a contact starts your conversation with them. */
export class Contacts {
  /** @type {BaseClient} */
  #client;

  /** @param {BaseClient} client */
  constructor(client) {
    this.#client = client;
  }

  /**
   * List all contacts
   *
   * Returns one page of your contacts, newest first (`created_at`, then `id`, descending).
   *
   * The reference's curl sample sends `active=true`, a parameter it documents nowhere; this API has no such filter, and like every undefined parameter it gets `400 invalid_request`.
   *
   * Pages are walked with cursors: `starting_after` takes the `id` of the last contact of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your contacts that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.
   *
   * @param {ListContactsParams} [params]
   * @param {RequestOptions} [options]
   * @returns {PagePromise<Contact>}
   */
  list(params = {}, options) {
    return this.#client.requestPage(
      {
        method: 'GET',
        path: '/v1/contacts',
        query: params,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      { itemsField: 'data', hasMoreField: 'has_more', afterParam: 'starting_after', beforeParam: 'ending_before', cursorField: 'id' },
      options,
    );
  }

  /**
   * Create a contact
   *
   * Adds someone to your contact list. The server creates your conversation with the new contact alongside it and answers with its id in `conversation_id`; `last_active_at` is `null` until the contact does something. Usernames and phone numbers need not be unique.
   *
   * @param {ContactCreate} body
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Contact>}
   */
  create(body, options) {
    return this.#client.request(
      {
        method: 'POST',
        path: '/v1/contacts',
        security: [['bearerAuth'], ['basicAuth']],
        body,
        retrySafe: true,
        idempotencyHeader: 'Idempotency-Key',
      },
      options,
    );
  }

  /**
   * Retrieve a contact
   *
   * Returns the contact with this id, if it is one of yours.
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Contact>}
   */
  get(id, options) {
    return this.#client.request(
      {
        method: 'GET',
        path: `/v1/contacts/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Update a contact
   *
   * Changes how the contact is named in your list; `null` goes back to no display name.
   * Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the contact.
   *
   * @param {string} id
   * @param {ContactUpdate} [body]
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Contact>}
   */
  update(id, body, options) {
    return this.#client.request(
      {
        method: 'PUT',
        path: `/v1/contacts/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        body,
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Delete a contact
   *
   * Removes the contact from your list, and with it your conversation with the contact and that conversation's messages. The contact leaves every group it was a member of, and the messages it sent elsewhere keep their text with `contact: null`.
   * Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the contact is in no list.
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {APIPromise<void>}
   */
  delete(id, options) {
    return this.#client.request(
      {
        method: 'DELETE',
        path: `/v1/contacts/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      options,
    );
  }
}
