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
final class Conversation extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['id', 'title', 'starred', 'created_at'];

    public function __construct(
        public readonly string $id,
        /** The conversation's title; `null` when it has none. */
        public readonly ?string $title,
        /** Whether the conversation is starred. */
        public readonly bool $starred,
        /** When the conversation was created, in seconds since the Unix epoch. */
        public readonly int $created_at,
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
                id: $data['id'],
                title: $data['title'] ?? null,
                starred: $data['starred'],
                created_at: $data['created_at'],
            );
        } catch (\TypeError $error) {
            throw ApiResponseValidationException::of(self::class, $error);
        }
        return $model->withExtra(array_diff_key($data, array_flip(self::ATTRIBUTES)));
    }
}
