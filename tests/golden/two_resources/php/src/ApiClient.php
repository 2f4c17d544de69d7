<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/ApiClient.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol;

use Protocol\Core\BaseClient;
use Protocol\Resources\Conversations;
use Protocol\Resources\Widgets;

/**
 * Two Resources API
 *
 * A small spec with two tags, to prove that resources come from the spec alone.
 */
final class ApiClient extends BaseClient
{
    /** Verifies and parses webhook deliveries (no request is sent). */
    public readonly Webhooks $webhooks;
    /** Conversations, reduced to what this fixture needs. */
    public readonly Conversations $conversations;
    /** Widgets, a resource the templates know nothing about. */
    public readonly Widgets $widgets;

    /**
     * @param string|null $token the API token; defaults to the PROTOCOL_API_TOKEN environment variable
     * @param array{base_url?: string, timeout?: int|float, max_retries?: int} $options
     *     `base_url` defaults to the PROTOCOL_BASE_URL environment variable, else https://api.example.test;
     *     `timeout` is in seconds (default 60); `max_retries` applies to idempotent requests (default 2)
     */
    public function __construct(?string $token = null, array $options = [])
    {
        parent::__construct($token, $options, [
            'default_base_url' => 'https://api.example.test',
            'base_url_env' => 'PROTOCOL_BASE_URL',
            'user_agent' => 'protocol-sdk-php/0.1.0',
        ]);
        $this->webhooks = new Webhooks();
        $this->conversations = new Conversations($this);
        $this->widgets = new Widgets($this);
    }
}
