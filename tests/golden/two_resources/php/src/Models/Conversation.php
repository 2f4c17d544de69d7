<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;


final class Conversation extends BaseModel
{
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

    /** @param array<string, mixed> $data the decoded JSON object */
    public static function fromArray(array $data): self
    {
        return new self(
            id: $data['id'],
            title: $data['title'] ?? null,
            starred: $data['starred'],
            created_at: $data['created_at'],
        );
    }
}
