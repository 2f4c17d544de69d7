"""The webhook checks end to end: against the embedded server with either signing scheme, against
another server through WEBHOOK_LISTEN, and "not run" (never a pass) without a receiver."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest

from protocol_conformance.receiver import MAX_CONNECTIONS, Delivery, Receiver
from protocol_conformance.signatures import problem, tampered
from protocol_conformance.webhooks import NOT_CONFIGURED
from protocol_server.harness import free_port, running_server
from protocol_spec.model import WebhookSigning

from .conftest import SPEC, Serve
from .faults import Fault
from .variants import cli, scenario

WEBHOOK_CHECKS = {"webhook_delivered", "webhook_payload", "webhook_signature", "webhook_redelivery"}
STANDARD = WebhookSigning(
    "standard-webhooks", ("webhook-id", "webhook-timestamp", "webhook-signature"), 300
)


def passed_cases(report_dir: Path) -> set[str]:
    report = ElementTree.parse(report_dir / "conformance.junit.xml").getroot()
    return {
        str(case.get("name"))
        for case in report.iter("testcase")
        if not list(case.iter("failure")) and not list(case.iter("skipped"))
    }


def test_the_verifier_agrees_with_the_standard_webhooks_vector() -> None:
    # The example of the Standard Webhooks specification.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    headers = {
        "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "webhook-timestamp": "1614265330",
        "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    }
    assert problem(STANDARD, secret, headers, body, 1614265330) is None
    assert problem(STANDARD, secret, headers, tampered(body), 1614265330) is not None
    assert "more than 300 s" in str(problem(STANDARD, secret, headers, body, 1614265330 + 301))
    rotated = {**headers, "webhook-signature": "v1,bm90LWl0 " + headers["webhook-signature"]}
    assert problem(STANDARD, secret, rotated, body, 1614265330) is None
    assert problem(STANDARD, "whsec_AAAA", headers, body, 1614265330) is not None


def test_the_receiver_refuses_what_it_was_told_to_and_keeps_the_rest() -> None:
    import httpx

    with Receiver(timeout=2) as receiver:
        receiver.refuse(1)
        statuses = [httpx.post(receiver.url, content=b"{}").status_code for _ in range(2)]
        assert statuses == [500, 204]
        # A body over the bound is refused from its Content-Length, unread.
        with socket.create_connection(receiver.address, timeout=2) as raw:
            raw.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n")
            assert raw.recv(64).startswith(b"HTTP/1.0 413")
        kept: list[Delivery] = receiver.deliveries()
    assert [d.status for d in kept] == [500, 204] and kept[0].body == b"{}"


def test_without_a_receiver_the_checks_are_not_run_with_the_reason(serve_fault: Serve) -> None:
    with serve_fault(Fault()) as base_url:
        results = scenario(base_url)
    assert results.ok
    reasons = {check: reason for (_, check), reason in results.not_run.items()}
    assert WEBHOOK_CHECKS <= set(reasons)
    assert {reasons[c] for c in WEBHOOK_CHECKS} == {NOT_CONFIGURED}
    assert not WEBHOOK_CHECKS & results.ran("semantic")


def test_standard_webhooks_end_to_end_with_the_embedded_server(tmp_path: Path) -> None:
    from tests.server.helpers import standard_webhooks_spec

    spec = standard_webhooks_spec(SPEC, tmp_path)
    result = cli("--only", "semantic", env={"SPEC": str(spec), "REPORT_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert WEBHOOK_CHECKS <= passed_cases(tmp_path), result.stdout


def test_another_server_sends_to_webhook_listen(tmp_path: Path) -> None:
    port, secret, token = free_port(), "another-server-secret", "another-server-token"
    env = {
        "PROTOCOL_WEBHOOKS": f"{token}=http://127.0.0.1:{port}/hooks",
        "PROTOCOL_WEBHOOK_SECRET": secret,
        "PROTOCOL_WEBHOOK_RETRY": "0.2,0.5",
        "PROTOCOL_SPEC": str(SPEC),  # the spec cli() checks
    }
    with running_server(tokens=(token, "another-server-other"), env=env) as server:
        started = time.monotonic()
        result = cli(
            "--only",
            "semantic",
            env={
                "BASE_URL": server.base_url,
                "TOKEN": token,
                "OTHER_TOKEN": "another-server-other",
                "WEBHOOK_LISTEN": f"127.0.0.1:{port}",
                "WEBHOOK_SECRET": secret,
                "WEBHOOK_WAIT": "5",
                "REPORT_DIR": str(tmp_path),
            },
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert WEBHOOK_CHECKS <= passed_cases(tmp_path), result.stdout
    assert time.monotonic() - started < 120


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"WEBHOOK_LISTEN": "nowhere"}, "WEBHOOK_LISTEN must be host:port"),
        ({"WEBHOOK_URL": "http://x/"}, "WEBHOOK_URL is set without WEBHOOK_LISTEN"),
        ({"WEBHOOK_WAIT": "0"}, "WEBHOOK_WAIT must be a positive number"),
    ],
)
def test_bad_webhook_settings_are_explained(env: dict[str, str], message: str) -> None:
    result = cli("--only", "semantic", env=env)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_receiver_serves_a_bounded_number_of_connections_at_once() -> None:
    with Receiver(timeout=5) as receiver:
        idle = [
            socket.create_connection(receiver.address, timeout=2) for _ in range(MAX_CONNECTIONS)
        ]
        try:
            time.sleep(0.2)  # each is now held by a thread waiting for its request
            with socket.create_connection(receiver.address, timeout=2) as extra:
                assert extra.recv(1) == b""  # closed at once, unserved
        finally:
            for connection in idle:
                connection.close()
