"""Never a crash: a server that misbehaves halfway through gets findings, the scenario goes on
where it can, and the run ends with a report (and a clean-up), never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from protocol_conformance.results import RunResults

from .conftest import Serve
from .faults import (
    OTHER_TOKEN,
    OWNER_TOKEN,
    BrokenMidWalk,
    GetAnswers204,
    Html502Sometimes,
    ItemsWithoutCursor,
    StopsAnswering,
)
from .variants import Variant, explain, run_all, scenario

# (variant, a check that must report it)
BROKEN: list[tuple[Variant, str]] = [
    (Variant("JSON cut short on the second page", BrokenMidWalk), "cursor_walk"),
    (
        Variant("an HTML 502 from the second page on", lambda: BrokenMidWalk(html=True)),
        "cursor_walk",
    ),
    (Variant("an HTML 502 every 7th request", Html502Sometimes), "error_object"),
    (Variant("204 where 200 with the object is due", GetAnswers204), "create_then_get"),
    (Variant("listed objects without their cursor", ItemsWithoutCursor), "cursor_walk"),
]


@pytest.fixture(scope="module")
def broken_results() -> dict[str, RunResults]:
    return run_all(variant for variant, _ in BROKEN)


@pytest.mark.parametrize(("variant", "check"), BROKEN, ids=[v.name for v, _ in BROKEN])
def test_a_broken_answer_is_a_finding_not_a_crash(
    broken_results: dict[str, RunResults], variant: Variant, check: str
) -> None:
    results = broken_results[variant.name]
    summary = explain(results)
    assert check in results.failed_checks(), summary
    # No bug of ours surfaced, and the scenario went on after the breakage: deletes were
    # checked (the last step) and everything created was deleted or listed.
    assert not [e for e in results.errors if "could not judge" in e or "failed:" in e], summary
    assert ("semantic", "delete_removes") in results.by_check, summary
    assert results.deleted > 0 or results.leftovers


def test_a_server_that_goes_away_ends_with_a_report_and_lists_what_it_left(
    serve_fault: Serve,
) -> None:
    with serve_fault(StopsAnswering(after=120)) as base_url:
        results = scenario(base_url, timeout=2)
    summary = explain(results)
    assert any("stopped answering" in error for error in results.errors), summary
    assert results.leftovers, summary
    assert "LEFT BEHIND" in summary and "curl -sS -i -X DELETE" in summary
    assert all(leftover.curl for leftover in results.leftovers)


def test_the_command_line_never_shows_a_traceback(serve_fault: Serve, tmp_path: Path) -> None:
    with serve_fault(Html502Sometimes(every=5, start=10)) as base_url:
        result = subprocess.run(
            [sys.executable, "-m", "protocol_conformance", "--base-url", base_url],
            env={
                "PATH": "/usr/bin:/bin",
                "TOKEN": OWNER_TOKEN,
                "OTHER_TOKEN": OTHER_TOKEN,
                "MAX_EXAMPLES": "5",
                "REPORT_DIR": str(tmp_path),
            },
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "RESULT: FAILED" in result.stdout
    assert (tmp_path / "conformance.junit.xml").is_file()
