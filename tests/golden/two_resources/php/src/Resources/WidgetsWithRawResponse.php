<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Resources/ResourceWithRawResponse.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Resources;

use Protocol\Core\BaseClient;
use Protocol\Core\RawResponse;

/**
 * The methods of Widgets, each returning a RawResponse: the HTTP status, headers
 * and body, with the result one parse() away. `$client->widgets->withRawResponse()`
 */
final class WidgetsWithRawResponse
{
    public function __construct(
        private readonly Widgets $resource,
        private readonly BaseClient $client,
    ) {
    }

    /**
     * List widgets, with its HTTP response.
     *
     * @param array{page_size?: int, after?: string, color?: 'red'|'green'|'blue', retired?: bool} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Page<Widget>>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function list(array $params = [], array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->list($params, $options));
    }

    /**
     * Create a widget, with its HTTP response.
     *
     * @param array{name: string, color?: 'red'|'green'|'blue', size?: float|null, tags?: list<string>} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Widget>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function create(array $params, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->create($params, $options));
    }

    /**
     * Retrieve a widget, with its HTTP response.
     *
     * @param string $id The object's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Widget>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function get(string $id, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->get($id, $options));
    }

    /**
     * Update a widget, with its HTTP response.
     *
     * @param string $id The object's id.
     * @param array{name?: string, size?: float|null, retired_at?: int|null} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Widget>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function update(string $id, array $params, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->update($id, $params, $options));
    }

    /**
     * Delete a widget, with its HTTP response.
     *
     * @param string $id The object's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<null>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function delete(string $id, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->delete($id, $options));
    }
}
