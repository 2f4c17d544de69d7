<?php
// Generated from spec/openapi.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 400: the request is malformed or asks for something impossible. */
class BadRequestException extends ApiStatusException
{
}
