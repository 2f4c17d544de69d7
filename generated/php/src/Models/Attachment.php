<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;
use Protocol\Exceptions\ApiResponseValidationException;

/**
 * A file you uploaded, and the message it belongs to.
 *
 * Attributes a newer server sends that this version does not declare are kept:
 * see extra().
 */
final class Attachment extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['id', 'message_id', 'filename', 'file_url', 'file_type', 'file_size', 'created_at'];

    public function __construct(
        /** Unique identifier for the attachment. */
        public readonly string $id,
        /** The message the attachment belongs to; `null` until a message takes it. Deleting the message deletes the attachment. */
        public readonly ?string $message_id,
        /** The file's name: the uploaded part's file name, until renamed. */
        public readonly string $filename,
        /** Where the file's bytes can be fetched, with your token. Renaming does not change it. */
        public readonly string $file_url,
        /** The file's media type, from the uploaded part's `Content-Type`. */
        public readonly string $file_type,
        /** The file's size in bytes; uploads are at most 10485760 bytes (10 MiB). */
        public readonly int $file_size,
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
                message_id: $data['message_id'] ?? null,
                filename: $data['filename'],
                file_url: $data['file_url'],
                file_type: $data['file_type'],
                file_size: $data['file_size'],
                created_at: $data['created_at'],
            );
        } catch (\TypeError $error) {
            throw ApiResponseValidationException::of(self::class, $error);
        }
        return $model->withExtra(array_diff_key($data, array_flip(self::ATTRIBUTES)));
    }
}
