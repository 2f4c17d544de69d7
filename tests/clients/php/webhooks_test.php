<?php
// The shared webhook vectors (the JSON file named by the first argument) through the PHP
// client's verifier, with each case's scheme and clock. Run by tests/clients/test_webhooks.py.

declare(strict_types=1);

require __DIR__ . '/../../../generated/php/autoload.php';

use Protocol\ApiClient;
use Protocol\Exceptions\ApiException;
use Protocol\Exceptions\WebhookVerificationError;
use Protocol\Webhooks;

function check(bool $ok, string $what): void
{
    if (!$ok) {
        fwrite(STDERR, "FAILED: $what\n");
        exit(1);
    }
}

function refused(callable $call): bool
{
    try {
        $call();
    } catch (WebhookVerificationError) {
        return true;
    }
    return false;
}

$cases = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR)['cases'];
foreach ($cases as $c) {
    $now = $c['now'] ?? 0;
    $webhooks = new Webhooks($c['signing'], static fn (): int => $now);
    $verify = static fn () => $webhooks->verifySignature($c['body'], $c['headers'], $c['secret']);
    $unwrap = static fn () => $webhooks->unwrap($c['body'], $c['headers'], $c['secret']);
    check(refused($verify) === !$c['verified'], "{$c['name']}: verifySignature");
    if ($c['event'] === null) {
        check(refused($unwrap), "{$c['name']}: unwrap refuses it");
    } else {
        $event = $unwrap();
        check($event->type === $c['event']['type'], "{$c['name']}: the event's type");
        check($event->payload->id === $c['event']['payload_id'], "{$c['name']}: the payload");
    }
}

$valid = current(array_filter($cases, static fn ($c) => $c['name'] === 'protocol_valid'));
putenv('PROTOCOL_WEBHOOK_SECRET=' . $valid['secret']);
$client = new ApiClient('token');
check($client->webhooks->unwrap($valid['body'], $valid['headers'])->type === 'conversation.updated', 'env secret');
putenv('PROTOCOL_WEBHOOK_SECRET');
check(refused(static fn () => $client->webhooks->verifySignature($valid['body'], $valid['headers'])), 'no secret');
check(new WebhookVerificationError('x') instanceof ApiException, 'in the hierarchy');
echo count($cases) . " vectors passed\n";
