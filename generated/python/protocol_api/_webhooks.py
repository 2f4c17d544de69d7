# Generated from spec/openapi.yaml + templates/python/_webhooks.py.jinja. Do not edit.
"""Webhook deliveries: verify their signature, then parse them into the declared event.

The rules are the generator's one webhook policy, shared by the TypeScript and PHP clients:
both signing schemes are implemented; `SIGNING` is the one the spec declares.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal, TypeAlias

import pydantic

from ._exceptions import WebhookVerificationError
from .models import AttachmentEvent, ContactEvent, ConversationEvent, GroupEvent, MessageEvent

__all__ = [
    "EVENTS",
    "SECRET_ENV",
    "SIGNING",
    "Signing",
    "WebhookEvent",
    "Webhooks",
]

Scheme = Literal["hmac-sha256-hex", "standard-webhooks", ""]


@dataclass(frozen=True)
class Signing:
    """How deliveries are signed: the scheme, its headers (lower case, the signature's last)
    and, for a scheme that signs a timestamp, the tolerance in seconds either side of now."""

    scheme: Scheme
    headers: tuple[str, ...]
    tolerance: int = 0


SIGNING = Signing("hmac-sha256-hex", ("x-protocol-signature",), 0)
SECRET_ENV = "PROTOCOL_WEBHOOK_SECRET"

WebhookEvent: TypeAlias = (
    ConversationEvent | ContactEvent | GroupEvent | MessageEvent | AttachmentEvent
)
# Each declared webhook's name -> the body attribute that carries it, and the body's model.
EVENTS: Mapping[str, tuple[str, type[WebhookEvent]]] = {
    "conversation.created": ("type", ConversationEvent),
    "conversation.updated": ("type", ConversationEvent),
    "conversation.deleted": ("type", ConversationEvent),
    "contact.created": ("type", ContactEvent),
    "contact.updated": ("type", ContactEvent),
    "contact.deleted": ("type", ContactEvent),
    "group.created": ("type", GroupEvent),
    "group.updated": ("type", GroupEvent),
    "group.deleted": ("type", GroupEvent),
    "message.created": ("type", MessageEvent),
    "message.updated": ("type", MessageEvent),
    "message.deleted": ("type", MessageEvent),
    "attachment.created": ("type", AttachmentEvent),
    "attachment.updated": ("type", AttachmentEvent),
    "attachment.deleted": ("type", AttachmentEvent),
}


class Webhooks:
    """`client.webhooks`: check that a delivery comes from the API, and read it.

    `payload` is the raw body exactly as received (bytes or str: parse nothing before
    verifying); `headers` the request's headers, any case. The secret defaults to
    $PROTOCOL_WEBHOOK_SECRET.
    """

    def __init__(self, signing: Signing = SIGNING, clock: Callable[[], float] = time.time) -> None:
        self._signing = signing
        self._clock = clock

    def unwrap(
        self, payload: str | bytes, headers: Mapping[str, str], secret: str | None = None
    ) -> ConversationEvent | ContactEvent | GroupEvent | MessageEvent | AttachmentEvent:
        """The delivery's event, once its signature is verified.

        Raises:
            WebhookVerificationError: a missing or wrong signature, a timestamp out of
                tolerance, or a body that is not an event of a declared webhook.
        """
        self.verify_signature(payload, headers, secret)
        return parse_event(payload)

    def verify_signature(
        self, payload: str | bytes, headers: Mapping[str, str], secret: str | None = None
    ) -> None:
        """Return if the delivery is signed with `secret`; raise WebhookVerificationError if not."""
        key = secret if secret is not None else os.environ.get(SECRET_ENV)
        if not key:
            raise WebhookVerificationError(
                f"no webhook secret: pass `secret=` or set ${SECRET_ENV}"
            )
        body = payload.encode() if isinstance(payload, str) else payload
        lowered = {str(name).lower(): str(value) for name, value in headers.items()}
        if self._signing.scheme == "standard-webhooks":
            _verify_standard(self._signing, body, lowered, key, self._clock())
        elif self._signing.scheme == "hmac-sha256-hex":
            _verify_hex(self._signing, body, lowered, key)
        else:
            raise WebhookVerificationError(
                "the API declares no webhook signing scheme: deliveries cannot be verified"
            )


def parse_event(payload: str | bytes) -> WebhookEvent:
    """The body as the model of the declared webhook its `type` names."""
    try:
        data = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as error:
        raise WebhookVerificationError(f"the body is not JSON: {error}") from None
    kind = next(
        (
            name
            for name, (attribute, _) in EVENTS.items()
            if isinstance(data, dict) and data.get(attribute) == name
        ),
        None,
    )
    if kind is None:
        declared = ", ".join(EVENTS) or "none"
        raise WebhookVerificationError(f"the body is not a declared event ({declared})")
    model = EVENTS[kind][1]
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as error:
        raise WebhookVerificationError(
            f"the body is not a valid {kind} event: {error.errors()[0]['msg']}"
        ) from None


def _header(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name)
    if not value:
        raise WebhookVerificationError(f"the delivery has no `{name}` header")
    return value


def _verify_hex(signing: Signing, body: bytes, headers: Mapping[str, str], secret: str) -> None:
    received = _header(headers, signing.headers[-1]).strip()
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), received.encode()):
        raise WebhookVerificationError("the signature does not match the body and the secret")


def _verify_standard(
    signing: Signing, body: bytes, headers: Mapping[str, str], secret: str, now: float
) -> None:
    id_header, timestamp_header, signature_header = signing.headers
    delivery_id = _header(headers, id_header)
    timestamp = _header(headers, timestamp_header)
    signatures = _header(headers, signature_header)
    if not (timestamp.isascii() and timestamp.isdigit()):
        raise WebhookVerificationError(f"`{timestamp_header}` is not a Unix time: {timestamp!r}")
    if abs(now - int(timestamp)) > signing.tolerance:
        raise WebhookVerificationError(
            f"the timestamp {timestamp} is more than {signing.tolerance} s from now"
        )
    try:
        key = base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    except binascii.Error:
        raise WebhookVerificationError("the secret is not `whsec_` followed by base64") from None
    signed = delivery_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest())
    matched = False
    for entry in signatures.split():
        version, _, signature = entry.partition(",")
        # Every entry is compared, so the time taken does not tell which one matched.
        matched |= version == "v1" and hmac.compare_digest(expected, signature.encode())
    if not matched:
        raise WebhookVerificationError("no signature matches the body and the secret")
