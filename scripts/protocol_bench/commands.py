"""Our everyday commands, timed as whole processes: a no-op `make generate`, `make docs` into a
fresh folder, and `make review` (the spec against itself at HEAD)."""

from __future__ import annotations

import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from protocol_bench.measure import run_measured
from protocol_review.bench import measure as measure_review
from protocol_spec import PROJECT_ROOT

__all__ = ["NO_OP_GENERATE", "CommandRow", "measure_commands"]

NO_OP_GENERATE = "no-op make generate"


@dataclass(frozen=True)
class CommandRow:
    command: str
    median_seconds: float
    max_seconds: float
    runs: int


def measure_commands(runs: int, say: Callable[[str], None]) -> list[CommandRow]:
    make = ["make", "--no-print-directory", "-s", "-C", str(PROJECT_ROOT)]
    say("bench: make generate (once, so that the next runs have nothing to do)")
    run_measured([*make, "generate"])
    say(f"bench: {NO_OP_GENERATE}, {runs * 2} runs")
    no_op = [run_measured([*make, "generate"]).seconds for _ in range(runs * 2)]
    say(f"bench: make docs into a fresh folder, {runs} runs")
    with tempfile.TemporaryDirectory(prefix="protocol-bench-docs-") as scratch:
        docs = [
            run_measured(
                [sys.executable, "-m", "protocol_codegen", "docs", "--out", f"{scratch}/{n}"]
            ).seconds
            for n in range(runs)
        ]
    say(f"bench: make review (the spec against HEAD), {runs} runs")
    review = measure_review(runs)
    return [
        _row(NO_OP_GENERATE, no_op),
        _row("make docs (full)", docs),
        CommandRow(
            "make review",
            review["review_process_median_s"],
            review["review_process_max_s"],
            runs,
        ),
    ]


def _row(command: str, seconds: list[float]) -> CommandRow:
    return CommandRow(command, statistics.median(seconds), max(seconds), len(seconds))
