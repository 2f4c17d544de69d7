<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;

/** What to change; `contacts` replaces the member list. */
final class GroupUpdate extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['name', 'description', 'avatar_url', 'contacts', 'archived_at'];

    public function __construct(
        /** The group's name. */
        public readonly ?string $name = null,
        /** The group's description; `null` removes it. */
        public readonly ?string $description = null,
        /** URL of the group's avatar image; `null` removes it. */
        public readonly ?string $avatar_url = null,
        /**
         * Ids of your contacts who are members: the whole new list.
         *
         * @var list<string>|null
         */
        public readonly ?array $contacts = null,
        /** When the group was archived; `null` unarchives it. */
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
            name: $data['name'] ?? null,
            description: $data['description'] ?? null,
            avatar_url: $data['avatar_url'] ?? null,
            contacts: $data['contacts'] ?? null,
            archived_at: $data['archived_at'] ?? null,
        );
    }
}
