<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;

/**
 * The attributes to change; those left out keep their values. `null` clears
 * `pinned_message_id` and `archived_at`.
 */
final class ConversationUpdate extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['pinned_message_id', 'is_pinned', 'is_muted', 'archived_at'];

    public function __construct(
        /** Unique identifier for the message to pin; `null` unpins it. */
        public readonly ?string $pinned_message_id = null,
        /** Whether or not the conversation is pinned. */
        public readonly ?bool $is_pinned = null,
        /** Whether or not the conversation is muted. */
        public readonly ?bool $is_muted = null,
        /** When the conversation was archived; `null` unarchives it. */
        public readonly ?int $archived_at = null,
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
            pinned_message_id: $data['pinned_message_id'] ?? null,
            is_pinned: $data['is_pinned'] ?? null,
            is_muted: $data['is_muted'] ?? null,
            archived_at: $data['archived_at'] ?? null,
        );
    }
}
