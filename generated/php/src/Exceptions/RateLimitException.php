<?php
// Generated from spec/openapi.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 429: too many requests: slow down. Retried automatically when the request is safe to send twice. */
class RateLimitException extends ApiStatusException
{
}
