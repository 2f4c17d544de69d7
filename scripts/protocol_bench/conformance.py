"""`make conformance` with one worker and with two, the same seed, each against a fresh embedded
reference server: on the conversations spec (`tests/fixtures/specs/conversations.yaml`, one
resource, the spec of the earlier figures) at MAX_EXAMPLES=400, and the default run (every knob
at its default) on the project's spec, the whole API (five resources that refer to each other).
Wall time of the whole command, requests sent, and the findings (which must be the same with
one worker and two)."""

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
from protocol_spec import PROJECT_ROOT

__all__ = [
    "DESCRIPTION",
    "MAX_EXAMPLES",
    "PROJECT_SPEC",
    "SEED",
    "WHOLE_API",
    "WHOLE_API_DESCRIPTION",
    "WORKER_COUNTS",
    "ConformanceRow",
    "measure_conformance",
]

MAX_EXAMPLES = 400
SEED = 20261121
WORKER_COUNTS = (1, 2)
DESCRIPTION = f"MAX_EXAMPLES={MAX_EXAMPLES}, SEED={SEED}, both parts (schemathesis and semantic)"
PROJECT_SPEC = "tests/fixtures/specs/conversations.yaml"
WHOLE_API = "spec/openapi.yaml"
WHOLE_API_DESCRIPTION = (
    f"the default run (MAX_EXAMPLES, MAX_OBJECTS and the rest at their defaults) on {WHOLE_API}"
)

_REQUESTS = re.compile(r"^Requests sent: (\d+) ", re.MULTILINE)
_FINDING = re.compile(r"^\d+\. \[(\w+)\] (\S+) on (.+)$", re.MULTILINE)


@dataclass(frozen=True)
class ConformanceRow:
    spec: str  # the spec checked, relative to the project
    max_examples: int | None  # None: the default
    workers: int
    seconds: float
    requests: int
    requests_per_second: float
    findings: list[str]  # "suite check on operation", sorted
    exit_status: int


def measure_conformance(say: Callable[[str], None]) -> list[ConformanceRow]:
    """The project's spec at MAX_EXAMPLES=400, then the whole API's default run; each with
    one worker and with two."""
    return [
        _run(spec, examples, workers, say)
        for spec, examples in ((PROJECT_SPEC, MAX_EXAMPLES), (WHOLE_API, None))
        for workers in WORKER_COUNTS
    ]


def _run(
    spec: str, max_examples: int | None, workers: int, say: Callable[[str], None]
) -> ConformanceRow:
    examples = f"MAX_EXAMPLES={max_examples}" if max_examples else "default MAX_EXAMPLES"
    say(f"bench: make conformance, SPEC={spec}, WORKERS={workers}, {examples}")
    env = users_environment()
    for name in ("BASE_URL", "TOKEN", "OTHER_TOKEN", "SPEC", "RATE_LIMIT", "MAX_EXAMPLES"):
        env.pop(name, None)  # the embedded server, unpaced, whatever the caller's shell says
    for name in ("MAX_OBJECTS", "PROTOCOL_EXAMPLE_OBJECTS"):
        env.pop(name, None)
    with tempfile.TemporaryDirectory(prefix="protocol-bench-conformance-") as reports:
        env.update(
            SPEC=str(PROJECT_ROOT / spec), SEED=str(SEED), WORKERS=str(workers), REPORT_DIR=reports
        )
        if max_examples is not None:
            env["MAX_EXAMPLES"] = str(max_examples)
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
            f"make conformance (SPEC={spec}, WORKERS={workers}) could not run:\n"
            f"{done.stdout[-1500:]}"
            f"{done.stderr[-1500:]}"
        )
    count = int(requests.group(1))
    return ConformanceRow(
        spec=spec,
        max_examples=max_examples,
        workers=workers,
        seconds=seconds,
        requests=count,
        requests_per_second=count / seconds,
        findings=sorted(" ".join(found) for found in set(_FINDING.findall(done.stdout))),
        exit_status=done.returncode,
    )
