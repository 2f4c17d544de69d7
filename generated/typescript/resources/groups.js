// Generated from spec/openapi.yaml + templates/typescript/resources/resource.js.jinja. Do not edit.
/** @import { BaseClient } from '../core.js' */
/** @import { APIPromise, Group, GroupCreate, GroupUpdate, ListGroupsParams, PagePromise, RequestOptions } from '../index.js' */

/** A set of your contacts you talk to at once, with its own conversation. */
export class Groups {
  /** @type {BaseClient} */
  #client;

  /** @param {BaseClient} client */
  constructor(client) {
    this.#client = client;
  }

  /**
   * List all groups
   *
   * Returns one page of your groups, newest first (`created_at`, then `id`, descending). Archived groups are included unless `archived=false` is given.
   *
   * Pages are walked with cursors: `starting_after` takes the `id` of the last group of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your groups that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.
   *
   * @param {ListGroupsParams} [params]
   * @param {RequestOptions} [options]
   * @returns {PagePromise<Group>}
   */
  list(params = {}, options) {
    return this.#client.requestPage(
      {
        method: 'GET',
        path: '/v1/groups',
        query: params,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      { itemsField: 'data', hasMoreField: 'has_more', afterParam: 'starting_after', beforeParam: 'ending_before', cursorField: 'id' },
      options,
    );
  }

  /**
   * Create a group
   *
   * Starts a group of your contacts. Only `name` is required; `contacts` lists the members by contact id (each must be one of your contacts), and responses show them as contact objects. The server creates the group's conversation alongside it (`conversation_id`).
   *
   * @param {GroupCreate} body
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Group>}
   */
  create(body, options) {
    return this.#client.request(
      {
        method: 'POST',
        path: '/v1/groups',
        security: [['bearerAuth'], ['basicAuth']],
        body,
        retrySafe: true,
        idempotencyHeader: 'Idempotency-Key',
      },
      options,
    );
  }

  /**
   * Retrieve a group
   *
   * Returns the group with this id, if it is one of yours.
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Group>}
   */
  get(id, options) {
    return this.#client.request(
      {
        method: 'GET',
        path: `/v1/groups/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Update a group
   *
   * `contacts`, when given, replaces the whole member list (ids of your contacts; `[]` removes everyone). `archived_at` archives the group; `null` unarchives it. Archiving a group does not archive its conversation.
   * Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the group.
   *
   * @param {string} id
   * @param {GroupUpdate} [body]
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Group>}
   */
  update(id, body, options) {
    return this.#client.request(
      {
        method: 'PUT',
        path: `/v1/groups/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        body,
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Delete a group
   *
   * Deletes the group for good, with its conversation and that conversation's messages; archive it instead to be able to restore it. The ids in request paths are case-sensitive: `L7cGNIBKZiNJ6wqF` and `l7cGNIBKZiNJ6wqF` are two ids.
   * Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the group is in no list.
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {APIPromise<void>}
   */
  delete(id, options) {
    return this.#client.request(
      {
        method: 'DELETE',
        path: `/v1/groups/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      options,
    );
  }
}
