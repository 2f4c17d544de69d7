<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Exceptions/ApiTimeoutException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** The request got no complete answer before the timeout ran out. */
class ApiTimeoutException extends ApiConnectionException
{
}
