// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/core.js.jinja. Do not edit.

/**
 * The transport every resource calls into: authentication, JSON, timeouts, retries.
 * Uses only what Node 20 has built in (fetch, AbortController).
 */

import { APIConnectionError, APIError, APITimeoutError, errorFromStatus } from './errors.js';
import { PagePromise, Page } from './pagination.js';

/** @import { ApiRequest, ClientOptions, ClientSettings, PaginationSpec, RequestOptions } from './core.js' */

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;
const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;
// A longer Retry-After than this is not waited for: the error goes to the caller instead.
const MAX_RETRY_AFTER_MS = 60_000;

export class BaseClient {
  /** @type {string} */
  #token;
  /** @type {string} */
  #userAgent;

  /**
   * @param {string | undefined} token
   * @param {ClientOptions} options
   * @param {ClientSettings} settings
   */
  constructor(token, options, settings) {
    const resolvedToken = token || readEnv(settings.tokenEnv);
    if (!resolvedToken) {
      throw new APIError(
        `No API token: pass one as new ApiClient(token) or set the ${settings.tokenEnv} environment variable.`,
      );
    }
    this.#token = resolvedToken;
    this.#userAgent = settings.userAgent;
    /** @type {string} */
    this.baseUrl = (options.baseUrl || readEnv(settings.baseUrlEnv) || settings.defaultBaseUrl).replace(/\/+$/, '');
    /** @type {number} */
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    /** @type {number} */
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  }

  /**
   * Sends one request, retrying idempotent ones; resolves to the parsed JSON body
   * (undefined when the response has none), typed as the operation's result by the caller.
   * @template [Result=unknown]
   * @param {ApiRequest} request
   * @param {RequestOptions} [options]
   * @returns {Promise<Result>}
   */
  async request(request, options = {}) {
    const timeout = options.timeout ?? this.timeout;
    const maxRetries = request.idempotent ? (options.maxRetries ?? this.maxRetries) : 0;
    for (let attempt = 0; ; attempt++) {
      /** @type {{ status: number, headers: Headers, text: string }} */
      let response;
      try {
        response = await this.#send(request, timeout);
      } catch (error) {
        if (error instanceof APIConnectionError && attempt < maxRetries) {
          await sleep(backoffDelay(attempt));
          continue;
        }
        throw error;
      }
      if (response.status >= 200 && response.status < 300) {
        return /** @type {Result} */ (parseSuccessBody(request, response));
      }
      if (isRetryableStatus(response.status) && attempt < maxRetries) {
        const delay = retryAfterDelay(response.headers) ?? backoffDelay(attempt);
        if (delay <= MAX_RETRY_AFTER_MS) {
          await sleep(delay);
          continue;
        }
      }
      throw errorFromStatus(response.status, parseErrorBody(response.text), response.headers);
    }
  }

  /**
   * Sends a list request; the page it resolves to can fetch the pages after it.
   * @template Item
   * @param {ApiRequest} request
   * @param {PaginationSpec} pagination
   * @param {RequestOptions} [options]
   * @returns {PagePromise<Item>}
   */
  requestPage(request, pagination, options) {
    /** @type {(query: Record<string, unknown>) => Promise<Page<Item>>} */
    const fetchPage = async (query) => {
      const body = await this.request({ ...request, query }, options);
      return new Page(/** @type {Record<string, unknown>} */ (body), pagination, query, fetchPage);
    };
    return new PagePromise((resolve, reject) => {
      fetchPage({ ...request.query }).then(resolve, reject);
    });
  }

  /**
   * @param {ApiRequest} request
   * @param {number} timeout
   * @returns {Promise<{ status: number, headers: Headers, text: string }>}
   */
  async #send(request, timeout) {
    const url = buildUrl(this.baseUrl, request.path, request.query);
    /** @type {Record<string, string>} */
    const headers = {
      Accept: 'application/json',
      Authorization: `Bearer ${this.#token}`,
      'User-Agent': this.#userAgent,
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    try {
      const response = await fetch(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: controller.signal,
      });
      // Read the body before the timer stops: a server that stalls mid-body times out too.
      const text = await response.text();
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      if (controller.signal.aborted) {
        throw new APITimeoutError({
          message: `${request.method} ${url} got no complete answer within ${timeout} ms.`,
          cause: error,
        });
      }
      throw new APIConnectionError({
        message: `${request.method} ${url} failed before an HTTP answer: ${describe(error)}`,
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * @param {string} name
 * @returns {string | undefined}
 */
function readEnv(name) {
  // Read through globalThis so that the module also loads where there is no `process`.
  const runtime = /** @type {{ process?: { env?: Record<string, string | undefined> } }} */ (globalThis);
  const value = runtime.process?.env?.[name];
  return value ? value : undefined;
}

/**
 * @param {string} baseUrl
 * @param {string} path
 * @param {object | undefined} query
 * @returns {string}
 */
function buildUrl(baseUrl, path, query) {
  const url = new URL(baseUrl + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    // Left out means "not given"; booleans travel as `true`/`false`, numbers in decimal.
    if (value !== undefined && value !== null) url.searchParams.append(key, String(value));
  }
  return url.toString();
}

/**
 * @param {ApiRequest} request
 * @param {{ status: number, text: string }} response
 * @returns {unknown}
 */
function parseSuccessBody(request, response) {
  if (response.status === 204 || response.text === '') return undefined;
  try {
    return JSON.parse(response.text);
  } catch (error) {
    throw new APIError(
      `${request.method} ${request.path} answered ${response.status} with a body that is not JSON: ` +
        JSON.stringify(response.text.slice(0, 200)),
      { cause: error },
    );
  }
}

/**
 * @param {string} text
 * @returns {unknown}
 */
function parseErrorBody(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * @param {number} status
 * @returns {boolean}
 */
function isRetryableStatus(status) {
  return status === 429 || status >= 500;
}

/**
 * The wait the server asked for with Retry-After (seconds or an HTTP date), in milliseconds;
 * undefined when it did not ask.
 * @param {Headers} headers
 * @returns {number | undefined}
 */
function retryAfterDelay(headers) {
  const retryAfter = headers.get('retry-after');
  if (!retryAfter) return undefined;
  const seconds = Number(retryAfter);
  const delay = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
  return Number.isFinite(delay) ? Math.max(0, delay) : undefined;
}

/**
 * Exponential backoff with jitter before retry number `attempt + 1`, in milliseconds.
 * @param {number} attempt
 * @returns {number}
 */
function backoffDelay(attempt) {
  const backoff = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** attempt, MAX_RETRY_DELAY_MS);
  return backoff * (1 - Math.random() * 0.25);
}

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function describe(error) {
  if (error instanceof Error) {
    const cause = /** @type {{ cause?: unknown }} */ (error).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
