// Generated from spec/openapi.yaml + templates/typescript/client.d.ts.jinja. Do not edit.
import { BaseClient, type ClientOptions } from './core.js';
import type { Webhooks } from './webhooks.js';
import type { Conversations } from './resources/conversations.js';
import type { Contacts } from './resources/contacts.js';
import type { Groups } from './resources/groups.js';
import type { Messages } from './resources/messages.js';
import type { Attachments } from './resources/attachments.js';

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
export declare class ApiClient extends BaseClient {
  /**
   * @param token the API token; defaults to the PROTOCOL_API_TOKEN environment variable
   * @param options `baseUrl` (defaults to PROTOCOL_BASE_URL, else the spec's server),
   *   `timeout` in milliseconds, `maxRetries`;
   *   `username` defaults to the PROTOCOL_USERNAME environment variable;
   *   `password` defaults to the PROTOCOL_PASSWORD environment variable
   */
  constructor(token?: string, options?: ClientOptions);
  /** Verifies and parses webhook deliveries (no request is sent). */
  readonly webhooks: Webhooks;
  /**
   * A conversation holds the exchange between you and one contact, or between you and a group.
   * It can have a pinned message, and it can be pinned, muted and archived.
   */
  readonly conversations: Conversations;
  /** The people you converse with. Adding a contact starts your conversation with them. */
  readonly contacts: Contacts;
  /** A set of your contacts you talk to at once, with its own conversation. */
  readonly groups: Groups;
  /** What is said in conversations, with reactions and attachments. */
  readonly messages: Messages;
  /** Files uploaded to be sent with messages. */
  readonly attachments: Attachments;
}

export default ApiClient;
