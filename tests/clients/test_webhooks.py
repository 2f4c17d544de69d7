"""Webhook deliveries in the three SDKs: the shared vectors (tests/fixtures/webhook_vectors.json)
run through each runtime's verifier with the case's scheme and clock, and the clients' own
`webhooks` with the scheme the spec declares."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from protocol_api import (
    ApiClient,
    APIError,
    AsyncApiClient,
    Conversation,
    WebhookVerificationError,
)
from protocol_api._webhooks import SECRET_ENV, SIGNING, Signing, Webhooks
from protocol_spec import DEFAULT_SPEC, load_api

from .conftest import ROOT, install_package

VECTORS = ROOT / "tests" / "fixtures" / "webhook_vectors.json"
CASES: list[dict[str, Any]] = json.loads(VECTORS.read_text())["cases"]
HERE = Path(__file__).resolve().parent


def _webhooks(case: dict[str, Any]) -> Webhooks:
    signing = case["signing"]
    now = case["now"]
    return Webhooks(
        Signing(signing["scheme"], tuple(signing["headers"]), signing["tolerance"]),
        clock=lambda: float(now if now is not None else 0),
    )


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_python_vector(case: dict[str, Any]) -> None:
    webhooks = _webhooks(case)
    body, headers, secret = case["body"], case["headers"], case["secret"]
    if case["verified"]:
        webhooks.verify_signature(body.encode(), headers, secret)
    else:
        with pytest.raises(WebhookVerificationError):
            webhooks.verify_signature(body, headers, secret)
    if case["event"] is None:
        with pytest.raises(WebhookVerificationError):
            webhooks.unwrap(body, headers, secret)
    else:
        event = webhooks.unwrap(body, headers, secret)
        assert event.type == case["event"]["type"]
        assert isinstance(event.payload, Conversation)
        assert event.payload.id == case["event"]["payload_id"]


def test_vectors_cover_what_the_issue_lists() -> None:
    names = {case["name"] for case in CASES}
    for needed in (
        "standard_published_vector",
        "protocol_tampered_body",
        "standard_tampered_body",
        "protocol_wrong_secret",
        "standard_wrong_secret",
        "standard_stale_timestamp",
        "standard_future_timestamp",
        "standard_rotated_secrets",
        "protocol_missing_signature",
        "protocol_not_a_declared_event",
    ):
        assert needed in names


def test_clients_use_the_declared_scheme_and_the_environment_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    api = load_api(DEFAULT_SPEC)
    assert api.webhook_signing is not None
    assert SIGNING.scheme == api.webhook_signing.scheme
    assert SIGNING.headers == api.webhook_signing.headers
    case = next(c for c in CASES if c["name"] == "protocol_valid")
    monkeypatch.setenv(SECRET_ENV, case["secret"])
    for client in (ApiClient("token"), AsyncApiClient("token")):
        event = client.webhooks.unwrap(case["body"], case["headers"])
        assert event.type == "conversation.updated"
        client.webhooks.verify_signature(case["body"], case["headers"])
    monkeypatch.delenv(SECRET_ENV)
    with pytest.raises(WebhookVerificationError, match=SECRET_ENV):
        ApiClient("token").webhooks.verify_signature(case["body"], case["headers"])


def test_verification_error_is_in_the_client_hierarchy() -> None:
    assert issubclass(WebhookVerificationError, APIError)


def test_an_explicit_secret_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    body = '{"id":"evT4mQ9xLp2ZrW8k","type":"conversation.deleted","payload":{}}'
    signature = hmac.new(b"right", body.encode(), hashlib.sha256).hexdigest()
    monkeypatch.setenv(SECRET_ENV, "wrong")
    headers = {SIGNING.headers[-1]: signature}
    Webhooks().verify_signature(body, headers, "right")
    with pytest.raises(WebhookVerificationError):
        Webhooks().verify_signature(body, headers)
    # Signed, but the payload is not a conversation: not a declared event either.
    with pytest.raises(WebhookVerificationError, match="not a valid"):
        Webhooks().unwrap(body, headers, "right")


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def test_typescript_vectors(node: str, tmp_path: Path) -> None:
    install_package(ROOT / "generated" / "typescript", tmp_path)
    program = tmp_path / "webhooks.test.mjs"
    program.write_text((HERE / "js" / "webhooks.test.mjs").read_text())
    env = {**os.environ, "WEBHOOK_VECTORS": str(VECTORS)}
    output = _run([node, "--test", program.name], tmp_path, env)
    assert f"# pass {len(CASES) + 1}" in output, output


def test_php_vectors(php: str) -> None:
    output = _run([php, str(HERE / "php" / "webhooks_test.php"), str(VECTORS)], ROOT)
    assert f"{len(CASES)} vectors passed" in output, output
