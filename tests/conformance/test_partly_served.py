"""A spec the embedded reference server serves only in part: the run fuzzes and checks exactly
what the server serves, and lists, per resource, what it does not and the server's reasons
(`protocol_server.plan.survey`); a spec of which nothing can be served cannot be tested (exit 2,
with every reason). Against another server (BASE_URL), every operation is fuzzed."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from protocol_conformance.cli import main
from protocol_server.harness import running_server

from .conftest import ROOT, TWO_RESOURCES
from .faults import OTHER_TOKEN, OWNER_TOKEN
from .variants import KNOBS, cli

PARTLY_SERVED = ROOT / "tests" / "fixtures" / "specs" / "partly_served.yaml"
PETSTORE = ROOT / "tests" / "fixtures" / "corpus" / "oai" / "v3.0-petstore.yaml"
UNANNOTATED = ROOT / "tests" / "fixtures" / "specs" / "unannotated.yaml"
NOTES = ("GET /v1/notes", "POST /v1/notes", "GET /v1/notes/{id}", "POST /v1/notes/{id}/archive")


@pytest.fixture(autouse=True)
def no_knobs_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in KNOBS:
        monkeypatch.delenv(name, raising=False)


def _tested(summary: str) -> str:
    """The summary's per-check and per-operation tables: what ran (not what was not run)."""
    return summary.split("semantic coverage")[0]


def _junit(report_dir: Path) -> ElementTree.Element:
    return ElementTree.parse(report_dir / "conformance.junit.xml").getroot()


def _line_of(spec: Path, text: str) -> int:
    return next(n for n, line in enumerate(spec.read_text().splitlines(), 1) if text in line)


def test_only_served_operations_are_tested_and_the_rest_listed_with_why(tmp_path: Path) -> None:
    result = cli(env={"SPEC": str(PARTLY_SERVED), "MAX_EXAMPLES": "2", "REPORT_DIR": str(tmp_path)})
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    tested = _tested(out)
    # The served resource was fuzzed and checked ...
    for operation in ("GET /v1/conversations", "PATCH /v1/conversations/{id}"):
        assert re.search(rf"^  {re.escape(operation)}\s+\d+\s+0$", tested, re.MULTILINE), operation
    # ... the other was neither fuzzed nor checked, and is listed with the server's reasons.
    assert "/v1/notes" not in tested
    assert (
        "NOT SERVED (4 operation(s) of 1 resource(s)): the embedded reference server leaves "
        "these out, so they were neither fuzzed nor checked" in out
    )
    assert f"\n  notes: {', '.join(NOTES)}\n" in out
    line = _line_of(PARTLY_SERVED, "operationId: listNotes") - 1
    assert (
        f"    {PARTLY_SERVED}:{line}: /paths/~1v1~1notes/get: GET /v1/notes has no "
        "`x-protocol-pagination`" in out
    )
    assert "      fix: add `x-protocol-pagination: {items: ..." in out
    # The coverage table names each unserved operation, with the reasons that point into it.
    assert re.search(
        r"^  POST /v1/notes/\{id\}/archive\n    \(every check\) +not run: not served by the "
        r"embedded reference server: POST /v1/notes/\{id\}/archive is not a list, create, get, "
        r"update or delete .*; 'notes' is left out \(3 reason\(s\) under NOT SERVED\)$",
        out,
        re.MULTILINE,
    )
    assert (
        "RESULT: PASSED - every check held on what the server serves; 4 operation(s) not served"
        in out
    )
    # JUnit: each unserved operation is a skipped test case with the reasons; nothing failed.
    report = _junit(tmp_path)
    (suite,) = [s for s in report.iter("testsuite") if s.get("name") == "not served"]
    assert suite.get("skipped") == "4"
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert sorted(cases) == sorted(NOTES)
    skipped = cases["GET /v1/notes"].find("skipped")
    assert skipped is not None
    assert "'notes' is left out, for 3 reason(s)" in (skipped.get("message") or "")
    assert "has no `x-protocol-pagination`" in (skipped.text or "")
    assert not list(report.iter("failure")) and not list(report.iter("error"))


def test_a_resource_left_out_for_its_security_with_two_workers(tmp_path: Path) -> None:
    """Another spec served in part (a widget's get needs no token, which the engine refuses),
    fuzzed by two workers (the schemathesis part alone): the stateful shard stays within the
    served operations too."""
    old = "      operationId: getWidget\n"
    spec = tmp_path / "spec.yaml"
    spec.write_text(TWO_RESOURCES.read_text().replace(old, old + "      security: []\n"))
    report_dir = tmp_path / "report"
    result = cli(
        "--only",
        "schemathesis",
        env={"SPEC": str(spec), "MAX_EXAMPLES": "2", "WORKERS": "2", "REPORT_DIR": str(report_dir)},
    )
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert "/v1/widgets" not in _tested(out) and "GET /v1/conversations" in _tested(out)
    widgets = "GET /v1/widgets, POST /v1/widgets, GET /v1/widgets/{id}, PUT /v1/widgets/{id}"
    assert f"\n  widgets: {widgets}, DELETE /v1/widgets/{{id}}\n" in out
    assert "/paths/~1v1~1widgets~1{id}/get: GET /v1/widgets/{id} requires no authentication" in out
    suite = next(s for s in _junit(report_dir).iter("testsuite") if s.get("name") == "not served")
    assert suite.get("skipped") == "5"


