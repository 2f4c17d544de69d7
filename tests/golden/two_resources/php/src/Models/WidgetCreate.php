<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;


final class WidgetCreate extends BaseModel
{
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

    /** @param array<string, mixed> $data the decoded JSON object */
    public static function fromArray(array $data): self
    {
        return new self(
            name: $data['name'],
            color: $data['color'] ?? null,
            size: $data['size'] ?? null,
            tags: $data['tags'] ?? null,
        );
    }
}
