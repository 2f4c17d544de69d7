<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;


final class WidgetUpdate extends BaseModel
{
    public function __construct(
        public readonly ?string $name = null,
        public readonly ?float $size = null,
        public readonly ?int $retired_at = null,
    ) {
    }

    /** @param array<string, mixed> $data the decoded JSON object */
    public static function fromArray(array $data): self
    {
        return new self(
            name: $data['name'] ?? null,
            size: $data['size'] ?? null,
            retired_at: $data['retired_at'] ?? null,
        );
    }
}
