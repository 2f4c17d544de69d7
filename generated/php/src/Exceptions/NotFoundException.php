<?php
// Generated from spec/openapi.yaml + templates/php/src/Exceptions/StatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/** 404: no such object among yours. */
class NotFoundException extends ApiStatusException
{
}
