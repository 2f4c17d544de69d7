<?php
// Generated from spec/openapi.yaml + templates/php/src/Resources/Resource.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Resources;

use Protocol\Core\BaseClient;
use Protocol\Core\Page;
use Protocol\Models\Contact;

/** The people you converse with. Adding a contact starts your conversation with them. */
final class Contacts
{
    public function __construct(private readonly BaseClient $client)
    {
    }

    /** The same methods, each returning the HTTP response (status, headers) with the result. */
    public function withRawResponse(): ContactsWithRawResponse
    {
        return new ContactsWithRawResponse($this, $this->client);
    }

    /**
     * List all contacts
     *
     * Returns one page of your contacts, newest first (`created_at`, then `id`, descending).
     *
     * The reference's curl sample sends `active=true`, a parameter it documents nowhere; this API has no such filter, and like every undefined parameter it gets `400 invalid_request`.
     *
     * Pages are walked with cursors: `starting_after` takes the `id` of the last contact of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your contacts that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.
     *
     * @param array{limit?: int, starting_after?: string, ending_before?: string} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return Page<Contact> iterate it to walk every page
     * @throws \Protocol\Exceptions\ApiException
     */
    public function list(array $params = [], array $options = []): Page
    {
        return $this->client->requestPage(
            '/v1/contacts',
            $params,
            Contact::fromArray(...),
            ['items_field' => 'data', 'has_more_field' => 'has_more', 'after_param' => 'starting_after', 'before_param' => 'ending_before', 'cursor_field' => 'id'],
            $options,
            security: [['bearerAuth'], ['basicAuth']],
        );
    }

    /**
     * Create a contact
     *
     * Adds someone to your contact list. The server creates your conversation with the new contact alongside it and answers with its id in `conversation_id`; `last_active_at` is `null` until the contact does something. Usernames and phone numbers need not be unique.
     *
     * @param array{username: string, phone_number: string, avatar_url?: string|null, display_name?: string|null} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function create(array $params, array $options = []): Contact
    {
        return Contact::fromArray(
            $this->client->request(
                'POST',
                '/v1/contacts',
                body: $params,
                retrySafe: true,
                options: $options,
                idempotencyHeader: 'Idempotency-Key',
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Retrieve a contact
     *
     * Returns the contact with this id, if it is one of yours.
     *
     * @param string $id The contact's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function get(string $id, array $options = []): Contact
    {
        return Contact::fromArray(
            $this->client->request(
                'GET',
                '/v1/contacts/' . rawurlencode($id),
                retrySafe: true,
                options: $options,
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Update a contact
     *
     * Changes how the contact is named in your list; `null` goes back to no display name.
     * Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the contact.
     *
     * @param string $id The contact's id.
     * @param array{display_name?: string|null} $params
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function update(string $id, array $params = [], array $options = []): Contact
    {
        return Contact::fromArray(
            $this->client->request(
                'PUT',
                '/v1/contacts/' . rawurlencode($id),
                body: $params,
                retrySafe: true,
                options: $options,
                security: [['bearerAuth'], ['basicAuth']],
            )
        );
    }

    /**
     * Delete a contact
     *
     * Removes the contact from your list, and with it your conversation with the contact and that conversation's messages. The contact leaves every group it was a member of, and the messages it sent elsewhere keep their text with `contact: null`.
     * Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the contact is in no list.
     *
     * @param string $id The contact's id.
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @throws \Protocol\Exceptions\ApiException
     */
    public function delete(string $id, array $options = []): void
    {
        $this->client->request(
            'DELETE',
            '/v1/contacts/' . rawurlencode($id),
            retrySafe: true,
            options: $options,
            security: [['bearerAuth'], ['basicAuth']],
        );
    }
}
