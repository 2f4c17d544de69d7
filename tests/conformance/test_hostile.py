"""No server can make the suite hang, exhaust memory, print a traceback or print a report that
lies: each hostile server (`hostile.py`) gets a report, a JUnit file and exit status 0, 1 or 2,
within its time bound and a flat memory ceiling. Small sizes and short TIMEOUT/DEADLINE keep
this file within its CI budget; each case prints its time to finish and peak memory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from .conftest import TWO_RESOURCES, Serve
from .faults import OWNER_TOKEN, Fault
from .hostile import (
    ESCAPES,
    CutShort,
    Deep,
    Endless,
    EscapeCodes,
    LimitsAnonymous,
    Measured,
    RedirectsAway,
    ServerErrorOnForms,
    Slow,
    Trickles,
    another_host,
    run_measured,
)

# Well under 1 GB whatever the server sends; the suite's own baseline is about a third of this.
PEAK_MB = 500
# Short bounds, set through the suite's own variables.
QUICK = {"TIMEOUT": "1", "MAX_EXAMPLES": "2", "MAX_RESPONSE_BYTES": str(1024 * 1024)}


def suite(
    serve_fault: Serve,
    fault: Fault,
    tmp_path: Path,
    *extra: str,
    env: dict[str, str] | None = None,
    token: str = OWNER_TOKEN,
) -> Measured:
    with serve_fault(fault, spec=TWO_RESOURCES) as base_url:
        args = ["--base-url", base_url, "--token", token, "--spec", str(TWO_RESOURCES), *extra]
        measured = run_measured(args, {**QUICK, **(env or {})}, tmp_path / "report")
    print(f"\n{fault.__class__.__name__}: exit {measured.status} in {measured.seconds:.1f} s, "
          f"peak {measured.peak_mb:.0f} MB ({measured.samples} samples)")  # fmt: skip
    # Whatever happened: no traceback, a report, a JUnit file, and a peak well under 1 GB.
    assert "Traceback" not in measured.output and "RecursionError" not in measured.output
    assert "panicked" not in measured.output, measured.output
    assert measured.status in (0, 1, 2), measured.output
    assert "RESULT: " in measured.stdout, measured.output
    junit = ElementTree.parse(measured.report_dir / "conformance.junit.xml").getroot()
    assert junit.tag == "testsuites"
    assert measured.samples > 0 and 0 < measured.peak_mb < PEAK_MB
    return measured


def only_verdict(measured: Measured) -> str:
    """The report's verdict: exactly one line at its left edge starts with RESULT."""
    verdicts = [line for line in measured.stdout.splitlines() if line.startswith("RESULT")]
    assert len(verdicts) == 1, measured.stdout
    return verdicts[0]


@pytest.mark.parametrize("part", ["schemathesis", "semantic"])
def test_a_body_that_trickles_in_ends_the_run_as_hanging(
    serve_fault: Serve, tmp_path: Path, part: str
) -> None:
    measured = suite(serve_fault, Trickles(), tmp_path, "--only", part)
    assert measured.status == 2, measured.output
    assert "The server is hanging: 3 answers in a row did not arrive whole" in measured.stdout
    assert "RUN ENDED EARLY" in measured.stdout
    assert only_verdict(measured).startswith("RESULT: NOT COMPLETED")
    # Three answers of TIMEOUT=1 s each, plus start-up and clean-up: far from forever.
    assert measured.seconds < 60


def test_deadline_ends_a_run_that_would_go_on(serve_fault: Serve, tmp_path: Path) -> None:
    measured = suite(
        serve_fault, Slow(delay=0.3), tmp_path, env={"DEADLINE": "4", "MAX_EXAMPLES": "50"}
    )
    assert measured.status == 2, measured.output
    assert "DEADLINE reached" in measured.stdout
    assert "DROPPED CASES" in measured.stdout  # the operations it did not get to, named
    assert measured.seconds < 4 + 60 + 30  # DEADLINE, the clean-up's grace, start-up


