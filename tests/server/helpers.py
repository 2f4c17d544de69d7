"""Helpers shared by the server tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

# The server's mechanics (encodings, lists, idempotency, HTTP, durability, auth, webhooks) are
# tested on a small fixed spec, the conversations-only API the project started from, so that
# they do not change whenever spec/openapi.yaml grows. The whole API has its own tests
# (test_relations.py, test_example_files.py), each naming the spec it serves.
CONVERSATIONS_SPEC = (
    Path(__file__).resolve().parents[1] / "fixtures" / "specs" / "conversations.yaml"
)

CONTACT = "WAz8eIbvDR60rouK"
GROUP = "Gx5cQ1vL2mZ9kT3R"

# The session server knows all these tokens; each test takes accounts nobody else uses.
TOKEN_POOL = tuple(f"server-test-token-{n}" for n in range(1000))
_unused_tokens = iter(TOKEN_POOL)


def unused_token() -> str:
    token = next(_unused_tokens, None)
    assert token is not None, "TOKEN_POOL is used up: make it larger"
    return token


def create(client: httpx.Client, **attributes: Any) -> dict[str, Any]:
    """Create a conversation (with a contact unless told otherwise) and return it."""
    response = client.post("/v1/conversations", json=attributes or {"contact_id": CONTACT})
    assert response.status_code == 201, response.text
    conversation: dict[str, Any] = response.json()
    return conversation


def update(client: httpx.Client, conversation_id: str, **changes: Any) -> dict[str, Any]:
    response = client.put(f"/v1/conversations/{conversation_id}", json=changes)
    assert response.status_code == 200, response.text
    conversation: dict[str, Any] = response.json()
    return conversation


def assert_error(response: httpx.Response, status: int, *fragments: str) -> dict[str, Any]:
    """The response is the error object with this status, and its message says these things."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    expected_type = "api_error" if status >= 500 else "invalid_request"
    assert body == {
        "type": expected_type,
        "message": body["message"],
        "documentation_url": f"https://protocol.chat/docs/errors/{expected_type}",
    }
    for fragment in fragments:
        assert fragment in body["message"], body["message"]
    return body


def standard_webhooks_spec(spec: Path, directory: Path) -> Path:
    """A copy of `spec` whose deliveries are signed the Standard Webhooks way (each webhook
    declaring webhook-id, webhook-timestamp and webhook-signature)."""
    text = spec.read_text(encoding="utf-8")
    replacements = {
        "  scheme: hmac-sha256-hex\n  header: x-protocol-signature\n": (
            "  scheme: standard-webhooks\n  tolerance: 300\n"
        ),
        "        - $ref: '#/components/parameters/WebhookSignature'\n": (
            "        - $ref: '#/components/parameters/WebhookSignature'\n"
            "        - $ref: '#/components/parameters/WebhookId'\n"
            "        - $ref: '#/components/parameters/WebhookTimestamp'\n"
        ),
        "    WebhookSignature:\n      name: x-protocol-signature\n": (
            "    WebhookId:\n      name: webhook-id\n      in: header\n      required: true\n"
            "      schema:\n        type: string\n"
            "    WebhookTimestamp:\n      name: webhook-timestamp\n      in: header\n"
            "      required: true\n      schema:\n        type: string\n"
            "    WebhookSignature:\n      name: webhook-signature\n"
        ),
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path = directory / "openapi.yaml"
    path.write_text(text, encoding="utf-8")
    return path
