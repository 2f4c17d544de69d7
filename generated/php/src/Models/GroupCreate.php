<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;

/** A new group: only `name` is required. */
final class GroupCreate extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['name', 'description', 'avatar_url', 'contacts'];

    public function __construct(
        /** The group's name. */
        public readonly string $name,
        /** The group's description. */
        public readonly ?string $description = null,
        /** URL of the group's avatar image. */
        public readonly ?string $avatar_url = null,
        /**
         * Ids of your contacts who are members (no repeats; in a form, one `contacts=` per id).
         *
         * @var list<string>|null
         */
        public readonly ?array $contacts = null,
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
            name: $data['name'],
            description: $data['description'] ?? null,
            avatar_url: $data['avatar_url'] ?? null,
            contacts: $data['contacts'] ?? null,
        );
    }
}
