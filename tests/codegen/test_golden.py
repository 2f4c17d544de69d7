"""Golden tests: the generator's output for fixture specs, file by file.

The expected trees live in tests/golden/<fixture>/. After an intended change to templates or
the generator, refresh them with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/codegen/test_golden.py`
and review the diff like any other code.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from protocol_codegen.check import find_drift
from protocol_codegen.pipeline import render_targets
from protocol_codegen.targets import TARGETS
from protocol_codegen.write import write_generated
from protocol_spec import PROJECT_ROOT, load_api

FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "specs"
GOLDEN = PROJECT_ROOT / "tests" / "golden"
GOLDEN_FIXTURES = ["two_resources"]
ALL_TARGETS = sorted(TARGETS)


def _render(fixture: str) -> dict[str, str]:
    return render_targets(load_api(FIXTURES / f"{fixture}.yaml"), ALL_TARGETS)


@pytest.mark.parametrize("fixture", GOLDEN_FIXTURES)
def test_output_matches_golden_tree(fixture: str, tmp_path: Path) -> None:
    expected_root = GOLDEN / fixture
    files = _render(fixture)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(expected_root, ignore_errors=True)
        write_generated(files, expected_root, ALL_TARGETS)
    write_generated(files, tmp_path, ALL_TARGETS)  # through the real writer, into tmp_path
    produced = sorted(
        p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
    )
    expected = sorted(
        p.relative_to(expected_root).as_posix() for p in expected_root.rglob("*") if p.is_file()
    )
    assert produced == expected, "file lists differ; UPDATE_GOLDEN=1 refreshes the golden tree"
    for relative in produced:
        assert (tmp_path / relative).read_text() == (expected_root / relative).read_text(), (
            f"{relative} differs from tests/golden/{fixture}/{relative}"
        )


def test_second_resource_needs_no_template_change() -> None:
    files = _render("two_resources")
    client = files["python/protocol_api/_client.py"]
    assert "self.widgets = Widgets(self)" in client
    assert "self.widgets = AsyncWidgets(self)" in client
    widgets = files["python/protocol_api/resources/widgets.py"]
    for method in ("list", "create", "get", "update", "delete"):
        assert f"    def {method}(" in widgets
        assert f"    async def {method}(" in widgets
    assert "def search(" not in widgets  # `x-protocol-sdk-method: list` renames searchWidgets
    # Pagination from `x-protocol-pagination`, with the fixture's own parameter names.
    assert "SyncCursorPage[Widget]" in widgets
    assert "page_size" in widgets
    typescript = files["typescript/resources/widgets.d.ts"]
    php = files["php/src/Resources/Widgets.php"]
    for method in ("list", "create", "get", "update", "delete"):
        assert f"  {method}(" in typescript, method
        assert f"public function {method}(" in php, method


def test_two_runs_give_identical_bytes() -> None:
    first = _render("two_resources")
    second = _render("two_resources")
    assert first == second
    assert list(first) == sorted(first)


def test_generated_tree_is_up_to_date_with_spec_and_templates() -> None:
    """Drift: the committed generated/ is what spec/ and templates/ produce today."""
    api = load_api(PROJECT_ROOT / "spec" / "openapi.yaml")
    drift = find_drift(render_targets(api, ALL_TARGETS), PROJECT_ROOT / "generated", ALL_TARGETS)
    assert not drift, "generated/ is stale, run `make generate`:\n" + "\n".join(
        f"  {item.kind}: generated/{item.path}" for item in drift
    )


def test_every_file_starts_with_the_generated_header() -> None:
    files = _render("two_resources")
    for path, text in files.items():
        lines = text.splitlines()
        # PHP files must open with `<?php`, and JSON has no comments: the header follows or
        # sits in the package's description.
        header = next(line for line in lines if "Generated from" in line)
        assert "Generated from tests/fixtures/specs/two_resources.yaml + " in header, path
        assert "Do not edit." in header, path
