// Generated from spec/openapi.yaml + templates/typescript/resources/resource.js.jinja. Do not edit.
/** @import { BaseClient } from '../core.js' */
/** @import { APIPromise, ListMessagesParams, Message, MessageCreate, MessageUpdate, PagePromise, RequestOptions } from '../index.js' */

/** What is said in conversations, with reactions and attachments. */
export class Messages {
  /** @type {BaseClient} */
  #client;

  /** @param {BaseClient} client */
  constructor(client) {
    this.#client = client;
  }

  /**
   * List all messages
   *
   * Returns one page of your messages in every conversation (contact and group ones), newest first (`created_at`, then `id`, descending).
   *
   * Pages are walked with cursors: `starting_after` takes the `id` of the last message of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your messages that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.
   *
   * @param {ListMessagesParams} [params]
   * @param {RequestOptions} [options]
   * @returns {PagePromise<Message>}
   */
  list(params = {}, options) {
    return this.#client.requestPage(
      {
        method: 'GET',
        path: '/v1/messages',
        query: params,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      { itemsField: 'data', hasMoreField: 'has_more', afterParam: 'starting_after', beforeParam: 'ending_before', cursorField: 'id' },
      options,
    );
  }

  /**
   * Send a message
   *
   * Sends a message into one of your conversations (the SDKs call it `send`; the webhook event is `message.created`). You send it, so `contact` (the sender, when one of your contacts sent it) is `null`. `attachments` takes ids of your uploads (`POST /v1/attachments`), which then belong to this message. The conversation's `last_active_at` becomes the message's `created_at`. `read_at` and `updated_at` start `null`.
   *
   * @param {MessageCreate} body
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Message>}
   */
  send(body, options) {
    return this.#client.request(
      {
        method: 'POST',
        path: '/v1/messages',
        security: [['bearerAuth'], ['basicAuth']],
        body,
        retrySafe: true,
        idempotencyHeader: 'Idempotency-Key',
      },
      options,
    );
  }

  /**
   * Retrieve a message
   *
   * Returns the message with this id, if it is one of yours.
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Message>}
   */
  get(id, options) {
    return this.#client.request(
      {
        method: 'GET',
        path: `/v1/messages/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Update a message
   *
   * `reactions` replaces the whole map of reactions: reaction name -> usernames of who reacted (the reference shows one map inside an array in responses; this API answers the map itself, and forms cannot write it: send JSON). `attachments` replaces the message's attachments (ids of your uploads; those left out are detached, `message_id: null`). `updated_at` becomes the time of the update.
   * Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the message.
   *
   * @param {string} id
   * @param {MessageUpdate} [body]
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Message>}
   */
  update(id, body, options) {
    return this.#client.request(
      {
        method: 'PUT',
        path: `/v1/messages/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        body,
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Delete a message
   *
   * Deletes the message permanently, with its attachments and their files. A conversation that pinned it has no pinned message any more.
   * Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the message is in no list.
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {APIPromise<void>}
   */
  delete(id, options) {
    return this.#client.request(
      {
        method: 'DELETE',
        path: `/v1/messages/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      options,
    );
  }
}
