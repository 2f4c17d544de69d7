<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Exceptions/ApiResponseValidationException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/**
 * A successful response whose body does not match the spec's schema: the response side
 * failed, not the request (a request the server refuses is an ApiStatusException instead).
 */
class ApiResponseValidationException extends ApiException
{
    /** @param class-string $model the model the body should have been */
    public static function of(string $model, \TypeError $error): self
    {
        $short = substr($model, (int) strrpos($model, '\\') + 1);
        return new self(sprintf(
            'The response body does not match the spec (%s): %s',
            $short,
            $error->getMessage(),
        ), 0, $error);
    }
}
