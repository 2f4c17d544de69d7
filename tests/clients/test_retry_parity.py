"""One retry policy, three runtimes: the same scripted scenarios against the Python, JavaScript and
PHP clients must send the same requests, wait the same delays and end the same way, raising for
each status the error class ERROR_POLICY gives it.

A scripted server answers each scenario's requests in turn (statuses, Retry-After as seconds or
as an HTTP date, a dropped connection, a hang) and records when each request arrived and the
Idempotency-Key it carried. The three clients run concurrently, each under its own path prefix.
The table of what happened is printed and kept in reports/clients/retry-parity.md.
"""

from __future__ import annotations

import email.utils
import itertools
import json
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from protocol_codegen.policy import ERROR_POLICY, RETRY_POLICY

from .conftest import ROOT, install_package

CONVERSATION = {
    "id": "xgQQXg3hrtjh7AvZ",
    "contact_id": "WAz8eIbvDR60rouK",
    "group_id": None,
    "pinned_message_id": None,
    "is_pinned": False,
    "is_muted": False,
    "last_active_at": None,
    "last_opened_at": None,
    "created_at": 692233200,
    "archived_at": None,
}
DOWN = {"type": "api_error", "message": "Down."}
REFUSED = {"type": "invalid_request", "message": "No."}
P = RETRY_POLICY
# What a backoff before retry `n` may be: the delay, shortened by up to the jitter.
BACKOFF = [
    (
        min(P.initial_delay * 2**n, P.max_delay) * (1 - P.jitter),
        min(P.initial_delay * 2**n, P.max_delay),
    )
    for n in range(3)
]


@dataclass(frozen=True)
class Step:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False  # close the connection without answering
    hang: float = 0.0  # wait this long before answering
    retry_after_date_in: float | None = None  # Retry-After as an HTTP date this far ahead


@dataclass(frozen=True)
class Scenario:
    name: str
    call: str  # get, create (with an idempotency key), unsafe (a POST not safe to repeat)
    steps: tuple[Step, ...]
    requests: int
    delays: tuple[tuple[float, float], ...]  # the wait before each retry: (at least, at most)
    outcome: str
    options: dict[str, float] = field(default_factory=dict)


OK = Step(200, CONVERSATION)
SCENARIOS = (
    Scenario("503-then-ok", "get", (Step(503, DOWN), OK), 2, (BACKOFF[0],), "ok"),
    Scenario(
        "5xx-exhausted",
        "get",
        (Step(500, DOWN), Step(502, DOWN), Step(503, DOWN)),
        1 + P.max_retries,
        (BACKOFF[0], BACKOFF[1]),
        "status 503",
    ),
    Scenario("408-then-ok", "get", (Step(408, REFUSED), OK), 2, (BACKOFF[0],), "ok"),
    Scenario("409-then-ok", "get", (Step(409, REFUSED), OK), 2, (BACKOFF[0],), "ok"),
    Scenario(
        "429-retry-after-seconds",
        "get",
        (Step(429, REFUSED, {"Retry-After": "1"}), OK),
        2,
        ((1.0, 1.0),),
        "ok",
    ),
    Scenario(
        "429-retry-after-date",
        "get",
        (Step(429, REFUSED, retry_after_date_in=2.0), OK),
        2,
        ((1.0, 2.0),),  # an HTTP date has whole seconds: 2 s ahead is 1 to 2 s away
        "ok",
    ),
    Scenario(
        "429-beyond-the-cap",
        "get",
        (Step(429, REFUSED, {"Retry-After": str(int(P.max_retry_after) + 60)}), OK),
        1,
        (),
        "status 429",
    ),
    Scenario("400-not-retried", "get", (Step(400, REFUSED), OK), 1, (), "status 400"),
    Scenario("404-not-retried", "get", (Step(404, REFUSED), OK), 1, (), "status 404"),
    Scenario(
        "create-503-then-created",
        "create",
        (Step(503, DOWN), Step(201, CONVERSATION)),
        2,
        (BACKOFF[0],),
        "ok",
    ),
    Scenario(
        "create-dropped-then-created",
        "create",
        (Step(drop=True), Step(201, CONVERSATION)),
        2,
        (BACKOFF[0],),
        "ok",
    ),
    Scenario("unsafe-post-503", "unsafe", (Step(503, DOWN), OK), 1, (), "status 503"),
    Scenario(
        "max-retries-0-per-call",
        "get",
        (Step(503, DOWN), OK),
        1,
        (),
        "status 503",
        {"max_retries": 0},
    ),
    Scenario(
        "read-timeout-then-ok",
        "get",
        (Step(200, CONVERSATION, hang=1.5), OK),
        2,
        ((0.3 + BACKOFF[0][0], 0.3 + BACKOFF[0][1]),),
        "ok",
        {"timeout": 0.3},
    ),
)
# Every status ERROR_POLICY names a class for (and one it does not) ends in the right class;
# the retried ones with retries off, so the check costs no waiting.
SCENARIOS += tuple(
    Scenario(
        f"{status}-raises-its-class",
        "get",
        (Step(status, REFUSED), OK),
        1,
        (),
        f"status {status}",
        {"max_retries": 0},
    )
    for status in sorted({*(error.status or 500 for error in ERROR_POLICY.errors), 418})
    if not any(s.outcome == f"status {status}" for s in SCENARIOS)
)
LANGUAGES = ("python", "javascript", "php")
# Each runtime's suffix to ERROR_POLICY's class stems, and its class for a status without one.
ERROR_SUFFIX = {"python": "Error", "javascript": "Error", "php": "Exception"}
STATUS_ERROR = {
    "python": "APIStatusError",
    "javascript": "APIStatusError",
    "php": "ApiStatusException",
}


