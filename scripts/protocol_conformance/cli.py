"""`python -m protocol_conformance`: check a live server against a spec (spec/openapi.yaml by
default), everything read from the spec through `protocol_spec`.

Exit status: 0 every check held; 1 a check failed or part of the run could not complete; 2 the
server could not be tested at all (bad arguments, bad spec or fixtures, unreachable, not this
API, an embedded server that can serve nothing of the spec), or the run was ended early (the
server hangs, or DEADLINE passed) - then with the report of what ran. Whatever the server does,
a report and a JUnit file are written.

With the embedded reference server, only what it serves is tested: the resources it leaves out
(`protocol_server.plan.survey`, the server's own reasons) are listed in the report, per
resource with each reason, and neither fuzzed nor checked.
"""

from __future__ import annotations

import argparse
import base64
import os
import secrets
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from protocol_conformance.errors import CannotTest
from protocol_conformance.guard import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_RESPONSE_BYTES,
)
from protocol_conformance.results import NotServed, RunResults

__all__ = [
    "DEFAULT_MAX_EXAMPLES",
    "DEFAULT_MAX_OBJECTS",
    "DEFAULT_REPORT_DIR",
    "DEFAULT_SEED",
    "DEFAULT_SPEC",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WEBHOOK_WAIT",
    "DEFAULT_WORKERS",
    "EMBEDDED_WEBHOOK_RETRY",
    "EXIT_FAILED",
    "EXIT_PASSED",
    "EXIT_UNUSABLE",
    "MOST_AUTO_WORKERS",
    "PARTS",
    "PROJECT_ROOT",
    "Options",
    "Target",
    "UsageError",
    "auto_workers",
    "build_parser",
    "embedded_scope",
    "main",
    "parse_options",
    "run",
    "target_server",
    "webhook_receiver",
]

if TYPE_CHECKING:
    from protocol_conformance.fixtures import Fixtures
    from protocol_conformance.http import TransportOptions
    from protocol_conformance.shards import FuzzWorkers
    from protocol_conformance.webhooks import WebhookSetup
    from protocol_spec import Api

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SPEC = PROJECT_ROOT / "spec" / "openapi.yaml"
DEFAULT_SEED = 20261121
DEFAULT_MAX_EXAMPLES = 100
# WORKERS=auto, the default: one schemathesis process per core this process may run on, at most
# MOST_AUTO_WORKERS (one server answers them all; each worker is an interpreter of its own).
DEFAULT_WORKERS = "auto"
MOST_AUTO_WORKERS = 4
DEFAULT_REPORT_DIR = "reports/conformance"
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_OBJECTS = None  # what the spec needs (scenario.objects_needed)
DEFAULT_WEBHOOK_WAIT = 10.0
# The embedded server retries a refused delivery after these seconds (webhook_redelivery).
EMBEDDED_WEBHOOK_RETRY = "0.2,0.5,1,2"
PARTS = ("schemathesis", "semantic")

EXIT_PASSED, EXIT_FAILED, EXIT_UNUSABLE = 0, 1, 2

N = TypeVar("N", int, float)


class UsageError(CannotTest):
    """An argument or environment variable is unusable; the message says which and why."""


@dataclass(frozen=True)
class Options:
    base_url: str | None
    token: str | None
    other_token: str | None
    seed: int
    max_examples: int
    workers: int  # WORKERS=auto resolved (auto_workers)
    report_dir: Path
    spec: Path
    timeout: float
    parts: tuple[str, ...]
    fixtures: Path | None = None
    max_objects: int | None = DEFAULT_MAX_OBJECTS  # None: what the spec needs
    rate_limit: float | None = None
    rate_auto: bool = False  # RATE_LIMIT=auto
    deadline: float = DEFAULT_DEADLINE
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None
    webhook_listen: tuple[str, int] | None = None  # WEBHOOK_LISTEN
    webhook_url: str | None = None  # WEBHOOK_URL
    webhook_secret: str | None = None  # WEBHOOK_SECRET
    webhook_wait: float = DEFAULT_WEBHOOK_WAIT
    workers_auto: bool = False  # `workers` is WORKERS=auto's count


