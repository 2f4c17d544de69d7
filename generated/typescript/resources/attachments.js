// Generated from spec/openapi.yaml + templates/typescript/resources/resource.js.jinja. Do not edit.
/** @import { BaseClient } from '../core.js' */
/** @import { APIPromise, Attachment, AttachmentUpdate, AttachmentUpload, ListAttachmentsParams, PagePromise, RequestOptions } from '../index.js' */

/** Files uploaded to be sent with messages. */
export class Attachments {
  /** @type {BaseClient} */
  #client;

  /** @param {BaseClient} client */
  constructor(client) {
    this.#client = client;
  }

  /**
   * List all attachments
   *
   * Returns one page of your attachments, newest first (`created_at`, then `id`, descending).
   *
   * Pages are walked with cursors: `starting_after` takes the `id` of the last attachment of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your attachments that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.
   *
   * @param {ListAttachmentsParams} [params]
   * @param {RequestOptions} [options]
   * @returns {PagePromise<Attachment>}
   */
  list(params = {}, options) {
    return this.#client.requestPage(
      {
        method: 'GET',
        path: '/v1/attachments',
        query: params,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      { itemsField: 'data', hasMoreField: 'has_more', afterParam: 'starting_after', beforeParam: 'ending_before', cursorField: 'id' },
      options,
    );
  }

  /**
   * Create an attachment
   *
   * Uploads a file as `multipart/form-data` with one part named `file` (`curl -F file=@path`; the reference's sample omits the `@` and would send the path as text). The server reads `filename` from the part's file name, `file_type` from its `Content-Type` (`application/octet-stream` when absent) and `file_size` from its bytes, at most 10485760 (larger: `413`). The upload belongs to no message (`message_id: null`) until a message takes it (`attachments` on send or update). `file_url` serves the bytes to your account (with your token).
   *
   * @param {AttachmentUpload} body
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Attachment>}
   */
  create(body, options) {
    return this.#client.request(
      {
        method: 'POST',
        path: '/v1/attachments',
        security: [['bearerAuth'], ['basicAuth']],
        body,
        encoding: 'multipart',
        contentType: 'multipart/form-data',
        files: ['file'],
        retrySafe: true,
        idempotencyHeader: 'Idempotency-Key',
      },
      options,
    );
  }

  /**
   * Retrieve an attachment
   *
   * Returns the attachment with this id, if it is one of yours.
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Attachment>}
   */
  get(id, options) {
    return this.#client.request(
      {
        method: 'GET',
        path: `/v1/attachments/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Update an attachment
   *
   * Renames the attachment: `filename` changes, `file_url` stays the same.
   * Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the attachment.
   *
   * @param {string} id
   * @param {AttachmentUpdate} [body]
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Attachment>}
   */
  update(id, body, options) {
    return this.#client.request(
      {
        method: 'PUT',
        path: `/v1/attachments/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        body,
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Delete an attachment
   *
   * Deletes the attachment and its stored file, for good; its message no longer lists it.
   * Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the attachment is in no list.
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {APIPromise<void>}
   */
  delete(id, options) {
    return this.#client.request(
      {
        method: 'DELETE',
        path: `/v1/attachments/${encodeURIComponent(id)}`,
        security: [['bearerAuth'], ['basicAuth']],
        retrySafe: true,
      },
      options,
    );
  }

  /**
   * Download the attachment's file
   *
   * Returns the bytes of the file uploaded with the attachment, as the server serves them back to your account.
   *
   * @param {string} id
   * @param {RequestOptions} [options]
   * @returns {APIPromise<Uint8Array>}
   */
  download(id, options) {
    return this.#client.request(
      {
        method: 'GET',
        path: `/v1/attachments/${encodeURIComponent(id)}/file`,
        security: [['bearerAuth'], ['basicAuth']],
        accept: '*/*',
        responseKind: 'binary',
        retrySafe: true,
      },
      options,
    );
  }
}
