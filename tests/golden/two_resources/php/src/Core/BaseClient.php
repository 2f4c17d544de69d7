<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Core/BaseClient.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Core;

use Protocol\Exceptions\ApiConnectionException;
use Protocol\Exceptions\ApiException;
use Protocol\Exceptions\ApiStatusException;

/**
 * What every resource calls into: authentication, bodies, timeouts, retries.
 * Needs nothing beyond PHP's own json extension (and openssl for https://). The retry policy
 * and the media policy (how bodies and files are sent, how answers are read) are rendered from
 * the generator's one declaration of them, shared with the Python and TypeScript clients.
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
    // A file part's name when the file has none (bytes, a stream that is no file).
    private const DEFAULT_FILE_NAME = 'upload';
    // A file's media type when neither the caller nor the name's extension tell it.
    private const DEFAULT_FILE_MEDIA_TYPE = 'application/octet-stream';
    // A file's media type from its name's extension (the same table in every client).
    private const MEDIA_TYPES = [
        'csv' => 'text/csv',
        'doc' => 'application/msword',
        'docx' => 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'gif' => 'image/gif',
        'gz' => 'application/gzip',
        'htm' => 'text/html',
        'html' => 'text/html',
        'jpeg' => 'image/jpeg',
        'jpg' => 'image/jpeg',
        'json' => 'application/json',
        'md' => 'text/markdown',
        'mov' => 'video/quicktime',
        'mp3' => 'audio/mpeg',
        'mp4' => 'video/mp4',
        'pdf' => 'application/pdf',
        'png' => 'image/png',
        'svg' => 'image/svg+xml',
        'txt' => 'text/plain',
        'wav' => 'audio/wav',
        'webp' => 'image/webp',
        'xls' => 'application/vnd.ms-excel',
        'xlsx' => 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'xml' => 'application/xml',
        'zip' => 'application/zip',
    ];
    // Seconds before an OAuth2 token expires that a new one is fetched.
    private const REFRESH_MARGIN_SECONDS = 30.0;
    /**
     * Each security scheme of the spec, as the client applies it: `arguments` are the
     * credentials' names (`token` is the constructor's first argument, the others keys of its
     * options), `env` the environment variables read when they are not given.
     */
    private const SCHEMES = [
        'bearerAuth' => [
            'kind' => 'bearer',
            'location' => 'header',
            'name' => 'Authorization',
            'arguments' => ['token'],
            'env' => ['PROTOCOL_API_TOKEN'],
            'token_url' => '',
            'scopes' => [],
        ],
    ];
    // Every operation needs a credential: a client made without any is refused at once.
    private const ALWAYS_REQUIRED = true;
    // What joins an array's items (or an object's keys and values) in one parameter, by style.
    private const SEPARATORS = ['form' => ',', 'simple' => ',', 'spaceDelimited' => ' ', 'pipeDelimited' => '|'];


    public readonly string $baseUrl;
    public readonly float $timeout;
    public readonly float $connectTimeout;
    public readonly int $maxRetries;
    /** @var array<string, string> credentials by argument name */
    private array $credentials = [];
    /** @var array<string, array{string, float}> OAuth2 tokens by scheme: token, expiry */
    private array $tokens = [];
    private readonly StreamTransport $transport;
    /** Where withRawResponse() collects the response of the call it makes. */
    private ?HttpResponse $captured = null;
    private bool $capturing = false;

    /**
     * @param array<string, mixed> $options `base_url`, `timeout`, `connect_timeout`, `max_retries` and the credentials
     * @param array{default_base_url: string, base_url_env: string, user_agent: string} $settings
     */
    public function __construct(?string $token, private readonly array $options, private readonly array $settings)
    {
        $given = [...$options, 'token' => $token];
        foreach (self::SCHEMES as $scheme) {
            foreach ($scheme['arguments'] as $index => $argument) {
                $value = $given[$argument] ?? null;
                $value = is_string($value) && $value !== '' ? $value : self::env($scheme['env'][$index]);
                if ($value !== null) {
                    $this->credentials[$argument] = $value;
                }
            }
        }
        if (self::ALWAYS_REQUIRED && array_filter(array_keys(self::SCHEMES), $this->has(...)) === []) {
            throw new ApiException('No credentials: ' . self::wanted(array_keys(self::SCHEMES)) . '.');
        }
        $baseUrl = $options['base_url'] ?? self::env($settings['base_url_env']) ?? $settings['default_base_url'];
        $this->baseUrl = rtrim((string) $baseUrl, '/');
        $this->timeout = (float) ($options['timeout'] ?? self::DEFAULT_TIMEOUT_SECONDS);
        $this->connectTimeout = (float) ($options['connect_timeout'] ?? self::DEFAULT_CONNECT_TIMEOUT_SECONDS);
        $this->maxRetries = (int) ($options['max_retries'] ?? self::DEFAULT_MAX_RETRIES);
        $this->transport = new StreamTransport();
    }

    /**
     * A copy of this client with other defaults.
     *
     * @param array{base_url?: string, timeout?: int|float, connect_timeout?: int|float, max_retries?: int} $options
     */
    public function withOptions(array $options): static
    {
        $credentials = $this->credentials;
        unset($credentials['token']);
        // @phpstan-ignore new.static (every client takes ($token, $options))
        return new static($this->credentials['token'] ?? null, [...$this->options, ...$credentials, 'base_url' => $this->baseUrl, ...$options]);
    }

    /**
     * Sends one request, retrying it when it is safe to; returns the decoded JSON value: an
     * object as an array, a list, or a scalar (an empty array when the response has no body).
     *
     * @param array<string, mixed> $query
     * @param mixed $body the body's attributes (an array), or the whole body (`whole` in
     *   $media); null sends no body
     * @param bool $retrySafe safe to send twice (an idempotent method, or an idempotency key)
     * @param string|null $idempotencyHeader the header of the call's idempotency key, if it takes one
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @param array{encoding?: string, content_type?: string, files?: list<string>, whole?: bool, accept?: string} $media
     *   how the body travels (JSON by default) and the Accept header
     * @param list<list<string>> $security the security requirements' alternatives; [] for none
     * @param array<string, array{string, bool}> $styles style and explode of the parameters not sent as their location's default
     * @param array<string, string> $locations `header` or `cookie`, for the keys of $query that are no query parameters
     */
    public function request(
        string $method,
        string $path,
        array $query = [],
        mixed $body = null,
        bool $retrySafe = false,
        array $options = [],
        ?string $idempotencyHeader = null,
        array $media = [],
        array $security = [],
        array $styles = [],
        array $locations = [],
    ): mixed {
        [$url, $headers] = $this->prepare($method, $path, $query, $options, $idempotencyHeader, $media, $security, $styles, $locations);
        $response = $this->exchange($method, $url, $headers, $body, $retrySafe, $options, $media);
        return self::decodeSuccess($method, $url, $response);
    }

    /**
     * The same as request() for an operation that answers text or bytes (a download): the
     * body as received.
     *
     * @param array<string, mixed> $query
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @param array{encoding?: string, content_type?: string, files?: list<string>, whole?: bool, accept?: string} $media
     * @param list<list<string>> $security
     * @param array<string, array{string, bool}> $styles
     * @param array<string, string> $locations
     */
    public function requestContent(
        string $method,
        string $path,
        array $query = [],
        mixed $body = null,
        bool $retrySafe = false,
        array $options = [],
        ?string $idempotencyHeader = null,
        array $media = [],
        array $security = [],
        array $styles = [],
        array $locations = [],
    ): string {
        [$url, $headers] = $this->prepare($method, $path, $query, $options, $idempotencyHeader, $media, $security, $styles, $locations);
        return $this->exchange($method, $url, $headers, $body, $retrySafe, $options, $media)->body;
    }

    /**
     * The URL and headers of a call: its parameters where and as they travel, its credentials,
     * its idempotency key (one for the call, sent again on each retry).
     *
     * @param array<string, mixed> $query
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @param array{encoding?: string, content_type?: string, files?: list<string>, whole?: bool, accept?: string} $media
     * @param list<list<string>> $security
     * @param array<string, array{string, bool}> $styles
     * @param array<string, string> $locations
     * @return array{string, array<string, string>}
     */
    private function prepare(
        string $method,
        string $path,
        array $query,
        array $options,
        ?string $idempotencyHeader,
        array $media,
        array $security,
        array $styles,
        array $locations,
    ): array {
        $sent = $this->authenticate($security, $method . ' ' . $path);
        $parameters = [];
        $cookies = $sent['cookies'];
        foreach ($locations as $name => $location) {
            $value = $query[$name] ?? null;
            unset($query[$name]);
            if ($value === null) {
                continue;
            }
            if ($location === 'cookie') {
                $cookies[$name] = implode(',', self::flat($value, false));
            } else {
                $parameters[$name] = implode(',', self::flat($value, $styles[$name][1] ?? false));
            }
        }
        if ($cookies !== []) {
            $parameters['Cookie'] = implode('; ', array_map(
                static fn (string $name, string $value): string => $name . '=' . $value,
                array_keys($cookies),
                array_values($cookies),
            ));
        }
        $url = $this->baseUrl . $path . self::queryString($query, $styles, $sent['query']);
        $headers = [
            'Accept' => $media['accept'] ?? 'application/json',
            'User-Agent' => $this->settings['user_agent'],
            ...$parameters,
            ...$sent['headers'],
            ...($options['headers'] ?? []),
        ];
        if ($idempotencyHeader !== null) {
            $headers[$idempotencyHeader] = $options['idempotency_key'] ?? self::uuid4();
        }
        return [$url, $headers];
    }

    /**
     * One request with its retries: the successful response, or the exception.
     *
     * @param array<string, string> $headers
     * @param array{timeout?: int|float, connect_timeout?: int|float, max_retries?: int, headers?: array<string, string>, idempotency_key?: string} $options
     * @param array{encoding?: string, content_type?: string, files?: list<string>, whole?: bool, accept?: string} $media
     */
    private function exchange(
        string $method,
        string $url,
        array $headers,
        mixed $body,
        bool $retrySafe,
        array $options,
        array $media,
    ): HttpResponse {
        // Built whole, files read, before the first attempt: each retry sends these same bytes.
        $content = null;
        $encoded = self::encodeBody($body, $media);
        if ($encoded !== null) {
            [$content, $headers['Content-Type']] = $encoded;
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
                return $response;
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
     * @param list<list<string>> $security
     * @param array<string, array{string, bool}> $styles
     * @param array<string, string> $locations
     * @return Page<T>
     */
    public function requestPage(
        string $path,
        array $query,
        callable $hydrate,
        array $pagination,
        array $options = [],
        array $security = [],
        array $styles = [],
        array $locations = [],
    ): Page {
        $body = $this->request('GET', $path, $query, null, true, $options, null, [], $security, $styles, $locations);
        $fetch = fn (array $nextQuery): Page => $this->requestPage($path, $nextQuery, $hydrate, $pagination, $options, $security, $styles, $locations);
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

    /**
     * The body's bytes and Content-Type as the operation declares them; null for no body.
     *
     * @param array{encoding?: string, content_type?: string, files?: list<string>, whole?: bool, accept?: string} $media
     * @return array{string, string}|null
     */
    private static function encodeBody(mixed $body, array $media): ?array
    {
        $contentType = $media['content_type'] ?? 'application/json';
        if ($body === null && !($media['whole'] ?? false)) {
            return null;
        }
        switch ($media['encoding'] ?? 'json') {
            case 'text':
                return [is_scalar($body) ? (string) $body : '', $contentType];
            case 'binary':
                [, $bytes, $type] = self::readFile($body);
                return [$bytes, str_contains($contentType, '*') ? $type : $contentType];
            case 'form':
                $pairs = [];
                foreach (self::formPairs($body, []) as [$key, $value]) {
                    $pairs[] = rawurlencode($key) . '=' . rawurlencode(self::formText($value));
                }
                return [implode('&', $pairs), $contentType];
            case 'multipart':
                return self::multipart($body, $media['files'] ?? [], $contentType);
            default:
                // (object) so that an empty body is {} and not []; a whole body is sent as it is.
                $value = ($media['whole'] ?? false) || !is_array($body) ? $body : (object) $body;
                return [json_encode($value, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES), $contentType];
        }
    }

    /**
     * An array's attributes as form pairs: an array value is its name repeated, once per item.
     *
     * @param list<string> $files
     * @return list<array{string, mixed}>
     */
    private static function formPairs(mixed $body, array $files): array
    {
        $pairs = [];
        foreach (is_array($body) ? $body : [] as $key => $value) {
            $key = (string) $key;
            if (is_array($value) && array_is_list($value) && !in_array($key, $files, true)) {
                foreach ($value as $item) {
                    $pairs[] = [$key, $item];
                }
            } else {
                $pairs[] = [$key, $value];
            }
        }
        return $pairs;
    }

    /** A value as a form or a multipart text part writes it: strings as they are, else JSON. */
    private static function formText(mixed $value): string
    {
        return is_string($value) ? $value : json_encode($value, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES);
    }

    /**
     * @param list<string> $files
     * @return array{string, string}
     */
    private static function multipart(mixed $body, array $files, string $contentType): array
    {
        $boundary = bin2hex(random_bytes(16));
        $quoted = static fn (string $text): string => str_replace(['"', "\r", "\n"], ['%22', '%0D', '%0A'], $text);
        $content = '';
        foreach (self::formPairs($body, $files) as [$key, $value]) {
            $head = sprintf('--%s' . "\r\n" . 'Content-Disposition: form-data; name="%s"', $boundary, $quoted($key));
            if (in_array($key, $files, true)) {
                [$name, $data, $type] = self::readFile($value);
                $head .= sprintf('; filename="%s"' . "\r\n" . 'Content-Type: %s', $quoted($name), $type);
            } else {
                $data = self::formText($value);
            }
            $content .= $head . "\r\n\r\n" . $data . "\r\n";
        }
        $content .= '--' . $boundary . "--\r\n";
        return [$content, $contentType . '; boundary=' . $boundary];
    }

    /**
     * A file argument as its part carries it, read whole: [file name, bytes, media type]. A path,
     * a stream resource (read from where it stands), or an UploadFile.
     *
     * @return array{string, string, string}
     */
    private static function readFile(mixed $value): array
    {
        $type = null;
        if ($value instanceof UploadFile) {
            [$name, $bytes, $type] = [$value->name, $value->contents, $value->type];
        } elseif (is_resource($value) && get_resource_type($value) === 'stream') {
            $meta = stream_get_meta_data($value);
            $bytes = stream_get_contents($value);
            if ($bytes === false) {
                throw new ApiException('The stream could not be read: open the file with fopen($path, \'rb\').');
            }
            $name = $meta['wrapper_type'] === 'plainfile' ? basename($meta['uri']) : '';
        } elseif (is_string($value)) {
            $bytes = is_file($value) && is_readable($value) ? file_get_contents($value) : false;
            if ($bytes === false) {
                throw new ApiException(sprintf(
                    'Cannot read the file %s: pass the path of a readable file, a stream resource, or the bytes as new \\%s($bytes, $name).',
                    json_encode($value, JSON_UNESCAPED_SLASHES),
                    UploadFile::class,
                ));
            }
            $name = basename($value);
        } else {
            throw new ApiException(sprintf(
                '%s is not a file: pass a path, a stream resource, or new \\%s($bytes, $name).',
                get_debug_type($value),
                UploadFile::class,
            ));
        }
        $name = $name !== '' ? $name : self::DEFAULT_FILE_NAME;
        $dot = strrpos($name, '.');
        $extension = $dot === false ? '' : strtolower(substr($name, $dot + 1));
        return [$name, $bytes, $type ?? self::MEDIA_TYPES[$extension] ?? self::DEFAULT_FILE_MEDIA_TYPE];
    }

    /**
     * The query string, each parameter in its style (default: `form`, exploded).
     *
     * @param array<string, mixed> $query
     * @param array<string, array{string, bool}> $styles
     * @param list<array{string, string}> $extra pairs added as they are (an API key)
     */
    private static function queryString(array $query, array $styles = [], array $extra = []): string
    {
        $pairs = [];
        foreach ($query as $key => $value) {
            // Left out means "not given".
            if ($value === null) {
                continue;
            }
            $name = (string) $key;
            [$style, $explode] = $styles[$name] ?? ['form', true];
            $isObject = is_array($value) && !array_is_list($value);
            if ($style === 'deepObject' && $isObject) {
                foreach ($value as $property => $item) {
                    $pairs[] = [$name . '[' . $property . ']', self::text($item)];
                }
            } elseif (is_array($value) && $explode) {
                foreach ($value as $property => $item) {
                    $pairs[] = [$isObject ? (string) $property : $name, self::text($item)];
                }
            } elseif (is_array($value)) {
                $pairs[] = [$name, implode(self::SEPARATORS[$style] ?? ',', self::flat($value, false))];
            } else {
                $pairs[] = [$name, self::text($value)];
            }
        }
        $encoded = array_map(
            static fn (array $pair): string => rawurlencode($pair[0]) . '=' . rawurlencode($pair[1]),
            [...$pairs, ...$extra],
        );
        return $encoded === [] ? '' : '?' . implode('&', $encoded);
    }

    /** A scalar as a parameter holds it: booleans `true`/`false`, not PHP's 1/0. */
    /**
     * A path parameter in its style, escaped so that `/` or `?` in it cannot change the URL:
     * `simple` (`a,b`), `label` (`.a,b`; exploded `.a.b`), `matrix` (`;name=a,b`; exploded
     * `;name=a;name=b`, an object's `;key=value;...`).
     */
    public static function pathParam(mixed $value, bool $explode, string $style, string $name): string
    {
        $pairs = is_array($value) && !array_is_list($value) && $explode;
        $pieces = [];
        if ($pairs) {
            foreach ($value as $key => $item) {
                $pieces[] = rawurlencode((string) $key) . '=' . rawurlencode(self::text($item));
            }
        } else {
            $pieces = array_map(rawurlencode(...), self::flat($value, false));
        }
        if ($style === 'label') {
            return '.' . implode($explode ? '.' : ',', $pieces);
        }
        if ($style === 'matrix') {
            if ($explode && is_array($value)) {
                $prefix = $pairs ? ';' : ';' . $name . '=';
                return implode('', array_map(static fn (string $piece): string => $prefix . $piece, $pieces));
            }
            return ';' . $name . '=' . implode(',', $pieces);
        }
        return implode(',', $pieces);
    }

    private static function text(mixed $value): string
    {
        if (is_bool($value)) {
            return $value ? 'true' : 'false';
        }
        if (is_array($value) || is_object($value)) {
            return json_encode($value, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES);
        }
        return $value === null ? '' : (string) $value;
    }

    /**
     * An array's items, or an object's keys and values (`key=value` when exploded), as text.
     *
     * @return list<string>
     */
    private static function flat(mixed $value, bool $explode): array
    {
        if (!is_array($value)) {
            return [self::text($value)];
        }
        if (array_is_list($value)) {
            return array_map(self::text(...), $value);
        }
        $flat = [];
        foreach ($value as $key => $item) {
            if ($explode) {
                $flat[] = $key . '=' . self::text($item);
            } else {
                $flat[] = (string) $key;
                $flat[] = self::text($item);
            }
        }
        return $flat;
    }

    private function has(string $scheme): bool
    {
        foreach (self::SCHEMES[$scheme]['arguments'] ?? [] as $argument) {
            if (!isset($this->credentials[$argument])) {
                return false;
            }
        }
        return true;
    }

    /** @param list<string> $schemes */
    private static function wanted(array $schemes): string
    {
        $ways = [];
        foreach ($schemes as $name) {
            $scheme = self::SCHEMES[$name];
            $arguments = implode(' and ', array_map(static fn (string $a): string => "`$a`", $scheme['arguments']));
            $ways[] = sprintf('pass %s to the client or set %s', $arguments, implode(' and ', $scheme['env']));
        }
        return implode('; or ', $ways);
    }

    /**
     * What the credentials of the first alternative the client can fulfil add to a request.
     *
     * @param list<list<string>> $security
     * @return array{headers: array<string, string>, query: list<array{string, string}>, cookies: array<string, string>}
     */
    private function authenticate(array $security, string $label): array
    {
        $sent = ['headers' => [], 'query' => [], 'cookies' => []];
        $chosen = null;
        foreach ($security as $alternative) {
            if (array_filter($alternative, fn (string $name): bool => !$this->has($name)) === []) {
                $chosen = $alternative;
                break;
            }
        }
        if ($chosen === null) {
            if ($security === []) {
                return $sent;
            }
            $every = array_values(array_unique(array_merge(...$security)));
            throw new ApiException(sprintf('No credentials for %s: %s.', $label, self::wanted($every)));
        }
        foreach ($chosen as $name) {
            $scheme = self::SCHEMES[$name];
            $values = array_map(fn (string $argument): string => $this->credentials[$argument] ?? '', $scheme['arguments']);
            $value = match ($scheme['kind']) {
                'oauth2' => 'Bearer ' . $this->oauthToken($name, $values[0], $values[1] ?? ''),
                'bearer' => 'Bearer ' . $values[0],
                'basic' => 'Basic ' . base64_encode($values[0] . ':' . ($values[1] ?? '')),
                default => $values[0],
            };
            if ($scheme['location'] === 'query') {
                $sent['query'][] = [$scheme['name'], $value];
            } elseif ($scheme['location'] === 'cookie') {
                $sent['cookies'][$scheme['name']] = $value;
            } else {
                $sent['headers'][$scheme['name']] = $value;
            }
        }
        return $sent;
    }

    /** An OAuth2 client-credentials token: the kept one until shortly before it expires. */
    private function oauthToken(string $name, string $clientId, string $clientSecret): string
    {
        $kept = $this->tokens[$name] ?? null;
        if ($kept !== null && microtime(true) < $kept[1] - self::REFRESH_MARGIN_SECONDS) {
            return $kept[0];
        }
        $scheme = self::SCHEMES[$name];
        $tokenUrl = $scheme['token_url'];
        $url = preg_match('~^[a-z][a-z0-9+.-]*://~i', $tokenUrl) === 1 ? $tokenUrl : $this->baseUrl . '/' . ltrim($tokenUrl, '/');
        $form = ['grant_type' => 'client_credentials'];
        if ($scheme['scopes'] !== []) {
            $form['scope'] = implode(' ', $scheme['scopes']);
        }
        $headers = [
            'Accept' => 'application/json',
            'Authorization' => 'Basic ' . base64_encode(rawurlencode($clientId) . ':' . rawurlencode($clientSecret)),
            'Content-Type' => 'application/x-www-form-urlencoded',
            'User-Agent' => $this->settings['user_agent'],
        ];
        $response = $this->transport->send('POST', $url, $headers, http_build_query($form, '', '&', PHP_QUERY_RFC3986), $this->connectTimeout, $this->timeout);
        if ($response->status < 200 || $response->status >= 300) {
            throw ApiStatusException::fromResponse($response->status, self::decodeError($response->body), $response->headers);
        }
        $answer = self::decodeError($response->body);
        if (!is_array($answer) || !is_string($answer['access_token'] ?? null)) {
            throw new ApiException(sprintf('The token response of %s has no access_token.', $url));
        }
        $expiresIn = $answer['expires_in'] ?? null;
        $expiry = is_int($expiresIn) || is_float($expiresIn) ? microtime(true) + $expiresIn : INF;
        $this->tokens[$name] = [$answer['access_token'], $expiry];
        return $answer['access_token'];
    }

    private static function decodeSuccess(string $method, string $url, HttpResponse $response): mixed
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