def auto_workers() -> int:
    """WORKERS=auto: the cores this process may run on (its CPU affinity, else the machine's),
    at most MOST_AUTO_WORKERS. The findings do not depend on the count (shards.py); the time
    does, and on a 2-core machine one worker leaves a core idle while the server answers."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # no affinity on this platform
        cores = os.cpu_count() or 1
    return max(1, min(cores, MOST_AUTO_WORKERS))


def _workers(given: str | None) -> tuple[int, bool]:
    """WORKERS (or --workers): a whole number, or `auto` (the default); and whether it was auto."""
    raw = given if given is not None else _env("WORKERS")
    if raw is None or raw.strip().lower() == "auto":
        return auto_workers(), True
    try:
        return int(raw), False
    except ValueError:
        raise UsageError(
            f"WORKERS={raw!r} is neither a whole number nor 'auto'; e.g. WORKERS=2 or "
            "WORKERS=auto (one per core, at most "
            f"{MOST_AUTO_WORKERS})."
        ) from None


def _env(name: str) -> str | None:
    # `make conformance BASE_URL=` passes an empty value: that means "not given".
    value = os.environ.get(name, "").strip()
    return value or None


def _number(name: str, given: N | None, default: N, kind: Callable[[str], N]) -> N:
    if given is not None:
        return given
    raw = _env(name)
    if raw is None:
        return default
    try:
        return kind(raw)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise UsageError(f"{name}={raw!r} is not {what}; e.g. {name}={default:g}.") from None


def _optional_count(name: str, given: int | None) -> int | None:
    """A whole number given as an argument or in the environment, else None (the default is
    worked out later)."""
    if given is not None:
        return given
    raw = _env(name)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise UsageError(f"{name}={raw!r} is not a whole number; e.g. {name}=600.") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m protocol_conformance",
        description=(
            "Check a live server against an OpenAPI spec (default spec/openapi.yaml): "
            "schemathesis (examples, coverage, fuzzing and stateful phases, every built-in "
            "check, the expectations in schemathesis.toml) plus semantic checks derived from "
            "the spec's model for every resource (create then get, defaults, updates, assigned "
            "attributes, delete, each filter, page sizes, the more-flag, cursor walks, order, account "
            "isolation, authentication, refused requests, error objects and types). Without "
            "--base-url, starts the reference server on the same spec with a fresh database "
            "and two fresh tokens, tests what it serves (listing, per resource, what it does "
            "not serve and why), and stops it. Every object the run creates is "
            "deleted at the end. Every option falls back to the environment variable named "
            "in its help."
        ),
        epilog=(
            "Exit status: 0 every check held, 1 a check failed, 2 the server could not be tested "
            "or the run was ended early (the server hangs, or DEADLINE), with the report of what "
            "ran. Whatever the server sends, a report and a JUnit file are written. Failures print a curl command to reproduce them; export TOKEN (and OTHER_TOKEN) first."
        ),
    )
    add = parser.add_argument
    add("--base-url", help="root URL of the server under test (env BASE_URL)")
    add("--token", help="API token of one account (env TOKEN); required with --base-url")
    add(
        "--other-token",
        help="token of a second account, for the isolation checks (env OTHER_TOKEN); skipped without it",
    )
    add("--seed", type=int, help=f"generation seed (env SEED, default {DEFAULT_SEED})")
    add(
        "--max-examples",
        type=int,
        help=f"examples per operation and phase (env MAX_EXAMPLES, default {DEFAULT_MAX_EXAMPLES})",
    )
    add(
        "--workers",
        help=(
            "processes the schemathesis part is shared out to, by operation, or 'auto': one "
            f"per core, at most {MOST_AUTO_WORKERS} (env WORKERS, default {DEFAULT_WORKERS}); "
            "the findings are the same whatever the number"
        ),
    )
    add(
        "--report-dir",
        help=f"where the JUnit XML report goes (env REPORT_DIR, default {DEFAULT_REPORT_DIR})",
    )
    add("--spec", help="OpenAPI document to test against (env SPEC, default spec/openapi.yaml)")
    add(
        "--timeout",
        type=float,
        help="seconds one whole answer may take; 3 answers in a row that do not arrive in time "
        f"mean the server hangs: exit 2 (env TIMEOUT, default {DEFAULT_TIMEOUT:g})",
    )
    add(
        "--deadline",
        type=float,
        help="seconds the whole run may take; then it ends with the report of what ran and "
        f"exit 2 (env DEADLINE, default {DEFAULT_DEADLINE:g})",
    )
    add(
        "--max-response-bytes",
        type=int,
        help="most bytes of one answer the suite reads; a longer answer is a finding "
        f"(env MAX_RESPONSE_BYTES, default {DEFAULT_MAX_RESPONSE_BYTES})",
    )
    add(
        "--max-depth",
        type=int,
        help="deepest nesting of a JSON answer the suite reads; deeper is a finding "
        f"(env MAX_DEPTH, default {DEFAULT_MAX_DEPTH})",
    )
    add(
        "--fixtures",
        help="YAML/JSON file of create bodies and attribute values a real server needs, such as "
        "ids of objects that exist (env FIXTURES; format in docs/conformance.md)",
    )
    add(
        "--max-objects",
        type=int,
        help="most objects the semantic scenario may create (env MAX_OBJECTS, default what the "
        "spec needs: the largest page plus one per resource, plus what references need)",
    )
    add(
        "--rate-limit",
        help="most requests per second, or 'auto': unlimited until 429s appear, then slower "
        "(env RATE_LIMIT, default: no limit); 429 answers are always waited out (as their "
        "Retry-After says) and retried, never judged",
    )
    add(
        "--ca-bundle", help="PEM file of the CAs that sign the server's certificate (env CA_BUNDLE)"
    )
    add("--client-cert", help="PEM client certificate for mutual TLS (env CLIENT_CERT)")
    add("--client-key", help="PEM private key of the client certificate (env CLIENT_KEY)")
    add(
        "--webhook-listen",
        help="host:port where the suite's webhook receiver listens (env WEBHOOK_LISTEN; "
        "default with the embedded server: a free loopback port; without it, another server's "
        "webhooks are not checked)",
    )
    add(
        "--webhook-url",
        help="the receiver's address as the server must send to it, when it differs from "
        "WEBHOOK_LISTEN's (env WEBHOOK_URL)",
    )
    add("--webhook-secret", help="the secret deliveries are signed with (env WEBHOOK_SECRET)")
    add(
        "--webhook-wait",
        type=float,
        help=f"seconds an event may take to arrive (env WEBHOOK_WAIT, default {DEFAULT_WEBHOOK_WAIT:g})",
    )
    add(
        "--only",
        choices=PARTS,
        help="run only one part: the schemathesis run or the semantic scenario (default: both)",
    )
    return parser


def _path(given: str | None, variable: str, what: str) -> Path | None:
    raw = given or _env(variable)
    if raw is None:
        return None
    path = Path(raw)
    if not path.is_file():
        raise UsageError(f"{variable}={raw}: no such file; give the path of {what}.")
    return path


def _rate(given: str | None) -> float | None:
    raw = given or _env("RATE_LIMIT")
    if raw is None:
        return None
    try:
        return float(raw) or None
    except ValueError:
        raise UsageError(
            f"RATE_LIMIT={raw!r} is neither a number of requests per second nor 'auto'; "
            "e.g. RATE_LIMIT=20 or RATE_LIMIT=auto."
        ) from None


def parse_options(argv: Sequence[str] | None) -> Options:
    args = build_parser().parse_args(argv)
    spec = Path(args.spec or _env("SPEC") or DEFAULT_SPEC)
    rate_auto = (args.rate_limit or _env("RATE_LIMIT") or "").strip().lower() == "auto"
    workers, workers_auto = _workers(args.workers)
    options = Options(
        base_url=args.base_url or _env("BASE_URL"),
        token=args.token or _env("TOKEN"),
        other_token=args.other_token or _env("OTHER_TOKEN"),
        seed=_number("SEED", args.seed, DEFAULT_SEED, int),
        max_examples=_number("MAX_EXAMPLES", args.max_examples, DEFAULT_MAX_EXAMPLES, int),
        workers=workers,
        workers_auto=workers_auto,
        report_dir=Path(args.report_dir or _env("REPORT_DIR") or DEFAULT_REPORT_DIR),
        spec=spec,
        timeout=_number("TIMEOUT", args.timeout, DEFAULT_TIMEOUT, float),
        parts=(args.only,) if args.only else PARTS,
        fixtures=_path(args.fixtures, "FIXTURES", "a fixtures file"),
        max_objects=_optional_count("MAX_OBJECTS", args.max_objects),
        rate_limit=None if rate_auto else _rate(args.rate_limit),
        rate_auto=rate_auto,
        deadline=_number("DEADLINE", args.deadline, DEFAULT_DEADLINE, float),
        max_response_bytes=_number(
            "MAX_RESPONSE_BYTES", args.max_response_bytes, DEFAULT_MAX_RESPONSE_BYTES, int
        ),
        max_depth=_number("MAX_DEPTH", args.max_depth, DEFAULT_MAX_DEPTH, int),
        ca_bundle=_path(args.ca_bundle, "CA_BUNDLE", "a PEM file of CA certificates"),
        client_cert=_path(args.client_cert, "CLIENT_CERT", "a PEM client certificate"),
        client_key=_path(args.client_key, "CLIENT_KEY", "the client certificate's PEM key"),
        webhook_listen=_listen(args.webhook_listen or _env("WEBHOOK_LISTEN")),
        webhook_url=args.webhook_url or _env("WEBHOOK_URL"),
        webhook_secret=args.webhook_secret or _env("WEBHOOK_SECRET"),
        webhook_wait=_number("WEBHOOK_WAIT", args.webhook_wait, DEFAULT_WEBHOOK_WAIT, float),
    )
    if options.webhook_wait <= 0:
        raise UsageError(
            f"WEBHOOK_WAIT must be a positive number of seconds, got {options.webhook_wait:g}."
        )
    if options.webhook_url is not None and options.webhook_listen is None:
        raise UsageError(
            "WEBHOOK_URL is set without WEBHOOK_LISTEN: give where the suite's receiver listens "
            "(host:port) too."
        )
    if options.max_examples < 1:
        raise UsageError(f"MAX_EXAMPLES must be at least 1, got {options.max_examples}.")
    if not 1 <= options.workers <= 64:
        raise UsageError(f"WORKERS must be from 1 to 64 (or auto), got {options.workers}.")
    if options.timeout <= 0:
        raise UsageError(f"TIMEOUT must be a positive number of seconds, got {options.timeout:g}.")
    if options.max_objects is not None and options.max_objects < 1:
        raise UsageError(f"MAX_OBJECTS must be at least 1, got {options.max_objects}.")
    if options.rate_limit is not None and options.rate_limit < 0:
        raise UsageError(f"RATE_LIMIT must be a positive number, got {options.rate_limit:g}.")
    if options.deadline <= 0:
        raise UsageError(
            f"DEADLINE must be a positive number of seconds, got {options.deadline:g}."
        )
    if options.max_response_bytes < 1024:
        raise UsageError(
            f"MAX_RESPONSE_BYTES must be at least 1024, got {options.max_response_bytes}."
        )
    if not 2 <= options.max_depth <= 900:
        # Beyond ~900, Python's JSON reader reaches its recursion limit first.
        raise UsageError(f"MAX_DEPTH must be from 2 to 900, got {options.max_depth}.")
    if options.client_key is not None and options.client_cert is None:
        raise UsageError("CLIENT_KEY is set without CLIENT_CERT; give the certificate too.")
    if not options.spec.is_file():
        raise UsageError(
            f"The spec {options.spec} does not exist; give --spec PATH to an OpenAPI document."
        )
    if options.base_url is not None and options.token is None:
        raise UsageError(
            f"BASE_URL is set ({options.base_url}) but TOKEN is not: give the API token of an account "
            "on that server, e.g. make conformance BASE_URL=... TOKEN=... ."
        )
    if options.base_url is None and (options.token or options.other_token):
        raise UsageError(
            "TOKEN/OTHER_TOKEN are set without BASE_URL. The embedded reference server gets fresh "
            "tokens of its own; give BASE_URL too to test another server."
        )
    return options


def _listen(text: str | None) -> tuple[str, int] | None:
    if text is None:
        return None
    host, _, port = text.rpartition(":")
    if not port.isdigit() or not 0 <= int(port) < 65536:
        raise UsageError(
            f"WEBHOOK_LISTEN must be host:port (e.g. 0.0.0.0:8090) or :port, got {text!r}."
        )
    return (host.strip("[]") or "127.0.0.1", int(port))


@contextmanager
def webhook_receiver(options: Options) -> Iterator[WebhookSetup | None]:
    """The suite's receiver: always with the embedded server, else when WEBHOOK_LISTEN is set."""
    embedded = options.base_url is None
    if options.webhook_listen is None and not embedded:
        yield None
        return
    # Imported only when a receiver is needed (as the other heavy parts, in `run`).
    from protocol_conformance.receiver import Receiver, ReceiverError
    from protocol_conformance.webhooks import WebhookSetup

    host, port = options.webhook_listen or ("127.0.0.1", 0)
    secret = options.webhook_secret
    if secret is None and embedded:
        secret = "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()
    try:
        receiver = Receiver(host, port, timeout=options.timeout)
    except ReceiverError as exc:
        raise UsageError(str(exc)) from None
    with receiver:
        yield WebhookSetup(receiver, secret, options.webhook_wait, options.webhook_url)


