"""Generation, ours against the generators users would pick instead: on synthetic specs of
100 and 500 operations, and on a large real spec (bench/specs/: Box's, 296 operations), which
ours and openapi-python-client generate with the settings bench/specs/README.md gives.

Every run is cold: a fresh output folder each time (our no-op key only serves `make generate`
on the project's own tree, so it never answers here). The tools take turns within each round,
so that whatever else the machine does weighs on all of them alike. One unmeasured round first
lets every tool's Python write its bytecode, as it has on a user's machine.
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from protocol_bench.environment import BENCH_DIR, BenchTools
from protocol_bench.errors import BenchError
from protocol_bench.measure import Run, run_measured, tree_size, users_environment
from protocol_bench.synthetic import operations_per_copy, write_synthetic_spec
from protocol_spec.yaml_source import parse_yaml_text

__all__ = [
    "OPENAPI_PYTHON_CLIENT",
    "OURS",
    "REAL",
    "SIZES",
    "SYNTHETIC",
    "BenchSpec",
    "GenerationRow",
    "Generator",
    "RealSpec",
    "count_operations",
    "generators",
    "measure_generation",
    "measure_specs",
    "unpack_real_spec",
]

SIZES = (100, 500)  # operations
OURS = "ours"
OPENAPI_PYTHON_CLIENT = "openapi-python-client"
SYNTHETIC = "synthetic"
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True)
class RealSpec:
    """A large real spec, stored gzipped, and what each generator needs to take it."""

    name: str  # as the report names it
    archive: Path  # the gzipped JSON or YAML
    lenient: bool  # ours with `--lenient` (examples that do not match their schemas)
    openapi_python_client_config: Path | None  # its `--config`
    generators: tuple[str, ...] = (OURS, OPENAPI_PYTHON_CLIENT)


REAL = RealSpec(
    name="Box Platform API",
    archive=BENCH_DIR / "specs" / "box-openapi.json.gz",
    lenient=True,
    openapi_python_client_config=BENCH_DIR / "specs" / "openapi-python-client.yaml",
)


@dataclass(frozen=True)
class BenchSpec:
    """One spec the generators are measured on."""

    spec: str  # `synthetic`, or the real spec's name
    path: Path
    operations: int
    generators: tuple[str, ...]  # the names of those measured on it
    lenient: bool = False
    openapi_python_client_config: Path | None = None


@dataclass(frozen=True)
class Generator:
    name: str
    produces: str
    command: Callable[[BenchSpec, Path], list[str]]  # (spec, fresh output folder) -> argv
    makes_its_folder: bool = True  # False: the folder must exist before it runs


@dataclass(frozen=True)
class GenerationRow:
    spec: str  # `synthetic`, or the real spec's name
    generator: str
    produces: str
    operations: int
    median_seconds: float
    min_seconds: float
    max_seconds: float
    peak_mib: float
    files: int
    lines: int
    warnings: int  # lines of its output starting with WARNING (theirs) or `warning:` (ours)


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
                str(spec.path),
                "--out",
                str(out),
                *(["--lenient"] if spec.lenient else []),
            ],
        ),
        Generator(
            OPENAPI_PYTHON_CLIENT,
            "Python client",
            lambda spec, out: [
                str(tools.openapi_python_client),
                "generate",
                "--path",
                str(spec.path),
                "--output-path",
                str(out),
                *(
                    ["--config", str(spec.openapi_python_client_config)]
                    if spec.openapi_python_client_config
                    else []
                ),
            ],
        ),
        Generator(
            "datamodel-code-generator",
            "Python models only",
            lambda spec, out: [
                str(tools.datamodel_codegen),
                "--input",
                str(spec.path),
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


def unpack_real_spec(real: RealSpec, folder: Path) -> BenchSpec:
    """The real spec unpacked into `folder` (not measured: a user has the file), with its
    operations counted."""
    name = real.archive.name.removesuffix(".gz")
    path = folder / name
    try:
        path.write_bytes(gzip.decompress(real.archive.read_bytes()))
    except (OSError, EOFError) as error:
        raise BenchError(f"cannot unpack {real.archive}: {error}") from error
    return BenchSpec(
        real.name,
        path,
        count_operations(path),
        real.generators,
        real.lenient,
        real.openapi_python_client_config,
    )


def count_operations(path: Path) -> int:
    """The operations of an OpenAPI file (JSON, or YAML)."""
    text = path.read_text(encoding="utf-8")
    document: Any = (
        json.loads(text) if path.suffix == ".json" else parse_yaml_text(text, str(path)).document
    )
    paths = document.get("paths") or {}
    return sum(1 for item in paths.values() for method in item if method in _HTTP_METHODS)


def measure_generation(
    tools: BenchTools, runs: int, say: Callable[[str], None]
) -> list[GenerationRow]:
    """The synthetic sizes with every generator, then the real spec with ours and
    openapi-python-client."""
    names = tuple(generator.name for generator in generators(tools))
    with tempfile.TemporaryDirectory(prefix="protocol-bench-") as scratch_name:
        scratch = Path(scratch_name)
        per_copy = operations_per_copy()
        specs = [
            BenchSpec(
                SYNTHETIC,
                write_synthetic_spec(size // per_copy, scratch / f"synthetic-{size}.yaml"),
                size,
                names,
            )
            for size in SIZES
        ]
        specs.append(unpack_real_spec(REAL, scratch))
        return measure_specs(specs, generators(tools), runs, say, scratch, tools.bin_dir)


def measure_specs(
    specs: list[BenchSpec],
    all_generators: list[Generator],
    runs: int,
    say: Callable[[str], None],
    scratch: Path,
    bin_dir: Path | None = None,
) -> list[GenerationRow]:
    """Each spec with each of its generators, `runs` times (one unmeasured round first, on the
    first spec); the tools take turns within each round. `bin_dir` goes first on PATH."""
    # The anchors' bin first: openapi-python-client's post-hooks call `ruff` from PATH.
    env = users_environment(bin_dir) if bin_dir else users_environment()
    timings: dict[tuple[str, int, str], list[Run]] = {}
    sizes: dict[tuple[str, int, str], tuple[int, int]] = {}
    for round_number in range(runs + 1):
        measured = round_number > 0
        for index, spec in enumerate(specs if measured else specs[:1]):
            for generator in all_generators:
                if generator.name not in spec.generators:
                    continue
                key = (spec.spec, spec.operations, generator.name)
                out = scratch / f"{generator.name}-{index}-{round_number}"
                if not generator.makes_its_folder:
                    out.mkdir()
                say(
                    f"bench: generation, {generator.name}, {spec.spec} spec of "
                    f"{spec.operations} operations, "
                    + (f"run {round_number} of {runs}" if measured else "warm-up")
                )
                run = run_measured(generator.command(spec, out), env=env)
                if measured:
                    timings.setdefault(key, []).append(run)
                    sizes[key] = tree_size(out, _COUNTED)
    return [
        _row(spec, generator, timings[key], sizes[key])
        for spec in specs
        for generator in all_generators
        if (key := (spec.spec, spec.operations, generator.name)) in timings
    ]


# How a warning starts: openapi-python-client's (`WARNING parsing ...`, what it left out),
# ours (`warning: file:line: ...`, an example --lenient let through, a construct typed loosely).
_WARNING = ("WARNING", "warning:")

# The files that count as output (not caches or lock files).
_COUNTED = (".py", ".ts", ".js", ".php", ".json", ".html", ".css", ".md", ".toml")


def _row(
    spec: BenchSpec, generator: Generator, runs: list[Run], tree: tuple[int, int]
) -> GenerationRow:
    seconds = [run.seconds for run in runs]
    return GenerationRow(
        spec=spec.spec,
        generator=generator.name,
        produces=generator.produces,
        operations=spec.operations,
        median_seconds=statistics.median(seconds),
        min_seconds=min(seconds),
        max_seconds=max(seconds),
        peak_mib=max(run.peak_mib for run in runs),
        files=tree[0],
        lines=tree[1],
        warnings=sum(line.startswith(_WARNING) for line in runs[-1].stderr.splitlines()),
    )
