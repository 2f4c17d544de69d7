<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;

/** Who the conversation is with: exactly one of `contact_id` and `group_id`. */
final class ConversationCreate extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['contact_id', 'group_id'];

    public function __construct(
        /** Unique identifier for the other contact in the conversation. */
        public readonly ?string $contact_id = null,
        /** Unique identifier for the group that the conversation belongs to. */
        public readonly ?string $group_id = null,
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
            contact_id: $data['contact_id'] ?? null,
            group_id: $data['group_id'] ?? null,
        );
    }
}
