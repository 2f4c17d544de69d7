// Generated from spec/openapi.yaml + templates/typescript/resources/resource.d.ts.jinja. Do not edit.
import type { BaseClient } from '../core.js';
import type { APIPromise, ListMessagesParams, Message, MessageCreate, MessageUpdate, PagePromise, RequestOptions } from '../index.js';

/** What is said in conversations, with reactions and attachments. */
export declare class Messages {
  constructor(client: BaseClient);

  /**
   * List all messages
   *
   * Returns one page of your messages in every conversation (contact and group ones), newest first (`created_at`, then `id`, descending).
   *
   * Pages are walked with cursors: `starting_after` takes the `id` of the last message of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your messages that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.
   */
  list(params?: ListMessagesParams, options?: RequestOptions): PagePromise<Message>;

  /**
   * Send a message
   *
   * Sends a message into one of your conversations (the SDKs call it `send`; the webhook event is `message.created`). You send it, so `contact` (the sender, when one of your contacts sent it) is `null`. `attachments` takes ids of your uploads (`POST /v1/attachments`), which then belong to this message. The conversation's `last_active_at` becomes the message's `created_at`. `read_at` and `updated_at` start `null`.
   */
  send(body: MessageCreate, options?: RequestOptions): APIPromise<Message>;

  /**
   * Retrieve a message
   *
   * Returns the message with this id, if it is one of yours.
   *
   * @param id The message's id.
   */
  get(id: string, options?: RequestOptions): APIPromise<Message>;

  /**
   * Update a message
   *
   * `reactions` replaces the whole map of reactions: reaction name -> usernames of who reacted (the reference shows one map inside an array in responses; this API answers the map itself, and forms cannot write it: send JSON). `attachments` replaces the message's attachments (ids of your uploads; those left out are detached, `message_id: null`). `updated_at` becomes the time of the update.
   * Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the message.
   *
   * @param id The message's id.
   */
  update(id: string, body?: MessageUpdate, options?: RequestOptions): APIPromise<Message>;

  /**
   * Delete a message
   *
   * Deletes the message permanently, with its attachments and their files. A conversation that pinned it has no pinned message any more.
   * Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the message is in no list.
   *
   * @param id The message's id.
   */
  delete(id: string, options?: RequestOptions): APIPromise<void>;
}
