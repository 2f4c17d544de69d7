<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Core/StreamTransport.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Core;

use Protocol\Exceptions\ApiConnectionException;
use Protocol\Exceptions\ApiTimeoutException;

/**
 * HTTP/1.1 over a plain socket (`tcp://`, or `tls://` with the openssl extension), so the client
 * needs no curl extension and no package, and can tell the two timeouts apart: one to open the
 * connection, one for each wait on the answer.
 */
final class StreamTransport
{
    /** @param array<string, string> $headers */
    public function send(
        string $method,
        string $url,
        array $headers,
        ?string $body,
        float $connectTimeout,
        float $timeout,
    ): HttpResponse {
        $parts = parse_url($url);
        if (!is_array($parts) || !isset($parts['host'])) {
            throw new ApiConnectionException(sprintf('%s %s: not an http(s) URL.', $method, $url));
        }
        $secure = ($parts['scheme'] ?? 'http') === 'https';
        $host = $parts['host'];
        $port = $parts['port'] ?? ($secure ? 443 : 80);
        $target = ($parts['path'] ?? '/') . (isset($parts['query']) ? '?' . $parts['query'] : '');

        $context = stream_context_create(['ssl' => ['peer_name' => $host, 'verify_peer' => true, 'verify_peer_name' => true]]);
        $errno = 0;
        $errstr = '';
        $started = microtime(true);
        $socket = @stream_socket_client(
            sprintf('%s://%s:%d', $secure ? 'tls' : 'tcp', $host, $port),
            $errno,
            $errstr,
            $connectTimeout,
            STREAM_CLIENT_CONNECT,
            $context,
        );
        if ($socket === false) {
            if (microtime(true) - $started >= $connectTimeout) {
                throw new ApiTimeoutException(sprintf('%s %s could not connect within %s s.', $method, $url, $connectTimeout));
            }
            throw new ApiConnectionException(sprintf(
                '%s %s failed before an HTTP answer: %s',
                $method,
                $url,
                $errstr !== '' ? $errstr : 'no connection',
            ));
        }
        try {
            stream_set_timeout($socket, (int) $timeout, (int) (fmod($timeout, 1.0) * 1_000_000));
            $request = sprintf("%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n", $method, $target, self::hostHeader($host, $port, $secure));
            foreach ($headers as $name => $value) {
                $request .= $name . ': ' . $value . "\r\n";
            }
            if ($body !== null) {
                $request .= 'Content-Length: ' . strlen($body) . "\r\n";
            }
            $request .= "\r\n" . ($body ?? '');
            if (@fwrite($socket, $request) !== strlen($request)) {
                throw new ApiConnectionException(sprintf('%s %s: the request could not be sent.', $method, $url));
            }
            // Connection: close, so the answer ends when the server closes the socket.
            $raw = '';
            while (!feof($socket)) {
                $chunk = @fread($socket, 65536);
                if (stream_get_meta_data($socket)['timed_out']) {
                    throw new ApiTimeoutException(sprintf('%s %s got no answer within %s s.', $method, $url, $timeout));
                }
                if ($chunk === false) {
                    break;
                }
                $raw .= $chunk;
            }
        } finally {
            fclose($socket);
        }
        return self::parse($raw, $method, $url);
    }

    private static function hostHeader(string $host, int $port, bool $secure): string
    {
        $host = str_contains($host, ':') && !str_starts_with($host, '[') ? '[' . $host . ']' : $host;
        return $port === ($secure ? 443 : 80) ? $host : $host . ':' . $port;
    }

    private static function parse(string $raw, string $method, string $url): HttpResponse
    {
        $split = strpos($raw, "\r\n\r\n");
        if ($split === false || preg_match('#^HTTP/\S+\s+(\d{3})#', $raw, $match) !== 1) {
            throw new ApiConnectionException(sprintf('%s %s: the connection closed before a complete answer.', $method, $url));
        }
        $headers = [];
        foreach (array_slice(explode("\r\n", substr($raw, 0, $split)), 1) as $line) {
            $pair = explode(':', $line, 2);
            if (count($pair) === 2) {
                $headers[strtolower(trim($pair[0]))] = trim($pair[1]);
            }
        }
        $body = substr($raw, $split + 4);
        if (strtolower($headers['transfer-encoding'] ?? '') === 'chunked') {
            $body = self::unchunk($body, $method, $url);
        } elseif (isset($headers['content-length']) && strlen($body) < (int) $headers['content-length']) {
            throw new ApiConnectionException(sprintf('%s %s: the connection closed in the middle of the body.', $method, $url));
        }
        return new HttpResponse((int) $match[1], $headers, $body);
    }

    private static function unchunk(string $body, string $method, string $url): string
    {
        $decoded = '';
        $offset = 0;
        while (true) {
            $end = strpos($body, "\r\n", $offset);
            if ($end === false) {
                throw new ApiConnectionException(sprintf('%s %s: the connection closed in the middle of the body.', $method, $url));
            }
            $size = hexdec(trim(explode(';', substr($body, $offset, $end - $offset))[0]));
            if ($size === 0) {
                return $decoded;
            }
            $decoded .= substr($body, $end + 2, (int) $size);
            $offset = $end + 2 + (int) $size + 2;
        }
    }
}
