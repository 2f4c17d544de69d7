<?php
// Generated from spec/openapi.yaml + templates/php/src/Resources/Resource.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Resources;

use Protocol\Core\BaseClient;
use Protocol\Core\Page;
use Protocol\Models\Conversation;

/**
 * A conversation holds the exchange between you and one contact, or between you and a group.
 * It can have a pinned message, and it can be pinned, muted and archived.
 */
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
     * List all conversations
     *
     * Returns one page of your conversations, newest first: ordered by `created_at` descending,
     * and by `id` descending (byte order) among conversations created in the same second.
     * Archived conversations are included unless `archived=false` is given.
     *
     * Pages are walked with cursors. To get the next page, pass the `id` of the last
     * conversation of the current page as `starting_after`; to get the previous page, pass the
     * `id` of the first one as `ending_before`. Either way the page's `data` keeps the same
     * newest-first order, and `has_more` tells whether more conversations lie beyond this page
     * in the direction of travel: after its last conversation (no cursor, or `starting_after`),
     * or before its first one (`ending_before`).
     *
     * A cursor must be the id of one of your conversations that matches the same filters;
     * anything else, or both cursors at once, gets `400 invalid_request`.
     *
     * @param array{limit?: int, muted?: bool, archived?: bool, pinned?: bool, group_id?: string, starting_after?: string, ending_before?: string} $params
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
            security: [['bearerAuth'], ['basicAuth']],
        );
    }

    /**
     * Create a conversation
     *
     * Starts a conversation between you and a contact (`contact_id`) or a group (`group_id`).
     * Exactly one of the two is given. The new conversation is not pinned, not muted, not
     * archived, and has no activity yet (`last_active_at` and `last_opened_at` are `null`).
     *
     * @param array{contact_id?: string, group_id?: string} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function create(array $params, array $options = []): Conversation
    {
        return Conversation::fromArray(
            $this->client->request(
                'POST',
                '/v1/conversations',
                body: $params,
                retrySafe: true,
                options: $options,
                idempotencyHeader: 'Idempotency-Key',
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Retrieve a conversation
     *
     * Returns the conversation with this id, if it is one of yours.
     *
     * @param string $id The conversation's id.
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
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Update a conversation
     *
     * Changes only the attributes given; the others keep their values. `null` clears
     * `pinned_message_id` (no pinned message) and `archived_at` (not archived). An attribute
     * this operation does not know is rejected with `400 invalid_request`, and nothing changes.
     * An empty body (none at all, `{}`, or an empty form) changes nothing and returns the
     * conversation.
     *
     * @param string $id The conversation's id.
     * @param array{pinned_message_id?: string|null, is_pinned?: bool, is_muted?: bool, archived_at?: int|null} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function update(string $id, array $params = [], array $options = []): Conversation
    {
        return Conversation::fromArray(
            $this->client->request(
                'PUT',
                '/v1/conversations/' . rawurlencode($id),
                body: $params,
                retrySafe: true,
                options: $options,
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Delete a conversation
     *
     * Permanently deletes the conversation and all its messages; archive it instead to be able
     * to restore it. Succeeds with `204 No Content` and an empty body. Afterwards the id gets
     * `404` from every operation and the conversation is in no list.
     *
     * @param string $id The conversation's id.
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
            security: [['bearerAuth'], ['basicAuth']],
        );
    }
}
