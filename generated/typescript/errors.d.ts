// Generated from spec/openapi.yaml + templates/typescript/errors.d.ts.jinja. Do not edit.

/** Base class of everything this client throws. */
export declare class APIError extends Error {
  constructor(message: string, options?: { cause?: unknown });
}

/** A webhook delivery failed verification: not signed with the secret, a timestamp out of
 * tolerance, or a body that is not a declared event. */
export declare class WebhookVerificationError extends APIError {}

/** The request never got an HTTP answer (DNS, refused connection, reset, ...). */
export declare class APIConnectionError extends APIError {
  constructor(options?: { message?: string; cause?: unknown });
}

/** The request got no answer before the timeout ran out. */
export declare class APITimeoutError extends APIConnectionError {
  constructor(options?: { message?: string; cause?: unknown });
}

/** The server answered with a 4xx or 5xx status. */
export declare class APIStatusError extends APIError {
  constructor(status: number, body: unknown, headers: Headers);
  /** The HTTP status code. */
  readonly status: number;
  /** The error type: `invalid_request` (fix the request) or `api_error` (retry later). */
  readonly type: string;
  /** A page that explains this type of error, when the server gave one. */
  readonly documentation_url: string | undefined;
  /** The response body as received: the parsed JSON error object, or the raw text. */
  readonly body: unknown;
  /** The response headers. */
  readonly headers: Headers;
}

/** 400: the request is malformed or asks for something impossible. */
export declare class BadRequestError extends APIStatusError {}
/** 401: the API token is missing or unknown. */
export declare class AuthenticationError extends APIStatusError {}
/** 403: the token may not do this. */
export declare class PermissionDeniedError extends APIStatusError {}
/** 404: no such object among yours. */
export declare class NotFoundError extends APIStatusError {}
/** 409: the request clashes with the current state. Retried automatically when the request is safe
 * to send twice. */
export declare class ConflictError extends APIStatusError {}
/** 413: the body is larger than the server accepts. */
export declare class PayloadTooLargeError extends APIStatusError {}
/** 415: the server does not accept the body's type. */
export declare class UnsupportedMediaTypeError extends APIStatusError {}
/** 422: the request is well-formed but cannot be done. */
export declare class UnprocessableEntityError extends APIStatusError {}
/** 429: too many requests: slow down. Retried automatically when the request is safe to send twice. */
export declare class RateLimitError extends APIStatusError {}
/** 5xx: the server failed; trying again later may succeed. Retried automatically when the request
 * is safe to send twice. */
export declare class InternalServerError extends APIStatusError {}

/** The error for an unsuccessful response: maps a status to its class. */
export declare function errorFromStatus(status: number, body: unknown, headers: Headers): APIStatusError;
