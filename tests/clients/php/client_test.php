<?php
// The generated PHP client against a live server, as plain PHP with assertions.
// Run by tests/clients/test_php_client.py, which starts the reference server and sets
// PROTOCOL_BASE_URL and PROTOCOL_API_TOKEN. Prints one line per check and a closing
// "N passed, N failed" line; exits 1 when anything failed.
declare(strict_types=1);

require __DIR__ . '/../../../generated/php/autoload.php';

use Protocol\Core\Page;
use Protocol\Exceptions\ApiConnectionException;
use Protocol\Exceptions\ApiException;
use Protocol\Exceptions\ApiStatusException;
use Protocol\Exceptions\ApiTimeoutException;
use Protocol\Exceptions\AuthenticationException;
use Protocol\Exceptions\BadRequestException;
use Protocol\Exceptions\InternalServerException;
use Protocol\Exceptions\NotFoundException;
use Protocol\Exceptions\RateLimitException;
use Protocol\Models\Conversation;

error_reporting(E_ALL);
set_error_handler(static function (int $level, string $message, string $file, int $line): bool {
    if ((error_reporting() & $level) === 0) {
        return false; // silenced with @ on purpose (probing a port that is not open yet)
    }
    throw new ErrorException($message, 0, $level, $file, $line); // a warning is a failure too
});

$passed = 0;
$failed = 0;

function check(bool $condition, string $what): void
{
    if (!$condition) {
        throw new RuntimeException('Expected: ' . $what);
    }
}

/** @return Throwable the exception $call threw; fails when it threw nothing */
function thrown(callable $call): Throwable
{
    try {
        $call();
    } catch (Throwable $error) {
        return $error;
    }
    throw new RuntimeException('Expected an exception, but the call returned normally.');
}

function test(string $name, callable $body): void
{
    global $passed, $failed;
    try {
        $body();
        $passed++;
        echo "ok - $name\n";
    } catch (Throwable $error) {
        $failed++;
        echo "not ok - $name\n  " . get_class($error) . ': ' . $error->getMessage() . "\n  at " . $error->getFile() . ':' . $error->getLine() . "\n";
    }
}

function newId(string $prefix): string
{
    static $counter = 0;
    $counter++;
    $id = preg_replace('/[^A-Za-z0-9]/', '', $prefix . hrtime(true) . $counter);
    return substr(str_pad($id, 16, 'x'), -16);
}

$token = (string) getenv('PROTOCOL_API_TOKEN');
$otherToken = (string) getenv('PROTOCOL_OTHER_API_TOKEN');

test('the reference calls, as written, create, read, update, list and delete', function () use ($token): void {
    $contactId = newId('contact');
    $client = new \Protocol\ApiClient($token);

    $created = $client->conversations->create(['contact_id' => $contactId]);
    check($created instanceof Conversation, 'create() returns a Conversation');
    check($created->contact_id === $contactId, 'the contact_id we sent');
    check($created['contact_id'] === $contactId, 'array access gives the same');
    check($created->group_id === null && !isset($created['group_id']), 'group_id is null');
    check($created->is_muted === false && $created->archived_at === null, 'a new conversation');
    check(preg_match('/^[A-Za-z0-9]{16}$/', $created->id) === 1, 'a 16-character id');

    $fetched = $client->conversations->get($created->id);
    check($fetched == $created, 'get() returns what create() did');
    check($fetched->toArray() === $created->toArray(), 'and the same JSON shape');

    $updated = $client->conversations->update($created->id, ['is_muted' => true]);
    check($updated->is_muted === true && $updated->id === $created->id, 'update() sets is_muted');
    check($client->conversations->get($created->id)->is_muted === true, 'the update is stored');

    $page = $client->conversations->list();
    check($page instanceof Page, 'list() returns a Page');
    check(is_bool($page->has_more) && is_array($page->data), 'with has_more and data');
    check(in_array($created->id, array_map(fn (Conversation $c): string => $c->id, $page->data), true), 'the new conversation is listed');

    $client->conversations->delete($created->id);

    $error = thrown(fn () => $client->conversations->get($created->id));
    check($error instanceof NotFoundException, 'get() after delete() throws NotFoundException, got ' . get_class($error));
    check($error instanceof ApiStatusException && $error instanceof ApiException, 'inside the hierarchy');
    check($error->status === 404, 'status 404');
    check($error->type === 'invalid_request', 'type invalid_request');
    check(str_contains($error->getMessage(), $created->id), 'the message names the id');

    $after = $client->conversations->list(['limit' => 100]);
    check(!in_array($created->id, array_map(fn (Conversation $c): string => $c->id, $after->data), true), 'deleted is not listed');
});

