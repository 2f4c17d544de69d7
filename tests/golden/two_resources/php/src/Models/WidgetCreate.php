<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;


final class WidgetCreate extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['name', 'color', 'size', 'tags'];

    public function __construct(
        /** What to call the widget. */
        public readonly string $name,
        /**
         * A widget's color.
         *
         * @var 'red'|'green'|'blue'|null
         */
        public readonly ?string $color = null,
        public readonly ?float $size = null,
        /** @var list<string>|null */
        public readonly ?array $tags = null,
    ) {
    }

    /**
     * @param array<string, mixed> $data the attributes, as the API names them
     * @throws \InvalidArgumentException for an attribute it does not declare
     */
    public static function fromArray(array $data): self
    {
        self::rejectUnknown($data, self::ATTRIBUTES);
        return new self(
            name: $data['name'],
            color: $data['color'] ?? null,
            size: $data['size'] ?? null,
            tags: $data['tags'] ?? null,
        );
    }
}
