<?php
// Generated from spec/openapi.yaml + templates/php/src/Webhooks.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol;

use Protocol\Exceptions\WebhookVerificationError;
use Protocol\Models\AttachmentEvent;
use Protocol\Models\ContactEvent;
use Protocol\Models\ConversationEvent;
use Protocol\Models\GroupEvent;
use Protocol\Models\MessageEvent;

/**
 * `$client->webhooks`: check that a delivery comes from the API, and read it.
 *
 * The rules are the generator's one webhook policy, shared by the Python and TypeScript
 * clients: both signing schemes are implemented; SIGNING is the one the spec declares.
 */
final class Webhooks
{
    /** The scheme the spec declares: its headers (lower case, the signature's last) and the
     * tolerance in seconds either side of now, for a scheme that signs a timestamp. */
    public const SIGNING = [
        'scheme' => 'hmac-sha256-hex',
        'headers' => ['x-protocol-signature'],
        'tolerance' => 0,
    ];
    public const SECRET_ENV = 'PROTOCOL_WEBHOOK_SECRET';
    /** Each declared webhook's name => the body attribute that carries it, and the body's model. */
    public const EVENTS = [
        'conversation.created' => ['type', ConversationEvent::class],
        'conversation.updated' => ['type', ConversationEvent::class],
        'conversation.deleted' => ['type', ConversationEvent::class],
        'contact.created' => ['type', ContactEvent::class],
        'contact.updated' => ['type', ContactEvent::class],
        'contact.deleted' => ['type', ContactEvent::class],
        'group.created' => ['type', GroupEvent::class],
        'group.updated' => ['type', GroupEvent::class],
        'group.deleted' => ['type', GroupEvent::class],
        'message.created' => ['type', MessageEvent::class],
        'message.updated' => ['type', MessageEvent::class],
        'message.deleted' => ['type', MessageEvent::class],
        'attachment.created' => ['type', AttachmentEvent::class],
        'attachment.updated' => ['type', AttachmentEvent::class],
        'attachment.deleted' => ['type', AttachmentEvent::class],
    ];

    /** @var \Closure(): int */
    private readonly \Closure $now;

    /**
     * @param array{scheme: string, headers: list<string>, tolerance: int} $signing
     * @param (\Closure(): int)|null $now the clock timestamps are checked against, Unix seconds
     */
    public function __construct(private readonly array $signing = self::SIGNING, ?\Closure $now = null)
    {
        $this->now = $now ?? static fn (): int => time();
    }

    /**
     * The delivery's event, once its signature is verified.
     *
     * @param string $body the raw body, exactly as received (`file_get_contents('php://input')`)
     * @param array<string, string|list<string>> $headers the request's headers, any case
     * @param string|null $secret defaults to the PROTOCOL_WEBHOOK_SECRET environment variable
     * @throws WebhookVerificationError a missing or wrong signature, a timestamp out of
     *     tolerance, or a body that is not an event of a declared webhook
     */
    public function unwrap(string $body, array $headers, ?string $secret = null): ConversationEvent|ContactEvent|GroupEvent|MessageEvent|AttachmentEvent
    {
        $this->verifySignature($body, $headers, $secret);
        return self::parseEvent($body);
    }

    /**
     * Returns if the delivery is signed with `$secret`; throws WebhookVerificationError if not.
     *
     * @param array<string, string|list<string>> $headers
     * @throws WebhookVerificationError
     */
    public function verifySignature(string $body, array $headers, ?string $secret = null): void
    {
        $key = $secret ?? (getenv(self::SECRET_ENV) ?: null);
        if ($key === null || $key === '') {
            throw new WebhookVerificationError('no webhook secret: pass it or set $' . self::SECRET_ENV);
        }
        $lowered = [];
        foreach ($headers as $name => $value) {
            $lowered[strtolower((string) $name)] = is_array($value) ? implode(', ', $value) : (string) $value;
        }
        match ($this->signing['scheme']) {
            'standard-webhooks' => $this->verifyStandard($body, $lowered, $key),
            'hmac-sha256-hex' => $this->verifyHex($body, $lowered, $key),
            default => throw new WebhookVerificationError(
                'the API declares no webhook signing scheme: deliveries cannot be verified'
            ),
        };
    }

    /**
     * The body as the model of the declared webhook its `type` names (no signature check).
     *
     * @throws WebhookVerificationError
     */
    public static function parseEvent(string $body): ConversationEvent|ContactEvent|GroupEvent|MessageEvent|AttachmentEvent
    {
        try {
            $data = json_decode($body, true, 512, JSON_THROW_ON_ERROR);
        } catch (\JsonException $error) {
            throw new WebhookVerificationError('the body is not JSON: ' . $error->getMessage());
        }
        $kind = null;
        foreach (self::EVENTS as $name => [$attribute]) {
            if (is_array($data) && !array_is_list($data) && ($data[$attribute] ?? null) === $name) {
                $kind = $name;
                break;
            }
        }
        if ($kind === null) {
            $declared = self::EVENTS === [] ? 'none' : implode(', ', array_keys(self::EVENTS));
            throw new WebhookVerificationError("the body is not a declared event ($declared)");
        }
        $model = self::EVENTS[$kind][1];
        try {
            /** @var array<string, mixed> $data */
            return $model::fromArray($data);
        } catch (\Throwable $error) {
            throw new WebhookVerificationError("the body is not a valid $kind event: " . $error->getMessage());
        }
    }

    /** @param array<string, string> $headers */
    private static function header(array $headers, string $name): string
    {
        $value = $headers[$name] ?? '';
        if ($value === '') {
            throw new WebhookVerificationError("the delivery has no `$name` header");
        }
        return $value;
    }

    /** @param array<string, string> $headers */
    private function verifyHex(string $body, array $headers, string $secret): void
    {
        $received = trim(self::header($headers, $this->signing['headers'][count($this->signing['headers']) - 1]));
        $expected = hash_hmac('sha256', $body, $secret);
        if (!hash_equals($expected, $received)) {
            throw new WebhookVerificationError('the signature does not match the body and the secret');
        }
    }

    /** @param array<string, string> $headers */
    private function verifyStandard(string $body, array $headers, string $secret): void
    {
        [$idHeader, $timestampHeader, $signatureHeader] = $this->signing['headers'];
        $messageId = self::header($headers, $idHeader);
        $timestamp = self::header($headers, $timestampHeader);
        $signatures = self::header($headers, $signatureHeader);
        if (!ctype_digit($timestamp)) {
            throw new WebhookVerificationError("`$timestampHeader` is not a Unix time: $timestamp");
        }
        if (abs(($this->now)() - (int) $timestamp) > $this->signing['tolerance']) {
            throw new WebhookVerificationError(
                "the timestamp $timestamp is more than {$this->signing['tolerance']} s from now"
            );
        }
        $encoded = str_starts_with($secret, 'whsec_') ? substr($secret, strlen('whsec_')) : $secret;
        $key = base64_decode($encoded, true);
        if ($key === false) {
            throw new WebhookVerificationError('the secret is not `whsec_` followed by base64');
        }
        $expected = base64_encode(hash_hmac('sha256', "$messageId.$timestamp.$body", $key, true));
        $matched = false;
        foreach (explode(' ', $signatures) as $entry) {
            [$version, $signature] = array_pad(explode(',', $entry, 2), 2, '');
            // Every entry is compared, so the time taken does not tell which one matched.
            $ok = $version === 'v1' && hash_equals($expected, $signature);
            $matched = $matched || $ok;
        }
        if (!$matched) {
            throw new WebhookVerificationError('no signature matches the body and the secret');
        }
    }
}
