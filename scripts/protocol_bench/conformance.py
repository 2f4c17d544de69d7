"""`make conformance` with one worker and with two, at MAX_EXAMPLES=400, the same seed, each
against a fresh embedded reference server: wall time of the whole command, requests sent, and
the findings (which must be the same)."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

from protocol_bench.errors import BenchError
from protocol_bench.measure import users_environment

__all__ = [
    "DESCRIPTION",
    "MAX_EXAMPLES",
    "SEED",
    "WORKER_COUNTS",
    "ConformanceRow",
    "measure_conformance",
]

MAX_EXAMPLES = 400
SEED = 20261121
WORKER_COUNTS = (1, 2)
DESCRIPTION = f"MAX_EXAMPLES={MAX_EXAMPLES}, SEED={SEED}, both parts (schemathesis and semantic)"

_REQUESTS = re.compile(r"^Requests sent: (\d+) ", re.MULTILINE)
_FINDING = re.compile(r"^\d+\. \[(\w+)\] (\S+) on (.+)$", re.MULTILINE)


@dataclass(frozen=True)
class ConformanceRow:
    workers: int
    seconds: float
    requests: int
    requests_per_second: float
    findings: list[str]  # "suite check on operation", sorted
    exit_status: int


def measure_conformance(say: Callable[[str], None]) -> list[ConformanceRow]:
    return [_run(workers, say) for workers in WORKER_COUNTS]


def _run(workers: int, say: Callable[[str], None]) -> ConformanceRow:
    say(f"bench: make conformance, WORKERS={workers}, MAX_EXAMPLES={MAX_EXAMPLES}")
    env = users_environment()
    for name in ("BASE_URL", "TOKEN", "OTHER_TOKEN", "SPEC", "RATE_LIMIT"):
        env.pop(name, None)  # the embedded server, unpaced, whatever the caller's shell says
    with tempfile.TemporaryDirectory(prefix="protocol-bench-conformance-") as reports:
        env.update(
            MAX_EXAMPLES=str(MAX_EXAMPLES), SEED=str(SEED), WORKERS=str(workers), REPORT_DIR=reports
        )
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "protocol_conformance"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
    requests = _REQUESTS.search(done.stdout)
    if done.returncode not in (0, 1) or requests is None:
        raise BenchError(
            f"make conformance (WORKERS={workers}) could not run:\n{done.stdout[-1500:]}"
            f"{done.stderr[-1500:]}"
        )
    count = int(requests.group(1))
    return ConformanceRow(
        workers=workers,
        seconds=seconds,
        requests=count,
        requests_per_second=count / seconds,
        findings=sorted(" ".join(found) for found in set(_FINDING.findall(done.stdout))),
        exit_status=done.returncode,
    )