test('iterating a page follows the cursor across pages, newest first', function () use ($otherToken): void {
    $client = new \Protocol\ApiClient($otherToken);
    $ids = [];
    for ($index = 0; $index < 5; $index++) {
        $ids[] = $client->conversations->create(['group_id' => newId('group')])->id;
    }
    $first = $client->conversations->list(['limit' => 2]);
    check(count($first->data) === 2 && $first->has_more === true, 'a first page of 2 with more after it');

    $pages = iterator_to_array($first->iterPages());
    check(count($pages) >= 3, 'at least 3 pages, got ' . count($pages));

    $all = iterator_to_array($first); // keys keep counting across pages, so nothing is lost
    $seen = array_map(fn (Conversation $c): string => $c->id, $all);
    $byPage = array_merge(...array_map(fn (Page $p): array => array_map(fn (Conversation $c): string => $c->id, $p->data), $pages));
    check($seen === $byPage, 'iteration yields every page in order');
    check(count(array_unique($seen)) === count($seen), 'no conversation twice');
    foreach ($ids as $id) {
        check(in_array($id, $seen, true), "$id is reached by iteration");
    }
    for ($index = 1; $index < count($all); $index++) {
        [$newer, $older] = [$all[$index - 1], $all[$index]];
        check(
            $newer->created_at > $older->created_at || ($newer->created_at === $older->created_at && strcmp($newer->id, $older->id) > 0),
            "{$newer->id} comes before {$older->id}",
        );
    }
    $generated = [];
    foreach ($first->autoPagingIterator() as $conversation) {
        $generated[] = $conversation->id;
    }
    check($generated === $seen, 'autoPagingIterator() yields the same');
});

test('withRawResponse gives status, headers and the parsed result; pages walk backward', function () use ($token): void {
    $client = new \Protocol\ApiClient($token);
    $raw = $client->conversations->withRawResponse()->create(['contact_id' => newId('contact')]);
    $created = $raw->parse();
    check($raw->status === 201 && $created instanceof Conversation, '201 and the conversation');
    check($raw->header('Location') === '/v1/conversations/' . $created->id, 'the Location header');
    $got = $client->conversations->withRawResponse()->get($created->id);
    check($got->status === 200 && $got->parse() == $created, 'get, raw');
    $gone = $client->conversations->withRawResponse()->delete($created->id);
    check($gone->status === 204 && $gone->parse() === null && $gone->body === '', 'delete, raw');

    $ids = [];
    for ($i = 0; $i < 5; $i++) {
        $ids[] = $client->conversations->create(['contact_id' => newId('walk')])->id;
    }
    $newestFirst = array_map(static fn (Conversation $c): string => $c->id, $client->conversations->list(['limit' => 100])->data);
    $oldest = end($newestFirst);
    $pages = [];
    foreach ($client->conversations->list(['limit' => 2, 'ending_before' => $oldest])->iterPages() as $page) {
        $pages[] = array_map(static fn (Conversation $c): string => $c->id, $page->data);
    }
    check($pages[0] === array_slice($newestFirst, -3, 2), 'the first backward page is the one just before');
    $walked = array_merge(...$pages);
    sort($walked);
    $before = array_slice($newestFirst, 0, -1);
    sort($before);
    check($walked === $before, 'walking backward visits every conversation before the cursor');
    foreach ($ids as $id) {
        $client->conversations->delete($id);
    }
});

test('a model keeps attributes a newer server sends; a request model refuses unknown ones', function (): void {
    $conversation = Conversation::fromArray([
        'id' => 'xgQQXg3hrtjh7AvZ', 'contact_id' => null, 'group_id' => 'Gx5cQ1vL2mZ9kT3R',
        'pinned_message_id' => null, 'is_pinned' => false, 'is_muted' => false, 'last_active_at' => null,
        'last_opened_at' => null, 'created_at' => 1, 'archived_at' => null, 'is_starred' => true,
    ]);
    check($conversation->extra() === ['is_starred' => true] && $conversation['is_starred'] === true, 'extra() and [\'is_starred\']');
    check($conversation->toArray()['is_starred'] === true, 'toArray() keeps it');
    $error = thrown(fn () => \Protocol\Models\ConversationUpdate::fromArray(['is_starred' => true]));
    check($error instanceof InvalidArgumentException && str_contains($error->getMessage(), '"is_starred"'), 'names it');
    $event = \Protocol\Models\ConversationEvent::fromArray(['id' => 'evT4mQ9xLp2ZrW8k', 'type' => 'conversation.archived', 'payload' => $conversation->toArray()]);
    check($event->type === 'conversation.archived', 'an enum value this version does not list');
});

