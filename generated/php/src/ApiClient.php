<?php
// Generated from spec/openapi.yaml + templates/php/src/ApiClient.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol;

use Protocol\Core\BaseClient;
use Protocol\Resources\Conversations;
use Protocol\Resources\Contacts;
use Protocol\Resources\Groups;
use Protocol\Resources\Messages;
use Protocol\Resources\Attachments;

/**
 * Protocol API
 *
 * The Protocol API lets you read and manage the contacts, conversations, groups, messages and
 * attachments of the authenticated account. Ids are case-sensitive and unique per account and
 * resource. Objects refer to each other by id; a request naming an id that is not one of yours
 * gets `400 invalid_request` naming the attribute, and nothing is written.
 *
 * Every request is authenticated. Send your API token as a bearer token
 * (`Authorization: Bearer {token}`); all official clients do. HTTP Basic with the token as the
 * password is also accepted but discouraged.
 *
 * Request bodies may be sent as JSON (`application/json`) or form-encoded
 * (`application/x-www-form-urlencoded`); both mean the same. In a form body, booleans are written
 * `true` or `false` (nothing else is a boolean), integers in decimal (`10`; `10.0` is the same
 * integer), and `null`, for the attributes that accept it, is written as the word `null`
 * (`archived_at=null`). An empty value is an empty string, not `null`. A key may appear at
 * most once.
 *
 * Query parameters that an operation does not define are rejected with `400 invalid_request`,
 * so a misspelt filter never silently returns everything.
 *
 * Every unsuccessful response (4xx or 5xx) has an `Error` object as its body, served as
 * `application/json`.
 */
final class ApiClient extends BaseClient
{
    /** Verifies and parses webhook deliveries (no request is sent). */
    public readonly Webhooks $webhooks;
    /**
     * A conversation holds the exchange between you and one contact, or between you and a group.
     * It can have a pinned message, and it can be pinned, muted and archived.
     */
    public readonly Conversations $conversations;
    /** The people you converse with. Adding a contact starts your conversation with them. */
    public readonly Contacts $contacts;
    /** A set of your contacts you talk to at once, with its own conversation. */
    public readonly Groups $groups;
    /** What is said in conversations, with reactions and attachments. */
    public readonly Messages $messages;
    /** Files uploaded to be sent with messages. */
    public readonly Attachments $attachments;

    /**
     * @param string|null $token the API token; defaults to the PROTOCOL_API_TOKEN environment variable
     * @param array{base_url?: string, timeout?: int|float, max_retries?: int, username?: string, password?: string} $options
     *     `base_url` defaults to the PROTOCOL_BASE_URL environment variable, else https://api.protocol.chat;
     *     `timeout` is in seconds (default 60); `max_retries` applies to idempotent requests (default 2)
     *     `username` defaults to the PROTOCOL_USERNAME environment variable
     *     `password` defaults to the PROTOCOL_PASSWORD environment variable
     */
    public function __construct(?string $token = null, array $options = [])
    {
        parent::__construct($token, $options, [
            'default_base_url' => 'https://api.protocol.chat',
            'base_url_env' => 'PROTOCOL_BASE_URL',
            'user_agent' => 'protocol-sdk-php/1.0.0',
        ]);
        $this->webhooks = new Webhooks();
        $this->conversations = new Conversations($this);
        $this->contacts = new Contacts($this);
        $this->groups = new Groups($this);
        $this->messages = new Messages($this);
        $this->attachments = new Attachments($this);
    }
}
