"""The parts of `make bench` that decide what is measured, checked for correctness (never for
speed): the synthetic specs, the real spec, the measuring launcher, the server scenarios, the
report."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from protocol_bench.environment import BenchTools
from protocol_bench.generation import (
    OURS,
    REAL,
    RealSpec,
    generators,
    measure_specs,
    unpack_real_spec,
)
from protocol_bench.measure import CommandFailed, run_measured
from protocol_bench.report import markdown_table
from protocol_bench.server import _benchmarked_resource, _create_body, _scenarios
from protocol_bench.synthetic import SOURCE, operations_per_copy, write_synthetic_spec
from protocol_codegen.pipeline import render_targets
from protocol_spec import DEFAULT_SPEC, load_api
from protocol_spec import PROJECT_ROOT as ROOT


def test_a_synthetic_spec_is_valid_and_has_the_operations_asked_for(tmp_path: Path) -> None:
    copies = 3
    path = write_synthetic_spec(copies, tmp_path / "synthetic.yaml")
    api = load_api(path)  # every check of the loader passes
    original = load_api(SOURCE)
    assert len(original.resources) == 1  # the one resource that is copied
    assert len(api.resources) == copies
    assert len(api.operations) == copies * operations_per_copy()
    assert len({resource.identifier for resource in api.resources}) == copies
    # Models named after the resource are copied; shared ones (Error) stay one.
    named = original.resources[0].model
    assert named is not None
    copied = [model for model in original.models if named in model.name]
    shared = len(original.models) - len(copied)
    assert len(api.models) == copies * len(copied) + shared
    # The generator takes it whole: every target renders.
    files = render_targets(api)
    assert any(path.startswith("python/") for path in files)
    assert "docs/index.html" in files


def test_the_synthetic_spec_is_block_yaml(tmp_path: Path) -> None:
    text = write_synthetic_spec(1, tmp_path / "one.yaml").read_text()
    assert text.startswith("openapi: 3.1")
    assert "description: |" in text  # descriptions of several lines as literal blocks


def test_the_stored_real_spec_is_large_and_licensed(tmp_path: Path) -> None:
    spec = unpack_real_spec(REAL, tmp_path)
    assert spec.operations >= 200
    assert spec.path.read_bytes() == gzip.decompress(REAL.archive.read_bytes())
    readme = (REAL.archive.parent / "README.md").read_text()
    assert f"{spec.operations} operations" in readme
    assert (REAL.archive.parent / "box-openapi.LICENSE").read_text().lstrip().startswith("Apache")
    assert REAL.openapi_python_client_config is not None
    assert REAL.openapi_python_client_config.is_file()


def test_a_real_spec_is_generated_with_its_settings_and_its_warnings_counted(
    tmp_path: Path,
) -> None:
    # A spec ours refuses without --lenient, which then prints two warnings.
    source = ROOT / "tests" / "fixtures" / "specs" / "features" / "lenient_default_and_example.yaml"
    archive = tmp_path / "small.yaml.gz"
    archive.write_bytes(gzip.compress(source.read_bytes()))
    real = RealSpec("Small API", archive, True, None, generators=(OURS,))
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    spec = unpack_real_spec(real, scratch)
    assert spec.operations == source.read_text().count("operationId:")
    nowhere = tmp_path / "no-such-tool"  # only ours runs
    tools = BenchTools(tmp_path, nowhere, nowhere, nowhere, nowhere)
    (row,) = measure_specs([spec], generators(tools), 1, lambda line: None, scratch)
    assert (row.spec, row.generator, row.operations) == ("Small API", OURS, spec.operations)
    assert row.warnings == 2
    assert row.files > 0 and row.lines > 0


def test_the_launcher_measures_the_command_not_the_benchmark() -> None:
    allocate = [
        sys.executable,
        "-c",
        "block = bytearray(200 * 1024 * 1024); block[::4096] = b'x' * len(block[::4096])",
    ]
    big = run_measured(allocate)
    assert big.peak_mib >= 200
    small = run_measured([sys.executable, "-c", "pass"])
    assert small.peak_mib < 100  # not this process's memory, which the fork started with
    assert small.seconds > 0


def test_a_failing_command_is_reported_with_its_output() -> None:
    with pytest.raises(CommandFailed, match="exited with 3") as failed:
        run_measured(
            [sys.executable, "-c", "import sys; print('why', file=sys.stderr); sys.exit(3)"]
        )
    assert "why" in str(failed.value)
    with pytest.raises(CommandFailed, match="could not be started"):
        run_measured(["/nonexistent/tool"])


def test_server_scenarios_come_from_the_model() -> None:
    api = load_api(DEFAULT_SPEC)
    resource = _benchmarked_resource(api)
    get, listing, create = (resource.operation(role) for role in ("get", "list", "create"))
    assert get is not None and listing is not None and create is not None
    scenarios = {
        scenario.name: scenario.lua for scenario in _scenarios(api, resource, ["a1", "b2"])
    }
    get_lua = scenarios["get by id"]
    assert '"a1", "b2"' in get_lua
    prefix = get.path.split("{")[0]
    assert f'"{prefix}" .. ids' in get_lua
    list_lua = next(lua for name, lua in scenarios.items() if name.startswith("list"))
    assert listing.path in list_lua
    assert listing.pagination is not None and f"?{listing.pagination.limit_param}=10" in list_lua
    body = _create_body(api, resource)
    assert body  # the spec's example request
    assert json.dumps(body) in scenarios["create"]
    assert f'wrk.path = "{create.path}"' in scenarios["create"]


def test_markdown_table_aligns_numbers_right() -> None:
    table = markdown_table(["name", "rps"], [["a", 1234.5], ["b", 2.345]])
    assert table.splitlines() == ["| name | rps |", "|---|---:|", "| a | 1,234 |", "| b | 2.35 |"]


def test_the_real_spec_has_its_own_generation_target() -> None:
    from protocol_bench.__main__ import _generation_targets
    from protocol_bench.generation import OPENAPI_PYTHON_CLIENT, SIZES, SYNTHETIC, GenerationRow

    def row(spec: str, generator: str, operations: int, seconds: float) -> GenerationRow:
        return GenerationRow(spec, generator, "", operations, seconds, seconds, seconds, 1, 1, 1, 0)

    rows = [
        row(SYNTHETIC, name, size, seconds * size / 100)
        for size in SIZES
        for name, seconds in ((OURS, 1.0), (OPENAPI_PYTHON_CLIENT, 3.0))
    ]
    rows += [row(REAL.name, OURS, 296, 4.0), row(REAL.name, OPENAPI_PYTHON_CLIENT, 296, 6.0)]
    targets = _generation_targets(rows)
    assert len(targets) == 3
    real = targets[-1]
    assert REAL.name in real.name and "296 operations" in real.name
    assert not real.met  # 4 s is more than half of 6 s
    assert "4.00 s against 6.00 s" in real.measured
