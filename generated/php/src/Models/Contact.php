<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;
use Protocol\Exceptions\ApiResponseValidationException;

/**
 * A person you converse with. Every attribute is always present; those without a value are `null`.
 *
 * Attributes a newer server sends that this version does not declare are kept:
 * see extra().
 */
final class Contact extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['id', 'username', 'phone_number', 'avatar_url', 'display_name', 'conversation_id', 'last_active_at', 'created_at'];

    public function __construct(
        /** Unique identifier for the contact. */
        public readonly string $id,
        /** The contact's Protocol username. */
        public readonly string $username,
        /** The contact's phone number, as written (any format). */
        public readonly string $phone_number,
        /** URL of the contact's avatar image (an absolute URI). */
        public readonly ?string $avatar_url,
        /** How the contact is named in your list; `null` when not set (clients then show `username`: the fallback is for display, responses keep `null`). */
        public readonly ?string $display_name,
        /** Your conversation with this contact, created with the contact. It keeps naming that first conversation when you start another one with the contact, and is `null` once it is deleted. */
        public readonly ?string $conversation_id,
        /** When the contact last did something on Protocol; `null` until then (no endpoint of this API moves it). */
        public readonly ?int $last_active_at,
        /** When it was created. */
        public readonly int $created_at,
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
                username: $data['username'],
                phone_number: $data['phone_number'],
                avatar_url: $data['avatar_url'] ?? null,
                display_name: $data['display_name'] ?? null,
                conversation_id: $data['conversation_id'] ?? null,
                last_active_at: $data['last_active_at'] ?? null,
                created_at: $data['created_at'],
            );
        } catch (\TypeError $error) {
            throw ApiResponseValidationException::of(self::class, $error);
        }
        return $model->withExtra(array_diff_key($data, array_flip(self::ATTRIBUTES)));
    }
}
