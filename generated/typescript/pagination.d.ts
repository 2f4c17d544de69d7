// Generated from spec/openapi.yaml + templates/typescript/pagination.d.ts.jinja. Do not edit.

import type { PaginationSpec } from './core.js';
import { APIPromise, type RawResponse } from './response.js';

/** One page of a list; `for await` over it yields every item of this page and the pages after it. */
export declare class Page<Item> implements AsyncIterable<Item> {
  constructor(
    body: Record<string, unknown>,
    pagination: PaginationSpec,
    query: Record<string, unknown>,
    fetchPage: (query: Record<string, unknown>) => Promise<Page<Item>>,
  );
  /** The items of this page. */
  readonly data: Item[];
  /** Whether more items lie beyond this page, in the direction of travel. */
  readonly has_more: boolean;
  hasNextPage(): boolean;
  /** The query of the next page (backward for a list asked for with the backward cursor). */
  nextPageQuery(): Record<string, unknown> | null;
  /** The next page, or null when there is none. */
  getNextPage(): Promise<Page<Item> | null>;
  /** This page, then each page after it. */
  iterPages(): AsyncGenerator<Page<Item>, void, undefined>;
  [Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined>;
}

/** A Promise of the first page that can also be iterated directly with `for await`. */
export declare class PagePromise<Item> extends APIPromise<Page<Item>> implements AsyncIterable<Item> {
  constructor(withResponse: Promise<{ data: Page<Item>; response: RawResponse }>);
  [Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined>;
}