test('null clears a nullable attribute; an unknown attribute is a BadRequestException', function () use ($token): void {
    $client = new \Protocol\ApiClient($token);
    $created = $client->conversations->create(['contact_id' => newId('nullable')]);
    check($client->conversations->update($created->id, ['archived_at' => 705200000])->archived_at === 705200000, 'archived');
    check($client->conversations->update($created->id, ['archived_at' => null])->archived_at === null, 'null unarchives');
    check($client->conversations->update($created->id, [])->id === $created->id, 'an empty update is {} and changes nothing');
    $error = thrown(fn () => $client->conversations->update($created->id, ['colour' => 'red']));
    check($error instanceof BadRequestException && $error->status === 400 && $error->type === 'invalid_request', 'unknown attribute: 400, got ' . get_class($error));
    $error = thrown(fn () => $client->conversations->list(['starting_after' => $created->id, 'ending_before' => $created->id]));
    check($error instanceof BadRequestException, 'both cursors: BadRequestException');
    $muted = $client->conversations->list(['muted' => false, 'limit' => 100]);
    check(in_array($created->id, array_map(fn (Conversation $c): string => $c->id, $muted->data), true), 'booleans travel as true/false');
});

test('a wrong token is an AuthenticationException; a missing token fails before any request', function (): void {
    $error = thrown(fn () => (new \Protocol\ApiClient('not-a-valid-token'))->conversations->list());
    check($error instanceof AuthenticationException && $error->status === 401 && $error->type === 'invalid_request', 'wrong token: 401');
    $saved = getenv('PROTOCOL_API_TOKEN');
    putenv('PROTOCOL_API_TOKEN');
    try {
        $error = thrown(fn () => new \Protocol\ApiClient());
        check($error instanceof ApiException && str_contains($error->getMessage(), 'PROTOCOL_API_TOKEN'), 'no token: says what to set');
    } finally {
        putenv("PROTOCOL_API_TOKEN=$saved");
    }
});

test('the base URL comes from the options, else PROTOCOL_BASE_URL, else the spec', function (): void {
    $saved = (string) getenv('PROTOCOL_BASE_URL');
    try {
        check((new \Protocol\ApiClient('t', ['base_url' => 'http://example.test:1/']))->baseUrl === 'http://example.test:1', 'option');
        check((new \Protocol\ApiClient('t'))->baseUrl === $saved, 'environment');
        putenv('PROTOCOL_BASE_URL');
        check((new \Protocol\ApiClient('t'))->baseUrl === 'https://api.protocol.chat', 'spec default');
    } finally {
        putenv("PROTOCOL_BASE_URL=$saved");
    }
});

// --- retries and timeouts, against `php -S` running scripted_server.php -----------------------

function freePort(): int
{
    $socket = stream_socket_server('tcp://127.0.0.1:0');
    $name = stream_socket_get_name($socket, false);
    fclose($socket);
    return (int) substr($name, strrpos($name, ':') + 1);
}

