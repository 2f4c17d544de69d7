<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;
use Protocol\Exceptions\ApiResponseValidationException;

/**
 * What went wrong with a request.
 *
 * Attributes a newer server sends that this version does not declare are kept:
 * see extra().
 */
final class ErrorObject extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['type', 'message', 'documentation_url'];

    public function __construct(
        /**
         * `invalid_request` when the request is at fault (fix it before retrying), `api_error`
         * when the server is (retrying later may succeed).
         *
         * @var 'api_error'|'invalid_request'
         */
        public readonly string $type,
        /** What was wrong, in a sentence meant for the developer. */
        public readonly string $message,
        /** A page that explains this type of error. */
        public readonly ?string $documentation_url = null,
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
                documentation_url: $data['documentation_url'] ?? null,
            );
        } catch (\TypeError $error) {
            throw ApiResponseValidationException::of(self::class, $error);
        }
        return $model->withExtra(array_diff_key($data, array_flip(self::ATTRIBUTES)));
    }
}
