// Generated from spec/openapi.yaml + templates/typescript/response.js.jinja. Do not edit.

/**
 * What a call returns: a Promise of its result that can also give the HTTP response,
 * as openai-node's does.
 *
 *   const conversation = await client.conversations.get(id);
 *   const { data, response } = await client.conversations.get(id).withResponse();
 *   response.status; response.headers.get('content-type');
 */

/** One HTTP response as received: status, headers, and the body as text and as bytes. */
export class RawResponse {
  /**
   * @param {number} status
   * @param {Headers} headers
   * @param {string} text
   * @param {string} url
   * @param {Uint8Array} [body] the body's bytes (by default, the text's UTF-8)
   */
  constructor(status, headers, text, url, body = new TextEncoder().encode(text)) {
    /** @type {number} */
    this.status = status;
    /** @type {Headers} */
    this.headers = headers;
    /** @type {string} */
    this.text = text;
    /** @type {string} */
    this.url = url;
    /** @type {Uint8Array} */
    this.body = body;
  }
}

/**
 * @template T
 * @extends {Promise<T>}
 */
export class APIPromise extends Promise {
  /** @type {Promise<{ data: T, response: RawResponse }>} */
  #withResponse;

  /**
   * @param {Promise<{ data: T, response: RawResponse }>} withResponse
   */
  constructor(withResponse) {
    // The base Promise is never used: then/catch/finally below go through `withResponse`.
    super((resolve) => resolve(/** @type {T} */ (/** @type {unknown} */ (undefined))));
    this.#withResponse = withResponse;
  }

  /**
   * then/catch/finally return plain Promises, not half-built APIPromises.
   * @override
   */
  static get [Symbol.species]() {
    return Promise;
  }

  /** @returns {Promise<{ data: T, response: RawResponse }>} the result and the HTTP response */
  withResponse() {
    return this.#withResponse;
  }

  /** @returns {Promise<RawResponse>} the HTTP response alone */
  asResponse() {
    return this.#withResponse.then(({ response }) => response);
  }

  /**
   * @template [Fulfilled=T]
   * @template [Rejected=never]
   * @param {((value: T) => Fulfilled | PromiseLike<Fulfilled>) | null} [onFulfilled]
   * @param {((reason: unknown) => Rejected | PromiseLike<Rejected>) | null} [onRejected]
   * @returns {Promise<Fulfilled | Rejected>}
   * @override
   */
  then(onFulfilled, onRejected) {
    return this.#withResponse.then(({ data }) => data).then(onFulfilled, onRejected);
  }

  /**
   * @template [Rejected=never]
   * @param {((reason: unknown) => Rejected | PromiseLike<Rejected>) | null} [onRejected]
   * @returns {Promise<T | Rejected>}
   * @override
   */
  catch(onRejected) {
    return this.then(undefined, onRejected);
  }

  /**
   * @param {(() => void) | null} [onFinally]
   * @returns {Promise<T>}
   * @override
   */
  finally(onFinally) {
    return this.then().finally(onFinally);
  }
}