$scriptDir = sys_get_temp_dir() . '/protocol-php-test-' . getmypid();
@mkdir($scriptDir);
$port = freePort();
$server = proc_open(
    [PHP_BINARY, '-S', "127.0.0.1:$port", __DIR__ . '/scripted_server.php'],
    [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']],
    $pipes,
    null,
    [...getenv(), 'PROTOCOL_SCRIPT_DIR' => $scriptDir],
);
$deadline = microtime(true) + 10;
while (($probe = @fsockopen('127.0.0.1', $port, $code, $message, 0.2)) === false && microtime(true) < $deadline) {
    usleep(50_000);
}
if ($probe !== false) {
    fclose($probe);
}
$scripted = "http://127.0.0.1:$port";
$requests = static fn (string $scenario): array => file_exists("$scriptDir/$scenario.log") ? file("$scriptDir/$scenario.log") : [];

test('an idempotent request is retried after 503, honouring Retry-After', function () use ($scripted, $requests): void {
    $client = new \Protocol\ApiClient('t', ['base_url' => "$scripted/retry-503"]);
    check($client->conversations->get('xgQQXg3hrtjh7AvZ')->contact_id === 'WAz8eIbvDR60rouK', 'the second answer');
    check(count($requests('retry-503')) === 2, 'two requests');
});

test('a 429 waits as long as Retry-After says before the retry', function () use ($scripted, $requests): void {
    $client = new \Protocol\ApiClient('t', ['base_url' => "$scripted/rate-limit"]);
    $client->conversations->update('xgQQXg3hrtjh7AvZ', ['is_muted' => false]);
    $log = $requests('rate-limit');
    check(count($log) === 2, 'two requests');
    $times = array_map(fn (string $line): float => (float) explode(' ', trim($line))[2], $log);
    check($times[1] - $times[0] >= 0.9, 'waited about one second');
});

test('a create is retried with the same Idempotency-Key; retries stop after max_retries', function () use ($scripted, $requests): void {
    $client = new \Protocol\ApiClient('t', ['base_url' => "$scripted/create-503"]);
    $created = $client->conversations->create(['contact_id' => 'WAz8eIbvDR60rouK']);
    check($created->id === 'xgQQXg3hrtjh7AvZ', 'created after one retry');
    $keys = array_map(static fn (string $line): string => trim(explode(' ', $line)[3]), $requests('create-503'));
    check(count($keys) === 2 && $keys[0] === $keys[1] && preg_match('/^[0-9a-f-]{36}$/', $keys[0]) === 1, 'one UUID key, sent twice');
    $client->conversations->create(['contact_id' => 'WAz8eIbvDR60rouK'], ['idempotency_key' => 'mine']);
    $last = $requests('create-503');
    check(trim(explode(' ', end($last))[3]) === 'mine', 'a key of your own');

    $client = new \Protocol\ApiClient('t', ['base_url' => "$scripted/always-503", 'max_retries' => 2]);
    $error = thrown(fn () => $client->conversations->delete('xgQQXg3hrtjh7AvZ'));
    check($error instanceof InternalServerException && $error->status === 503 && $error->type === 'api_error', '503: InternalServerException');
    check($error->getMessage() === 'Down.', "the server's message");
    check(count($requests('always-503')) === 1 + 2, 'DELETE: 1 + 2 retries');
    thrown(fn () => $client->request('POST', '/v1/conversations', body: [], retrySafe: false));
    check(count($requests('always-503')) === 1 + 2 + 1, 'a request not safe to repeat: sent once');
    thrown(fn () => $client->conversations->get('xgQQXg3hrtjh7AvZ', ['max_retries' => 0]));
    check(count($requests('always-503')) === 1 + 2 + 1 + 1, 'max_retries per call');
    thrown(fn () => $client->withOptions(['max_retries' => 0])->conversations->get('xgQQXg3hrtjh7AvZ'));
    check(count($requests('always-503')) === 1 + 2 + 1 + 1 + 1, 'withOptions');
});

test('a success body that is not JSON is an ApiException', function () use ($scripted): void {
    $client = new \Protocol\ApiClient('t', ['base_url' => "$scripted/not-json"]);
    $error = thrown(fn () => $client->conversations->get('xgQQXg3hrtjh7AvZ'));
    check(get_class($error) === ApiException::class && str_contains($error->getMessage(), 'not JSON'), 'says so');
});

test('no answer within the timeout is an ApiTimeoutException', function (): void {
    $silent = stream_socket_server('tcp://127.0.0.1:0'); // accepts connections, never answers
    $name = stream_socket_get_name($silent, false);
    $client = new \Protocol\ApiClient('t', ['base_url' => "http://$name", 'timeout' => 0.3, 'max_retries' => 0]);
    $started = microtime(true);
    $error = thrown(fn () => $client->conversations->get('xgQQXg3hrtjh7AvZ'));
    fclose($silent);
    check($error instanceof ApiTimeoutException && $error instanceof ApiConnectionException, 'ApiTimeoutException, got ' . get_class($error) . ': ' . $error->getMessage());
    check(microtime(true) - $started < 5, 'gave up soon after the timeout');
});

test('a refused connection is an ApiConnectionException', function (): void {
    $port = freePort();
    $client = new \Protocol\ApiClient('t', ['base_url' => "http://127.0.0.1:$port", 'max_retries' => 1]);
    $error = thrown(fn () => $client->conversations->get('xgQQXg3hrtjh7AvZ'));
    check($error instanceof ApiConnectionException && !$error instanceof ApiTimeoutException, 'ApiConnectionException, got ' . get_class($error));
    check(str_contains($error->getMessage(), (string) $port), 'names the URL');
});

proc_terminate($server);
proc_close($server);
array_map('unlink', glob("$scriptDir/*.log") ?: []);
@rmdir($scriptDir);

echo "$passed passed, $failed failed\n";
exit($failed === 0 ? 0 : 1);
