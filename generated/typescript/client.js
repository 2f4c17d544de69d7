// Generated from spec/openapi.yaml + templates/typescript/client.js.jinja. Do not edit.
import { BaseClient } from './core.js';
import { Webhooks } from './webhooks.js';
import { Conversations } from './resources/conversations.js';
import { Contacts } from './resources/contacts.js';
import { Groups } from './resources/groups.js';
import { Messages } from './resources/messages.js';
import { Attachments } from './resources/attachments.js';

/** @import { ClientOptions } from './core.js' */

/**
 * Protocol API
 *
 * The Protocol API lets you read and manage the contacts, conversations, groups, messages and
 * attachments of the authenticated account. Ids are case-sensitive and unique per account and
 * resource. Objects refer to each other by id; a request naming an id that is not one of yours
 * gets `400 invalid_request` naming the attribute, and nothing is written.
 *
 * Every request is authenticated. Send your API token as a bearer token
 * (`Authorization: Bearer {token}`); all official clients do. HTTP Basic with the token as the
 * password is also accepted but discouraged.
 *
 * Request bodies may be sent as JSON (`application/json`) or form-encoded
 * (`application/x-www-form-urlencoded`); both mean the same. In a form body, booleans are written
 * `true` or `false` (nothing else is a boolean), integers in decimal (`10`; `10.0` is the same
 * integer), and `null`, for the attributes that accept it, is written as the word `null`
 * (`archived_at=null`). An empty value is an empty string, not `null`. A key may appear at
 * most once.
 *
 * Query parameters that an operation does not define are rejected with `400 invalid_request`,
 * so a misspelt filter never silently returns everything.
 *
 * Every unsuccessful response (4xx or 5xx) has an `Error` object as its body, served as
 * `application/json`.
 */
export class ApiClient extends BaseClient {
  /**
   * @param {string} [token] the API token; defaults to the PROTOCOL_API_TOKEN environment variable
   * @param {ClientOptions} [options] `baseUrl` (defaults to PROTOCOL_BASE_URL, else the spec's
   *   server), `timeout` in milliseconds, `maxRetries`;
   *   `username` defaults to the PROTOCOL_USERNAME environment variable;
   *   `password` defaults to the PROTOCOL_PASSWORD environment variable
   */
  constructor(token, options = {}) {
    super(token, options, { defaultBaseUrl: 'https://api.protocol.chat', baseUrlEnv: 'PROTOCOL_BASE_URL', userAgent: 'protocol-api-js/1.0.0' });
    /** Verifies and parses webhook deliveries (no request is sent). */
    this.webhooks = new Webhooks();
    /**
     * A conversation holds the exchange between you and one contact, or between you and a group.
     * It can have a pinned message, and it can be pinned, muted and archived.
     */
    this.conversations = new Conversations(this);
    /** The people you converse with. Adding a contact starts your conversation with them. */
    this.contacts = new Contacts(this);
    /** A set of your contacts you talk to at once, with its own conversation. */
    this.groups = new Groups(this);
    /** What is said in conversations, with reactions and attachments. */
    this.messages = new Messages(this);
    /** Files uploaded to be sent with messages. */
    this.attachments = new Attachments(this);
  }
}

export default ApiClient;
