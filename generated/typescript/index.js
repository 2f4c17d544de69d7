// Generated from spec/openapi.yaml + templates/typescript/index.js.jinja. Do not edit.

import { ApiClient } from './client.js';

export { ApiClient };
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
export default ApiClient;
