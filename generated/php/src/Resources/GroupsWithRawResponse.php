<?php
// Generated from spec/openapi.yaml + templates/php/src/Resources/ResourceWithRawResponse.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Resources;

use Protocol\Core\BaseClient;
use Protocol\Core\RawResponse;

/**
 * The methods of Groups, each returning a RawResponse: the HTTP status, headers
 * and body, with the result one parse() away. `$client->groups->withRawResponse()`
 */
final class GroupsWithRawResponse
{
    public function __construct(
        private readonly Groups $resource,
        private readonly BaseClient $client,
    ) {
    }

    /**
     * List all groups, with its HTTP response.
     *
     * @param array{limit?: int, archived?: bool, starting_after?: string, ending_before?: string} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Page<Group>>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function list(array $params = [], array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->list($params, $options));
    }

    /**
     * Create a group, with its HTTP response.
     *
     * @param array{name: string, description?: string|null, avatar_url?: string|null, contacts?: list<string>} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @return RawResponse<Group>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function create(array $params, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->create($params, $options));
    }

    /**
     * Retrieve a group, with its HTTP response.
     *
     * @param string $id The group's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Group>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function get(string $id, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->get($id, $options));
    }

    /**
     * Update a group, with its HTTP response.
     *
     * @param string $id The group's id.
     * @param array{name?: string, description?: string|null, avatar_url?: string|null, contacts?: list<string>, archived_at?: int|null} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Group>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function update(string $id, array $params = [], array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->update($id, $params, $options));
    }

    /**
     * Delete a group, with its HTTP response.
     *
     * @param string $id The group's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<null>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function delete(string $id, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->delete($id, $options));
    }
}
