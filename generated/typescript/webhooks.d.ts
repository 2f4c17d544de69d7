// Generated from spec/openapi.yaml + templates/typescript/webhooks.d.ts.jinja. Do not edit.
import type { AttachmentEvent, ContactEvent, ConversationEvent, GroupEvent, MessageEvent } from './types.js';

/** How deliveries are signed: the scheme, its headers (lower case, the signature's last) and,
 * for a scheme that signs a timestamp, the tolerance in seconds either side of now. */
export interface Signing {
  readonly scheme: 'hmac-sha256-hex' | 'standard-webhooks' | '';
  readonly headers: readonly string[];
  readonly tolerance: number;
}

/** The body of a delivery of any declared webhook, told apart by its `type`. */
export type WebhookEvent = ConversationEvent | ContactEvent | GroupEvent | MessageEvent | AttachmentEvent;

/** A request's headers: Node's `IncomingHttpHeaders`, a fetch `Headers`, or a plain object. */
export type WebhookHeaders =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface WebhooksOptions {
  /** The scheme to verify; defaults to the one the spec declares. */
  signing?: Signing;
  /** The clock, in Unix seconds, that timestamps are checked against. */
  now?: () => number;
}

/** The scheme the spec declares. */
export declare const SIGNING: Signing;
/** The environment variable read when no secret is passed. */
export declare const SECRET_ENV: string;
/** Each declared webhook's name, with the body attribute that carries it. */
export declare const EVENT_TYPES: ReadonlyArray<readonly [string, string]>;

/** `client.webhooks`: check that a delivery comes from the API, and read it. */
export declare class Webhooks {
  constructor(options?: WebhooksOptions);
  readonly signing: Signing;
  readonly now: () => number;
  /**
   * The delivery's event, once its signature is verified. Throws WebhookVerificationError on a
   * missing or wrong signature, a timestamp out of tolerance, or a body that is not an event of
   * a declared webhook.
   * @param body the raw body, exactly as received (parse nothing before verifying)
   * @param headers the request's headers, any case
   * @param secret defaults to the PROTOCOL_WEBHOOK_SECRET environment variable
   */
  unwrap(body: string | Uint8Array, headers: WebhookHeaders, secret?: string): ConversationEvent | ContactEvent | GroupEvent | MessageEvent | AttachmentEvent;
  /** Returns if the delivery is signed with `secret`; throws WebhookVerificationError if not. */
  verifySignature(body: string | Uint8Array, headers: WebhookHeaders, secret?: string): void;
}

/** The body as the event of the declared webhook its `type` names (no signature check). */
export declare function parseEvent(body: string | Uint8Array): WebhookEvent;
