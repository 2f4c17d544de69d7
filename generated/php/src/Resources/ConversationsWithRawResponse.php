<?php
// Generated from spec/openapi.yaml + templates/php/src/Resources/ResourceWithRawResponse.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Resources;

use Protocol\Core\BaseClient;
use Protocol\Core\RawResponse;

/**
 * The methods of Conversations, each returning a RawResponse: the HTTP status, headers
 * and body, with the result one parse() away. `$client->conversations->withRawResponse()`
 */
final class ConversationsWithRawResponse
{
    public function __construct(
        private readonly Conversations $resource,
        private readonly BaseClient $client,
    ) {
    }

    /**
     * List all conversations, with its HTTP response.
     *
     * @param array{limit?: int, muted?: bool, archived?: bool, pinned?: bool, group_id?: string, starting_after?: string, ending_before?: string} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Page<Conversation>>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function list(array $params = [], array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->list($params, $options));
    }

    /**
     * Create a conversation, with its HTTP response.
     *
     * @param array{contact_id?: string, group_id?: string} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @return RawResponse<Conversation>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function create(array $params, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->create($params, $options));
    }

    /**
     * Retrieve a conversation, with its HTTP response.
     *
     * @param string $id The conversation's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Conversation>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function get(string $id, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->get($id, $options));
    }

    /**
     * Update a conversation, with its HTTP response.
     *
     * @param string $id The conversation's id.
     * @param array{pinned_message_id?: string|null, is_pinned?: bool, is_muted?: bool, archived_at?: int|null} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Conversation>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function update(string $id, array $params = [], array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->update($id, $params, $options));
    }

    /**
     * Delete a conversation, with its HTTP response.
     *
     * @param string $id The conversation's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<null>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function delete(string $id, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->delete($id, $options));
    }
}
