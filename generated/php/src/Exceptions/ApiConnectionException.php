<?php
// Generated from spec/openapi.yaml + templates/php/src/Exceptions/ApiConnectionException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** The request never got an HTTP answer (DNS, refused connection, reset, ...). */
class ApiConnectionException extends ApiException
{
}
