"""`make bench`: ours against what users would pick instead, measured in the same run.

    python -m protocol_bench          # BENCH_RUNS=3 BENCH_SECONDS=5 by default

Prints Markdown tables on standard output (progress goes to standard error), writes every
figure to reports/bench/bench.json, and exits 1 when a target is missed:
- generation at 500 operations in at most half of openapi-python-client's time, while
  producing three clients, the reference page and openapi.json; cost no worse than linear;
  and on the large real spec of bench/specs/ (Box's, 296 operations) the same half;
- a no-op `make generate` in at most 0.3 s, as a whole process;
- the reference server at least 5x Prism's mock on get by id and 3x on list;
- conformance with WORKERS=2 at least 1.5x faster than with one, with the same findings.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from dataclasses import asdict
from typing import Any

from protocol_bench import commands, conformance, environment, generation, server, synthetic
from protocol_bench.errors import BenchError
from protocol_bench.report import Target, markdown_table, ratio
from protocol_conformance.cli import auto_workers
from protocol_spec import PROJECT_ROOT

__all__ = [
    "CONNECTIONS",
    "GENERATION_SHARE",
    "NO_OP_BUDGET_SECONDS",
    "REPORT",
    "SERVER_RATIOS",
    "WHOLE_API_BUDGET_SECONDS",
    "WORKERS_SPEED_UP",
    "main",
]

REPORT = PROJECT_ROOT / "reports" / "bench" / "bench.json"
NO_OP_BUDGET_SECONDS = 0.3
GENERATION_SHARE = 0.5  # of openapi-python-client's time, at the largest size
SERVER_RATIOS = {"get by id": 5.0, "list": 3.0}  # at least this many times Prism's requests/s
WORKERS_SPEED_UP = 1.5
WHOLE_API_BUDGET_SECONDS = 60.0  # the default run on the whole API, embedded server
CONNECTIONS = 32


def main() -> int:
    runs = _positive("BENCH_RUNS", 3)
    seconds = _positive("BENCH_SECONDS", 5)
    try:
        tools = environment.prepare(_say)
        started = time.perf_counter()
        generated = generation.measure_generation(tools, runs, _say)
        timed = commands.measure_commands(runs, _say)
        served = server.measure_servers(tools, seconds, CONNECTIONS, _say)
        fuzzed = conformance.measure_conformance(_say)
    except BenchError as failed:
        print(f"bench: {failed}", file=sys.stderr)
        return 2
    targets = [
        *_generation_targets(generated),
        _no_op_target(timed),
        *_server_targets(served),
        _conformance_target(fuzzed),
        _whole_api_target(fuzzed),
    ]
    print(_markdown(runs, seconds, generated, timed, served, fuzzed, targets))
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        json.dumps(
            {
                "machine": _machine(),
                "settings": {"runs": runs, "seconds": seconds, "connections": CONNECTIONS},
                "generation": [asdict(row) for row in generated],
                "commands": [asdict(row) for row in timed],
                "server": [asdict(row) for row in served],
                "conformance": [asdict(row) for row in fuzzed],
                "targets": [asdict(target) for target in targets],
                "bench_seconds": round(time.perf_counter() - started, 1),
            },
            indent=2,
        )
        + "\n"
    )
    _say(f"bench: figures written to {REPORT.relative_to(PROJECT_ROOT)}")
    return 0 if all(target.met for target in targets) else 1


# -- targets -----------------------------------------------------------------------------------


def _generation_targets(rows: list[generation.GenerationRow]) -> list[Target]:
    by = {
        (row.generator, row.operations): row.median_seconds
        for row in rows
        if row.spec == generation.SYNTHETIC
    }
    small, large = generation.SIZES[0], generation.SIZES[-1]
    ours, anchor = by[(generation.OURS, large)], by[(generation.OPENAPI_PYTHON_CLIENT, large)]
    growth = ratio(by[(generation.OURS, large)], by[(generation.OURS, small)])
    return [
        Target(
            f"generation at {large} operations <= {GENERATION_SHARE:g} x openapi-python-client",
            f"{ours:.2f} s against {anchor:.2f} s ({ratio(ours, anchor):.2f} x)",
            ours <= GENERATION_SHARE * anchor,
        ),
        Target(
            f"generation cost no worse than linear ({large // small} x the operations)",
            f"{growth:.2f} x the time from {small} to {large} operations",
            growth <= large / small,
        ),
        *_real_spec_targets(rows),
    ]


def _real_spec_targets(rows: list[generation.GenerationRow]) -> list[Target]:
    """The same share of openapi-python-client's time on the real spec."""
    real = {row.generator: row for row in rows if row.spec == generation.REAL.name}
    if generation.OURS not in real or generation.OPENAPI_PYTHON_CLIENT not in real:
        return []
    ours, anchor = real[generation.OURS], real[generation.OPENAPI_PYTHON_CLIENT]
    return [
        Target(
            f"generation of {ours.spec} ({ours.operations} operations) <= "
            f"{GENERATION_SHARE:g} x openapi-python-client",
            f"{ours.median_seconds:.2f} s against {anchor.median_seconds:.2f} s "
            f"({ratio(ours.median_seconds, anchor.median_seconds):.2f} x)",
            ours.median_seconds <= GENERATION_SHARE * anchor.median_seconds,
        )
    ]


