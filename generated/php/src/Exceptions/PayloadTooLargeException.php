<?php
// Generated from spec/openapi.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 413: the body is larger than the server accepts. */
class PayloadTooLargeException extends ApiStatusException
{
}
