"""Time a review of the project's spec against itself (HEAD), as `make review` runs it.

    python -m protocol_review.bench [--runs 5]

`measure()` returns the numbers (seconds) for a combined benchmark report; `main()` prints
them. "process" is what a user waits for (a fresh interpreter: imports, both loads, the
SDK surfaces, lint, output); "in-process" is the review alone, imports already done.
The budget is 2 seconds for "process".
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from protocol_spec import DEFAULT_SPEC

from .formats import FORMATS
from .review import run_review

__all__ = ["BUDGET_SECONDS", "main", "measure"]

BUDGET_SECONDS = 2.0


def _process() -> float:
    command = [
        sys.executable,
        "-m",
        "protocol_review",
        "--spec",
        str(DEFAULT_SPEC),
        "--base",
        "HEAD",
    ]
    started = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True)
    return time.perf_counter() - started


def _in_process() -> float:
    started = time.perf_counter()
    FORMATS["text"](run_review(DEFAULT_SPEC, "HEAD", ignore=None))
    return time.perf_counter() - started


def measure(runs: int = 5) -> dict[str, float]:
    """Median and worst seconds of `runs` reviews, in a fresh process and in-process."""
    process = [_process() for _ in range(runs)]
    _in_process()  # warm the imports and caches once, as a long-lived caller would have
    in_process = [_in_process() for _ in range(runs)]
    return {
        "review_process_median_s": statistics.median(process),
        "review_process_max_s": max(process),
        "review_in_process_median_s": statistics.median(in_process),
        "review_in_process_max_s": max(in_process),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m protocol_review.bench")
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args(argv).runs
    numbers = measure(runs)
    for name in ("process", "in-process"):
        key = name.replace("-", "_")
        median, worst = numbers[f"review_{key}_median_s"], numbers[f"review_{key}_max_s"]
        print(f"spec review ({name:>10}): median {median:.3f}s (max {worst:.3f}s, {runs} runs)")
    verdict = "within" if numbers["review_process_median_s"] < BUDGET_SECONDS else "OVER"
    print(f"spec review budget {BUDGET_SECONDS:.1f}s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
