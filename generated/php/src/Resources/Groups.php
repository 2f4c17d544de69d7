<?php
// Generated from spec/openapi.yaml + templates/php/src/Resources/Resource.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Resources;

use Protocol\Core\BaseClient;
use Protocol\Core\Page;
use Protocol\Models\Group;

/** A set of your contacts you talk to at once, with its own conversation. */
final class Groups
{
    public function __construct(private readonly BaseClient $client)
    {
    }

    /** The same methods, each returning the HTTP response (status, headers) with the result. */
    public function withRawResponse(): GroupsWithRawResponse
    {
        return new GroupsWithRawResponse($this, $this->client);
    }

    /**
     * List all groups
     *
     * Returns one page of your groups, newest first (`created_at`, then `id`, descending). Archived groups are included unless `archived=false` is given.
     *
     * Pages are walked with cursors: `starting_after` takes the `id` of the last group of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your groups that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.
     *
     * @param array{limit?: int, archived?: bool, starting_after?: string, ending_before?: string} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return Page<Group> iterate it to walk every page
     * @throws \Protocol\Exceptions\ApiException
     */
    public function list(array $params = [], array $options = []): Page
    {
        return $this->client->requestPage(
            '/v1/groups',
            $params,
            Group::fromArray(...),
            ['items_field' => 'data', 'has_more_field' => 'has_more', 'after_param' => 'starting_after', 'before_param' => 'ending_before', 'cursor_field' => 'id'],
            $options,
            security: [['bearerAuth'], ['basicAuth']],
        );
    }

    /**
     * Create a group
     *
     * Starts a group of your contacts. Only `name` is required; `contacts` lists the members by contact id (each must be one of your contacts), and responses show them as contact objects. The server creates the group's conversation alongside it (`conversation_id`).
     *
     * @param array{name: string, description?: string|null, avatar_url?: string|null, contacts?: list<string>} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function create(array $params, array $options = []): Group
    {
        return Group::fromArray(
            $this->client->request(
                'POST',
                '/v1/groups',
                body: $params,
                retrySafe: true,
                options: $options,
                idempotencyHeader: 'Idempotency-Key',
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Retrieve a group
     *
     * Returns the group with this id, if it is one of yours.
     *
     * @param string $id The group's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function get(string $id, array $options = []): Group
    {
        return Group::fromArray(
            $this->client->request(
                'GET',
                '/v1/groups/' . rawurlencode($id),
                retrySafe: true,
                options: $options,
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Update a group
     *
     * `contacts`, when given, replaces the whole member list (ids of your contacts; `[]` removes everyone). `archived_at` archives the group; `null` unarchives it. Archiving a group does not archive its conversation.
     * Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the group.
     *
     * @param string $id The group's id.
     * @param array{name?: string, description?: string|null, avatar_url?: string|null, contacts?: list<string>, archived_at?: int|null} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function update(string $id, array $params = [], array $options = []): Group
    {
        return Group::fromArray(
            $this->client->request(
                'PUT',
                '/v1/groups/' . rawurlencode($id),
                body: $params,
                retrySafe: true,
                options: $options,
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Delete a group
     *
     * Deletes the group for good, with its conversation and that conversation's messages; archive it instead to be able to restore it. The ids in request paths are case-sensitive: `L7cGNIBKZiNJ6wqF` and `l7cGNIBKZiNJ6wqF` are two ids.
     * Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the group is in no list.
     *
     * @param string $id The group's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function delete(string $id, array $options = []): void
    {
        $this->client->request(
            'DELETE',
            '/v1/groups/' . rawurlencode($id),
            retrySafe: true,
            options: $options,
            security: [['bearerAuth'], ['basicAuth']],
        );
    }
}
