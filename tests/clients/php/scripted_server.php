<?php
// Router for `php -S`: answers as the scenario named by the first path segment says, and logs
// every request (method, path, time, Idempotency-Key) to $PROTOCOL_SCRIPT_DIR/<scenario>.log so
// the test can count them.
declare(strict_types=1);

$path = (string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$scenario = explode('/', trim($path, '/'))[0];
$log = getenv('PROTOCOL_SCRIPT_DIR') . '/' . basename($scenario) . '.log';
$key = $_SERVER['HTTP_IDEMPOTENCY_KEY'] ?? '-';
file_put_contents($log, $_SERVER['REQUEST_METHOD'] . ' ' . $path . ' ' . microtime(true) . ' ' . $key . "\n", FILE_APPEND | LOCK_EX);
$attempt = count(file($log));

$conversation = [
    'id' => 'xgQQXg3hrtjh7AvZ', 'contact_id' => 'WAz8eIbvDR60rouK', 'group_id' => null,
    'pinned_message_id' => null, 'is_pinned' => false, 'is_muted' => false,
    'last_active_at' => null, 'last_opened_at' => null, 'created_at' => 692233200, 'archived_at' => null,
];
$down = ['type' => 'api_error', 'message' => 'Down.'];
[$status, $headers, $body] = match ($scenario) {
    'retry-503' => $attempt === 1 ? [503, ['Retry-After: 0'], $down] : [200, [], $conversation],
    'create-503' => $attempt === 1 ? [503, ['Retry-After: 0'], $down] : [201, [], $conversation],
    'always-503' => [503, ['Retry-After: 0'], $down],
    'rate-limit' => $attempt === 1
        ? [429, ['Retry-After: 1'], ['type' => 'invalid_request', 'message' => 'Slow down.']]
        : [200, [], $conversation],
    'not-json' => [200, [], null],
    default => [500, [], ['type' => 'api_error', 'message' => "Unknown scenario '$scenario'."]],
};
http_response_code($status);
header('Content-Type: application/json');
foreach ($headers as $line) {
    header($line);
}
echo $body === null ? 'not json' : json_encode($body);
