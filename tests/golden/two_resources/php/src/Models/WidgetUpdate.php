<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;


final class WidgetUpdate extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['name', 'size', 'retired_at'];

    public function __construct(
        public readonly ?string $name = null,
        public readonly ?float $size = null,
        public readonly ?int $retired_at = null,
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
            name: $data['name'] ?? null,
            size: $data['size'] ?? null,
            retired_at: $data['retired_at'] ?? null,
        );
    }
}
