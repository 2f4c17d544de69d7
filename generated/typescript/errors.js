// Generated from spec/openapi.yaml + templates/typescript/errors.js.jinja. Do not edit.

/**
 * The one error hierarchy of this client. Everything it throws is an APIError:
 *
 *   APIError
 *   ├── APIConnectionError        the request never got an HTTP answer
 *   │   └── APITimeoutError       ... because the timeout ran out
 *   ├── WebhookVerificationError  a webhook delivery is not signed or not a declared event
 *   └── APIStatusError            the server answered 4xx/5xx: status, type, message, body
 *       ├── BadRequestError (400)
 *       ├── AuthenticationError (401)
 *       ├── PermissionDeniedError (403)
 *       ├── NotFoundError (404)
 *       ├── ConflictError (409)
 *       ├── PayloadTooLargeError (413)
 *       ├── UnsupportedMediaTypeError (415)
 *       ├── UnprocessableEntityError (422)
 *       ├── RateLimitError (429)
 *       └── InternalServerError (5xx)
 */

export class APIError extends Error {
  /**
   * @param {string} message
   * @param {{ cause?: unknown }} [options]
   */
  constructor(message, options) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A webhook delivery failed verification: not signed with the secret, a timestamp out of
 * tolerance, or a body that is not a declared event. Answer it with a 4xx and ignore it. */
export class WebhookVerificationError extends APIError {}

export class APIConnectionError extends APIError {
  /** @param {{ message?: string, cause?: unknown }} [options] */
  constructor({ message = 'Could not reach the API server.', cause } = {}) {
    super(message, { cause });
  }
}

export class APITimeoutError extends APIConnectionError {
  /** @param {{ message?: string, cause?: unknown }} [options] */
  constructor({ message = 'The request timed out.', cause } = {}) {
    super({ message, cause });
  }
}

export class APIStatusError extends APIError {
  /**
   * @param {number} status
   * @param {unknown} body the parsed JSON error object, or the raw text when it was not JSON
   * @param {Headers} headers
   */
  constructor(status, body, headers) {
    const error = errorObject(body);
    super(error.message ?? `The server answered with status ${status} and no error message.`);
    /** The HTTP status code. */
    this.status = status;
    /** The error type: `invalid_request` (fix the request) or `api_error` (retry later). */
    this.type = error.type ?? (status >= 500 ? 'api_error' : 'invalid_request');
    /** A page that explains this type of error, when the server gave one. */
    this.documentation_url = error.documentation_url;
    /** The response body as received. */
    this.body = body;
    /** The response headers. */
    this.headers = headers;
  }
}

/** 400: the request is malformed or asks for something impossible. */
export class BadRequestError extends APIStatusError {}
/** 401: the API token is missing or unknown. */
export class AuthenticationError extends APIStatusError {}
/** 403: the token may not do this. */
export class PermissionDeniedError extends APIStatusError {}
/** 404: no such object among yours. */
export class NotFoundError extends APIStatusError {}
/** 409: the request clashes with the current state. Retried automatically when the request is safe
 * to send twice. */
export class ConflictError extends APIStatusError {}
/** 413: the body is larger than the server accepts. */
export class PayloadTooLargeError extends APIStatusError {}
/** 415: the server does not accept the body's type. */
export class UnsupportedMediaTypeError extends APIStatusError {}
/** 422: the request is well-formed but cannot be done. */
export class UnprocessableEntityError extends APIStatusError {}
/** 429: too many requests: slow down. Retried automatically when the request is safe to send twice. */
export class RateLimitError extends APIStatusError {}
/** 5xx: the server failed; trying again later may succeed. Retried automatically when the request
 * is safe to send twice. */
export class InternalServerError extends APIStatusError {}

/** @type {ReadonlyMap<number, typeof APIStatusError>} */
const ERROR_CLASSES = new Map([
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, PermissionDeniedError],
  [404, NotFoundError],
  [409, ConflictError],
  [413, PayloadTooLargeError],
  [415, UnsupportedMediaTypeError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
]);

/**
 * The error for an unsuccessful response: the one place that maps a status to its class.
 * @param {number} status
 * @param {unknown} body
 * @param {Headers} headers
 * @returns {APIStatusError}
 */
export function errorFromStatus(status, body, headers) {
  const ErrorClass = ERROR_CLASSES.get(status) ?? (status >= 500 ? InternalServerError : APIStatusError);
  return new ErrorClass(status, body, headers);
}

/**
 * The `type`, `message` and `documentation_url` of an error body, each only when it is a string.
 * @param {unknown} body
 * @returns {{ type?: string, message?: string, documentation_url?: string }}
 */
function errorObject(body) {
  if (typeof body !== 'object' || body === null) {
    return typeof body === 'string' && body !== '' ? { message: body } : {};
  }
  /** @type {Record<string, unknown>} */
  const fields = /** @type {Record<string, unknown>} */ (body);
  /** @param {string} key */
  const text = (key) => (typeof fields[key] === 'string' ? /** @type {string} */ (fields[key]) : undefined);
  return { type: text('type'), message: text('message'), documentation_url: text('documentation_url') };
}