def test_a_body_without_end_is_a_finding_read_no_further(
    serve_fault: Serve, tmp_path: Path
) -> None:
    measured = suite(serve_fault, Endless(), tmp_path, "--only", "schemathesis")
    assert measured.status == 1, measured.output
    assert "response_size" in measured.stdout
    assert "longer than MAX_RESPONSE_BYTES=1048576 bytes" in measured.stdout
    assert "DROPPED CASES" in measured.stdout


def test_json_nested_without_end_is_a_finding(serve_fault: Serve, tmp_path: Path) -> None:
    measured = suite(serve_fault, Deep(), tmp_path)
    assert measured.status == 1, measured.output
    assert "nests deeper than MAX_DEPTH=200 levels" in measured.stdout
    assert "response_depth" in measured.stdout


def test_escape_codes_are_shown_not_obeyed(serve_fault: Serve, tmp_path: Path) -> None:
    measured = suite(serve_fault, EscapeCodes(), tmp_path)
    assert measured.status == 1, measured.output
    assert "\x1b" not in measured.output and "\r" not in measured.output
    assert "\x07" not in measured.output
    assert "\\x1b[2J" in measured.stdout and "\\x1b]52;c;" in measured.stdout
    assert only_verdict(measured).startswith("RESULT: FAILED")
    report = (measured.report_dir / "conformance.junit.xml").read_text()
    assert "\x1b" not in report and "\\x1b[32mRESULT" in report
    assert ESCAPES not in report


def test_a_short_token_is_masked_as_a_whole_value_only(serve_fault: Serve, tmp_path: Path) -> None:
    fault = ServerErrorOnForms(short="x", token=OWNER_TOKEN)
    measured = suite(serve_fault, fault, tmp_path, "--only", "schemathesis", token="x")
    assert measured.status == 1, measured.output
    assert "application/x-www-form-urlencoded" in measured.stdout
    assert "$TOKEN-www" not in measured.stdout and "application/$TOKEN" not in measured.stdout
    assert '"Authorization: Bearer $TOKEN"' in measured.stdout
    assert "Bearer x'" not in measured.stdout


def test_429s_on_requests_without_credentials_are_waited_out_not_judged(
    serve_fault: Serve, tmp_path: Path
) -> None:
    fault = LimitsAnonymous()
    measured = suite(serve_fault, fault, tmp_path, "--only", "schemathesis")
    assert fault.refused > 0
    assert measured.status == 0, measured.output
    assert "ignored_auth" in measured.stdout  # it ran, and held
    assert f"Rate limits: {fault.refused} answer(s) 429 waited out" in measured.stdout
    assert only_verdict(measured) == "RESULT: PASSED - every check held."


def test_a_connection_closed_mid_body_is_a_finding(serve_fault: Serve, tmp_path: Path) -> None:
    measured = suite(serve_fault, CutShort(), tmp_path)
    assert measured.status == 1, measured.output
    assert "complete_answer" in measured.stdout
    assert "the answer broke off" in measured.stdout


def test_a_redirect_to_another_host_is_not_followed(serve_fault: Serve, tmp_path: Path) -> None:
    with another_host() as (elsewhere, seen):
        measured = suite(serve_fault, RedirectsAway(elsewhere=elsewhere), tmp_path)
    assert measured.status == 1, measured.output
    assert "307" in measured.stdout
    assert not any("Authorization" in headers for headers in seen), seen


def test_two_runs_in_a_row_against_one_server_both_pass(serve_fault: Serve, tmp_path: Path) -> None:
    runs: list[Callable[[], Measured]] = []
    with serve_fault(Fault(), spec=TWO_RESOURCES) as base_url:
        args = ["--base-url", base_url, "--token", OWNER_TOKEN, "--spec", str(TWO_RESOURCES)]
        env = {"MAX_EXAMPLES": "5"}
        first = run_measured(args, env, tmp_path / "first")
        second = run_measured(args, env, tmp_path / "second")
    for number, measured in enumerate((first, second), 1):
        print(f"\nrun {number}: exit {measured.status} in {measured.seconds:.1f} s, "
              f"peak {measured.peak_mb:.0f} MB")  # fmt: skip
        assert measured.status == 0, measured.output
        assert only_verdict(measured) == "RESULT: PASSED - every check held."
    assert not runs
