<?php
// Generated from spec/openapi.yaml + templates/php/src/Core/StreamTransport.php.jinja. Do not edit.


declare(strict_types=1);

namespace Protocol\Core;

use Protocol\Exceptions\ApiConnectionException;
use Protocol\Exceptions\ApiTimeoutException;

/**
 * HTTP over PHP's own stream wrappers (`http://`, and `https://` with the openssl extension),
 * so the client needs no curl extension and no package.
 */
final class StreamTransport
{
    /** @param array<string, string> $headers */
    public function send(string $method, string $url, array $headers, ?string $body, float $timeout): HttpResponse
    {
        $lines = ['Connection: close']; // HTTP/1.1 without keep-alive: the body ends when the socket closes
        foreach ($headers as $name => $value) {
            $lines[] = $name . ': ' . $value;
        }
        $http = [
            'method' => $method,
            'header' => implode("\r\n", $lines),
            'protocol_version' => 1.1,
            'timeout' => $timeout,
            'ignore_errors' => true, // 4xx/5xx bodies are read like any other
            'follow_location' => 0,
        ];
        if ($body !== null) {
            $http['content'] = $body;
        }
        $context = stream_context_create(['http' => $http]);

        $started = microtime(true);
        $warning = '';
        set_error_handler(static function (int $level, string $message) use (&$warning): bool {
            $warning = $message;
            return true;
        });
        try {
            $stream = fopen($url, 'rb', false, $context);
            $contents = $stream === false ? false : stream_get_contents($stream);
            $meta = $stream === false ? null : stream_get_meta_data($stream);
        } finally {
            restore_error_handler();
        }
        if (isset($stream) && is_resource($stream)) {
            fclose($stream);
        }

        // An open stream says itself whether the read timed out; a failed open (no response
        // headers) can only be told apart from a refused connection by the time it took.
        $timedOut = $stream !== false
            ? (bool) ($meta['timed_out'] ?? false)
            : microtime(true) - $started >= $timeout;
        if ($stream === false || $contents === false || $timedOut) {
            $reason = trim(preg_replace('/^.*?\): /', '', $warning) ?? $warning);
            if ($timedOut) {
                throw new ApiTimeoutException(sprintf('%s %s got no complete answer within %s s.', $method, $url, $timeout));
            }
            throw new ApiConnectionException(sprintf(
                '%s %s failed before an HTTP answer: %s',
                $method,
                $url,
                $reason !== '' ? $reason : 'no response',
            ));
        }
        return self::parse(is_array($meta['wrapper_data'] ?? null) ? $meta['wrapper_data'] : [], $contents, $method, $url);
    }

    /** @param array<mixed> $rawHeaders the status line and header lines, as the wrapper gives them */
    private static function parse(array $rawHeaders, string $body, string $method, string $url): HttpResponse
    {
        $status = null;
        $headers = [];
        foreach ($rawHeaders as $line) {
            if (!is_string($line)) {
                continue;
            }
            if (preg_match('#^HTTP/\S+\s+(\d{3})#', $line, $match) === 1) {
                $status = (int) $match[1];
                $headers = []; // only the headers of the last response count
                continue;
            }
            $parts = explode(':', $line, 2);
            if (count($parts) === 2) {
                $headers[strtolower(trim($parts[0]))] = trim($parts[1]);
            }
        }
        if ($status === null) {
            throw new ApiConnectionException(sprintf('%s %s: the answer had no HTTP status line.', $method, $url));
        }
        return new HttpResponse($status, $headers, $body);
    }
}
