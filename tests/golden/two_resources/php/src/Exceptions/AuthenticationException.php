<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 401: the API token is missing or unknown. */
class AuthenticationException extends ApiStatusException
{
}
