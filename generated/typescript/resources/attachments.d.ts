// Generated from spec/openapi.yaml + templates/typescript/resources/resource.d.ts.jinja. Do not edit.
import type { BaseClient } from '../core.js';
import type { APIPromise, Attachment, AttachmentUpdate, AttachmentUpload, ListAttachmentsParams, PagePromise, RequestOptions } from '../index.js';

/** Files uploaded to be sent with messages. */
export declare class Attachments {
  constructor(client: BaseClient);

  /**
   * List all attachments
   *
   * Returns one page of your attachments, newest first (`created_at`, then `id`, descending).
   *
   * Pages are walked with cursors: `starting_after` takes the `id` of the last attachment of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your attachments that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.
   */
  list(params?: ListAttachmentsParams, options?: RequestOptions): PagePromise<Attachment>;

  /**
   * Create an attachment
   *
   * Uploads a file as `multipart/form-data` with one part named `file` (`curl -F file=@path`; the reference's sample omits the `@` and would send the path as text). The server reads `filename` from the part's file name, `file_type` from its `Content-Type` (`application/octet-stream` when absent) and `file_size` from its bytes, at most 10485760 (larger: `413`). The upload belongs to no message (`message_id: null`) until a message takes it (`attachments` on send or update). `file_url` serves the bytes to your account (with your token).
   */
  create(body: AttachmentUpload, options?: RequestOptions): APIPromise<Attachment>;

  /**
   * Retrieve an attachment
   *
   * Returns the attachment with this id, if it is one of yours.
   *
   * @param id The attachment's id.
   */
  get(id: string, options?: RequestOptions): APIPromise<Attachment>;

  /**
   * Update an attachment
   *
   * Renames the attachment: `filename` changes, `file_url` stays the same.
   * Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the attachment.
   *
   * @param id The attachment's id.
   */
  update(id: string, body?: AttachmentUpdate, options?: RequestOptions): APIPromise<Attachment>;

  /**
   * Delete an attachment
   *
   * Deletes the attachment and its stored file, for good; its message no longer lists it.
   * Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the attachment is in no list.
   *
   * @param id The attachment's id.
   */
  delete(id: string, options?: RequestOptions): APIPromise<void>;

  /**
   * Download the attachment's file
   *
   * Returns the bytes of the file uploaded with the attachment, as the server serves them back to your account.
   *
   * @param id The attachment's id.
   */
  download(id: string, options?: RequestOptions): APIPromise<Uint8Array>;
}
