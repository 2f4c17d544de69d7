"""Generation, ours against the generators users would pick instead, on synthetic specs.

Every run is cold: a fresh output folder each time (our no-op key only serves `make generate`
on the project's own tree, so it never answers here). The tools take turns within each round,
so that whatever else the machine does weighs on all of them alike. One unmeasured round first
lets every tool's Python write its bytecode, as it has on a user's machine.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from protocol_bench.environment import BenchTools
from protocol_bench.measure import Run, run_measured, tree_size, users_environment
from protocol_bench.synthetic import operations_per_copy, write_synthetic_spec

__all__ = ["OURS", "SIZES", "GenerationRow", "Generator", "generators", "measure_generation"]

SIZES = (100, 500)  # operations
OURS = "ours"


@dataclass(frozen=True)
class Generator:
    name: str
    produces: str
    command: Callable[[Path, Path], list[str]]  # (spec, fresh output folder) -> argv
    makes_its_folder: bool = True  # False: the folder must exist before it runs


@dataclass(frozen=True)
class GenerationRow:
    generator: str
    produces: str
    operations: int
    median_seconds: float
    min_seconds: float
    max_seconds: float
    peak_mib: float
    files: int
    lines: int
    warnings: int  # lines of its output starting with WARNING (what it left out, for one)


def generators(tools: BenchTools) -> list[Generator]:
    return [
        Generator(
            OURS,
            "Python, TypeScript and PHP clients, reference page, openapi.json",
            lambda spec, out: [
                sys.executable,
                "-m",
                "protocol_codegen",
                "generate",
                "--spec",
                str(spec),
                "--out",
                str(out),
            ],
        ),
        Generator(
            "openapi-python-client",
            "Python client",
            lambda spec, out: [
                str(tools.openapi_python_client),
                "generate",
                "--path",
                str(spec),
                "--output-path",
                str(out),
            ],
        ),
        Generator(
            "datamodel-code-generator",
            "Python models only",
            lambda spec, out: [
                str(tools.datamodel_codegen),
                "--input",
                str(spec),
                "--input-file-type",
                "openapi",
                "--output-model-type",
                "pydantic_v2.BaseModel",
                "--output",
                str(out / "models.py"),
            ],
            makes_its_folder=False,
        ),
    ]


def measure_generation(
    tools: BenchTools, runs: int, say: Callable[[str], None]
) -> list[GenerationRow]:
    # The anchors' bin first: openapi-python-client's post-hooks call `ruff` from PATH.
    env = users_environment(tools.bin_dir)
    per_copy = operations_per_copy()
    all_generators = generators(tools)
    timings: dict[tuple[str, int], list[Run]] = {}
    sizes: dict[tuple[str, int], tuple[int, int]] = {}
    with tempfile.TemporaryDirectory(prefix="protocol-bench-") as scratch_name:
        scratch = Path(scratch_name)
        specs = {
            size: write_synthetic_spec(size // per_copy, scratch / f"synthetic-{size}.yaml")
            for size in SIZES
        }
        for round_number in range(runs + 1):
            measured = round_number > 0
            for size in SIZES if measured else SIZES[:1]:
                for generator in all_generators:
                    out = scratch / f"{generator.name}-{size}-{round_number}"
                    if not generator.makes_its_folder:
                        out.mkdir()
                    say(
                        f"bench: generation, {generator.name}, {size} operations, "
                        + (f"run {round_number} of {runs}" if measured else "warm-up")
                    )
                    run = run_measured(generator.command(specs[size], out), env=env)
                    if measured:
                        timings.setdefault((generator.name, size), []).append(run)
                        sizes[(generator.name, size)] = tree_size(out, _COUNTED)
    return [
        _row(generator, size, timings[(generator.name, size)], sizes[(generator.name, size)])
        for size in SIZES
        for generator in all_generators
    ]


# The files that count as output (not caches or lock files).
_COUNTED = (".py", ".ts", ".js", ".php", ".json", ".html", ".css", ".md", ".toml")


def _row(generator: Generator, size: int, runs: list[Run], tree: tuple[int, int]) -> GenerationRow:
    seconds = [run.seconds for run in runs]
    return GenerationRow(
        generator=generator.name,
        produces=generator.produces,
        operations=size,
        median_seconds=statistics.median(seconds),
        min_seconds=min(seconds),
        max_seconds=max(seconds),
        peak_mib=max(run.peak_mib for run in runs),
        files=tree[0],
        lines=tree[1],
        warnings=sum(line.startswith("WARNING") for line in runs[-1].stderr.splitlines()),
    )
