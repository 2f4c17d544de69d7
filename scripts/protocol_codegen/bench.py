"""Time `python -m protocol_codegen generate` as `make generate` runs it (a fresh process).

    python -m protocol_codegen.bench [--runs 5]

"full": into an empty output folder, so everything is rendered and written.
"no-op": into a folder that is already up to date, so nothing is written.
Prints the median and the range of each, in seconds.
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

__all__ = ["main"]


def _generate(out: Path) -> float:
    command = [sys.executable, "-m", "protocol_codegen", "generate", "--spec", str(DEFAULT_SPEC)]
    started = time.perf_counter()
    subprocess.run([*command, "--out", str(out)], check=True, capture_output=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m protocol_codegen.bench")
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args(argv).runs
    with tempfile.TemporaryDirectory(prefix="protocol-codegen-bench-") as scratch:
        full = [_generate(Path(scratch) / f"full-{n}") for n in range(runs)]
        no_op = [_generate(Path(scratch) / "full-0") for _ in range(runs)]
    for name, times in (("full generate", full), ("no-op generate", no_op)):
        print(
            f"{name:>15}: median {statistics.median(times):.3f}s "
            f"(min {min(times):.3f}s, max {max(times):.3f}s, {runs} runs)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
