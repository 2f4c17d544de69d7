<?php
// Generated from tests/fixtures/specs/two_resources.yaml + templates/php/src/Exceptions/WebhookVerificationError.php.jinja. Do not edit.

declare(strict_types=1);

namespace Protocol\Exceptions;

/**
 * A webhook delivery failed verification: not signed with the secret, a timestamp out of
 * tolerance, or a body that is not a declared event. Answer it with a 4xx and ignore it.
 */
class WebhookVerificationError extends ApiException
{
}
