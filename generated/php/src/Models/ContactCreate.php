<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;

/** A new contact: `username` and `phone_number` are required. */
final class ContactCreate extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['username', 'phone_number', 'avatar_url', 'display_name'];

    public function __construct(
        /** The contact's Protocol username. */
        public readonly string $username,
        /** The contact's phone number. */
        public readonly string $phone_number,
        /** URL of the contact's avatar image. */
        public readonly ?string $avatar_url = null,
        /** How to name the contact in your list. */
        public readonly ?string $display_name = null,
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
            username: $data['username'],
            phone_number: $data['phone_number'],
            avatar_url: $data['avatar_url'] ?? null,
            display_name: $data['display_name'] ?? null,
        );
    }
}