@dataclass(frozen=True)
class Target:
    base_url: str
    token: str
    other_token: str | None
    description: str


@contextmanager
def target_server(options: Options, webhooks: WebhookSetup | None = None) -> Iterator[Target]:
    """The server under test: the one named, or a fresh reference server on the same spec
    (sending the first token's webhooks to the suite's receiver)."""
    if options.base_url is not None and options.token is not None:
        yield Target(
            options.base_url.rstrip("/"), options.token, options.other_token, options.base_url
        )
        return
    try:
        from protocol_server.harness import ServerStartError, running_server
    except ImportError as exc:
        raise UsageError(
            f"The reference server (protocol_server) cannot be imported ({exc}); install the project "
            "(make setup), or give BASE_URL and TOKEN to test another server."
        ) from exc
    tokens = (f"conformance-{secrets.token_hex(12)}", f"conformance-{secrets.token_hex(12)}")
    env = {"PROTOCOL_SPEC": str(options.spec.resolve())}
    if webhooks is not None:
        env["PROTOCOL_WEBHOOKS"] = f"{tokens[0]}={webhooks.url}"
        env["PROTOCOL_WEBHOOK_SECRET"] = webhooks.secret or ""
        env["PROTOCOL_WEBHOOK_RETRY"] = EMBEDDED_WEBHOOK_RETRY
    try:
        with running_server(tokens=tokens, env=env) as server:
            yield Target(
                server.base_url,
                tokens[0],
                tokens[1],
                f"{server.base_url} (embedded reference server)",
            )
    except ServerStartError as exc:
        raise UsageError(f"The embedded reference server did not start: {exc}") from exc


