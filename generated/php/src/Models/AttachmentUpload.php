<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;

/** One part named `file` holding the file's bytes. */
final class AttachmentUpload extends BaseModel
{
    /** The attributes this version of the model declares, as the API names them. */
    public const ATTRIBUTES = ['file'];

    public function __construct(
        /** The file; its part's file name and Content-Type become `filename` and `file_type`. */
        public readonly string $file,
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
            file: $data['file'],
        );
    }
}
