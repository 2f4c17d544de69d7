"""Running the semantic scenario against many broken variants at once.

Each variant gets its own in-process server and database; variants run in a few threads (the
scenario mostly waits on the network and on SQLite's fsync, so threads overlap well), which
keeps the whole set within the CI budget.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from protocol_conformance.fixtures import Fixtures
from protocol_conformance.http import TransportOptions
from protocol_conformance.receiver import Receiver
from protocol_conformance.report import render_summary
from protocol_conformance.results import RunResults
from protocol_conformance.scenario import ScenarioSettings, run_scenario
from protocol_conformance.webhooks import WebhookSetup

from .conftest import SPEC, serve, spec_api
from .faults import OTHER_TOKEN, OWNER_TOKEN, Fault

THREADS = 3
WEBHOOK_SECRET = "whsec_dGVzdC13ZWJob29rLXNlY3JldC0wMTIz"
# Seconds an event may take; a variant that loses events waits this long once or twice.
WEBHOOK_WAIT = 3.0


@dataclass(frozen=True)
class Variant:
    name: str
    fault: Callable[[], Fault]  # a fresh fault per run (faults count requests)
    spec: Path = SPEC
    fixtures: Fixtures = field(default_factory=Fixtures)
    max_objects: int = 500
    timeout: float = 5.0
    webhooks: bool = False  # deliver to a receiver of the suite (the webhook checks run)


@contextmanager
def receiving(secret: str = WEBHOOK_SECRET) -> Iterator[WebhookSetup]:
    """A receiver of the suite, as the webhook checks and the in-process server take it."""
    with Receiver(timeout=5.0) as receiver:
        yield WebhookSetup(receiver, secret, WEBHOOK_WAIT)


def scenario(
    base_url: str,
    spec: Path = SPEC,
    *,
    fixtures: Fixtures | None = None,
    max_objects: int = 500,
    other: bool = True,
    timeout: float = 5.0,
    webhooks: WebhookSetup | None = None,
) -> RunResults:
    results = RunResults()
    settings = ScenarioSettings(
        api=spec_api(spec),
        base_url=base_url,
        token=OWNER_TOKEN,
        other_token=OTHER_TOKEN if other else None,
        transport=TransportOptions(timeout=timeout),
        fixtures=fixtures or Fixtures(),
        max_objects=max_objects,
        webhooks=webhooks,
    )
    run_scenario(settings, results)
    return results


def run_variant(variant: Variant) -> RunResults:
    with ExitStack() as stack:
        directory = stack.enter_context(tempfile.TemporaryDirectory(prefix="conformance-variant-"))
        webhooks = stack.enter_context(receiving()) if variant.webhooks else None
        base_url = stack.enter_context(
            serve(variant.fault(), Path(directory) / "db.sqlite3", variant.spec, webhooks=webhooks)
        )
        return scenario(
            base_url,
            variant.spec,
            fixtures=variant.fixtures,
            max_objects=variant.max_objects,
            timeout=variant.timeout,
            webhooks=webhooks,
        )


def run_all(variants: Iterable[Variant]) -> dict[str, RunResults]:
    variants = list(variants)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return dict(zip([v.name for v in variants], pool.map(run_variant, variants), strict=True))


def explain(results: RunResults) -> str:
    return render_summary(results, target="variant", settings_line="", elapsed=0)


# Environment variables the command line reads; tests give their own, never the caller's.
KNOBS = (
    "BASE_URL",
    "TOKEN",
    "OTHER_TOKEN",
    "SEED",
    "MAX_EXAMPLES",
    "WORKERS",
    "REPORT_DIR",
    "TIMEOUT",
    "SPEC",
    "FIXTURES",
    "MAX_OBJECTS",
    "RATE_LIMIT",
    "DEADLINE",
    "MAX_RESPONSE_BYTES",
    "MAX_DEPTH",
    "CA_BUNDLE",
    "CLIENT_CERT",
    "CLIENT_KEY",
    "WEBHOOK_LISTEN",
    "WEBHOOK_URL",
    "WEBHOOK_SECRET",
    "WEBHOOK_WAIT",
)


def cli(
    *args: str,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    default_spec: bool = False,
) -> subprocess.CompletedProcess[str]:
    """`python -m protocol_conformance` in a process of its own, checking SPEC (the conversations
    fixture) unless `env` names another, or with `default_spec` the project's spec as a user's
    run finds it; one worker (WORKERS=1) unless `env` says otherwise, whatever the machine's
    cores (WORKERS=auto, the default, is `auto_workers`' count). (schemathesis runs there, away from this process's server threads: CPython
    3.11 before 3.11.8 can raise a spurious "AST constructor recursion depth mismatch" when
    another thread runs during `ast` work.)"""
    clean = {key: value for key, value in os.environ.items() if key not in KNOBS}
    spec = {} if default_spec else {"SPEC": str(SPEC)}
    return subprocess.run(
        [sys.executable, "-m", "protocol_conformance", *args],
        env={**clean, "WORKERS": "1", **spec, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
