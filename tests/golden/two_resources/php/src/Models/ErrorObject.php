<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;


final class ErrorObject extends BaseModel
{
    public function __construct(
        /** @var 'api_error'|'invalid_request' */
        public readonly string $type,
        public readonly string $message,
    ) {
    }

    /** @param array<string, mixed> $data the decoded JSON object */
    public static function fromArray(array $data): self
    {
        return new self(
            type: $data['type'],
            message: $data['message'],
        );
    }
}
