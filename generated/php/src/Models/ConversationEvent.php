<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;

/** The body of a webhook delivery about a conversation. */
final class ConversationEvent extends BaseModel
{
    public function __construct(
        /** Unique identifier for the event; deliveries of the same event share it. */
        public readonly string $id,
        /**
         * What happened.
         *
         * @var 'conversation.created'|'conversation.updated'|'conversation.deleted'
         */
        public readonly string $type,
        /**
         * A conversation between you and one contact or one group: exactly one of `contact_id` and
         * `group_id` is set. Every attribute is always present; those without a value are `null`.
         */
        public readonly Conversation $payload,
    ) {
    }

    /** @param array<string, mixed> $data the decoded JSON object */
    public static function fromArray(array $data): self
    {
        return new self(
            id: $data['id'],
            type: $data['type'],
            payload: Conversation::fromArray($data['payload']),
        );
    }
}
