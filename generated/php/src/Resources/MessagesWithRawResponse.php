<?php
// Generated from spec/openapi.yaml + templates/php/src/Resources/ResourceWithRawResponse.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Resources;

use Protocol\Core\BaseClient;
use Protocol\Core\RawResponse;

/**
 * The methods of Messages, each returning a RawResponse: the HTTP status, headers
 * and body, with the result one parse() away. `$client->messages->withRawResponse()`
 */
final class MessagesWithRawResponse
{
    public function __construct(
        private readonly Messages $resource,
        private readonly BaseClient $client,
    ) {
    }

    /**
     * List all messages, with its HTTP response.
     *
     * @param array{limit?: int, conversation_id?: string, starting_after?: string, ending_before?: string} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Page<Message>>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function list(array $params = [], array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->list($params, $options));
    }

    /**
     * Send a message, with its HTTP response.
     *
     * @param array{conversation_id: string, message: string, attachments?: list<string>} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @return RawResponse<Message>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function send(array $params, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->send($params, $options));
    }

    /**
     * Retrieve a message, with its HTTP response.
     *
     * @param string $id The message's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Message>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function get(string $id, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->get($id, $options));
    }

    /**
     * Update a message, with its HTTP response.
     *
     * @param string $id The message's id.
     * @param array{message?: string, reactions?: array<string, list<string>>, attachments?: list<string>} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Message>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function update(string $id, array $params = [], array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->update($id, $params, $options));
    }

    /**
     * Delete a message, with its HTTP response.
     *
     * @param string $id The message's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<null>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function delete(string $id, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->delete($id, $options));
    }
}
