// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/resources/resource.js.jinja. Do not edit.
/** @import { BaseClient } from '../core.js' */
/** @import { APIPromise, Conversation, ConversationCreate, ConversationUpdate, ListConversationsParams, PagePromise, RequestOptions } from '../index.js' */

/** Conversations, reduced to what this fixture needs. */
export class Conversations {
  /** @type {BaseClient} */
  #client;

  /** @param {BaseClient} client */
  constructor(client) {
    this.#client = client;
  }

  /**
   * List conversations
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
        security: [['bearerAuth']],
        retrySafe: true,
      },
      { itemsField: 'data', hasMoreField: 'has_more', afterParam: 'starting_after', beforeParam: 'ending_before', cursorField: 'id' },
      options,
    );
  }

  /**
   * Create a conversation
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
        security: [['bearerAuth']],
        body,
        retrySafe: false,
      },
      options,
    );
  }

  /**
   * Retrieve a conversation
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
        security: [['bearerAuth']],
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Delete a conversation
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
        security: [['bearerAuth']],
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Update a conversation
   *
   * @param {string} id
   * @param {ConversationUpdate} body
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Conversation>}
   */
  update(id, body, options) {
    return this.#client.request(
      {
        method: 'PATCH',
        path: `/v1/conversations/${encodeURIComponent(id)}`,
        security: [['bearerAuth']],
        body,
        retrySafe: false,
      },
      options,
    );
  }
}
