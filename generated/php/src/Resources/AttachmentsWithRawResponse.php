<?php
// Generated from spec/openapi.yaml + templates/php/src/Resources/ResourceWithRawResponse.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Resources;

use Protocol\Core\BaseClient;
use Protocol\Core\RawResponse;

/**
 * The methods of Attachments, each returning a RawResponse: the HTTP status, headers
 * and body, with the result one parse() away. `$client->attachments->withRawResponse()`
 */
final class AttachmentsWithRawResponse
{
    public function __construct(
        private readonly Attachments $resource,
        private readonly BaseClient $client,
    ) {
    }

    /**
     * List all attachments, with its HTTP response.
     *
     * @param array{limit?: int, conversation_id?: string, starting_after?: string, ending_before?: string} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Page<Attachment>>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function list(array $params = [], array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->list($params, $options));
    }

    /**
     * Create an attachment, with its HTTP response.
     *
     * @param array{file: resource|string|UploadFile} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @return RawResponse<Attachment>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function create(array $params, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->create($params, $options));
    }

    /**
     * Retrieve an attachment, with its HTTP response.
     *
     * @param string $id The attachment's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Attachment>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function get(string $id, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->get($id, $options));
    }

    /**
     * Update an attachment, with its HTTP response.
     *
     * @param string $id The attachment's id.
     * @param array{filename?: string} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Attachment>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function update(string $id, array $params = [], array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->update($id, $params, $options));
    }

    /**
     * Delete an attachment, with its HTTP response.
     *
     * @param string $id The attachment's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<null>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function delete(string $id, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->delete($id, $options));
    }

    /**
     * Download the attachment's file, with its HTTP response.
     *
     * @param string $id The attachment's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<string>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function download(string $id, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->download($id, $options));
    }
}
