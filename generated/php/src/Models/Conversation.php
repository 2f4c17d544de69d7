<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;
use Protocol\Exceptions\ApiResponseValidationException;

/**
 * A conversation between you and one contact or one group: exactly one of `contact_id` and
 * `group_id` is set. Every attribute is always present; those without a value are `null`.
 *
 * Attributes a newer server sends that this version does not declare are kept:
 * see extra().
 */
final class Conversation extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['id', 'contact_id', 'group_id', 'pinned_message_id', 'is_pinned', 'is_muted', 'last_active_at', 'last_opened_at', 'created_at', 'archived_at'];

    public function __construct(
        /** Unique identifier for the conversation. */
        public readonly string $id,
        /** Unique identifier for the other contact in the conversation; `null` in a group conversation. */
        public readonly ?string $contact_id,
        /** Unique identifier for the group that the conversation belongs to; `null` in a conversation with a contact. */
        public readonly ?string $group_id,
        /** Unique identifier for the pinned message; `null` when no message is pinned. */
        public readonly ?string $pinned_message_id,
        /** Whether or not the conversation has been pinned. */
        public readonly bool $is_pinned,
        /** Whether or not the conversation has been muted. */
        public readonly bool $is_muted,
        /** When the conversation was last active; `null` before any activity. */
        public readonly ?int $last_active_at,
        /** When the conversation was last opened by the authenticated user; `null` if never. */
        public readonly ?int $last_opened_at,
        /** When the conversation was created. */
        public readonly int $created_at,
        /** When the conversation was archived; `null` when it is not archived. */
        public readonly ?int $archived_at,
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
                contact_id: $data['contact_id'] ?? null,
                group_id: $data['group_id'] ?? null,
                pinned_message_id: $data['pinned_message_id'] ?? null,
                is_pinned: $data['is_pinned'],
                is_muted: $data['is_muted'],
                last_active_at: $data['last_active_at'] ?? null,
                last_opened_at: $data['last_opened_at'] ?? null,
                created_at: $data['created_at'],
                archived_at: $data['archived_at'] ?? null,
            );
        } catch (\TypeError $error) {
            throw ApiResponseValidationException::of(self::class, $error);
        }
        return $model->withExtra(array_diff_key($data, array_flip(self::ATTRIBUTES)));
    }
}
