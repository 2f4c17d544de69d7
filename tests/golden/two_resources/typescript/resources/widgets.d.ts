// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/resources/resource.d.ts.jinja. Do not edit.
import type { BaseClient } from '../core.js';
import type { APIPromise, PagePromise, RequestOptions, SearchWidgetsParams, Widget, WidgetCreate, WidgetUpdate } from '../index.js';

/** Widgets, a resource the templates know nothing about. */
export declare class Widgets {
  constructor(client: BaseClient);

  /**
   * List widgets
   *
   * Widgets by name, A to Z. The method's name is given by `x-protocol-sdk-method`.
   */
  list(params?: SearchWidgetsParams, options?: RequestOptions): PagePromise<Widget>;

  /** Create a widget */
  create(body: WidgetCreate, options?: RequestOptions): APIPromise<Widget>;

  /**
   * Retrieve a widget
   *
   * @param id The object's id.
   */
  get(id: string, options?: RequestOptions): APIPromise<Widget>;

  /**
   * Update a widget
   *
   * @param id The object's id.
   */
  update(id: string, body: WidgetUpdate, options?: RequestOptions): APIPromise<Widget>;

  /**
   * Delete a widget
   *
   * @param id The object's id.
   */
  delete(id: string, options?: RequestOptions): APIPromise<void>;
}
