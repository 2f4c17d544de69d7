"""Specs whose references form a graph the suite must find its way through: a cycle broken at a
reference that may be null (tests/fixtures/specs/cycle_nullable.yaml), a cycle of required
references that nothing breaks (cycle_required.yaml), a reference to a resource that cannot be
deleted (reference_no_delete.yaml); and objects of a deployment named in the fixtures file
(`existing`), which every reference to their resource uses."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from protocol_conformance.fixtures import FixturesError, load_fixtures
from protocol_conformance.references import fill_order

from .conftest import ROOT, WHOLE_API, Serve, spec_api
from .faults import OWNER_TOKEN, Call, Fault, Reply, Request
from .variants import cli, explain, scenario

SPECS = ROOT / "tests" / "fixtures" / "specs"
CYCLE_NULLABLE = SPECS / "cycle_nullable.yaml"
CYCLE_REQUIRED = SPECS / "cycle_required.yaml"
NO_DELETE = SPECS / "reference_no_delete.yaml"


def coverage(stdout: str) -> dict[tuple[str, str], str]:
    """The semantic coverage table: (operation, check) -> what ran, or why not."""
    table = stdout[stdout.index("semantic coverage") :].split("\n\n", 1)[0]
    found: dict[tuple[str, str], str] = {}
    operation = ""
    for line in table.splitlines()[1:]:
        if re.match(r"^  [A-Z]+ /", line):
            operation = line.strip()
        elif line.startswith("    ") and not line.strip().startswith("query parameters:"):
            check, _, what = line.strip().partition(" ")
            found[(operation, check)] = what.strip()
    return found


# -- the order resources are filled in ----------------------------------------------------------


def test_fill_order_puts_targets_first() -> None:
    order = fill_order(spec_api(WHOLE_API))
    # A conversation names a contact or a group; a message its conversation and attachments
    # (uploaded on their own); conversations' pinned message may be null: the cycle's break.
    assert [r.name for r in order.resources] == [
        "contacts", "groups", "conversations", "attachments", "messages",
    ]  # fmt: skip
    assert not order.cycle


def test_fill_order_breaks_a_cycle_at_the_nullable_reference() -> None:
    order = fill_order(spec_api(CYCLE_NULLABLE))
    # conversations.widget_id may be null; widgets.conversation_id is required: conversations
    # are filled first, with no widget named.
    assert [r.name for r in order.resources] == ["conversations", "widgets"]
    assert order.broken == (("conversations", "widget_id", "widgets"),)
    assert order.cycle == () and order.unfillable() == ""


def test_fill_order_reports_a_cycle_of_required_references() -> None:
    order = fill_order(spec_api(CYCLE_REQUIRED))
    assert order.cycle == ("conversations", "widgets") and order.broken == ()
    assert order.needs == (
        ("conversations", "widget_id", "widgets"),
        ("widgets", "conversation_id", "conversations"),
    )
    assert "creating conversations needs 'widget_id', an id of widgets" in order.unfillable()


def test_existing_objects_break_a_cycle_of_required_references() -> None:
    """With widgets on the deployment, a conversation names one of them: conversations first."""
    order = fill_order(spec_api(CYCLE_REQUIRED), existing={"widgets"})
    assert [r.name for r in order.resources] == ["conversations", "widgets"]
    assert order.cycle == () and order.broken == ()
    order = fill_order(spec_api(CYCLE_REQUIRED), existing={"conversations"})
    assert [r.name for r in order.resources] == ["widgets", "conversations"]


def test_fill_order_ignores_a_reference_to_a_resource_without_delete() -> None:
    order = fill_order(spec_api(NO_DELETE))
    assert [r.name for r in order.resources] == ["conversations", "widgets"]
    assert order.cycle == () and order.broken == ()


# -- whole runs on each shape ----------------------------------------------------------------------


def test_a_cycle_broken_at_a_nullable_reference_passes(tmp_path: Path) -> None:
    """`make conformance` as a user runs it (schemathesis and the scenario, the embedded
    server): it passes, and the relation checks ran for both references of the cycle."""
    result = cli(
        "--report-dir", str(tmp_path), env={"SPEC": str(CYCLE_NULLABLE), "MAX_EXAMPLES": "10"}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(embedded reference server)" in result.stdout
    assert "RESULT: PASSED" in result.stdout
    ran = coverage(result.stdout)
    for cell in (
        ("POST /v1/conversations", "reference_exists"),  # widget_id, the broken reference
        ("PATCH /v1/conversations/{id}", "reference_exists"),
        ("DELETE /v1/widgets/{id}", "delete_clears"),  # onDelete: clear
        ("POST /v1/widgets", "reference_exists"),  # conversation_id, the required one
        ("DELETE /v1/conversations/{id}", "delete_cascades"),  # onDelete: cascade
    ):
        assert ran.get(cell, "").startswith("ran "), f"{cell}: {ran.get(cell)}\n{result.stdout}"
        assert "all passed" in ran[cell], ran[cell]


def test_a_cycle_of_required_references_is_reported_not_run(serve_fault: Serve) -> None:
    """Nothing can be made first: the spec loads and the server serves it (a create naming
    nothing is a 400 naming the attribute); the suite says which resources it cannot fill,
    why, and what to give, marks their checks "not run", and does not pass."""
    with serve_fault(Fault(), spec=CYCLE_REQUIRED) as base_url:
        answer = httpx.post(
            f"{base_url}/v1/widgets",
            json={"name": "w", "conversation_id": "NoSuchOne123"},
            headers={"Authorization": f"Bearer {OWNER_TOKEN}"},
        )
    assert answer.status_code == 400 and "conversation_id" in answer.json()["message"]
    result = cli("--only", "semantic", env={"SPEC": str(CYCLE_REQUIRED)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "ERROR: the suite cannot fill conversations, widgets: " in result.stdout
    assert (
        "creating conversations needs 'widget_id', an id of widgets; creating widgets needs "
        "'conversation_id', an id of conversations" in result.stdout
    )
    assert "resources: widgets: existing: [<id>, ...]" in result.stdout
    assert "RESULT: FAILED - 0 failure(s)" in result.stdout
    cells = coverage(result.stdout)
    for cell in (
        ("POST /v1/widgets", "create_then_get"),
        ("POST /v1/widgets", "reference_exists"),
        ("POST /v1/conversations", "delete_cascades"),
        ("GET /v1/conversations", "filter_starred"),
        ("DELETE /v1/widgets/{id}", "delete_removes"),
    ):
        assert cells.get(cell, "").startswith("not run: no object of "), (cell, cells.get(cell))
    assert not any(what.startswith("ran ") for what in cells.values())


def test_existing_objects_let_a_cycle_of_required_references_run(tmp_path: Path) -> None:
    """The first objects come from elsewhere (here the spec's example objects, which name each
    other); with the example widget named as existing, the cycle is broken there and the whole
    scenario runs and passes, both deletes' cascades included."""
    fixtures = tmp_path / "fixtures.yaml"
    fixtures.write_text("resources:\n  widgets:\n    existing: [widget01]\n")
    result = cli(
        "--only", "semantic", "--fixtures", str(fixtures), "--report-dir", str(tmp_path),
        env={"SPEC": str(CYCLE_REQUIRED), "PROTOCOL_EXAMPLE_OBJECTS": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "RESULT: PASSED" in result.stdout
    cells = coverage(result.stdout)
    for cell in (
        ("POST /v1/conversations", "create_then_get"),
        ("POST /v1/widgets", "create_then_get"),
        ("DELETE /v1/conversations/{id}", "delete_cascades"),
        ("DELETE /v1/widgets/{id}", "delete_cascades"),
    ):
        assert cells.get(cell, "").startswith("ran "), (cell, cells.get(cell), result.stdout)
    # The other account has no existing objects to break the cycle: its case says so.
    assert (
        "no object of OTHER_TOKEN's account can be made first"
        in (cells[("POST /v1/widgets", "reference_exists")])
    )


def test_a_reference_to_a_target_without_delete(tmp_path: Path) -> None:
    """Conversations cannot be deleted: the scenario passes, and delete_cascades says why it
    did not run instead of vanishing from the table."""
    result = cli("--only", "semantic", "--report-dir", str(tmp_path), env={"SPEC": str(NO_DELETE)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "RESULT: PASSED" in result.stdout
    cells = coverage(result.stdout)
    assert cells[("POST /v1/widgets", "delete_cascades")] == (
        "not run: conversations has no delete operation: what deleting one does to "
        "'conversation_id' (onDelete: cascade) cannot be checked"
    )
    assert cells[("POST /v1/widgets", "reference_exists")].startswith("ran ")
    assert (
        "delete_cascades"
        not in result.stdout.split("semantic checks, per check:")[1].split(
            "semantic checks, per operation"
        )[0]
    )


# -- objects of the deployment named in the fixtures file ----------------------------------------


class Recorder(Fault):
    """The reference server as it is; remembers each write the owner made and its status."""

    def __init__(self) -> None:
        self.writes: list[tuple[str, str, object, int]] = []

    async def answer(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        if request.method in ("POST", "PUT", "PATCH") and OWNER_TOKEN in request.headers.get(
            "authorization", ""
        ):
            self.writes.append((request.method, request.path, request.json(), reply.status))
        return reply


def _made(base_url: str, count: int) -> list[str]:
    """Conversations made through the API, as a deployment's own would be."""
    made = []
    for number in range(count):
        answer = httpx.post(
            f"{base_url}/v1/conversations",
            json={"title": f"made before the run {number}"},
            headers={"Authorization": f"Bearer {OWNER_TOKEN}"},
        )
        assert answer.status_code == 201, answer.text
        made.append(answer.json()["id"])
    return made


def test_existing_objects_are_what_references_name(serve_fault: Serve, tmp_path: Path) -> None:
    """Conversations cannot be deleted, so on a deployment the suite should not make them just
    to refer to them: named as existing, they are what every widget the suite writes names."""
    recorder = Recorder()
    with serve_fault(recorder, spec=NO_DELETE) as base_url:
        existing = _made(base_url, 2)
        path = tmp_path / "fixtures.yaml"
        path.write_text(f"resources:\n  conversations:\n    existing: [{', '.join(existing)}]\n")
        recorder.writes.clear()
        results = scenario(base_url, NO_DELETE, fixtures=load_fixtures(path, spec_api(NO_DELETE)))
    assert results.ok, explain(results)
    named = [
        body["conversation_id"]
        for method, where, body, status in recorder.writes
        if where.startswith("/v1/widgets") and status < 300 and isinstance(body, dict)
        if "conversation_id" in body
    ]
    # Every widget written names one of them: none of the conversations the suite made for its
    # own checks of conversations, and none made just to be named.
    assert len(named) > 50 and set(named) <= set(existing), set(named) - set(existing)


def test_an_existing_id_the_server_does_not_have_stops_the_run(
    serve_fault: Serve, tmp_path: Path
) -> None:
    with serve_fault(Fault(), spec=NO_DELETE) as base_url:
        (made,) = _made(base_url, 1)
        path = tmp_path / "fixtures.yaml"
        path.write_text(
            json.dumps({"resources": {"conversations": {"existing": [made, "NoSuchOne123"]}}})
        )
        result = cli(
            "--base-url", base_url, "--token", OWNER_TOKEN, "--fixtures", str(path),
            "--report-dir", str(tmp_path), env={"SPEC": str(NO_DELETE)},
        )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "resources.conversations.existing[1] ('NoSuchOne123'): the server answers GET " in (
        result.stderr
    )
    assert "404" in result.stderr and "has no conversation with this id" in result.stderr
    assert "existing[0]" not in result.stderr  # the one that exists is not reported
    assert "Requests sent" not in result.stdout  # nothing ran


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("existing: []", "resources.conversations.existing: must be a non-empty list of ids"),
        ("existing: abc", "resources.conversations.existing: must be a non-empty list of ids"),
        ("existing: [a, a]", "resources.conversations.existing[1]: 'a' is named twice"),
        ("existing: [{id: a}]", "resources.conversations.existing[0]: {'id': 'a'} is not an id"),
        ("kept: [a]", "give 'create', 'values' and/or 'existing', nothing else"),
    ],
)
def test_a_bad_existing_entry_is_explained(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "fixtures.yaml"
    path.write_text(f"resources:\n  conversations:\n    {entry}\n")
    with pytest.raises(FixturesError) as raised:
        load_fixtures(path, spec_api(NO_DELETE))
    assert message in str(raised.value) and str(path) in str(raised.value)
