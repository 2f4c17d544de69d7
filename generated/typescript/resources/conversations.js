// Generated from spec/openapi.yaml + templates/typescript/resources/resource.js.jinja. Do not edit.
/** @import { BaseClient } from '../core.js' */
/** @import { APIPromise, Conversation, ConversationCreate, ConversationUpdate, ListConversationsParams, PagePromise, RequestOptions } from '../index.js' */

/**
 * A conversation holds the exchange between you and one contact, or between you and a group.
 * It can have a pinned message, and it can be pinned, muted and archived.
 */
export class Conversations {
  /** @type {BaseClient} */
  #client;

  /** @param {BaseClient} client */
  constructor(client) {
    this.#client = client;
  }

  /**
   * List all conversations
   *
   * Returns one page of your conversations, newest first: ordered by `created_at` descending,
   * and by `id` descending (byte order) among conversations created in the same second.
   * Archived conversations are included unless `archived=false` is given.
   *
   * Pages are walked with cursors. To get the next page, pass the `id` of the last
   * conversation of the current page as `starting_after`; to get the previous page, pass the
   * `id` of the first one as `ending_before`. Either way the page's `data` keeps the same
   * newest-first order, and `has_more` tells whether more conversations lie beyond this page
   * in the direction of travel: after its last conversation (no cursor, or `starting_after`),
   * or before its first one (`ending_before`).
   *
   * A cursor must be the id of one of your conversations that matches the same filters;
   * anything else, or both cursors at once, gets `400 invalid_request`.
   *
   * @param {ListConversationsParams} [params]
   * @param {RequestOptions} [options]
   * @returns {PagePromise<Conversation>}
   */
  list(params = {}, options) {
    return this.#client.requestPage(
      {
        method: 'GET',
        path: '/v1/conversations',
        query: params,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      { itemsField: 'data', hasMoreField: 'has_more', afterParam: 'starting_after', beforeParam: 'ending_before', cursorField: 'id' },
      options,
    );
  }

  /**
   * Create a conversation
   *
   * Starts a conversation between you and a contact (`contact_id`) or a group (`group_id`).
   * Exactly one of the two is given. The new conversation is not pinned, not muted, not
   * archived, and has no activity yet (`last_active_at` and `last_opened_at` are `null`).
   *
   * @param {ConversationCreate} body
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Conversation>}
   */
  create(body, options) {
    return this.#client.request(
      {
        method: 'POST',
        path: '/v1/conversations',
        security: [['bearerAuth'], ['basicAuth']],
        body,
        retrySafe: true,
        idempotencyHeader: 'Idempotency-Key',
      },
      options,
    );
  }

  /**
   * Retrieve a conversation
   *
   * Returns the conversation with this id, if it is one of yours.
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Conversation>}
   */
  get(id, options) {
    return this.#client.request(
      {
        method: 'GET',
        path: `/v1/conversations/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Update a conversation
   *
   * Changes only the attributes given; the others keep their values. `null` clears
   * `pinned_message_id` (no pinned message) and `archived_at` (not archived). An attribute
   * this operation does not know is rejected with `400 invalid_request`, and nothing changes.
   * An empty body (none at all, `{}`, or an empty form) changes nothing and returns the
   * conversation.
   *
   * @param {string} id
   * @param {ConversationUpdate} [body]
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Conversation>}
   */
  update(id, body, options) {
    return this.#client.request(
      {
        method: 'PUT',
        path: `/v1/conversations/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        body,
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Delete a conversation
   *
   * Permanently deletes the conversation and all its messages; archive it instead to be able
   * to restore it. Succeeds with `204 No Content` and an empty body. Afterwards the id gets
   * `404` from every operation and the conversation is in no list.
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {APIPromise<void>}
   */
  delete(id, options) {
    return this.#client.request(
      {
        method: 'DELETE',
        path: `/v1/conversations/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      options,
    );
  }
}