def embedded_scope(api: Api) -> tuple[Api, list[NotServed]]:
    """What of `api` the embedded reference server serves (the model with only those
    resources), and each resource it leaves out with the server's reasons. Read from the
    server's own plan (`protocol_server.plan.survey`), so the two never disagree. Nothing
    servable cannot be tested: `UsageError` with every reason, per resource."""
    try:
        from protocol_server.plan import survey
    except ImportError as exc:
        raise UsageError(
            f"The reference server (protocol_server) cannot be imported ({exc}); install the project "
            "(make setup), or give BASE_URL and TOKEN to test another server."
        ) from exc
    found = survey(api)
    not_served = [
        NotServed(
            left.resource.name,
            tuple(op.label for op in left.resource.operations),
            tuple(reason.render() for reason in left.reasons),
            tuple(
                "; ".join(
                    r.problem
                    for r in left.reasons
                    if r.pointer == op.pointer or r.pointer.startswith(op.pointer + "/")
                )
                for op in left.resource.operations
            ),
        )
        for left in found.unserved
    ]
    if found.plan is None:
        heading = (
            f"The embedded reference server can serve nothing of {api.positions.file}, so "
            "nothing can be tested on it (give BASE_URL and TOKEN to test a server of your own "
            "against this spec). Why:"
        )
        lines = [heading]
        if found.problems:
            lines.append("  the whole spec:")
            lines += ["    " + line for e in found.problems for line in e.render().splitlines()]
        for left in not_served:
            lines.append(f"  resource '{left.resource}' ({', '.join(left.operations)}):")
            lines += ["    " + line for reason in left.reasons for line in reason.splitlines()]
        raise UsageError("\n".join(lines))
    served = {s.resource.name for s in found.plan.served}
    return replace(api, resources=tuple(r for r in api.resources if r.name in served)), not_served


