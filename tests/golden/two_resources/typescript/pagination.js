// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/pagination.js.jinja. Do not edit.

/**
 * Cursor pagination. A Page holds one response's items; iterating it with `for await` yields
 * every item of this page and of the pages after it, fetched one page at a time.
 */

/** @import { PaginationSpec } from './core.js' */

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
    this.data = /** @type {Item[]} */ (body[pagination.itemsField]);
    /** @type {boolean} */
    this.has_more = /** @type {boolean} */ (body[pagination.hasMoreField]);
    this.#pagination = pagination;
    this.#query = query;
    this.#fetchPage = fetchPage;
  }

  /** @returns {boolean} */
  hasNextPage() {
    return this.has_more && this.data.length > 0;
  }

  /** @returns {Promise<Page<Item> | null>} the page after this one, or null when there is none */
  async getNextPage() {
    if (!this.hasNextPage()) return null;
    const last = /** @type {Record<string, unknown>} */ (this.data[this.data.length - 1]);
    return this.#fetchPage({ ...this.#query, [this.#pagination.cursorParam]: last[this.#pagination.cursorField] });
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
 * What `list()` returns: a Promise of the first page that can also be iterated directly with
 * `for await`, so both `await client.things.list()` and `for await (const t of client.things.list())`
 * work.
 * @template Item
 * @extends {Promise<Page<Item>>}
 * @implements {AsyncIterable<Item>}
 */
export class PagePromise extends Promise {
  /**
   * then/catch/finally return plain Promises, not half-built PagePromises.
   * @override
   */
  static get [Symbol.species]() {
    return Promise;
  }

  /** @returns {AsyncGenerator<Item, void, undefined>} */
  async *[Symbol.asyncIterator]() {
    const page = await this;
    yield* page;
  }
}
