<?php
// Generated from spec/openapi.yaml + templates/php/src/Resources/Resource.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Resources;

use Protocol\Core\BaseClient;
use Protocol\Core\Page;
use Protocol\Models\Message;

/** What is said in conversations, with reactions and attachments. */
final class Messages
{
    public function __construct(private readonly BaseClient $client)
    {
    }

    /** The same methods, each returning the HTTP response (status, headers) with the result. */
    public function withRawResponse(): MessagesWithRawResponse
    {
        return new MessagesWithRawResponse($this, $this->client);
    }

    /**
     * List all messages
     *
     * Returns one page of your messages in every conversation (contact and group ones), newest first (`created_at`, then `id`, descending).
     *
     * Pages are walked with cursors: `starting_after` takes the `id` of the last message of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your messages that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.
     *
     * @param array{limit?: int, conversation_id?: string, starting_after?: string, ending_before?: string} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return Page<Message> iterate it to walk every page
     * @throws \Protocol\Exceptions\ApiException
     */
    public function list(array $params = [], array $options = []): Page
    {
        return $this->client->requestPage(
            '/v1/messages',
            $params,
            Message::fromArray(...),
            ['items_field' => 'data', 'has_more_field' => 'has_more', 'after_param' => 'starting_after', 'before_param' => 'ending_before', 'cursor_field' => 'id'],
            $options,
            security: [['bearerAuth'], ['basicAuth']],
        );
    }

    /**
     * Send a message
     *
     * Sends a message into one of your conversations (the SDKs call it `send`; the webhook event is `message.created`). You send it, so `contact` (the sender, when one of your contacts sent it) is `null`. `attachments` takes ids of your uploads (`POST /v1/attachments`), which then belong to this message. The conversation's `last_active_at` becomes the message's `created_at`. `read_at` and `updated_at` start `null`.
     *
     * @param array{conversation_id: string, message: string, attachments?: list<string>} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function send(array $params, array $options = []): Message
    {
        return Message::fromArray(
            $this->client->request(
                'POST',
                '/v1/messages',
                body: $params,
                retrySafe: true,
                options: $options,
                idempotencyHeader: 'Idempotency-Key',
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Retrieve a message
     *
     * Returns the message with this id, if it is one of yours.
     *
     * @param string $id The message's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function get(string $id, array $options = []): Message
    {
        return Message::fromArray(
            $this->client->request(
                'GET',
                '/v1/messages/' . rawurlencode($id),
                retrySafe: true,
                options: $options,
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Update a message
     *
     * `reactions` replaces the whole map of reactions: reaction name -> usernames of who reacted (the reference shows one map inside an array in responses; this API answers the map itself, and forms cannot write it: send JSON). `attachments` replaces the message's attachments (ids of your uploads; those left out are detached, `message_id: null`). `updated_at` becomes the time of the update.
     * Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the message.
     *
     * @param string $id The message's id.
     * @param array{message?: string, reactions?: array<string, list<string>>, attachments?: list<string>} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function update(string $id, array $params = [], array $options = []): Message
    {
        return Message::fromArray(
            $this->client->request(
                'PUT',
                '/v1/messages/' . rawurlencode($id),
                body: $params,
                retrySafe: true,
                options: $options,
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Delete a message
     *
     * Deletes the message permanently, with its attachments and their files. A conversation that pinned it has no pinned message any more.
     * Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the message is in no list.
     *
     * @param string $id The message's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function delete(string $id, array $options = []): void
    {
        $this->client->request(
            'DELETE',
            '/v1/messages/' . rawurlencode($id),
            retrySafe: true,
            options: $options,
            security: [['bearerAuth'], ['basicAuth']],
        );
    }
}
