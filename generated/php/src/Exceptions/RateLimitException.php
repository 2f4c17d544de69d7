<?php
// Generated from spec/openapi.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 429 Too Many Requests: slow down (idempotent requests are retried). */
class RateLimitException extends ApiStatusException
{
}
