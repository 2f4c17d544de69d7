<?php
// Generated from spec/openapi.yaml + templates/php/src/Core/BaseClient.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Core;

use Protocol\Exceptions\ApiConnectionException;
use Protocol\Exceptions\ApiException;
use Protocol\Exceptions\ApiStatusException;

/**
 * What every resource calls into: authentication, JSON, timeouts, retries.
 * Needs nothing beyond PHP's own json extension (and openssl for https://). The retry policy
 * is rendered from the generator's one declaration of it, shared with the Python and
 * TypeScript clients.
 */
abstract class BaseClient
{
    private const DEFAULT_TIMEOUT_SECONDS = 60.0;
    private const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10.0;
    private const DEFAULT_MAX_RETRIES = 2;
    private const INITIAL_RETRY_DELAY_SECONDS = 0.5;
    private const MAX_RETRY_DELAY_SECONDS = 8.0;
    // A backoff delay is shortened at random by up to this fraction.
    private const RETRY_JITTER = 0.25;
    // A longer Retry-After than this is not waited for: the error goes to the caller instead.
    private const MAX_RETRY_AFTER_SECONDS = 60.0;
    // Besides every 5xx.
    private const RETRY_STATUSES = [408, 409, 429];


    public readonly string $baseUrl;
    public readonly float $timeout;
    public readonly float $connectTimeout;
    public readonly int $maxRetries;
    private readonly string $token;
    private readonly StreamTransport $transport;
    /** Where withRawResponse() collects the response of the call it makes. */
    private ?HttpResponse $captured = null;
    private bool $capturing = false;

    /**
     * @param array{base_url?: string, timeout?: int|float, connect_timeout?: int|float, max_retries?: int} $options
     * @param array{default_base_url: string, base_url_env: string, token_env: string, user_agent: string} $settings
     */
    public function __construct(?string $token, private readonly array $options, private readonly array $settings)
    {
        $token = ($token !== null && $token !== '') ? $token : self::env($settings['token_env']);
        if ($token === null) {
            throw new ApiException(sprintf(
                'No API token: pass one to the client constructor or set the %s environment variable.',
                $settings['token_env'],
            ));
        }
        $this->token = $token;
        $baseUrl = $options['base_url'] ?? self::env($settings['base_url_env']) ?? $settings['default_base_url'];
        $this->baseUrl = rtrim($baseUrl, '/');
        $this->timeout = (float) ($options['timeout'] ?? self::DEFAULT_TIMEOUT_SECONDS);
        $this->connectTimeout = (float) ($options['connect_timeout'] ?? self::DEFAULT_CONNECT_TIMEOUT_SECONDS);
        $this->maxRetries = $options['max_retries'] ?? self::DEFAULT_MAX_RETRIES;
        $this->transport = new StreamTransport();
    }

    /**
     * A copy of this client with other defaults.
     *
     * @param array{base_url?: string, timeout?: int|float, connect_timeout?: int|float, max_retries?: int} $options
     */
    public function withOptions(array $options): static
    {
        // @phpstan-ignore new.static (every client takes ($token, $options))
        return new static($this->token, [...$this->options, 'base_url' => $this->baseUrl, ...$options]);
    }

    /**
     * Sends one request, retrying it when it is safe to; returns the decoded JSON object
     * (an empty array when the response has no body).
     *
     * @param array<string, mixed> $query
     * @param array<string, mixed>|null $body sent as JSON; null sends no body
     * @param bool $retrySafe safe to send twice (an idempotent method, or an idempotency key)
     * @param string|null $idempotencyHeader the header of the call's idempotency key, if it takes one
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @return array<string, mixed>
     */
    public function request(
        string $method,
        string $path,
        array $query = [],
        ?array $body = null,
        bool $retrySafe = false,
        array $options = [],
        ?string $idempotencyHeader = null,
    ): array {
        $url = $this->baseUrl . $path . self::queryString($query);
        $headers = [
            'Accept' => 'application/json',
            'Authorization' => 'Bearer ' . $this->token,
            'User-Agent' => $this->settings['user_agent'],
            ...($options['headers'] ?? []),
        ];
        if ($idempotencyHeader !== null) {
            // One key for the call, sent again on each retry: the server acts on it once.
            $headers[$idempotencyHeader] = $options['idempotency_key'] ?? self::uuid4();
        }
        $content = null;
        if ($body !== null) {
            $headers['Content-Type'] = 'application/json';
            // (object) so that an empty body is {} and not [].
            $content = json_encode((object) $body, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES);
        }
        $timeout = (float) ($options['timeout'] ?? $this->timeout);
        $connectTimeout = (float) ($options['connect_timeout'] ?? $this->connectTimeout);
        $maxRetries = $retrySafe ? ($options['max_retries'] ?? $this->maxRetries) : 0;

        for ($attempt = 0; ; $attempt++) {
            try {
                $response = $this->transport->send($method, $url, $headers, $content, $connectTimeout, $timeout);
            } catch (ApiConnectionException $error) {
                if ($attempt < $maxRetries) {
                    self::sleep(self::backoffDelay($attempt));
                    continue;
                }
                throw $error;
            }
            if ($response->status >= 200 && $response->status < 300) {
                if ($this->capturing) {
                    $this->captured = $response;
                }
                return self::decodeSuccess($method, $url, $response);
            }
            if ((in_array($response->status, self::RETRY_STATUSES, true) || $response->status >= 500) && $attempt < $maxRetries) {
                $delay = self::retryAfterDelay($response) ?? self::backoffDelay($attempt);
                if ($delay <= self::MAX_RETRY_AFTER_SECONDS) {
                    self::sleep($delay);
                    continue;
                }
            }
            throw ApiStatusException::fromResponse($response->status, self::decodeError($response->body), $response->headers);
        }
    }

