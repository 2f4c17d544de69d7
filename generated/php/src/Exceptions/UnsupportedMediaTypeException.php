<?php
// Generated from spec/openapi.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 415: the server does not accept the body's type. */
class UnsupportedMediaTypeException extends ApiStatusException
{
}
