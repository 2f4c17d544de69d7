"""WORKERS=N: the schemathesis part sharded by operation over N processes finds what one
process finds, with the same seed.

The requests themselves are not byte for byte the same: an operation's cases come from the
run's seed and the operation, but schemathesis also steers generation by what the server
answered before, and shards see the server at other moments. The stateful phase, which
follows the ids the server hands out, can explore differently between any two runs, one
worker or several; the faults below are found outside it."""

from __future__ import annotations

import re

import pytest

from protocol_conformance.fuzz import FuzzSettings
from protocol_conformance.shards import shards
from protocol_spec import load_api

from .conftest import SPEC, Serve
from .faults import (
    OTHER_TOKEN,
    OWNER_TOKEN,
    CreateAnswers200,
    Fault,
    HasMoreWhenPageFull,
    ServerErrorOnBigLimit,
)
from .variants import KNOBS, cli

NON_STATEFUL = ("examples", "coverage", "fuzzing")
FINDING = re.compile(r"^\d+\. \[(\w+)\] (\S+) on (.+)$", re.MULTILINE)


@pytest.fixture(autouse=True)
def no_knobs_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in KNOBS:
        monkeypatch.delenv(name, raising=False)


def test_shards_are_the_operations_then_the_stateful_phase() -> None:
    api = load_api(SPEC)
    settings = FuzzSettings(
        spec=SPEC,
        base_url="http://127.0.0.1:1",
        token="t",
        other_token=None,
        seed=1,
        max_examples=1,
        request_timeout=1,
        rate_limit=10.0,
    )
    units = shards(settings, api, 2)
    assert [unit.operations for unit in units] == [
        *((operation.label,) for operation in api.operations),
        None,
    ]
    assert all(unit.phases == NON_STATEFUL for unit in units[:-1])
    assert units[-1].phases == ("stateful",)
    assert {unit.rate_limit for unit in units} == {5.0}  # the rate, shared out


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(ServerErrorOnBigLimit, id="500 on a big limit"),
        pytest.param(CreateAnswers200, id="wrong success status"),
        pytest.param(HasMoreWhenPageFull, id="has_more when the page is full"),
    ],
)
def test_two_workers_report_the_same_findings(serve_fault: Serve, fault: type[Fault]) -> None:
    """Both parts, the same seed: every finding, schemathesis' and the scenario's, is made
    with one worker and with two."""

    def findings(workers: str) -> set[tuple[str, str, str]]:
        with serve_fault(fault()) as base_url:
            result = cli(
                "--base-url", base_url, "--token", OWNER_TOKEN, "--other-token", OTHER_TOKEN,
                "--max-examples", "10", "--seed", "2", "--workers", workers,
            )  # fmt: skip
        assert result.returncode == 1, result.stdout + result.stderr
        return set(FINDING.findall(result.stdout))

    one, two = findings("1"), findings("2")
    assert one, "the fault was not found at all"
    assert one == two
