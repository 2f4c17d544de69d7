<?php
// Generated from spec/openapi.yaml + templates/php/src/Exceptions/ApiStatusException.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/**
 * The server answered with a 4xx or 5xx status. getMessage() is the server's message;
 * `status`, `type` (`invalid_request`: fix the request; `api_error`: retry later) and the raw
 * `body` are public properties.
 */
class ApiStatusException extends ApiException
{
    public readonly ?string $documentationUrl;

    /** @param array<string, string> $headers */
    final public function __construct(
        public readonly int $status,
        public readonly string $type,
        string $message,
        public readonly mixed $body = null,
        public readonly array $headers = [],
    ) {
        parent::__construct($message, $status);
        $this->documentationUrl = is_array($body) && is_string($body['documentation_url'] ?? null)
            ? $body['documentation_url']
            : null;
    }

    /**
     * The exception for an unsuccessful response: the one place that maps a status to its class.
     *
     * @param mixed $body the decoded JSON error object, or the raw text when it was not JSON
     * @param array<string, string> $headers
     */
    public static function fromResponse(int $status, mixed $body, array $headers = []): self
    {
        $class = match (true) {
            $status === 400 => BadRequestException::class,
            $status === 401 => AuthenticationException::class,
            $status === 403 => PermissionDeniedException::class,
            $status === 404 => NotFoundException::class,
            $status === 409 => ConflictException::class,
            $status === 413 => PayloadTooLargeException::class,
            $status === 415 => UnsupportedMediaTypeException::class,
            $status === 422 => UnprocessableEntityException::class,
            $status === 429 => RateLimitException::class,
            $status >= 500 => InternalServerException::class,
            default => self::class,
        };
        $fields = is_array($body) ? $body : [];
        $type = is_string($fields['type'] ?? null) ? $fields['type'] : ($status >= 500 ? 'api_error' : 'invalid_request');
        $message = is_string($fields['message'] ?? null)
            ? $fields['message']
            : (is_string($body) && $body !== '' ? $body : sprintf('The server answered with status %d and no error message.', $status));
        return new $class($status, $type, $message, $body, $headers);
    }
}
