<?php
// Generated from spec/openapi.yaml + templates/php/src/Core/RawResponse.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Core;

/**
 * One successful HTTP response and the call's result:
 * `$raw = $client->conversations->withRawResponse()->get($id);`
 * then `$raw->status`, `$raw->header('content-type')`, `$raw->parse()`.
 *
 * @template T
 */
final class RawResponse
{
    /**
     * @param array<string, string> $headers lower-case names
     * @param T $result
     */
    public function __construct(
        public readonly int $status,
        public readonly array $headers,
        public readonly string $body,
        private readonly mixed $result,
    ) {
    }

    public function header(string $name): ?string
    {
        return $this->headers[strtolower($name)] ?? null;
    }

    /** @return T the result the call returns without withRawResponse() */
    public function parse(): mixed
    {
        return $this->result;
    }
}
