<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;
use Protocol\Exceptions\ApiResponseValidationException;

/**
 * One page of attachments.
 *
 * Attributes a newer server sends that this version does not declare are kept:
 * see extra().
 */
final class AttachmentList extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['has_more', 'data'];

    public function __construct(
        /** Whether more lie beyond this page in the direction of travel. */
        public readonly bool $has_more,
        /**
         * The attachments of this page, newest first.
         *
         * @var list<Attachment>
         */
        public readonly array $data,
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
                has_more: $data['has_more'],
                data: array_map(Attachment::fromArray(...), $data['data']),
            );
        } catch (\TypeError $error) {
            throw ApiResponseValidationException::of(self::class, $error);
        }
        return $model->withExtra(array_diff_key($data, array_flip(self::ATTRIBUTES)));
    }
}
