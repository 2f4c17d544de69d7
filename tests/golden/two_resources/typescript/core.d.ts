// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/core.d.ts.jinja. Do not edit.

import type { PagePromise } from './pagination.js';

/** Options for `new ApiClient(token, options)`. */
export interface ClientOptions {
  /** Defaults to the PROTOCOL_BASE_URL environment variable, else the spec's server. */
  baseUrl?: string;
  /** Milliseconds to wait for each attempt's complete answer. Default: 60000. */
  timeout?: number;
  /** How often an idempotent request (GET, PUT, DELETE) is retried. Default: 2. */
  maxRetries?: number;
}

/** Per-call overrides of the client's options. */
export interface RequestOptions {
  timeout?: number;
  maxRetries?: number;
}

/** What a generated client passes to its base class. */
export interface ClientSettings {
  defaultBaseUrl: string;
  baseUrlEnv: string;
  tokenEnv: string;
  userAgent: string;
}

/** One HTTP request, as the resources describe it. */
export interface ApiRequest {
  method: string;
  path: string;
  query?: object;
  body?: unknown;
  /** Safe to send twice, so retried on connection errors, 429 and 5xx. */
  idempotent: boolean;
}

/** Where a list envelope keeps its items, and how the next page is asked for. */
export interface PaginationSpec {
  itemsField: string;
  hasMoreField: string;
  cursorParam: string;
  cursorField: string;
}

export declare class BaseClient {
  constructor(token: string | undefined, options: ClientOptions, settings: ClientSettings);
  readonly baseUrl: string;
  readonly timeout: number;
  readonly maxRetries: number;
  /**
   * Sends one request, retrying idempotent ones; resolves to the parsed JSON body (undefined
   * when there is none), typed as the operation's result by the caller.
   */
  request<Result = unknown>(request: ApiRequest, options?: RequestOptions): Promise<Result>;
  /** Sends a list request; the page it resolves to can fetch the pages after it. */
  requestPage<Item>(request: ApiRequest, pagination: PaginationSpec, options?: RequestOptions): PagePromise<Item>;
}