    /**
     * Sends a list request (GET); the page it returns can fetch the pages after it.
     *
     * @template T
     * @param array<string, mixed> $query
     * @param callable(array<string, mixed>): T $hydrate turns one item into its model
     * @param array{items_field: string, has_more_field: string, after_param: string, before_param: string|null, cursor_field: string} $pagination
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>} $options
     * @return Page<T>
     */
    public function requestPage(string $path, array $query, callable $hydrate, array $pagination, array $options = []): Page
    {
        $body = $this->request('GET', $path, $query, null, true, $options);
        $fetch = fn (array $nextQuery): Page => $this->requestPage($path, $nextQuery, $hydrate, $pagination, $options);
        $items = $body[$pagination['items_field']] ?? [];
        return new Page(
            array_values(array_map($hydrate, is_array($items) ? $items : [])),
            (bool) ($body[$pagination['has_more_field']] ?? false),
            $query,
            $pagination,
            $fetch,
        );
    }

    /**
     * Runs one call and returns its HTTP response with its result (see withRawResponse()).
     *
     * @template R
     * @param callable(): R $call
     * @return RawResponse<R>
     */
    public function captureResponse(callable $call): RawResponse
    {
        [$this->capturing, $this->captured] = [true, null];
        try {
            $result = $call();
            $response = $this->captured;
        } finally {
            [$this->capturing, $this->captured] = [false, null];
        }
        if ($response === null) {
            throw new ApiException('The call made no request whose response could be kept.');
        }
        return new RawResponse($response->status, $response->headers, $response->body, $result);
    }

    private static function env(string $name): ?string
    {
        $value = getenv($name);
        return is_string($value) && $value !== '' ? $value : null;
    }

    private static function uuid4(): string
    {
        $bytes = random_bytes(16);
        $bytes[6] = chr((ord($bytes[6]) & 0x0f) | 0x40);
        $bytes[8] = chr((ord($bytes[8]) & 0x3f) | 0x80);
        return vsprintf('%s%s-%s-%s-%s-%s%s%s', str_split(bin2hex($bytes), 4));
    }

    /** @param array<string, mixed> $query */
    private static function queryString(array $query): string
    {
        $pairs = [];
        foreach ($query as $key => $value) {
            // Left out means "not given"; booleans travel as `true`/`false`, not PHP's 1/0.
            if ($value === null) {
                continue;
            }
            $text = is_bool($value) ? ($value ? 'true' : 'false') : (string) $value;
            $pairs[] = rawurlencode((string) $key) . '=' . rawurlencode($text);
        }
        return $pairs === [] ? '' : '?' . implode('&', $pairs);
    }

    /** @return array<string, mixed> */
    private static function decodeSuccess(string $method, string $url, HttpResponse $response): array
    {
        if ($response->status === 204 || $response->body === '') {
            return [];
        }
        try {
            $decoded = json_decode($response->body, true, 512, JSON_THROW_ON_ERROR);
        } catch (\JsonException $error) {
            throw new ApiException(sprintf(
                '%s %s answered %d with a body that is not JSON: %s',
                $method,
                $url,
                $response->status,
                substr($response->body, 0, 200),
            ), 0, $error);
        }
        if (!is_array($decoded)) {
            throw new ApiException(sprintf('%s %s answered %d with JSON that is not an object.', $method, $url, $response->status));
        }
        return $decoded;
    }

    private static function decodeError(string $body): mixed
    {
        try {
            return json_decode($body, true, 512, JSON_THROW_ON_ERROR);
        } catch (\JsonException) {
            return $body;
        }
    }

    /** The wait the server asked for with Retry-After (seconds or an HTTP date), if it did. */
    private static function retryAfterDelay(HttpResponse $response): ?float
    {
        $value = $response->header('retry-after');
        if ($value === null || $value === '') {
            return null;
        }
        if (is_numeric($value)) {
            return max(0.0, (float) $value);
        }
        $time = strtotime($value);
        return $time === false ? null : max(0.0, (float) ($time - microtime(true)));
    }

    private static function backoffDelay(int $attempt): float
    {
        $backoff = min(self::INITIAL_RETRY_DELAY_SECONDS * 2 ** $attempt, self::MAX_RETRY_DELAY_SECONDS);
        return $backoff * (1 - self::RETRY_JITTER * mt_rand() / mt_getrandmax());
    }

    private static function sleep(float $seconds): void
    {
        if ($seconds > 0) {
            usleep((int) round($seconds * 1_000_000));
        }
    }
}
