<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;

/** What to change; `reactions` and `attachments` replace the whole value. */
final class MessageUpdate extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['message', 'reactions', 'attachments'];

    public function __construct(
        /** The new text. */
        public readonly ?string $message = null,
        /**
         * Reaction name -> usernames of who reacted: the whole new map.
         *
         * @var array<string, list<string>>|null
         */
        public readonly ?array $reactions = null,
        /**
         * Ids of your uploads: the whole new list.
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
            message: $data['message'] ?? null,
            reactions: $data['reactions'] ?? null,
            attachments: $data['attachments'] ?? null,
        );
    }
}