def run(
    options: Options,
    target: Target,
    api: Api,
    fixtures: Fixtures,
    workers: FuzzWorkers | None = None,
    transport: TransportOptions | None = None,
    webhooks: WebhookSetup | None = None,
    not_served: Sequence[NotServed] = (),
) -> RunResults:
    """Both parts, each behind a function that takes settings and a results object; the
    schemathesis part in `workers`' processes when given (WORKERS > 1). Once one part ends the
    run (the server hangs, DEADLINE), the other does not start. With `not_served` (the
    embedded server's resources left out), `api` holds only the served resources, and only
    their operations are fuzzed."""
    # Imported here so that `--help` and argument errors stay instant.
    from protocol_conformance.fuzz import FuzzSettings
    from protocol_conformance.guard import RunOver
    from protocol_conformance.http import ApiClient, Credential
    from protocol_conformance.objects import clean_up
    from protocol_conformance.plan import plan_resources
    from protocol_conformance.scenario import ScenarioSettings, objects_needed, run_scenario
    from protocol_conformance.shards import run_one_by_one

    transport = transport or _transport(options, None)
    results = RunResults(not_served=list(not_served))
    semantic = RunResults()  # merged after the fuzzer's findings, however the two ran
    scenario_ran: list[bool] = []

    def scenario() -> None:
        scenario_ran.append(True)
        settings = ScenarioSettings(
            api=api,
            base_url=target.base_url,
            token=target.token,
            other_token=target.other_token,
            transport=transport,
            fixtures=fixtures,
            max_objects=options.max_objects or objects_needed(api),
            webhooks=webhooks,
        )
        try:
            run_scenario(settings, semantic)
        except RunOver as over:
            semantic.ended = str(over)
        except Exception as exc:  # noqa: BLE001 - as above
            semantic.errors.append(f"the semantic scenario stopped: {type(exc).__name__}: {exc}")

    # With worker processes, the scenario runs in this one while they fuzz the operations
    # that change nothing; paced runs (RATE_LIMIT) keep the two apart, to keep to the rate.
    alongside = (
        scenario
        if workers is not None and "semantic" in options.parts and options.rate_limit is None
        else None
    )
    if "schemathesis" in options.parts:
        try:
            settings = FuzzSettings(
                spec=options.spec,
                base_url=target.base_url,
                token=target.token,
                other_token=target.other_token,
                seed=options.seed,
                max_examples=options.max_examples,
                request_timeout=options.timeout,
                rate_limit=options.rate_limit,
                rate_auto=options.rate_auto,
                limits=transport.limits,
                ca_bundle=options.ca_bundle,
                client_cert=options.client_cert,
                client_key=options.client_key,
                operations=tuple(op.label for op in api.operations) if not_served else None,
            )
            if workers is not None:
                workers.run(settings, api, results, alongside)
            else:
                run_one_by_one(settings, api, results)
        except CannotTest:
            raise
        except Exception as exc:  # noqa: BLE001 - whatever the server did, the run ends with a report
            results.errors.append(f"the schemathesis part stopped: {type(exc).__name__}: {exc}")
        finally:
            credentials = {"TOKEN": Credential(target.token, "TOKEN")}
            if target.other_token:
                credentials["OTHER_TOKEN"] = Credential(target.other_token, "OTHER_TOKEN")
            client = ApiClient(target.base_url, transport)
            try:
                with client.watch.clean_up_time():
                    clean_up(
                        client,
                        {p.name: p for p in plan_resources(api)},
                        [
                            (o.resource, o.object_id, credentials[o.variable])
                            for o in results.created
                        ],
                        results,
                    )
            finally:
                client.close()
    if "semantic" in options.parts and not scenario_ran and not results.ended:
        scenario()
    results.merge(semantic)
    return results


