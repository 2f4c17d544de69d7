<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 409: the request clashes with the current state. Retried automatically when the request is safe
 * to send twice. */
class ConflictException extends ApiStatusException
{
}
