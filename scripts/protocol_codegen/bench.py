"""Time `python -m protocol_codegen generate` and `... docs` as `make generate` and `make docs`
run them (a fresh process each time).

    python -m protocol_codegen.bench [--runs 5] [--command generate|docs]...

"full": into an empty output folder, so everything is rendered and written.
"no-op": into a folder that is already up to date, so nothing is written. Both pass --spec and
--out, so the no-op key of `make generate` (protocol_codegen.cache) never answers: this times
the generator's own work; `make bench` times the whole no-op `make generate`.
Prints the median and the range of each, in seconds. Both commands by default.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from protocol_spec import DEFAULT_SPEC

__all__ = ["COMMANDS", "main"]

COMMANDS = ("generate", "docs")


def _run(command: str, out: Path) -> float:
    argv = [sys.executable, "-m", "protocol_codegen", command, "--spec", str(DEFAULT_SPEC)]
    started = time.perf_counter()
    subprocess.run([*argv, "--out", str(out)], check=True, capture_output=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m protocol_codegen.bench")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--command", action="append", choices=COMMANDS, help="what to time (repeatable)"
    )
    args = parser.parse_args(argv)
    runs: int = args.runs
    for command in args.command or COMMANDS:
        with tempfile.TemporaryDirectory(prefix="protocol-codegen-bench-") as scratch:
            full = [_run(command, Path(scratch) / f"full-{n}") for n in range(runs)]
            no_op = [_run(command, Path(scratch) / "full-0") for _ in range(runs)]
        for kind, times in (("full", full), ("no-op", no_op)):
            name = f"{kind} {command}"
            print(
                f"{name:>15}: median {statistics.median(times):.3f}s "
                f"(min {min(times):.3f}s, max {max(times):.3f}s, {runs} runs)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
