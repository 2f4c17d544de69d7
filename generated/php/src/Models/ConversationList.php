<?php
// Generated from spec/openapi.yaml + templates/php/src/Models/Model.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Models;

use Protocol\Core\BaseModel;

/** One page of conversations. */
final class ConversationList extends BaseModel
{
    public function __construct(
        /**
         * Whether more conversations lie beyond this page in the direction of travel: after the
         * last one, or before the first one when the page was asked for with `ending_before`.
         */
        public readonly bool $has_more,
        /**
         * The conversations of this page, newest first.
         *
         * @var list<Conversation>
         */
        public readonly array $data,
    ) {
    }

    /** @param array<string, mixed> $data the decoded JSON object */
    public static function fromArray(array $data): self
    {
        return new self(
            has_more: $data['has_more'],
            data: array_map(Conversation::fromArray(...), $data['data']),
        );
    }
}
