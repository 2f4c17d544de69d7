<?php
// Generated from spec/openapi.yaml + templates/php/src/Resources/Resource.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Resources;

use Protocol\Core\BaseClient;
use Protocol\Core\Page;
use Protocol\Core\UploadFile;
use Protocol\Models\Attachment;

/** Files uploaded to be sent with messages. */
final class Attachments
{
    public function __construct(private readonly BaseClient $client)
    {
    }

    /** The same methods, each returning the HTTP response (status, headers) with the result. */
    public function withRawResponse(): AttachmentsWithRawResponse
    {
        return new AttachmentsWithRawResponse($this, $this->client);
    }

    /**
     * List all attachments
     *
     * Returns one page of your attachments, newest first (`created_at`, then `id`, descending).
     *
     * Pages are walked with cursors: `starting_after` takes the `id` of the last attachment of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your attachments that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.
     *
     * @param array{limit?: int, conversation_id?: string, starting_after?: string, ending_before?: string} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return Page<Attachment> iterate it to walk every page
     * @throws \Protocol\Exceptions\ApiException
     */
    public function list(array $params = [], array $options = []): Page
    {
        return $this->client->requestPage(
            '/v1/attachments',
            $params,
            Attachment::fromArray(...),
            ['items_field' => 'data', 'has_more_field' => 'has_more', 'after_param' => 'starting_after', 'before_param' => 'ending_before', 'cursor_field' => 'id'],
            $options,
            security: [['bearerAuth'], ['basicAuth']],
        );
    }

    /**
     * Create an attachment
     *
     * Uploads a file as `multipart/form-data` with one part named `file` (`curl -F file=@path`; the reference's sample omits the `@` and would send the path as text). The server reads `filename` from the part's file name, `file_type` from its `Content-Type` (`application/octet-stream` when absent) and `file_size` from its bytes, at most 10485760 (larger: `413`). The upload belongs to no message (`message_id: null`) until a message takes it (`attachments` on send or update). `file_url` serves the bytes to your account (with your token).
     *
     * @param array{file: resource|string|UploadFile} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function create(array $params, array $options = []): Attachment
    {
        return Attachment::fromArray(
            $this->client->request(
                'POST',
                '/v1/attachments',
                body: $params,
                retrySafe: true,
                options: $options,
                idempotencyHeader: 'Idempotency-Key',
                media: ['encoding' => 'multipart', 'content_type' => 'multipart/form-data', 'files' => ['file']],
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Retrieve an attachment
     *
     * Returns the attachment with this id, if it is one of yours.
     *
     * @param string $id The attachment's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function get(string $id, array $options = []): Attachment
    {
        return Attachment::fromArray(
            $this->client->request(
                'GET',
                '/v1/attachments/' . rawurlencode($id),
                retrySafe: true,
                options: $options,
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Update an attachment
     *
     * Renames the attachment: `filename` changes, `file_url` stays the same.
     * Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the attachment.
     *
     * @param string $id The attachment's id.
     * @param array{filename?: string} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function update(string $id, array $params = [], array $options = []): Attachment
    {
        return Attachment::fromArray(
            $this->client->request(
                'PUT',
                '/v1/attachments/' . rawurlencode($id),
                body: $params,
                retrySafe: true,
                options: $options,
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Delete an attachment
     *
     * Deletes the attachment and its stored file, for good; its message no longer lists it.
     * Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the attachment is in no list.
     *
     * @param string $id The attachment's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function delete(string $id, array $options = []): void
    {
        $this->client->request(
            'DELETE',
            '/v1/attachments/' . rawurlencode($id),
            retrySafe: true,
            options: $options,
            security: [['bearerAuth'], ['basicAuth']],
        );
    }

    /**
     * Download the attachment's file
     *
     * Returns the bytes of the file uploaded with the attachment, as the server serves them back to your account.
     *
     * @param string $id The attachment's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function download(string $id, array $options = []): string
    {
        return $this->client->requestContent(
            'GET',
            '/v1/attachments/' . rawurlencode($id) . '/file',
            retrySafe: true,
            options: $options,
            media: ['accept' => '*/*'],
            security: [['bearerAuth'], ['basicAuth']],
        );
    }
}
