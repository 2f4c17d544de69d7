<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;


final class ConversationList extends BaseModel
{
    public function __construct(
        public readonly bool $has_more,
        /** @var list<Conversation> */
        public readonly array $data,
    ) {
    }

    /** @param array<string, mixed> $data the decoded JSON object */
    public static function fromArray(array $data): self
    {
        return new self(
            has_more: $data['has_more'],
            data: array_map(Conversation::fromArray(...), $data['data']),
        );
    }
}
