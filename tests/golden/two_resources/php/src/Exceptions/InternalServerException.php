<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 5xx: the server failed; trying again later may succeed. Retried automatically when the request
 * is safe to send twice. */
class InternalServerException extends ApiStatusException
{
}
