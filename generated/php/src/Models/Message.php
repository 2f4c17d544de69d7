<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;
use Protocol\Exceptions\ApiResponseValidationException;

/**
 * A message in one of your conversations.
 *
 * Attributes a newer server sends that this version does not declare are kept:
 * see extra().
 */
final class Message extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['id', 'conversation_id', 'contact', 'message', 'reactions', 'attachments', 'read_at', 'created_at', 'updated_at'];

    public function __construct(
        /** Unique identifier for the message. */
        public readonly string $id,
        /** The conversation the message is in; deleting it deletes the message. Sending moves its `last_active_at`. */
        public readonly string $conversation_id,
        /** The contact who sent the message (the whole contact object); `null` for the messages you send, and once that contact is deleted. */
        public readonly ?Contact $contact,
        /** The text of the message. */
        public readonly string $message,
        /**
         * Reactions: reaction name -> usernames of who reacted.
         *
         * @var array<string, list<string>>
         */
        public readonly array $reactions,
        /**
         * The attachments of the message (the uploads whose `message_id` names it), oldest first.
         *
         * @var list<Attachment>
         */
        public readonly array $attachments,
        /** When the message was read; `null` until then (no endpoint of this API marks it read). */
        public readonly ?int $read_at,
        /** When it was created. */
        public readonly int $created_at,
        /** When the message last changed; `null` until its first update. */
        public readonly ?int $updated_at,
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
                conversation_id: $data['conversation_id'],
                contact: isset($data['contact']) ? Contact::fromArray($data['contact']) : null,
                message: $data['message'],
                reactions: self::checked($data['reactions'], 'array<string, list<string>>', 'reactions'),
                attachments: array_map(Attachment::fromArray(...), $data['attachments']),
                read_at: $data['read_at'] ?? null,
                created_at: $data['created_at'],
                updated_at: $data['updated_at'] ?? null,
            );
        } catch (\TypeError $error) {
            throw ApiResponseValidationException::of(self::class, $error);
        }
        return $model->withExtra(array_diff_key($data, array_flip(self::ATTRIBUTES)));
    }
}
