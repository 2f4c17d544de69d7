"""Ready for a real deployment: a server that checks references (and the fixtures file that
satisfies it), one that answers 429 now and then, TLS with a private CA and a client
certificate, and clean-up of everything the run created."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from protocol_conformance.cli import main
from protocol_conformance.fixtures import FixturesError, load_fixtures

from .conftest import SPEC, TLS, Serve, spec_api
from .faults import (
    OTHER_TOKEN,
    OWNER_TOKEN,
    RateLimitedSometimes,
    RequiresKnownReferences,
)
from .variants import cli, explain, scenario

# Ids that exist on the "real" server; none of them is an example of the spec.
CONTACTS = ("Qm3xT7bW9kLp2ZrA", "Rn4yU8cX0lMq3AsB")
GROUPS = ("Hy6dR2wM3nA8kU4S", "Jz7eS3xN4oB9lV5T", "Kb8fT4yO5pC0mW6U")
FIXTURES = f"""\
# What this deployment needs: conversations name a contact or a group that exists.
resources:
  conversations:
    create:
      - contact_id: {CONTACTS[0]}
      - group_id: {GROUPS[0]}
    values:
      contact_id: [{", ".join(CONTACTS)}]
      group_id: [{", ".join(GROUPS)}]
"""


def references() -> RequiresKnownReferences:
    return RequiresKnownReferences(("contact_id", "group_id"), frozenset(CONTACTS + GROUPS))


def test_a_server_that_checks_references_fails_without_fixtures(serve_fault: Serve) -> None:
    with serve_fault(references()) as base_url:
        results = scenario(base_url)
    failure = next(f for f in results.failures if f.check == "create_then_get")
    assert "no object has the id" in failure.message, explain(results)
    assert not results.leftovers


def test_the_fixtures_file_makes_it_pass(serve_fault: Serve, tmp_path: Path) -> None:
    path = tmp_path / "fixtures.yaml"
    path.write_text(FIXTURES, encoding="utf-8")
    fixtures = load_fixtures(path, spec_api(SPEC))
    with serve_fault(references()) as base_url:
        results = scenario(base_url, fixtures=fixtures)
    assert results.ok, explain(results)
    assert ("semantic", "filter_group_id") in results.by_check
    assert not results.leftovers and results.deleted > 100


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("resources: [", "is not valid YAML or JSON"),
        (
            "resources:\n  notes: {}\n",
            "the spec has no resource 'notes' (its resources: conversations)",
        ),
        (
            "resources:\n  conversations:\n    create:\n      - {contact_id: x}\n",
            "resources.conversations.create[0]: not a valid body for POST /v1/conversations",
        ),
        (
            "resources:\n  conversations:\n    values:\n      colour: [blue]\n",
            "neither create nor update of 'conversations' takes 'colour'",
        ),
        ("things: {}\n", "the top level must be a mapping with one key, 'resources'"),
    ],
)
def test_a_bad_fixtures_file_is_explained(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "fixtures.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FixturesError) as raised:
        load_fixtures(path, spec_api(SPEC))
    assert message in str(raised.value)
    assert str(path) in str(raised.value)


def test_a_bad_fixtures_file_exits_2_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fixtures.json"
    path.write_text(json.dumps({"resources": {"conversations": {"values": {"group_id": [1]}}}}))
    assert main(["--fixtures", str(path)]) == 2
    err = capsys.readouterr().err
    assert "resources.conversations.values.group_id: 1 is not a valid 'group_id'" in err
    assert "Traceback" not in err


def test_429_answers_are_waited_out_not_reported(serve_fault: Serve, tmp_path: Path) -> None:
    fault = RateLimitedSometimes(every=25, most=4)
    with serve_fault(fault) as base_url:
        semantic = scenario(base_url)
        assert fault.refused == 4
        fault.refused = fault.count = 0
        both = cli(
            "--base-url", base_url, "--token", OWNER_TOKEN, "--other-token", OTHER_TOKEN,
            "--max-examples", "5", "--report-dir", str(tmp_path),
            env={"RATE_LIMIT": "200"},
        )  # fmt: skip
    assert fault.refused == 4
    assert semantic.ok, explain(semantic)
    assert semantic.rate_limited == 4 and semantic.rate_limit_wait > 1
    assert both.returncode == 0, both.stdout + both.stderr
    assert "RESULT: PASSED" in both.stdout
    assert "429 waited out as their Retry-After said" in both.stdout
    assert "at most 200 requests/s" in both.stdout


def test_tls_with_a_private_ca_and_a_client_certificate(serve_fault: Serve, tmp_path: Path) -> None:
    client = ["--client-cert", str(TLS / "client.pem"), "--client-key", str(TLS / "client.key")]
    common = ["--token", OWNER_TOKEN, "--other-token", OTHER_TOKEN, "--report-dir", str(tmp_path)]
    with serve_fault(RequiresKnownReferences(), tls=True) as base_url:
        assert base_url.startswith("https://")
        unknown_ca = cli("--base-url", base_url, *common, *client)
        no_certificate = cli("--base-url", base_url, *common, "--ca-bundle", str(TLS / "ca.pem"))
        passed = cli(
            "--base-url", base_url, *common, *client, "--ca-bundle", str(TLS / "ca.pem"),
            "--max-examples", "3",
        )  # fmt: skip
    assert unknown_ca.returncode == 2, unknown_ca.stderr
    assert "TLS handshake" in unknown_ca.stderr and "CA_BUNDLE" in unknown_ca.stderr
    assert no_certificate.returncode == 2 and "CLIENT_CERT" in no_certificate.stderr
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "RESULT: PASSED" in passed.stdout
    assert "Traceback" not in unknown_ca.stderr + no_certificate.stderr + passed.stderr


def test_what_schemathesis_created_is_deleted_too(serve_fault: Serve, tmp_path: Path) -> None:
    with serve_fault(RequiresKnownReferences()) as base_url:
        result = cli(
            "--base-url", base_url, "--token", OWNER_TOKEN, "--only", "schemathesis",
            "--max-examples", "5", "--report-dir", str(tmp_path),
        )  # fmt: skip
        listed = httpx.get(
            f"{base_url}/v1/conversations", headers={"Authorization": f"Bearer {OWNER_TOKEN}"}
        ).json()
    assert result.returncode == 0, result.stdout + result.stderr
    deleted = int(result.stdout.split("Clean-up: deleted ")[1].split()[0])
    assert deleted > 0 and listed == {"data": [], "has_more": False}
