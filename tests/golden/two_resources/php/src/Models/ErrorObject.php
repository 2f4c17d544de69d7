<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;
use Protocol\Exceptions\ApiResponseValidationException;

/**
 * Attributes a newer server sends that this version does not declare are kept:
 * see extra().
 */
final class ErrorObject extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['type', 'message'];

    public function __construct(
        /** @var 'api_error'|'invalid_request' */
        public readonly string $type,
        public readonly string $message,
    ) {
    }

    /**
     * @param array<string, mixed> $data the decoded JSON object; attributes it has beyond
     *     ATTRIBUTES are kept (see extra())
     * @throws ApiResponseValidationException when an attribute has another type than declared
     */
    public static function fromArray(array $data): self
    {
        try {
            $model = new self(
                type: $data['type'],
                message: $data['message'],
            );
        } catch (\TypeError $error) {
            throw ApiResponseValidationException::of(self::class, $error);
        }
        return $model->withExtra(array_diff_key($data, array_flip(self::ATTRIBUTES)));
    }
}
