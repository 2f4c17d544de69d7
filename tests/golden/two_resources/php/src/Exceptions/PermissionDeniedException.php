<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 403: the token may not do this. */
class PermissionDeniedException extends ApiStatusException
{
}
