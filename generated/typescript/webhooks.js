// Generated from spec/openapi.yaml + templates/typescript/webhooks.js.jinja. Do not edit.
/**
 * Webhook deliveries: verify their signature, then parse them into the declared event.
 *
 * The rules are the generator's one webhook policy, shared by the Python and PHP clients: both
 * signing schemes are implemented; `SIGNING` is the one the spec declares.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';

import { WebhookVerificationError } from './errors.js';

/** @import { Signing, WebhookEvent, WebhookHeaders, WebhooksOptions } from './webhooks.js' */

/** @type {Signing} */
export const SIGNING = Object.freeze({
  scheme: "hmac-sha256-hex",
  headers: ["x-protocol-signature"],
  tolerance: 0,
});
export const SECRET_ENV = "PROTOCOL_WEBHOOK_SECRET";
/**
 * Each declared webhook's name, with the body attribute that carries it.
 * @type {ReadonlyArray<readonly [string, string]>}
 */
export const EVENT_TYPES = Object.freeze([
  /** @type {const} */ (["conversation.created", "type"]),
  /** @type {const} */ (["conversation.updated", "type"]),
  /** @type {const} */ (["conversation.deleted", "type"]),
  /** @type {const} */ (["contact.created", "type"]),
  /** @type {const} */ (["contact.updated", "type"]),
  /** @type {const} */ (["contact.deleted", "type"]),
  /** @type {const} */ (["group.created", "type"]),
  /** @type {const} */ (["group.updated", "type"]),
  /** @type {const} */ (["group.deleted", "type"]),
  /** @type {const} */ (["message.created", "type"]),
  /** @type {const} */ (["message.updated", "type"]),
  /** @type {const} */ (["message.deleted", "type"]),
  /** @type {const} */ (["attachment.created", "type"]),
  /** @type {const} */ (["attachment.updated", "type"]),
  /** @type {const} */ (["attachment.deleted", "type"]),
]);

/** `client.webhooks`: check that a delivery comes from the API, and read it. */
export class Webhooks {
  /** @param {WebhooksOptions} [options] */
  constructor({ signing = SIGNING, now = () => Date.now() / 1000 } = {}) {
    this.signing = signing;
    this.now = now;
  }

  /**
   * The delivery's event, once its signature is verified.
   * @param {string | Uint8Array} body the raw body, exactly as received
   * @param {WebhookHeaders} headers the request's headers, any case
   * @param {string} [secret] defaults to the PROTOCOL_WEBHOOK_SECRET environment variable
   * @returns {WebhookEvent}
   */
  unwrap(body, headers, secret) {
    this.verifySignature(body, headers, secret);
    return parseEvent(body);
  }

  /**
   * Returns if the delivery is signed with `secret`; throws WebhookVerificationError if not.
   * @param {string | Uint8Array} body
   * @param {WebhookHeaders} headers
   * @param {string} [secret]
   * @returns {void}
   */
  verifySignature(body, headers, secret) {
    const key = secret ?? process.env[SECRET_ENV];
    if (!key) {
      throw new WebhookVerificationError(`no webhook secret: pass it or set $${SECRET_ENV}`);
    }
    const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    const lowered = lowerCase(headers);
    if (this.signing.scheme === 'standard-webhooks') {
      verifyStandard(this.signing, raw, lowered, key, this.now());
    } else if (this.signing.scheme === 'hmac-sha256-hex') {
      verifyHex(this.signing, raw, lowered, key);
    } else {
      throw new WebhookVerificationError(
        'the API declares no webhook signing scheme: deliveries cannot be verified',
      );
    }
  }
}

/**
 * The body as the event of the declared webhook its `type` names.
 * @param {string | Uint8Array} body
 * @returns {WebhookEvent}
 */
export function parseEvent(body) {
  /** @type {unknown} */
  let data;
  try {
    data = JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
  } catch (error) {
    throw new WebhookVerificationError(`the body is not JSON: ${String(error)}`);
  }
  const object =
    data !== null && typeof data === 'object' && !Array.isArray(data)
      ? /** @type {Record<string, unknown>} */ (data)
      : {};
  if (!EVENT_TYPES.some(([name, attribute]) => object[attribute] === name)) {
    const declared = EVENT_TYPES.map(([name]) => name).join(', ') || 'none';
    throw new WebhookVerificationError(`the body is not a declared event (${declared})`);
  }
  return /** @type {WebhookEvent} */ (data);
}

/**
 * @param {WebhookHeaders} headers
 * @returns {Map<string, string>}
 */
function lowerCase(headers) {
  const entries =
    typeof Headers !== 'undefined' && headers instanceof Headers
      ? [...headers.entries()]
      : Object.entries(headers);
  /** @type {Map<string, string>} */
  const lowered = new Map();
  for (const [name, value] of entries) {
    if (value !== undefined) lowered.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
  }
  return lowered;
}

/**
 * @param {Map<string, string>} headers
 * @param {string} name
 */
function header(headers, name) {
  const value = headers.get(name);
  if (!value) throw new WebhookVerificationError(`the delivery has no \`${name}\` header`);
  return value;
}

/**
 * Constant time for strings of equal length; a different length is a mismatch.
 * @param {string} expected
 * @param {string} received
 */
function same(expected, received) {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * @param {Signing} signing
 * @param {Buffer} body
 * @param {Map<string, string>} headers
 * @param {string} secret
 */
function verifyHex(signing, body, headers, secret) {
  const received = header(headers, signing.headers[signing.headers.length - 1] ?? '').trim();
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('hex');
  if (!same(expected, received)) {
    throw new WebhookVerificationError('the signature does not match the body and the secret');
  }
}

/**
 * @param {Signing} signing
 * @param {Buffer} body
 * @param {Map<string, string>} headers
 * @param {string} secret
 * @param {number} now
 */
function verifyStandard(signing, body, headers, secret, now) {
  const [idHeader = '', timestampHeader = '', signatureHeader = ''] = signing.headers;
  const messageId = header(headers, idHeader);
  const timestamp = header(headers, timestampHeader);
  const signatures = header(headers, signatureHeader);
  if (!/^[0-9]+$/.test(timestamp)) {
    throw new WebhookVerificationError(`\`${timestampHeader}\` is not a Unix time: ${JSON.stringify(timestamp)}`);
  }
  if (Math.abs(now - Number(timestamp)) > signing.tolerance) {
    throw new WebhookVerificationError(
      `the timestamp ${timestamp} is more than ${signing.tolerance} s from now`,
    );
  }
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    throw new WebhookVerificationError('the secret is not `whsec_` followed by base64');
  }
  const key = Buffer.from(encoded, 'base64');
  const signed = Buffer.concat([Buffer.from(`${messageId}.${timestamp}.`, 'utf8'), body]);
  const expected = createHmac('sha256', key).update(signed).digest('base64');
  let matched = false;
  for (const entry of signatures.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0) continue;
    // Every entry is compared, so the time taken does not tell which one matched.
    const ok = entry.slice(0, comma) === 'v1' && same(expected, entry.slice(comma + 1));
    matched = matched || ok;
  }
  if (!matched) throw new WebhookVerificationError('no signature matches the body and the secret');
}
