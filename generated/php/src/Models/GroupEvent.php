<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;
use Protocol\Exceptions\ApiResponseValidationException;

/**
 * The body of a webhook delivery about a group.
 *
 * Attributes a newer server sends that this version does not declare are kept:
 * see extra().
 */
final class GroupEvent extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['id', 'type', 'payload'];

    public function __construct(
        /** Unique identifier for the event; deliveries of the same event share it. */
        public readonly string $id,
        /**
         * What happened.
         *
         * @var 'group.created'|'group.updated'|'group.deleted'
         */
        public readonly string $type,
        /** A set of your contacts you talk to at once, with its own conversation. */
        public readonly Group $payload,
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
                type: $data['type'],
                payload: Group::fromArray($data['payload']),
            );
        } catch (\TypeError $error) {
            throw ApiResponseValidationException::of(self::class, $error);
        }
        return $model->withExtra(array_diff_key($data, array_flip(self::ATTRIBUTES)));
    }
}
