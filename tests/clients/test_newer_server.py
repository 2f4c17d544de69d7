"""Clients that survive a newer server: the reference page's five calls, unchanged, in Python,
JavaScript and PHP, against the reference server serving a newer spec than the one the clients
were generated from (two attributes more on every conversation, one of them writable)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from protocol_server.harness import running_server
from protocol_spec import load_spec

from .conftest import CONVERSATIONS_SPEC, ROOT, install_package

NEWER = {
    "is_starred": {"type": "boolean", "default": False, "description": "Starred by you."},
    "labels": {"type": "array", "items": {"type": "string"}, "default": ["inbox"]},
}
CONTACT = "WAz8eIbvDR60rouK"


def newer_spec(path: Path) -> Path:
    """The conversations as a later release might have them: Conversation has `is_starred` and
    `labels` (both always present), and update can change `is_starred`. The base is the
    conversations fixture spec (whose conversations are the whole API's word for word), so the
    seed's contact needs no contact object: the test is about the clients, not about references."""
    document = load_spec(CONVERSATIONS_SPEC).document
    conversation = document["components"]["schemas"]["Conversation"]
    conversation["properties"].update(NEWER)
    conversation["required"] += list(NEWER)
    update = document["components"]["schemas"]["ConversationUpdate"]
    update["properties"]["is_starred"] = {"type": "boolean"}
    _add_to_examples(document)
    text = json.dumps(document)
    path.write_text(text)  # JSON is YAML
    load_spec(path)  # the newer spec is itself a valid spec
    return path


def _add_to_examples(node: Any) -> None:
    """Every example conversation (an object with all of its attributes) gets the new ones."""
    if isinstance(node, dict):
        if {"contact_id", "archived_at"} <= set(node) and isinstance(node.get("created_at"), int):
            node.update({"is_starred": False, "labels": ["inbox"]})
        for value in node.values():
            _add_to_examples(value)
    elif isinstance(node, list):
        for item in node:
            _add_to_examples(item)


@pytest.fixture(scope="module")
def newer_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    spec = newer_spec(tmp_path_factory.mktemp("newer") / "openapi.yaml")
    with running_server(
        tokens=("newer-py", "newer-js", "newer-php"), env={"PROTOCOL_SPEC": str(spec)}
    ) as server:
        yield {"PROTOCOL_BASE_URL": server.base_url, "PATH": "/usr/bin:/bin"}


def check(created: dict[str, Any], extra: dict[str, Any], updated: dict[str, Any]) -> None:
    assert created["contact_id"] == CONTACT and updated["is_muted"] is True
    assert extra == {"is_starred": False, "labels": ["inbox"]}


def test_python(newer_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    from protocol_api import ApiClient

    monkeypatch.setenv("PROTOCOL_BASE_URL", newer_env["PROTOCOL_BASE_URL"])
    with ApiClient("newer-py") as client:
        created = client.conversations.create(contact_id=CONTACT)
        listed = list(client.conversations.list())
        fetched = client.conversations.get(created.id)
        updated = client.conversations.update(created.id, is_muted=True)
        client.conversations.delete(created.id)
    check(created.model_dump(), created.model_extra or {}, updated.model_dump())
    assert [c.id for c in listed] == [created.id]
    assert fetched.model_extra == created.model_extra
    assert fetched.is_starred is False  # type: ignore[attr-defined]


def test_javascript(node: str, newer_env: dict[str, str], tmp_path: Path) -> None:
    install_package(ROOT / "generated" / "typescript", tmp_path)
    shutil.copy(ROOT / "tests" / "clients" / "js" / "five_calls.mjs", tmp_path)
    env = {**newer_env, "PROTOCOL_API_TOKEN": "newer-js"}
    result = subprocess.run(
        [node, "five_calls.mjs"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    created = out["created"]
    check(created, {k: created[k] for k in NEWER}, out["updated"])
    assert [c["id"] for c in out["listed"]] == [created["id"]]
    assert out["fetched"] == created


def test_php(php: str, newer_env: dict[str, str]) -> None:
    env = {**newer_env, "PROTOCOL_API_TOKEN": "newer-php"}
    script = ROOT / "tests" / "clients" / "php" / "five_calls.php"
    result = subprocess.run(
        [php, str(script)], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = json.loads(result.stdout)
    check(out["created"]["declared"], out["created"]["extra"], out["updated"]["declared"])
    assert [c["declared"]["id"] for c in out["listed"]] == [out["created"]["declared"]["id"]]
    assert out["fetched"] == out["created"]
