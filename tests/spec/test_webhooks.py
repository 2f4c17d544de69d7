"""What the webhooks mean, read once: the signing scheme and the change each webhook reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from protocol_spec import PROJECT_ROOT, SpecErrors, build_api, load_api, load_spec_bytes

SPEC = PROJECT_ROOT / "spec" / "openapi.yaml"


def _with(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1
    return text.replace(old, new)


def _load(text: str):  # type: ignore[no-untyped-def]
    return build_api(load_spec_bytes(text.encode(), "openapi.yaml"), "openapi.yaml")


def test_the_protocol_api_signs_with_its_own_scheme() -> None:
    signing = load_api(SPEC).webhook_signing
    assert signing is not None
    assert (signing.scheme, signing.signature_header, signing.tolerance) == (
        "hmac-sha256-hex",
        "x-protocol-signature",
        None,
    )


def test_each_change_webhook_reports_its_resource_and_action() -> None:
    api = load_api(SPEC)
    events = {(e.type, e.resource, e.action, e.payload) for e in api.webhook_events}
    assert {e.type for r in api.resources for e in api.events_of(r)} == {e[0] for e in events}
    for resource in api.resources:
        assert {e.type for e in api.events_of(resource)} == {
            e[0] for e in events if e[1] == resource.name
        }
        for action in ("created", "updated", "deleted"):
            assert any(
                e[2] == action and e[1] == resource.name and e[3] == "payload" for e in events
            )


def test_standard_webhooks_requires_its_three_headers(tmp_path: Path) -> None:
    text = _with(
        SPEC.read_text(encoding="utf-8"),
        "  scheme: hmac-sha256-hex\n  header: x-protocol-signature\n",
        "  scheme: standard-webhooks\n  tolerance: 120\n",
    )
    with pytest.raises(SpecErrors) as caught:
        _load(text)
    problems = [e.problem for e in caught.value.errors]
    # Fifteen webhooks (five resources, three changes each), each lacking webhook-id,
    # webhook-timestamp and webhook-signature.
    assert len(problems) == 45
    assert all("does not declare the `webhook-" in p for p in problems)


def test_a_spec_without_the_extension_has_no_scheme_and_still_its_events() -> None:
    text = _with(
        SPEC.read_text(encoding="utf-8"),
        "x-protocol-webhook-signature:\n  scheme: hmac-sha256-hex\n  header: x-protocol-signature\n",
        "",
    )
    api = _load(text)
    assert api.webhook_signing is None
    assert len(api.webhook_events) == 15


def test_a_webhook_about_no_resource_reports_no_change() -> None:
    text = _with(
        SPEC.read_text(encoding="utf-8"),
        "  conversation.created:\n",
        "  conversation.archived:\n",
    )
    api = _load(text)
    assert "conversation.archived" not in {e.type for e in api.webhook_events}
    assert "conversation.archived" in {op.path for op in api.webhooks}