def expected_outcome(outcome: str, language: str) -> str:
    """A scenario's outcome as `language` reports it: a status comes with its error class."""
    if not outcome.startswith("status "):
        return outcome
    status = int(outcome.split()[1])
    if status >= 500:
        error = ERROR_POLICY.server_error
    else:
        error = next((e for e in ERROR_POLICY.by_status if e.status == status), None)
    name = error.class_name(ERROR_SUFFIX[language]) if error else STATUS_ERROR[language]
    return f"{outcome} {name}"


# Scheduling slack on a busy 2-core machine; a Retry-After of 1 s must not be waited 1.3 s.
EARLY, LATE = 0.05, 0.3


class ScriptedServer:
    """Answers /<language>/<scenario>/... with the scenario's steps in turn (the last repeats)."""

    def __init__(self) -> None:
        self.arrivals: dict[tuple[str, str], list[tuple[float, str | None]]] = {}
        lock = threading.Lock()
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                _, language, name, *_ = self.path.split("/")
                with lock:
                    seen = scripted.arrivals.setdefault((language, name), [])
                    seen.append((time.monotonic(), self.headers.get("Idempotency-Key")))
                    count = len(seen)
                scenario = next(s for s in SCENARIOS if s.name == name)
                step = scenario.steps[min(count, len(scenario.steps)) - 1]
                if step.drop:
                    self.close_connection = True
                    return
                time.sleep(step.hang)
                headers = dict(step.headers)
                if step.retry_after_date_in is not None:
                    at = time.time() + step.retry_after_date_in
                    headers["Retry-After"] = email.utils.formatdate(at, usegmt=True)
                payload = json.dumps(step.body).encode()
                try:
                    self.send_response(step.status)
                    for key, value in {**headers, "Content-Type": "application/json"}.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and left

            do_GET = do_POST = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def scripted() -> Iterator[ScriptedServer]:
    server = ScriptedServer()
    yield server
    server.close()


def _commands(node: str, php: str, base_url: str, work: Path) -> dict[str, tuple[list[str], Path]]:
    plan = json.dumps([{"name": s.name, "call": s.call, **s.options} for s in SCENARIOS])
    install_package(ROOT / "generated" / "typescript", work)
    shutil.copy(ROOT / "tests" / "clients" / "js" / "parity.mjs", work)
    here = Path(__file__).resolve().parent
    return {
        "python": (
            [sys.executable, str(here / "parity" / "driver.py"), plan, f"{base_url}/python"],
            ROOT,
        ),
        "javascript": ([node, "parity.mjs", plan, f"{base_url}/javascript"], work),
        "php": ([php, str(here / "php" / "parity.php"), plan, f"{base_url}/php"], ROOT),
    }


def _run(command: list[str], cwd: Path) -> dict[str, str]:
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, f"{command[0]} failed:\n{done.stdout}{done.stderr}"
    outcomes: dict[str, str] = json.loads(done.stdout.strip().splitlines()[-1])
    return outcomes


def test_the_three_clients_retry_alike(
    node: str, php: str, scripted: ScriptedServer, tmp_path: Path
) -> None:
    commands = _commands(node, php, scripted.base_url, tmp_path)
    with ThreadPoolExecutor(len(LANGUAGES)) as pool:
        futures = {language: pool.submit(_run, *commands[language]) for language in LANGUAGES}
        outcomes = {language: future.result() for language, future in futures.items()}

    rows, problems = [], []
    for scenario in SCENARIOS:
        cells = []
        for language in LANGUAGES:
            arrivals = scripted.arrivals.get((language, scenario.name), [])
            delays = [b[0] - a[0] for a, b in itertools.pairwise(arrivals)]
            outcome = outcomes[language].get(scenario.name)
            cells.append(
                f"{len(arrivals)} / {' '.join(f'{d:.2f}' for d in delays) or '-'} / {outcome}"
            )
            where = f"{scenario.name} ({language})"
            if len(arrivals) != scenario.requests:
                problems.append(f"{where}: {len(arrivals)} requests, expected {scenario.requests}")
            expected = expected_outcome(scenario.outcome, language)
            if outcome != expected:
                problems.append(f"{where}: {outcome}, expected {expected}")
            for delay, (low, high) in zip(delays, scenario.delays, strict=False):
                if not low - EARLY <= delay <= high + LATE:
                    problems.append(
                        f"{where}: waited {delay:.2f} s, expected {low:.2f} to {high:.2f}"
                    )
            if scenario.call == "create":
                keys = {key for _, key in arrivals}
                if len(keys) != 1 or None in keys:
                    problems.append(
                        f"{where}: Idempotency-Key {keys}, expected one key on every try"
                    )
        rows.append(f"| {scenario.name} | {' | '.join(cells)} |")
    table = "\n".join(
        [
            "| scenario | " + " | ".join(LANGUAGES) + " |",
            "| --- | --- | --- | --- |",
            *rows,
            "",
            "Each cell: requests / seconds waited before each retry / outcome.",
        ]
    )
    report = ROOT / "reports" / "clients" / "retry-parity.md"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(table + "\n")
    print(f"\n{table}\n(kept in {report})")
    assert not problems, "\n".join(problems) + "\n\n" + table