def _transport(options: Options, deadline: float | None) -> TransportOptions:
    """How to reach the server; `deadline` is when the run must end (time.time())."""
    from protocol_conformance.guard import Limits
    from protocol_conformance.http import TransportOptions

    return TransportOptions(
        timeout=options.timeout,
        rate_limit=options.rate_limit,
        rate_auto=options.rate_auto,
        limits=Limits(
            timeout=options.timeout,
            max_response_bytes=options.max_response_bytes,
            max_depth=options.max_depth,
            deadline=deadline,
        ),
        ca_bundle=options.ca_bundle,
        client_cert=options.client_cert,
        client_key=options.client_key,
    )


def main(argv: Sequence[str] | None = None) -> int:
    from protocol_conformance.fixtures import load_fixtures
    from protocol_conformance.guard import RunOver
    from protocol_conformance.preflight import check_existing, preflight
    from protocol_conformance.report import visible
    from protocol_conformance.shards import FuzzWorkers
    from protocol_spec import SpecErrors, load_api

    started = time.monotonic()
    options: Options | None = None
    target: Target | None = None
    not_served: list[NotServed] = []
    try:
        options = parse_options(argv)
        deadline = time.time() + options.deadline
        try:
            api = load_api(options.spec)
        except SpecErrors as exc:
            raise UsageError(f"The spec {options.spec} cannot be used:\n{exc}") from None
        fixtures = load_fixtures(options.fixtures, api)
        if options.base_url is None:
            # Only what the embedded server serves is tested; the rest is reported.
            api, not_served = embedded_scope(api)
        with ExitStack() as stack:
            workers = None
            if options.workers > 1 and "schemathesis" in options.parts:
                # Started first: the workers import schemathesis while the server starts.
                workers = stack.enter_context(FuzzWorkers(options.workers, options.spec))
            webhooks = stack.enter_context(webhook_receiver(options))
            target = stack.enter_context(target_server(options, webhooks))
            transport = _transport(options, deadline)
            preflight(api, target.base_url, target.token, target.other_token, transport)
            check_existing(api, fixtures, target.base_url, target.token, transport)
            results = run(options, target, api, fixtures, workers, transport, webhooks, not_served)
    except CannotTest as exc:
        print(f"conformance: {visible(str(exc))}", file=sys.stderr)
        if options is not None:
            _junit_quietly(RunResults(ended=str(exc)), options.report_dir, started)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("conformance: interrupted.", file=sys.stderr)
        return 130
    except RunOver as over:
        assert options is not None  # only requests end the run, after the options were read
        results = RunResults(ended=str(over))
    except Exception as exc:  # noqa: BLE001 - whatever happened, a report and no traceback
        if options is None:
            print(f"conformance: {type(exc).__name__}: {exc}", file=sys.stderr)
            return EXIT_FAILED
        results = RunResults(errors=[f"the run stopped: {type(exc).__name__}: {exc}"])
    results.not_served = results.not_served or not_served
    return _report(options, target, results, time.monotonic() - started)


