"""No server can make the suite hang, exhaust memory, print a traceback or print a report that
lies: against each hostile server (`hostile.py`) the suite ends with a report, a JUnit file and
exit status 0, 1 or 2, within its time bound and well under 1 GB. The cases run at once, each
against its own server (they mostly wait); small sizes and short TIMEOUT/DEADLINE, set through
the suite's own variables, keep the file within its CI budget. Each case prints its time to
finish and the peak memory of the suite's process tree (`pytest -s`)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import pytest

from protocol_conformance.preflight import probe_operation

from .conftest import SPEC, TWO_RESOURCES, serve, spec_api
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
    trickling_headers,
)

# Well under 1 GB whatever the server sends (the suite itself takes about 300 MB).
PEAK_MB = 500
# Short bounds, set through the suite's own variables.
# One worker, whatever the machine's cores (WORKERS=auto is the default): the memory bound below
# is a single suite's; tests/conformance/test_workers.py covers two.
QUICK = {
    "TIMEOUT": "1",
    "MAX_EXAMPLES": "2",
    "MAX_RESPONSE_BYTES": str(1024 * 1024),
    "WORKERS": "1",
}
THREADS = 4


@dataclass
class Case:
    fault: Fault
    args: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    token: str = OWNER_TOKEN
    runs: int = 1
    spec: Path = TWO_RESOURCES
    raw: bool = False  # served by `trickling_headers` instead of the reference application


def cases(elsewhere: str) -> dict[str, Case]:
    return {
        "trickle, schemathesis": Case(Trickles(), ("--only", "schemathesis")),
        "trickle, semantic": Case(Trickles(), ("--only", "semantic")),
        "headers trickle, schemathesis": Case(Fault(), ("--only", "schemathesis"), raw=True),
        "headers trickle, semantic": Case(Fault(), ("--only", "semantic"), raw=True),
        "slow, DEADLINE": Case(Slow(delay=0.3), env={"DEADLINE": "4", "MAX_EXAMPLES": "50"}),
        "endless body": Case(Endless(), ("--only", "schemathesis")),
        "deep nesting": Case(Deep()),
        "escape codes": Case(EscapeCodes()),
        "short token": Case(
            ServerErrorOnForms(short="x", token=OWNER_TOKEN), ("--only", "schemathesis"), token="x"
        ),
        "429 without credentials": Case(LimitsAnonymous(), ("--only", "schemathesis")),
        "closed mid-body": Case(CutShort()),
        "redirect to another host": Case(RedirectsAway(elsewhere=elsewhere)),
        # The project's spec: its creates take an Idempotency-Key, which a second run with the
        # same SEED must not send again (the server would replay the first run's creations).
        "two runs in a row": Case(
            Fault(), ("--only", "schemathesis"), {"MAX_EXAMPLES": "3"}, runs=2, spec=SPEC
        ),
    }


@dataclass
class Outcome:
    case: Case
    runs: list[Measured]
    seen_elsewhere: list[dict[str, str]]

    @property
    def last(self) -> Measured:
        return self.runs[-1]


def server(case: Case, directory: Path) -> AbstractContextManager[str]:
    if case.raw:
        listing = probe_operation(spec_api(case.spec))[0]
        assert listing.pagination is not None
        return trickling_headers(json.dumps({listing.pagination.items_field: []}).encode())
    return serve(case.fault, directory / "db.sqlite3", case.spec)


def run_case(name: str, case: Case, seen: list[dict[str, str]]) -> Outcome:
    with (
        tempfile.TemporaryDirectory(prefix="conformance-hostile-") as directory,
        server(case, Path(directory)) as base_url,
    ):
        args = ["--base-url", base_url, "--token", case.token, "--spec", str(case.spec)]
        runs = [
            run_measured([*args, *case.args], {**QUICK, **case.env}, Path(directory) / f"r{n}")
            for n in range(case.runs)
        ]
        for measured in runs:  # read the JUnit file while the directory is there
            junit = ElementTree.parse(measured.report_dir / "conformance.junit.xml").getroot()
            measured.junit = ElementTree.tostring(junit, encoding="unicode")
    for number, measured in enumerate(runs, 1):
        print(f"\n{name} (run {number}): exit {measured.status} in {measured.seconds:.1f} s, "
              f"peak {measured.peak_mb:.0f} MB of the suite's process tree")  # fmt: skip
    return Outcome(case, runs, seen)


@pytest.fixture(scope="module")
def outcomes() -> Iterator[dict[str, Outcome]]:
    with another_host() as (elsewhere, seen), ThreadPoolExecutor(THREADS) as pool:
        chosen = cases(elsewhere)
        futures = {name: pool.submit(run_case, name, case, seen) for name, case in chosen.items()}
        yield {name: future.result() for name, future in futures.items()}


def checked(outcomes: dict[str, Outcome], name: str, status: int) -> Measured:
    """The case's (last) run, after what holds whatever the server did: the exit status, no
    traceback or panic, a report with one verdict, a JUnit file, a peak well under 1 GB."""
    for measured in outcomes[name].runs:
        output = measured.output
        assert measured.status == status, output
        for crash in ("Traceback", "RecursionError", "MemoryError", "panicked"):
            assert crash not in output, output
        verdicts = [line for line in measured.stdout.splitlines() if line.startswith("RESULT")]
        assert len(verdicts) == 1, output  # nothing the server sent passes for the verdict
        assert measured.junit.startswith("<testsuites")
        assert measured.samples > 0 and 0 < measured.peak_mb < PEAK_MB
    return outcomes[name].last


def verdict(measured: Measured) -> str:
    return next(line for line in measured.stdout.splitlines() if line.startswith("RESULT"))


@pytest.mark.parametrize("what", ["trickle", "headers trickle"])
@pytest.mark.parametrize("part", ["schemathesis", "semantic"])
def test_an_answer_that_trickles_in_ends_the_run_as_hanging(
    outcomes: dict[str, Outcome], what: str, part: str
) -> None:
    measured = checked(outcomes, f"{what}, {part}", 2)
    assert "The server is hanging: 3 answers in a row did not arrive whole" in measured.stdout
    assert "RUN ENDED EARLY" in measured.stdout
    assert verdict(measured).startswith("RESULT: NOT COMPLETED")
    # Three answers of TIMEOUT=1 s each, plus start-up and clean-up: far from forever.
    assert measured.seconds < 90


def test_deadline_ends_a_run_that_would_go_on(outcomes: dict[str, Outcome]) -> None:
    measured = checked(outcomes, "slow, DEADLINE", 2)
    assert "DEADLINE reached" in measured.stdout
    assert "response_time" not in measured.stdout  # an answer cut short by DEADLINE: no finding
    assert "DROPPED CASES" in measured.stdout  # what it did not get to, named
    assert measured.seconds < 4 + 60 + 30  # DEADLINE, the clean-up's grace, start-up


def test_a_body_without_end_is_a_finding_read_no_further(outcomes: dict[str, Outcome]) -> None:
    measured = checked(outcomes, "endless body", 1)
    assert "response_size" in measured.stdout
    assert "longer than MAX_RESPONSE_BYTES=1048576 bytes" in measured.stdout
    assert "DROPPED CASES" in measured.stdout


def test_json_nested_without_end_is_a_finding(outcomes: dict[str, Outcome]) -> None:
    measured = checked(outcomes, "deep nesting", 1)
    assert "nests deeper than MAX_DEPTH=200 levels" in measured.stdout
    assert "response_depth" in measured.stdout


def test_escape_codes_are_shown_not_obeyed(outcomes: dict[str, Outcome]) -> None:
    measured = checked(outcomes, "escape codes", 1)
    for control in ("\x1b", "\r", "\x07"):
        assert control not in measured.output
    assert "\\x1b[2J" in measured.stdout and "\\x1b]52;c;" in measured.stdout
    assert verdict(measured).startswith("RESULT: FAILED")
    assert "\x1b" not in measured.junit and "\\x1b[32mRESULT" in measured.junit
    assert ESCAPES not in measured.junit


def test_a_short_token_is_masked_as_a_whole_value_only(outcomes: dict[str, Outcome]) -> None:
    measured = checked(outcomes, "short token", 1)
    assert "application/x-www-form-urlencoded" in measured.stdout
    assert "$TOKEN-www" not in measured.stdout and "application/$TOKEN" not in measured.stdout
    assert '"Authorization: Bearer $TOKEN"' in measured.stdout
    assert "Bearer x'" not in measured.stdout


def test_429s_on_requests_without_credentials_are_waited_out_not_judged(
    outcomes: dict[str, Outcome],
) -> None:
    fault = outcomes["429 without credentials"].case.fault
    measured = checked(outcomes, "429 without credentials", 0)
    assert isinstance(fault, LimitsAnonymous)
    refused = fault.refused
    assert refused > 0
    assert "ignored_auth" in measured.stdout  # it ran, and held
    assert f"Rate limits: {refused} answer(s) 429 waited out" in measured.stdout
    assert verdict(measured) == "RESULT: PASSED - every check held."


def test_a_connection_closed_mid_body_is_a_finding(outcomes: dict[str, Outcome]) -> None:
    measured = checked(outcomes, "closed mid-body", 1)
    assert "complete_answer" in measured.stdout
    assert "the answer broke off" in measured.stdout


def test_a_redirect_to_another_host_is_not_followed(outcomes: dict[str, Outcome]) -> None:
    measured = checked(outcomes, "redirect to another host", 1)
    assert "307" in measured.stdout
    seen = outcomes["redirect to another host"].seen_elsewhere
    assert not any("Authorization" in headers for headers in seen), seen


def test_two_runs_in_a_row_against_one_server_both_pass(outcomes: dict[str, Outcome]) -> None:
    checked(outcomes, "two runs in a row", 0)
    for measured in outcomes["two runs in a row"].runs:
        assert verdict(measured) == "RESULT: PASSED - every check held."
