<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;
use Protocol\Exceptions\ApiResponseValidationException;

/**
 * A set of your contacts you talk to at once, with its own conversation.
 *
 * Attributes a newer server sends that this version does not declare are kept:
 * see extra().
 */
final class Group extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['id', 'name', 'description', 'avatar_url', 'conversation_id', 'contacts', 'created_at', 'archived_at'];

    public function __construct(
        /** Unique identifier for the group. */
        public readonly string $id,
        /** The group's name. */
        public readonly string $name,
        /** The group's description; `null` when it has none. */
        public readonly ?string $description,
        /** URL of the group's avatar image. */
        public readonly ?string $avatar_url,
        /** The group's conversation, created with the group; `null` once it is deleted. */
        public readonly ?string $conversation_id,
        /**
         * The members, as contact objects (requests send their ids). A deleted contact leaves the group.
         *
         * @var list<Contact>
         */
        public readonly array $contacts,
        /** When it was created. */
        public readonly int $created_at,
        /** When the group was archived; `null` when it is not. */
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
                name: $data['name'],
                description: $data['description'] ?? null,
                avatar_url: $data['avatar_url'] ?? null,
                conversation_id: $data['conversation_id'] ?? null,
                contacts: array_map(Contact::fromArray(...), $data['contacts']),
                created_at: $data['created_at'],
                archived_at: $data['archived_at'] ?? null,
            );
        } catch (\TypeError $error) {
            throw ApiResponseValidationException::of(self::class, $error);
        }
        return $model->withExtra(array_diff_key($data, array_flip(self::ATTRIBUTES)));
    }
}