def _report(options: Options, target: Target | None, results: RunResults, elapsed: float) -> int:
    """Print the summary, write the JUnit file, and say the exit status."""
    from protocol_conformance.report import render_summary, write_junit

    other_token = target.other_token if target else options.other_token
    settings_line = (
        f"spec {options.spec}, seed {options.seed}, max examples {options.max_examples}, "
        f"workers {options.workers}{' (auto)' if options.workers_auto else ''}, max objects "
        f"{options.max_objects or 'what the spec needs'}, parts {', '.join(options.parts)}"
        + (f", fixtures {options.fixtures}" if options.fixtures else "")
        + (f", at most {options.rate_limit:g} requests/s" if options.rate_limit else "")
        + (", rate limit auto" if options.rate_auto else "")
        + f", timeout {options.timeout:g} s, deadline {options.deadline:g} s"
        + ("" if other_token else "; OTHER_TOKEN not given: account isolation not checked")
    )
    description = target.description if target else (options.base_url or "(reference server)")
    summary = render_summary(
        results, target=description, settings_line=settings_line, elapsed=elapsed
    )
    if results.ended:
        status = EXIT_UNUSABLE
    else:
        status = EXIT_PASSED if results.ok else EXIT_FAILED
    try:
        report = write_junit(results, options.report_dir, elapsed=elapsed)
    except OSError as exc:
        summary += f"\nconformance: could not write the JUnit report in {options.report_dir}: {exc}"
        status = max(status, EXIT_FAILED)
    else:
        summary += f"\nJUnit report: {report}"
    try:
        print(summary, flush=True)
    except BrokenPipeError:
        # The output went into something like `head` that stopped reading: not worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return status


def _junit_quietly(results: RunResults, report_dir: Path, started: float) -> None:
    """The JUnit file of a run that could not test the server (CI still gets one)."""
    from protocol_conformance.report import write_junit

    try:
        write_junit(results, report_dir, elapsed=time.monotonic() - started)
    except OSError:
        pass  # the diagnosis on stderr is what matters here
