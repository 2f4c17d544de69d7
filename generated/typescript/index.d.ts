// Generated from spec/openapi.yaml + templates/typescript/index.d.ts.jinja. Do not edit.

import { ApiClient } from './client.js';

export { ApiClient };
export type { ClientOptions, RequestOptions, Uploadable } from './core.js';
export { Page, PagePromise } from './pagination.js';
export { APIPromise, RawResponse } from './response.js';
export {
  APIConnectionError,
  APIError,
  APIStatusError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  UnsupportedMediaTypeError,
  WebhookVerificationError,
  errorFromStatus,
} from './errors.js';
export { Webhooks } from './webhooks.js';
export type * from './types.js';
export type { Signing, WebhookEvent, WebhookHeaders, WebhooksOptions } from './webhooks.js';
export default ApiClient;
