// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/core.d.ts.jinja. Do not edit.
import type { PagePromise } from './pagination.js';
import type { APIPromise } from './response.js';

/** Options for `new ApiClient(token, options)` and `client.withOptions(options)`. */
export interface ClientOptions {
  /** Defaults to the PROTOCOL_BASE_URL environment variable, else the spec's server. */
  baseUrl?: string;
  /** Milliseconds to wait for the answer (no byte for that long is a timeout). Default: 60000. */
  timeout?: number;
  /** Milliseconds to open the connection. Default: 10000. */
  connectTimeout?: number;
  /**
   * How often a request that is safe to send again is retried (after a connection error, a
   * timeout, 408, 409, 429 or a 5xx). Creates carry an idempotency key, so they are safe too.
   * Default: 2.
   */
  maxRetries?: number;
}

/**
 * A file to upload: a Blob (a File is one, and gives the part its name and type), a Node Buffer
 * or any Uint8Array, an ArrayBuffer, or a Node readable stream (`fs.createReadStream(path)`
 * gives the part its path's name). A file without a name is sent as "upload"; its type,
 * unless a Blob says it, comes from the name's extension, else application/octet-stream.
 */
export type Uploadable = Blob | Uint8Array | ArrayBuffer | import('node:stream').Readable;

/** What one call may set for itself, as its last argument. */
export interface RequestOptions {
  /** Milliseconds to wait for the answer, for this call. */
  timeout?: number;
  /** Milliseconds to open the connection, for this call. */
  connectTimeout?: number;
  /** Retries for this call instead of the client's. */
  maxRetries?: number;
  /** Sent with this call (on every retry). */
  headers?: Record<string, string>;
  /**
   * For operations that take an idempotency key (creates): the key to send, instead of a fresh
   * one; the same key goes with every retry.
   */
  idempotencyKey?: string;
}

/** What a generated client passes to its base class. */
export interface ClientSettings {
  defaultBaseUrl: string;
  baseUrlEnv: string;
  userAgent: string;
}

/** One HTTP request, as the resources describe it. */
export interface ApiRequest {
  method: string;
  path: string;
  query?: object;
  /** Header and cookie parameters, by wire name. */
  headers?: Record<string, unknown>;
  cookies?: Record<string, unknown>;
  /** The `style` and `explode` of each parameter not sent as its location's default. */
  styles?: Record<string, [string, boolean]>;
  /** The security requirements' alternatives; none when the operation needs no credentials. */
  security?: string[][];
  /** The body's attributes (an object), or the whole body (`whole`: an array, text, a file). */
  body?: unknown;
  /** How the body travels: JSON unless the operation declares otherwise. */
  encoding?: 'json' | 'multipart' | 'form' | 'text' | 'binary';
  /** The body's Content-Type as the spec declares it (default `application/json`). */
  contentType?: string;
  /** The body attributes that are files (multipart parts with a file name). */
  files?: string[];
  /** The body is one value, not an object's attributes. */
  whole?: boolean;
  /** The success response's declared media types (default `application/json`). */
  accept?: string;
  /** How the answer is read: JSON unless the operation answers text or bytes. */
  responseKind?: 'text' | 'binary';
  /** Safe to send twice (an idempotent method, or an idempotency key), so retried. */
  retrySafe: boolean;
  /** The header that carries the call's idempotency key, for operations that take one. */
  idempotencyHeader?: string;
}

/** How a list pages, from the spec's `x-protocol-pagination`. */
export interface PaginationSpec {
  itemsField: string;
  hasMoreField: string;
  afterParam: string;
  beforeParam: string | null;
  cursorField: string;
}

/** A path parameter in its style (`simple`, `label`, `matrix`), escaped. */
export declare function pathParam(value: unknown, explode: boolean, style: string, name: string): string;

export declare class BaseClient {
  constructor(token: string | undefined, options: ClientOptions, settings: ClientSettings);
  readonly baseUrl: string;
  readonly timeout: number;
  readonly connectTimeout: number;
  readonly maxRetries: number;
  /** A copy of this client with other defaults. */
  withOptions(options: ClientOptions): this;
  /**
   * Sends one request, retrying it when it is safe to; resolves to the parsed JSON body
   * (undefined when there is none), typed as the operation's result by the caller.
   */
  request<Result = unknown>(request: ApiRequest, options?: RequestOptions): APIPromise<Result>;
  /** Sends a list request; the page it resolves to can fetch the pages after it. */
  requestPage<Item>(request: ApiRequest, pagination: PaginationSpec, options?: RequestOptions): PagePromise<Item>;
}
