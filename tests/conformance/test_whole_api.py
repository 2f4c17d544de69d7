"""The whole Protocol API (five resources that refer to each other) against the clean reference
server: both parts pass, with and without the example objects, every reference the suite sends
names an object it made, and every list's query parameters are accounted for in the coverage
table. Kept small (few examples): the CI relies on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from protocol_conformance.references import fill_order
from protocol_conformance.scenario import objects_needed

from .conftest import ROOT, spec_api
from .variants import cli

WHOLE_API = ROOT / "tests" / "fixtures" / "specs" / "whole_api.yaml"


@pytest.mark.parametrize(
    ("example_objects", "parts"),
    [("0", ("schemathesis", "semantic")), ("1", ("semantic",))],
    ids=["empty accounts, both parts", "example objects, semantic"],
)
def test_the_clean_server_passes_the_whole_api(
    tmp_path: Path, example_objects: str, parts: tuple[str, ...]
) -> None:
    only = ["--only", parts[0]] if len(parts) == 1 else []
    result = cli(
        "--report-dir",
        str(tmp_path),
        *only,
        env={
            "SPEC": str(WHOLE_API),
            "MAX_EXAMPLES": "3",
            "PROTOCOL_EXAMPLE_OBJECTS": example_objects,
        },
        timeout=900,  # a bound for a shared, busy machine; alone it takes well under a minute
    )
    out = result.stdout
    assert result.returncode == 0, out[-8000:] + result.stderr[-2000:]
    assert "RESULT: PASSED" in out and "LEFT BEHIND" not in out
    lines = out.splitlines()
    # Objects that need others were made and checked: a message needs a conversation, which
    # needs a contact or a group; group members are sent as ids and shown as objects.
    creates = ("POST /v1/contacts", "POST /v1/groups", "POST /v1/conversations")
    for create in (*creates, "POST /v1/attachments"):  # an upload: multipart
        at = lines.index(f"  {create}")
        assert lines[at + 1].split()[:2] == ["create_defaults", "ran"], lines[at : at + 4]
    at = lines.index("  GET /v1/messages")
    messages = "\n".join(lines[at : at + 16])
    assert (
        "filter_conversation_id     ran" in messages
        and "cursor_walk                ran" in messages
    )
    assert "update_persisted" in out and "PUT /v1/groups/{id}" in out
    # Every query parameter of every list is named with the checks that send it; the filter
    # through a reference (the attachments of a conversation, through their message) runs
    # both ways.
    assert "NO CHECK SENDS IT" not in out
    at = lines.index("  GET /v1/attachments")
    attachments = "\n".join(lines[at : at + 16])
    assert "conversation_id (filter_conversation_id)" in attachments
    assert "filter_conversation_id     ran 2, all passed" in attachments
    assert "limit_maximum              ran 1, all passed" in attachments
    if "schemathesis" in parts:
        assert "positive_data_acceptance" in out and "FAIL" not in out


def test_resources_are_filled_in_the_order_references_need() -> None:
    api = spec_api(WHOLE_API)
    order = [r.name for r in fill_order(api).resources]
    assert order.index("contacts") < order.index("conversations")
    assert order.index("groups") < order.index("conversations")
    assert order.index("conversations") < order.index("messages")
    assert order.index("attachments") < order.index("messages")  # a message names uploads
    assert sorted(order) == sorted(r.name for r in api.resources)
    # MAX_OBJECTS' default: every largest page plus one, and more (the issue's "about 610").
    assert objects_needed(api) > 5 * 101
