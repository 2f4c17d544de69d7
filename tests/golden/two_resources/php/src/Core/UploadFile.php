<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Core/UploadFile.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Core;

/**
 * A file to upload given as its bytes, with the name and media type its part carries:
 * `new UploadFile($bytes, 'invoice.pdf', 'application/pdf')`. A path (a string) or an open
 * stream resource (`fopen($path, 'rb')`) can be passed as they are instead.
 */
final class UploadFile
{
    public function __construct(
        public readonly string $contents,
        public readonly string $name = '',
        public readonly ?string $type = null,
    ) {
    }
}