def _no_op_target(rows: list[commands.CommandRow]) -> Target:
    no_op = next(row for row in rows if row.command == commands.NO_OP_GENERATE)
    return Target(
        f"{commands.NO_OP_GENERATE} <= {NO_OP_BUDGET_SECONDS} s",
        f"{no_op.median_seconds:.3f} s (median of {no_op.runs})",
        no_op.median_seconds <= NO_OP_BUDGET_SECONDS,
    )


def _server_targets(rows: list[server.ServerRow]) -> list[Target]:
    targets = []
    for scenario, wanted in SERVER_RATIOS.items():
        ours = _server_row(rows, scenario, server.OURS)
        prism = _server_row(rows, scenario, server.PRISM)
        times = ratio(ours.requests_per_second, prism.requests_per_second)
        targets.append(
            Target(
                f"reference server, {scenario}: >= {wanted:g} x Prism's mock",
                f"{ours.requests_per_second:,.0f} against {prism.requests_per_second:,.0f} "
                f"requests/s ({times:.1f} x)",
                times >= wanted and ours.failures == 0,
            )
        )
    return targets


def _server_row(rows: list[server.ServerRow], scenario: str, name: str) -> server.ServerRow:
    return next(row for row in rows if row.scenario.startswith(scenario) and row.server == name)


def _conformance_target(rows: list[conformance.ConformanceRow]) -> Target:
    project = [row for row in rows if row.spec == conformance.PROJECT_SPEC]
    one, two = project[0], project[-1]
    speed_up = ratio(one.seconds, two.seconds)
    same = one.findings == two.findings
    return Target(
        f"conformance, {two.workers} workers >= {WORKERS_SPEED_UP:g} x one worker, same findings",
        f"{one.seconds:.1f} s against {two.seconds:.1f} s ({speed_up:.2f} x); "
        + (
            f"the same {len(one.findings)} findings"
            if same
            else f"findings differ: {one.findings} against {two.findings}"
        ),
        speed_up >= WORKERS_SPEED_UP and same,
    )


def _whole_api_target(rows: list[conformance.ConformanceRow]) -> Target:
    """The default run uses WORKERS=auto (one per core, at most MOST_AUTO_WORKERS): the target
    holds for the measured row with that many workers here (else the most measured)."""
    whole = [row for row in rows if row.spec == conformance.WHOLE_API]
    cores = auto_workers()
    default = max(
        (row for row in whole if row.workers <= cores), key=lambda r: r.workers, default=whole[0]
    )
    measured = ", ".join(f"{row.seconds:.1f} s with {row.workers}" for row in whole)
    return Target(
        f"default conformance run on the whole API <= {WHOLE_API_BUDGET_SECONDS:g} s "
        f"(WORKERS=auto: {cores} here)",
        f"{measured} worker(s); {len(default.findings)} findings",
        default.seconds <= WHOLE_API_BUDGET_SECONDS and not default.findings,
    )


