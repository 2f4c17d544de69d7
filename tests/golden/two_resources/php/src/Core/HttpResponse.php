<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Core/HttpResponse.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Core;

/** One HTTP answer: status, headers (names in lower case), body. */
final class HttpResponse
{
    /** @param array<string, string> $headers */
    public function __construct(
        public readonly int $status,
        public readonly array $headers,
        public readonly string $body,
    ) {
    }

    public function header(string $name): ?string
    {
        return $this->headers[strtolower($name)] ?? null;
    }
}
