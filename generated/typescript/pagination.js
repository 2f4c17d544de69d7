// Generated from spec/openapi.yaml + templates/typescript/pagination.js.jinja. Do not edit.

/**
 * Cursor pagination, as the spec's `x-protocol-pagination` describes it. A Page holds one
 * response's items; iterating it with `for await` yields every item of this page and of the
 * pages after it, fetched one page at a time. A list asked for with the backward cursor walks
 * backward: each next page is the one before.
 */

import { APIPromise } from './response.js';

/** @import { PaginationSpec } from './core.js' */
/** @import { RawResponse } from './response.js' */

/**
 * @template Item
 * @implements {AsyncIterable<Item>}
 */
export class Page {
  /** @type {PaginationSpec} */
  #pagination;
  /** @type {Record<string, unknown>} */
  #query;
  /** @type {(query: Record<string, unknown>) => Promise<Page<Item>>} */
  #fetchPage;

  /**
   * @param {Record<string, unknown>} body the list envelope as received
   * @param {PaginationSpec} pagination
   * @param {Record<string, unknown>} query the query this page was fetched with
   * @param {(query: Record<string, unknown>) => Promise<Page<Item>>} fetchPage
   */
  constructor(body, pagination, query, fetchPage) {
    /** @type {Item[]} */
    this.data = /** @type {Item[]} */ (body[pagination.itemsField] ?? []);
    /** @type {boolean} */
    this.has_more = Boolean(body[pagination.hasMoreField]);
    this.#pagination = pagination;
    this.#query = query;
    this.#fetchPage = fetchPage;
  }

  /** @returns {boolean} */
  hasNextPage() {
    return this.has_more && this.data.length > 0;
  }

  /**
   * The query of the next page in the direction of travel; null on the last page.
   * @returns {Record<string, unknown> | null}
   */
  nextPageQuery() {
    if (!this.hasNextPage()) return null;
    const { afterParam, beforeParam, cursorField } = this.#pagination;
    const query = { ...this.#query };
    delete query[afterParam];
    if (beforeParam !== null) delete query[beforeParam];
    const backward = beforeParam !== null && this.#query[beforeParam] !== undefined && this.#query[beforeParam] !== null;
    const item = /** @type {Record<string, unknown>} */ (backward ? this.data[0] : this.data[this.data.length - 1]);
    query[backward ? /** @type {string} */ (beforeParam) : afterParam] = item[cursorField];
    return query;
  }

  /** @returns {Promise<Page<Item> | null>} the next page, or null when there is none */
  async getNextPage() {
    const query = this.nextPageQuery();
    return query === null ? null : this.#fetchPage(query);
  }

  /** @returns {AsyncGenerator<Page<Item>, void, undefined>} this page, then each page after it */
  async *iterPages() {
    /** @type {Page<Item> | null} */
    let page = this;
    while (page !== null) {
      yield page;
      page = await page.getNextPage();
    }
  }

  /** @returns {AsyncGenerator<Item, void, undefined>} */
  async *[Symbol.asyncIterator]() {
    for await (const page of this.iterPages()) {
      yield* page.data;
    }
  }
}

/**
 * What `list()` returns: a Promise of the first page (with `.withResponse()`) that can also be
 * iterated directly with `for await`, so both `await client.things.list()` and
 * `for await (const t of client.things.list())` work.
 * @template Item
 * @extends {APIPromise<Page<Item>>}
 * @implements {AsyncIterable<Item>}
 */
export class PagePromise extends APIPromise {
  /**
   * @param {Promise<{ data: Page<Item>, response: RawResponse }>} withResponse
   */
  constructor(withResponse) {
    super(withResponse);
  }

  /** @returns {AsyncGenerator<Item, void, undefined>} */
  async *[Symbol.asyncIterator]() {
    const page = await this;
    yield* page;
  }
}
