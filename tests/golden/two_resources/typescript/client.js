// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/client.js.jinja. Do not edit.
import { BaseClient } from './core.js';
import { Webhooks } from './webhooks.js';
import { Conversations } from './resources/conversations.js';
import { Widgets } from './resources/widgets.js';

/** @import { ClientOptions } from './core.js' */

/**
 * Two Resources API
 *
 * A small spec with two tags, to prove that resources come from the spec alone.
 */
export class ApiClient extends BaseClient {
  /**
   * @param {string} [token] the API token; defaults to the PROTOCOL_API_TOKEN environment variable
   * @param {ClientOptions} [options] `baseUrl` (defaults to PROTOCOL_BASE_URL, else the spec's
   *   server), `timeout` in milliseconds, `maxRetries`
   */
  constructor(token, options = {}) {
    super(token, options, { defaultBaseUrl: 'https://api.example.test', baseUrlEnv: 'PROTOCOL_BASE_URL', userAgent: 'protocol-api-js/0.1.0' });
    /** Verifies and parses webhook deliveries (no request is sent). */
    this.webhooks = new Webhooks();
    /** Conversations, reduced to what this fixture needs. */
    this.conversations = new Conversations(this);
    /** Widgets, a resource the templates know nothing about. */
    this.widgets = new Widgets(this);
  }
}

export default ApiClient;
