<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;

/** A message to send: `conversation_id` and `message` are required. */
final class MessageCreate extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['conversation_id', 'message', 'attachments'];

    public function __construct(
        /** One of your conversations. */
        public readonly string $conversation_id,
        /** The text of the message. */
        public readonly string $message,
        /**
         * Ids of your uploads to attach (in a form, one `attachments=` per id).
         *
         * @var list<string>|null
         */
        public readonly ?array $attachments = null,
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
            conversation_id: $data['conversation_id'],
            message: $data['message'],
            attachments: $data['attachments'] ?? null,
        );
    }
}
