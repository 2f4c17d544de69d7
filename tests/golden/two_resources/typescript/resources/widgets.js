// Generated from tests/fixtures/specs/two_resources.yaml + templates/typescript/resources/resource.js.jinja. Do not edit.
/** @import { BaseClient } from '../core.js' */
/** @import { APIPromise, PagePromise, RequestOptions, SearchWidgetsParams, Widget, WidgetCreate, WidgetUpdate } from '../index.js' */

/** Widgets, a resource the templates know nothing about. */
export class Widgets {
  /** @type {BaseClient} */
  #client;

  /** @param {BaseClient} client */
  constructor(client) {
    this.#client = client;
  }

  /**
   * List widgets
   *
   * Widgets by name, A to Z. The method's name is given by `x-protocol-sdk-method`.
   *
   * @param {SearchWidgetsParams} [params]
   * @param {RequestOptions} [options]
   * @returns {PagePromise<Widget>}
   */
  list(params = {}, options) {
    return this.#client.requestPage(
      {
        method: 'GET',
        path: '/v1/widgets',
        query: params,
        security: [['bearerAuth']],
        retrySafe: true,
      },
      { itemsField: 'data', hasMoreField: 'has_more', afterParam: 'after', beforeParam: null, cursorField: 'id' },
      options,
    );
  }

  /**
   * Create a widget
   *
   * @param {WidgetCreate} body
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Widget>}
   */
  create(body, options) {
    return this.#client.request(
      {
        method: 'POST',
        path: '/v1/widgets',
        security: [['bearerAuth']],
        body,
        retrySafe: false,
      },
      options,
    );
  }

  /**
   * Retrieve a widget
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Widget>}
   */
  get(id, options) {
    return this.#client.request(
      {
        method: 'GET',
        path: `/v1/widgets/${encodeURIComponent(id)}`,
        security: [['bearerAuth']],
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Update a widget
   *
   * @param {string} id
   * @param {WidgetUpdate} body
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Widget>}
   */
  update(id, body, options) {
    return this.#client.request(
      {
        method: 'PUT',
        path: `/v1/widgets/${encodeURIComponent(id)}`,
        security: [['bearerAuth']],
        body,
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Delete a widget
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {APIPromise<void>}
   */
  delete(id, options) {
    return this.#client.request(
      {
        method: 'DELETE',
        path: `/v1/widgets/${encodeURIComponent(id)}`,
        security: [['bearerAuth']],
        retrySafe: true,
      },
      options,
    );
  }
}
