// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/client.d.ts.jinja. Do not edit.
import { BaseClient, type ClientOptions } from './core.js';
import type { Webhooks } from './webhooks.js';
import type { Conversations } from './resources/conversations.js';
import type { Widgets } from './resources/widgets.js';

/**
 * Two Resources API
 *
 * A small spec with two tags, to prove that resources come from the spec alone.
 */
export declare class ApiClient extends BaseClient {
  /**
   * @param token the API token; defaults to the PROTOCOL_API_TOKEN environment variable
   * @param options `baseUrl` (defaults to PROTOCOL_BASE_URL, else the spec's server),
   *   `timeout` in milliseconds, `maxRetries`
   */
  constructor(token?: string, options?: ClientOptions);
  /** Verifies and parses webhook deliveries (no request is sent). */
  readonly webhooks: Webhooks;
  /** Conversations, reduced to what this fixture needs. */
  readonly conversations: Conversations;
  /** Widgets, a resource the templates know nothing about. */
  readonly widgets: Widgets;
}

export default ApiClient;
