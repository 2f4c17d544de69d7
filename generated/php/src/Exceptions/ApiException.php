<?php
// Generated from spec/openapi.yaml + templates/php/src/Exceptions/ApiException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/**
 * Base class of everything this client throws:
 *
 *   ApiException
 *   ├── ApiConnectionException      the request never got an HTTP answer
 *   │   └── ApiTimeoutException     ... because the timeout ran out
 *   ├── ApiResponseValidationException  a success whose body does not match the spec
 *   └── ApiStatusException          the server answered 4xx/5xx: status, type, message, body
 *       ├── BadRequestException (400)
 *       ├── AuthenticationException (401)
 *       ├── PermissionDeniedException (403)
 *       ├── NotFoundException (404)
 *       ├── ConflictException (409)
 *       ├── PayloadTooLargeException (413)
 *       ├── UnsupportedMediaTypeException (415)
 *       ├── UnprocessableEntityException (422)
 *       ├── RateLimitException (429)
 *       └── InternalServerException (5xx)
 */
class ApiException extends \RuntimeException
{
}
