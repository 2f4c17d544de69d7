<?php
// Generated from spec/openapi.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 413 Payload Too Large: the request body is too big. */
class PayloadTooLargeException extends ApiStatusException
{
}
