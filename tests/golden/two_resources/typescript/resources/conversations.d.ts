// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/resources/resource.d.ts.jinja. Do not edit.
import type { BaseClient } from '../core.js';
import type { APIPromise, Conversation, ConversationCreate, ConversationUpdate, ListConversationsParams, PagePromise, RequestOptions } from '../index.js';

/** Conversations, reduced to what this fixture needs. */
export declare class Conversations {
  constructor(client: BaseClient);

  /** List conversations */
  list(params?: ListConversationsParams, options?: RequestOptions): PagePromise<Conversation>;

  /** Create a conversation */
  create(body: ConversationCreate, options?: RequestOptions): APIPromise<Conversation>;

  /**
   * Retrieve a conversation
   *
   * @param id The object's id.
   */
  get(id: string, options?: RequestOptions): APIPromise<Conversation>;

  /**
   * Delete a conversation
   *
   * @param id The object's id.
   */
  delete(id: string, options?: RequestOptions): APIPromise<void>;

  /**
   * Update a conversation
   *
   * @param id The object's id.
   */
  update(id: string, body: ConversationUpdate, options?: RequestOptions): APIPromise<Conversation>;
}
