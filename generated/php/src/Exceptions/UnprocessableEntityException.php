<?php
// Generated from spec/openapi.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 422: the request is well-formed but cannot be done. */
class UnprocessableEntityException extends ApiStatusException
{
}
