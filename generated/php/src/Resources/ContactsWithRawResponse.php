<?php
// Generated from spec/openapi.yaml + templates/php/src/Resources/ResourceWithRawResponse.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Resources;

use Protocol\Core\BaseClient;
use Protocol\Core\RawResponse;

/**
 * The methods of Contacts, each returning a RawResponse: the HTTP status, headers
 * and body, with the result one parse() away. `$client->contacts->withRawResponse()`
 */
final class ContactsWithRawResponse
{
    public function __construct(
        private readonly Contacts $resource,
        private readonly BaseClient $client,
    ) {
    }

    /**
     * List all contacts, with its HTTP response.
     *
     * @param array{limit?: int, starting_after?: string, ending_before?: string} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Page<Contact>>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function list(array $params = [], array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->list($params, $options));
    }

    /**
     * Create a contact, with its HTTP response.
     *
     * @param array{username: string, phone_number: string, avatar_url?: string|null, display_name?: string|null} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @return RawResponse<Contact>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function create(array $params, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->create($params, $options));
    }

    /**
     * Retrieve a contact, with its HTTP response.
     *
     * @param string $id The contact's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Contact>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function get(string $id, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->get($id, $options));
    }

    /**
     * Update a contact, with its HTTP response.
     *
     * @param string $id The contact's id.
     * @param array{display_name?: string|null} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<Contact>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function update(string $id, array $params = [], array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->update($id, $params, $options));
    }

    /**
     * Delete a contact, with its HTTP response.
     *
     * @param string $id The contact's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return RawResponse<null>
     * @throws \Protocol\Exceptions\ApiException
     */
    public function delete(string $id, array $options = []): RawResponse
    {
        return $this->client->captureResponse(fn () => $this->resource->delete($id, $options));
    }
}
