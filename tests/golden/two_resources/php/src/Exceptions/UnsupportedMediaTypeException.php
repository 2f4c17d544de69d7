<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 415 Unsupported Media Type: the body's type is refused. */
class UnsupportedMediaTypeException extends ApiStatusException
{
}
