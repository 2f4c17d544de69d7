<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;
use Protocol\Exceptions\ApiResponseValidationException;

/**
 * A widget.
 *
 * Attributes a newer server sends that this version does not declare are kept:
 * see extra().
 */
final class Widget extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['id', 'name', 'color', 'size', 'tags', 'created_at', 'retired_at'];

    public function __construct(
        public readonly string $id,
        public readonly string $name,
        /**
         * A widget's color.
         *
         * @var 'red'|'green'|'blue'
         */
        public readonly string $color,
        /** Size in millimetres; `null` when unknown. */
        public readonly ?float $size,
        /** @var list<string> */
        public readonly array $tags,
        public readonly int $created_at,
        /** When the widget was retired; `null` while it is in use. */
        public readonly ?int $retired_at,
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
                name: $data['name'],
                color: $data['color'],
                size: $data['size'] ?? null,
                tags: self::checked($data['tags'], 'list<string>', 'tags'),
                created_at: $data['created_at'],
                retired_at: $data['retired_at'] ?? null,
            );
        } catch (\TypeError $error) {
            throw ApiResponseValidationException::of(self::class, $error);
        }
        return $model->withExtra(array_diff_key($data, array_flip(self::ATTRIBUTES)));
    }
}
