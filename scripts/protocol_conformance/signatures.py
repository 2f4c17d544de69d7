"""Verify a webhook delivery's signature under the scheme the spec declares
(`Api.webhook_signing`), written from the scheme's definition, independently of the server.

`problem(...)` is None for a valid delivery, else what is wrong, in words for the report.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Mapping

from protocol_spec.model import WebhookSigning

__all__ = ["problem", "tampered"]


def _key(signing: WebhookSigning, secret: str) -> bytes:
    if signing.scheme == "standard-webhooks" and secret.startswith("whsec_"):
        try:
            return base64.b64decode(secret[len("whsec_") :], validate=True)
        except binascii.Error:
            return secret.encode("utf-8")
    return secret.encode("utf-8")


def problem(
    signing: WebhookSigning, secret: str, headers: Mapping[str, str], body: bytes, now: float
) -> str | None:
    """What makes this delivery's signature invalid, or None. `headers` have lower-case names."""
    key = _key(signing, secret)
    sent = headers.get(signing.signature_header)
    if sent is None:
        return f"no `{signing.signature_header}` header"
    if signing.scheme == "hmac-sha256-hex":
        wanted = hmac.new(key, body, hashlib.sha256).hexdigest()
        if hmac.compare_digest(sent.strip().encode(), wanted.encode()):
            return None
        return f"`{signing.signature_header}: {sent[:80]}` is not the hex HMAC-SHA256 of the body"
    id_header, timestamp_header, _ = signing.headers
    event_id, timestamp = headers.get(id_header), headers.get(timestamp_header, "")
    if event_id is None or not timestamp.isdigit():
        return f"`{id_header}` or `{timestamp_header}` missing or not a number"
    tolerance = signing.tolerance if signing.tolerance is not None else 300
    if abs(now - int(timestamp)) > tolerance:
        return f"`{timestamp_header}: {timestamp}` is more than {tolerance} s from now"
    signed = f"{event_id}.{timestamp}.".encode() + body
    wanted = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for entry in sent.split():
        version, _, value = entry.partition(",")
        if version == "v1" and hmac.compare_digest(value.encode(), wanted.encode()):
            return None
    return f"no `v1,` entry of `{signing.signature_header}` signs `{id_header}.{timestamp_header}.body`"


def tampered(body: bytes) -> bytes:
    """The same body with one byte changed (the verifier must refuse it)."""
    if not body:
        return b" "
    return body[:-1] + bytes([body[-1] ^ 0x01])
