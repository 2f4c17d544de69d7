"""`python -m protocol_conformance`: check a live server against spec/openapi.yaml.

Exit status: 0 every check held; 1 a check failed or the run could not complete; 2 the server
could not be tested at all (bad arguments, unreachable, not a Protocol API).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from protocol_conformance.errors import CannotTest
from protocol_conformance.preflight import preflight
from protocol_conformance.results import RunResults

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SPEC = PROJECT_ROOT / "spec" / "openapi.yaml"
DEFAULT_SEED = 20261121
DEFAULT_MAX_EXAMPLES = 100
DEFAULT_WORKERS = 1
DEFAULT_REPORT_DIR = "reports/conformance"
DEFAULT_TIMEOUT = 10.0
PARTS = ("schemathesis", "semantic")

EXIT_PASSED, EXIT_FAILED, EXIT_UNUSABLE = 0, 1, 2


class UsageError(CannotTest):
    """An argument or environment variable is unusable; the message says which and why."""


@dataclass(frozen=True)
class Options:
    base_url: str | None
    token: str | None
    other_token: str | None
    seed: int
    max_examples: int
    workers: int
    report_dir: Path
    spec: Path
    timeout: float
    parts: tuple[str, ...]


def _env(name: str) -> str | None:
    # `make conformance BASE_URL=` passes an empty value: that means "not given".
    value = os.environ.get(name, "").strip()
    return value or None


def _env_number(name: str, default: float, kind: type[int | float]) -> float:
    raw = _env(name)
    if raw is None:
        return default
    try:
        return kind(raw)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise UsageError(f"{name}={raw!r} is not {what}; e.g. {name}={default:g}.") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m protocol_conformance",
        description=(
            "Check a live Protocol API server against spec/openapi.yaml: schemathesis (examples, "
            "coverage, fuzzing and stateful phases, every built-in check) plus semantic checks "
            "(filters, limit/has_more, cursors, stored updates, deletes, account isolation, error "
            "objects). Without --base-url, starts the reference server with a fresh database and "
            "two fresh tokens, tests it, and stops it. Every option falls back to the environment "
            "variable named in its help."
        ),
        epilog=(
            "Exit status: 0 every check held, 1 a check failed, 2 the server could not be tested. "
            "Failures print a curl command to reproduce them; export TOKEN (and OTHER_TOKEN) first."
        ),
    )
    parser.add_argument(
        "--base-url", help="root URL of the server under test, without /v1 (env BASE_URL)"
    )
    parser.add_argument(
        "--token", help="API token of one account (env TOKEN); required with --base-url"
    )
    parser.add_argument(
        "--other-token",
        help="token of a second account, for the isolation checks (env OTHER_TOKEN); skipped without it",
    )
    parser.add_argument(
        "--seed", type=int, help=f"generation seed (env SEED, default {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--max-examples",
        type=int,
        help=f"examples per operation and phase (env MAX_EXAMPLES, default {DEFAULT_MAX_EXAMPLES})",
    )
    parser.add_argument(
        "--workers",
        type=int,
        help=f"concurrent schemathesis workers (env WORKERS, default {DEFAULT_WORKERS})",
    )
    parser.add_argument(
        "--report-dir",
        help=f"where the JUnit XML report goes (env REPORT_DIR, default {DEFAULT_REPORT_DIR})",
    )
    parser.add_argument("--spec", help=f"OpenAPI document to test against (default {DEFAULT_SPEC})")
    parser.add_argument(
        "--timeout",
        type=float,
        help=f"seconds to wait for each answer (env TIMEOUT, default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--only",
        choices=PARTS,
        help="run only one part: the schemathesis run or the semantic scenario (default: both)",
    )
    return parser


def parse_options(argv: Sequence[str] | None) -> Options:
    args = build_parser().parse_args(argv)
    options = Options(
        base_url=args.base_url or _env("BASE_URL"),
        token=args.token or _env("TOKEN"),
        other_token=args.other_token or _env("OTHER_TOKEN"),
        seed=args.seed if args.seed is not None else int(_env_number("SEED", DEFAULT_SEED, int)),
        max_examples=(
            args.max_examples
            if args.max_examples is not None
            else int(_env_number("MAX_EXAMPLES", DEFAULT_MAX_EXAMPLES, int))
        ),
        workers=args.workers
        if args.workers is not None
        else int(_env_number("WORKERS", DEFAULT_WORKERS, int)),
        report_dir=Path(args.report_dir or _env("REPORT_DIR") or DEFAULT_REPORT_DIR),
        spec=Path(args.spec) if args.spec else DEFAULT_SPEC,
        timeout=args.timeout
        if args.timeout is not None
        else _env_number("TIMEOUT", DEFAULT_TIMEOUT, float),
        parts=(args.only,) if args.only else PARTS,
    )
    if options.max_examples < 1:
        raise UsageError(f"MAX_EXAMPLES must be at least 1, got {options.max_examples}.")
    if not 1 <= options.workers <= 64:
        raise UsageError(f"WORKERS must be from 1 to 64, got {options.workers}.")
    if options.timeout <= 0:
        raise UsageError(f"TIMEOUT must be a positive number of seconds, got {options.timeout:g}.")
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


@dataclass(frozen=True)
class Target:
    base_url: str
    token: str
    other_token: str | None
    description: str


@contextmanager
def target_server(options: Options) -> Iterator[Target]:
    """The server under test: the one named, or a fresh reference server for the duration."""
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
    try:
        with running_server(tokens=tokens) as server:
            yield Target(
                server.base_url,
                tokens[0],
                tokens[1],
                f"{server.base_url} (embedded reference server)",
            )
    except ServerStartError as exc:
        raise UsageError(f"The embedded reference server did not start: {exc}") from exc


def run(options: Options, target: Target) -> RunResults:
    # Imported here so that `--help` and argument errors stay instant.
    from protocol_conformance.fuzz import FuzzSettings, run_fuzz
    from protocol_conformance.scenario import run_scenario

    results = RunResults()
    if "schemathesis" in options.parts:
        run_fuzz(
            FuzzSettings(
                spec=options.spec,
                base_url=target.base_url,
                token=target.token,
                other_token=target.other_token,
                seed=options.seed,
                max_examples=options.max_examples,
                workers=options.workers,
                request_timeout=options.timeout,
            ),
            results,
        )
    if "semantic" in options.parts:
        run_scenario(
            target.base_url, target.token, target.other_token, results, timeout=options.timeout
        )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    from protocol_conformance.report import render_summary, write_junit

    started = time.monotonic()
    try:
        options = parse_options(argv)
        with target_server(options) as target:
            preflight(target.base_url, target.token, target.other_token, timeout=options.timeout)
            results = run(options, target)
    except CannotTest as exc:
        print(f"conformance: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("conformance: interrupted.", file=sys.stderr)
        return 130
    elapsed = time.monotonic() - started
    settings_line = (
        f"seed {options.seed}, max examples {options.max_examples}, workers {options.workers}, "
        f"parts {', '.join(options.parts)}"
        + ("" if target.other_token else "; OTHER_TOKEN not given: account isolation not checked")
    )
    summary = render_summary(
        results, target=target.description, settings_line=settings_line, elapsed=elapsed
    )
    status = EXIT_PASSED if results.ok else EXIT_FAILED
    try:
        report = write_junit(results, options.report_dir, elapsed=elapsed)
    except OSError as exc:
        summary += f"\nconformance: could not write the JUnit report in {options.report_dir}: {exc}"
        status = EXIT_FAILED
    else:
        summary += f"\nJUnit report: {report}"
    try:
        print(summary, flush=True)
    except BrokenPipeError:
        # The output went into something like `head` that stopped reading: not worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return status
