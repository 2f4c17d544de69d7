// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/resources/resource.js.jinja. Do not edit.
/** @import { BaseClient } from '../core.js' */
/** @import { Conversation, ListConversationsParams, PagePromise, RequestOptions } from '../index.js' */

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
        idempotent: true,
      },
      { itemsField: 'data', hasMoreField: 'has_more', cursorParam: 'starting_after', cursorField: 'id' },
      options,
    );
  }

  /**
   * Retrieve a conversation
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {Promise<Conversation>}
   */
  get(id, options) {
    return this.#client.request(
      {
        method: 'GET',
        path: `/v1/conversations/${encodeURIComponent(id)}`,
        idempotent: true,
      },
      options,
    );
  }
}
