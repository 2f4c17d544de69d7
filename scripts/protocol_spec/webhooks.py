"""What the webhooks mean: how deliveries are signed, and which change of which resource each reports.

The signing scheme is declared once, `x-protocol-webhook-signature` at the document's root; every
webhook must then declare the headers that scheme sends, so that the SDKs, the reference server
and the conformance suite agree with what the reference page shows. A webhook reports a change
of a resource when its name reads `<anything>.<created|updated|deleted>` and its body has an
attribute holding that resource's object (`payload` in the Protocol API); other webhooks are
still typed and reviewed, but nothing sends them on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, cast

from .model import Operation, Resource, WebhookEvent, WebhookSigning
from .pointers import join

__all__ = ["SIGNATURE_EXTENSION", "STANDARD_WEBHOOKS_HEADERS", "webhook_events", "webhook_signing"]

SIGNATURE_EXTENSION = "x-protocol-webhook-signature"
STANDARD_WEBHOOKS_HEADERS = ("webhook-id", "webhook-timestamp", "webhook-signature")
_ACTIONS = ("created", "updated", "deleted")

_Fail = Callable[[str, str, str], None]  # (pointer, problem, fix)


def webhook_signing(document: Mapping[str, Any]) -> WebhookSigning | None:
    """The declared scheme; its form was checked with the rest of the vocabulary."""
    declared = document.get(SIGNATURE_EXTENSION)
    if not isinstance(declared, Mapping):
        return None
    pointer = join("", SIGNATURE_EXTENSION)
    if declared.get("scheme") == "standard-webhooks":
        tolerance = int(declared.get("tolerance", 300))
        return WebhookSigning("standard-webhooks", STANDARD_WEBHOOKS_HEADERS, tolerance, pointer)
    return WebhookSigning("hmac-sha256-hex", (str(declared["header"]).lower(),), None, pointer)


def webhook_events(
    webhooks: Sequence[Operation],
    resources: Sequence[Resource],
    signing: WebhookSigning | None,
    fail: _Fail,
) -> tuple[WebhookEvent, ...]:
    """The webhooks that report a resource's changes; each missing signature header is an error."""
    by_model = {r.model: r for r in resources if r.model is not None}
    events = []
    for op in webhooks:
        if signing is not None:
            _check_headers(op, signing, fail)
        action = op.path.rsplit(".", 1)[-1]
        holder = _object_attribute(op, by_model)
        if action in _ACTIONS and holder is not None:
            attribute, resource = holder
            kind = cast(Literal["created", "updated", "deleted"], action)
            events.append(WebhookEvent(op.path, resource.name, kind, attribute, op.pointer))
    return tuple(events)


def _object_attribute(
    op: Operation, by_model: Mapping[str, Resource]
) -> tuple[str, Resource] | None:
    if op.body is None:
        return None
    for f in op.body.fields:
        if f.type.kind == "model" and f.type.name is not None and f.type.name in by_model:
            return f.name, by_model[f.type.name]
    return None


def _check_headers(op: Operation, signing: WebhookSigning, fail: _Fail) -> None:
    declared = {p.name.lower() for p in op.header_params}
    for header in signing.headers:
        if header not in declared:
            fail(
                join(op.pointer, "parameters"),
                f"webhook '{op.path}' does not declare the `{header}` header that its deliveries "
                f"carry ({SIGNATURE_EXTENSION} is {signing.scheme})",
                f"add a parameter `{{name: {header}, in: header, required: true}}` to the webhook "
                "(a shared one under components/parameters serves every webhook)",
            )
