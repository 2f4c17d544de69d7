"""Specs whose patterns could stall or break the server: refused at start-up, or served safely.

Each spec is the project's own with one `pattern` changed (the pattern of an attribute update
takes), written to tmp_path.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from protocol_server.app import application
from protocol_server.plan import plan
from protocol_spec import SpecErrors, load_api

from .helpers import CONTACT, CONVERSATIONS_SPEC, assert_error

_ORIGINAL = (
    "          description: Unique identifier for the message to pin; `null` unpins it.\n"
    "          type: [string, 'null']\n"
    "          pattern: '^[A-Za-z0-9]{16}$'\n"
)
EXAMPLE = "mP7qRz2LwX9vB4Nc"  # the spec's examples of the attribute: every pattern here matches it


def spec_with_pattern(tmp_path: Path, pattern: str) -> tuple[Path, int]:
    """The conversations spec with the update's `pinned_message_id` pattern replaced; and its line."""
    text = CONVERSATIONS_SPEC.read_text(encoding="utf-8")
    assert text.count(_ORIGINAL) == 1
    quoted = pattern.replace("'", "''")
    changed = _ORIGINAL.replace("'^[A-Za-z0-9]{16}$'", f"'{quoted}'")
    text = text.replace(_ORIGINAL, changed)
    line = text[: text.index(changed)].count("\n") + 3
    path = tmp_path / "openapi.yaml"
    path.write_text(text, encoding="utf-8")
    return path, line


@pytest.mark.parametrize(
    ("pattern", "problem", "fix"),
    [
        (
            "^(?:[A-Za-z0-9]{1,1000}){1,1000}$",
            "cannot be compiled by the server's regex engine",
            "bound the length once",
        ),
        (
            "^(?:" + "|".join([EXAMPLE] + [f"w{n:07d}" for n in range(60_000)]) + ")$",
            "cannot be compiled by the server's regex engine",
            "list many fixed values with `enum`",
        ),
        ("^(?=[A-Za-z])[A-Za-z0-9]{16}$", "lookaround or a backreference", "without (?="),
        ("^(?P<id>[A-Za-z0-9]{16})$", "not an ECMA-262 regular expression", "ECMA-262 syntax"),
        ("(?i)^[a-z0-9]{16}$", "not an ECMA-262 group", "ECMA-262 syntax"),
        ("\\A[A-Za-z0-9]{16}\\Z", "\\A is not an ECMA-262 escape", "ECMA-262 syntax"),
        ("^[A-Za-z0-9]++$", "a quantifier follows a quantifier", "ECMA-262 syntax"),
    ],
    ids=[
        "nested counts",
        "half-MB alternation",
        "lookahead",
        "python group",
        "inline flag",
        "\\A\\Z",
        "possessive",
    ],
)
def test_a_pattern_the_server_cannot_serve_stops_start_up(
    tmp_path: Path, pattern: str, problem: str, fix: str
) -> None:
    spec, line = spec_with_pattern(tmp_path, pattern)

    with pytest.raises(SpecErrors) as refused:
        plan(load_api(spec))

    rendered = refused.value.render()
    assert f"{spec}:{line}: /components/schemas/ConversationUpdate/properties/" in rendered
    assert problem in rendered and fix in rendered
    assert len(rendered) < 1000  # the pattern is quoted cut, not whole


def test_the_server_says_so_and_exits_2(tmp_path: Path) -> None:
    spec, line = spec_with_pattern(tmp_path, "^(?:[A-Za-z0-9]{1,1000}){1,1000}$")

    result = subprocess.run(
        [sys.executable, "-m", "protocol_server"],
        env={"PROTOCOL_SPEC": str(spec), "PROTOCOL_DB": ":memory:", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{spec}:{line}: " in result.stderr
    assert "  fix: bound the length once" in result.stderr


def _put(spec: Path, values: list[str]) -> list[tuple[httpx.Response, float]]:
    """Create a conversation, then PUT each pinned_message_id concurrently with a list."""
    app, store = application(spec, ":memory:", ["token"])

    async def run() -> list[tuple[httpx.Response, float]]:
        transport = httpx.ASGITransport(app=app)
        headers = {"Authorization": "Bearer token"}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://test", headers=headers
        ) as client:
            created = await client.post("/v1/conversations", json={"contact_id": CONTACT})
            path = f"/v1/conversations/{created.json()['id']}"

            async def put(value: str) -> tuple[httpx.Response, float]:
                start = time.monotonic()
                response = await client.put(path, json={"pinned_message_id": value})
                return response, time.monotonic() - start

            return list(await asyncio.gather(*(put(value) for value in values)))

    try:
        return asyncio.run(run())
    finally:
        store.close()


def test_nested_quantifiers_never_backtrack(tmp_path: Path) -> None:
    spec, _ = spec_with_pattern(tmp_path, "^([A-Za-z0-9]+)+$")
    hostile = "a" * 60_000 + "!"  # Python's `re` would take longer than the universe has left

    (refused, refused_seconds), (accepted, accepted_seconds) = _put(spec, [hostile, EXAMPLE])

    assert_error(refused, 400, "pinned_message_id: must be a string matching", "or null")
    assert accepted.status_code == 200
    assert refused_seconds < 5 and accepted_seconds < 5  # bounds, not performance figures


def test_w_means_what_ecma_262_says(tmp_path: Path) -> None:
    spec, _ = spec_with_pattern(tmp_path, "^\\w{1,16}$")

    (accented, _), (ascii_word, _) = _put(spec, ["é" * 4, "abc_12"])

    assert_error(accented, 400, "pinned_message_id")
    assert ascii_word.status_code == 200


def test_a_dot_matches_no_line_terminator_as_in_ecma_262(tmp_path: Path) -> None:
    spec, _ = spec_with_pattern(tmp_path, "^.{16}$")

    results = _put(spec, ["a" * 15 + "\r", "a" * 15 + "\u2028", "a" * 15 + "é"])

    assert [response.status_code for response, _ in results] == [400, 400, 200]