@pytest.mark.parametrize(
    ("spec", "resource", "reason"),
    [
        (PETSTORE, "pets", "a new pet's 'name' has no value"),  # its create takes no body
        (UNANNOTATED, "notes", "'colour' of the create body is no attribute of Note"),
    ],
)
def test_nothing_servable_cannot_be_tested_and_says_why_per_resource(
    spec: Path,
    resource: str,
    reason: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(["--spec", str(spec), "--report-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err
    assert err.startswith(
        f"conformance: The embedded reference server can serve nothing of {spec}, so nothing "
        "can be tested on it"
    )
    # Errors without a declared `type` are served (from the declared error schema): no
    # reason of the whole spec is left.
    assert "\n  the whole spec:\n" not in err and "error `type`" not in err
    assert f"\n  resource '{resource}' (" in err and reason in err
    assert re.search(
        rf"^    {re.escape(str(spec))}:\d+: /", err, re.MULTILINE
    )  # file:line, pointer
    (error,) = _junit(tmp_path).iter("error")
    assert reason in (error.text or "")


def test_against_another_server_every_operation_is_fuzzed(tmp_path: Path) -> None:
    """BASE_URL: the suite cannot know what a foreign server serves, so the notes are fuzzed
        (and found missing here); the semantic checks the spec's gaps stop say why, per operation,
    including what a new object holds where the spec leaves it unsaid."""
    env = {"PROTOCOL_SPEC": str(PARTLY_SERVED)}
    with running_server(tokens=(OWNER_TOKEN, OTHER_TOKEN), env=env) as server:
        result = cli(
            env={
                "SPEC": str(PARTLY_SERVED),
                "BASE_URL": server.base_url,
                "TOKEN": OWNER_TOKEN,
                "OTHER_TOKEN": OTHER_TOKEN,
                "MAX_EXAMPLES": "1",
                "REPORT_DIR": str(tmp_path),
            }
        )
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "NOT SERVED" not in out
    tested = _tested(out)
    for operation in NOTES:
        assert re.search(
            rf"^  {re.escape(operation)}\s+\d+\s+[1-9]\d*  FAIL$", tested, re.MULTILINE
        )
    assert re.search(
        r"^    limit_default +not run: GET /v1/notes has no `x-protocol-pagination`",
        out,
        re.MULTILINE,
    )
    assert re.search(
        r"^    create_defaults +not run: what a new note holds in 'priority' when create "
        r"does not set it is unsaid: no `default`, not nullable, and not `x-protocol-assigned`$",
        out,
        re.MULTILINE,
    )
    assert re.search(
        r"^  POST /v1/notes/\{id\}/archive\n    \(every check\) +not run: POST /v1/notes/\{id\}/"
        r"archive is not a list, create, get, update or delete",
        out,
        re.MULTILINE,
    )


PETSTORE_EXPANDED = ROOT / "tests" / "fixtures" / "corpus" / "oai" / "v3.0-petstore-expanded.yaml"


def test_a_published_spec_without_annotations_passes_and_says_what_cannot_run(
    tmp_path: Path,
) -> None:
    """petstore-expanded as published: all four operations served and fuzzed; the semantic
    checks its missing annotations stop are "not run", each with why."""
    result = cli(
        env={"SPEC": str(PETSTORE_EXPANDED), "MAX_EXAMPLES": "2", "REPORT_DIR": str(tmp_path)},
    )
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert "NOT SERVED" not in out
    tested = _tested(out)
    for operation in ("GET /pets", "POST /pets", "GET /pets/{id}", "DELETE /pets/{id}"):
        assert re.search(rf"^  {re.escape(operation)}\s+\d+\s+0$", tested, re.MULTILINE), operation
    assert re.search(
        r"^    error_type +not run: the spec declares no error type", out, re.MULTILINE
    )
    assert re.search(
        r"^    tenant_isolation +not run: the operations of 'pets' declare no security",
        out,
        re.MULTILINE,
    )
    assert re.search(
        r"^    list_order +not run: the list has no x-protocol-pagination$",
        out,
        re.MULTILINE,
    )
    assert "RESULT: PASSED - every check held." in out
