<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 5xx: the server failed; retrying later may succeed. */
class InternalServerException extends ApiStatusException
{
}