# -- the report --------------------------------------------------------------------------------


def _markdown(
    runs: int,
    seconds: int,
    generated: list[generation.GenerationRow],
    timed: list[commands.CommandRow],
    served: list[server.ServerRow],
    fuzzed: list[conformance.ConformanceRow],
    targets: list[Target],
) -> str:
    ours_by_spec = {
        (row.spec, row.operations): row.median_seconds
        for row in generated
        if row.generator == generation.OURS
    }
    sections = [
        "## Generation",
        (
            "Synthetic specs built from the conversations spec, "
            f"{synthetic.SOURCE.relative_to(PROJECT_ROOT)} (`python -m protocol_bench.synthetic`), "
            f"and a large real spec, the {generation.REAL.name} "
            f"({generation.REAL.archive.relative_to(PROJECT_ROOT)}, ours with "
            "`--lenient`, openapi-python-client with `literal_enums`: see the README beside it); "
            f"every run cold, into a fresh folder; median of {runs} runs."
        ),
        "",
        markdown_table(
            [
                "spec",
                "operations",
                "generator",
                "produces",
                "median s",
                "min-max s",
                "peak MiB",
                "files",
                "lines",
                "warnings",
                "time vs ours",
            ],
            [
                [
                    row.spec,
                    row.operations,
                    row.generator,
                    row.produces,
                    row.median_seconds,
                    f"{row.min_seconds:.2f}-{row.max_seconds:.2f}",
                    row.peak_mib,
                    row.files,
                    row.lines,
                    row.warnings,
                    f"{ratio(row.median_seconds, ours_by_spec[(row.spec, row.operations)]):.2f} x",
                ]
                for row in generated
            ],
        ),
        "",
        "## Our commands",
        "Whole processes, as a user runs them.",
        "",
        markdown_table(
            ["command", "median s", "max s", "runs"],
            [[row.command, row.median_seconds, row.max_seconds, row.runs] for row in timed],
        ),
        "",
        "## Reference server against Prism's mock",
        (
            f"wrk, 2 threads, {CONNECTIONS} connections, {seconds} s per scenario after "
            f"{server.WARM_UP} s of warm-up; ours as `make serve` runs it (one process, on-disk "
            "SQLite, WAL, synchronous=FULL), Prism in its static mode."
        ),
        "",
        markdown_table(
            ["scenario", "server", "requests/s", "p50 ms", "p99 ms", "failures", "vs Prism"],
            [
                [
                    row.scenario,
                    row.server,
                    row.requests_per_second,
                    row.p50_ms,
                    row.p99_ms,
                    row.failures,
                    f"{ratio(row.requests_per_second, _prism_rps(served, row.scenario)):.1f} x",
                ]
                for row in served
            ],
        ),
        "",
        "## Conformance",
        (
            "`make conformance` against the embedded reference server: "
            f"{conformance.PROJECT_SPEC} at {conformance.DESCRIPTION}; and "
            f"{conformance.WHOLE_API_DESCRIPTION}."
        ),
        "",
        markdown_table(
            ["spec", "max examples", "workers", "seconds", "requests", "requests/s", "findings"],
            [
                [
                    row.spec,
                    row.max_examples or "default",
                    row.workers,
                    row.seconds,
                    row.requests,
                    row.requests_per_second,
                    len(row.findings),
                ]
                for row in fuzzed
            ],
        ),
        "",
        "## Targets",
        "",
        markdown_table(
            ["target", "measured", "met"],
            [[target.name, target.measured, "yes" if target.met else "NO"] for target in targets],
        ),
    ]
    return "\n".join(sections)


def _prism_rps(rows: list[server.ServerRow], scenario: str) -> float:
    return next(
        row.requests_per_second
        for row in rows
        if row.scenario == scenario and row.server == server.PRISM
    )


def _machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d"),
    }


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"bench: {name}={raw!r}; give a whole number of at least 1")
    return int(raw)


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
