<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Resources/Resource.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Resources;

use Protocol\Core\BaseClient;
use Protocol\Core\Page;
use Protocol\Models\Conversation;

/** Conversations, reduced to what this fixture needs. */
final class Conversations
{
    public function __construct(private readonly BaseClient $client)
    {
    }

    /** The same methods, each returning the HTTP response (status, headers) with the result. */
    public function withRawResponse(): ConversationsWithRawResponse
    {
        return new ConversationsWithRawResponse($this, $this->client);
    }

    /**
     * List conversations
     *
     * @param array{limit?: int, starting_after?: string, ending_before?: string, starred?: bool} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return Page<Conversation> iterate it to walk every page
     * @throws \Protocol\Exceptions\ApiException
     */
    public function list(array $params = [], array $options = []): Page
    {
        return $this->client->requestPage(
            '/v1/conversations',
            $params,
            Conversation::fromArray(...),
            ['items_field' => 'data', 'has_more_field' => 'has_more', 'after_param' => 'starting_after', 'before_param' => 'ending_before', 'cursor_field' => 'id'],
            $options,
            security: [['bearerAuth']],
        );
    }

    /**
     * Create a conversation
     *
     * @param array{title?: string|null} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function create(array $params, array $options = []): Conversation
    {
        return Conversation::fromArray(
            $this->client->request(
                'POST',
                '/v1/conversations',
                body: $params,
                retrySafe: false,
                options: $options,
                security: [['bearerAuth']],
            )
        );
    }

    /**
     * Retrieve a conversation
     *
     * @param string $id The object's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function get(string $id, array $options = []): Conversation
    {
        return Conversation::fromArray(
            $this->client->request(
                'GET',
                '/v1/conversations/' . rawurlencode($id),
                retrySafe: true,
                options: $options,
                security: [['bearerAuth']],
            )
        );
    }

    /**
     * Delete a conversation
     *
     * @param string $id The object's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function delete(string $id, array $options = []): void
    {
        $this->client->request(
            'DELETE',
            '/v1/conversations/' . rawurlencode($id),
            retrySafe: true,
            options: $options,
            security: [['bearerAuth']],
        );
    }

    /**
     * Update a conversation
     *
     * @param string $id The object's id.
     * @param array{title?: string|null, starred?: bool} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function update(string $id, array $params, array $options = []): Conversation
    {
        return Conversation::fromArray(
            $this->client->request(
                'PATCH',
                '/v1/conversations/' . rawurlencode($id),
                body: $params,
                retrySafe: false,
                options: $options,
                security: [['bearerAuth']],
            )
        );
    }
}
