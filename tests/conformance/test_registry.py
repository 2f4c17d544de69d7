"""Checks are registered where they are written: what the suite derives from the registry
(the checks of each role, the steps' order, the table in docs/conformance.md) and a check added in one
place, in a copy of the project, that runs and shows in the coverage table."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from protocol_conformance import areas
from protocol_conformance import checks as schemathesis_checks
from protocol_conformance.registry import check

from .conftest import ROOT, TWO_RESOURCES
from .variants import KNOBS

TABLE_START = "| check | what must hold |"


TABLE_PLACE = ROOT / "docs" / "conformance.md"


def readme_table() -> str:
    text = TABLE_PLACE.read_text(encoding="utf-8")
    assert TABLE_START in text, f"no table of semantic checks in {TABLE_PLACE}"
    start = text.index(TABLE_START)
    return text[start : text.index("\n\n", start)]


def test_the_readme_table_is_the_registry() -> None:
    assert readme_table() == areas.markdown_table(), (
        "docs/conformance.md's table of semantic checks is out of date; replace it with:\n"
        + areas.markdown_table()
    )


def test_the_checks_applied_to_every_answer_run_inside_schemathesis_by_the_same_name() -> None:
    every_answer = [c.name for c in areas.checks() if c.every_answer]
    assert every_answer == ["error_object", "error_type"]
    for name in every_answer:
        assert getattr(schemathesis_checks, name).__name__ == name


def test_each_role_gets_the_checks_registered_for_it() -> None:
    by_role = {role: set(names) for role, names in areas.checks_by_role().items()}
    assert by_role == {
        "create": {
            "create_then_get",
            "create_defaults",
            "invalid_requests_rejected",
            "webhook_delivered",
            "webhook_payload",
            "webhook_signature",
            "webhook_redelivery",
        },
        "get": {"create_then_get", "tenant_isolation", "authentication"},
        "update": {
            "update_persisted",
            "update_partial",
            "assigned_unchanged",
            "tenant_isolation",
            "invalid_requests_rejected",
            "webhook_delivered",
            "webhook_payload",
        },
        "delete": {"delete_removes", "tenant_isolation", "webhook_delivered", "webhook_payload"},
        "list": {
            "filters_combined",
            "limit_default",
            "limit_maximum",
            "limit_bounds",
            "limit_respected",
            "more_flag_exact",
            "cursor_walk",
            "list_order",
            "tenant_isolation",
            "authentication",
            "invalid_requests_rejected",
        },
    }


def test_steps_run_in_the_order_of_their_phases() -> None:
    assert [s.__name__ for s in areas.steps()] == [
        "creates",
        "filters",
        "fill",
        "pages",
        "updates",
        "isolation",
        "authentication",
        "refusals",
        "related",
        "delete",
        "webhooks",
    ]
    # Where the suite has no JSON or form create body (an upload), only these run.
    assert [s.__name__ for s in areas.steps(without_body=True)] == ["related"]


def test_the_registry_refuses_a_second_check_of_a_name_and_an_unknown_role() -> None:
    with pytest.raises(ValueError, match="two semantic checks are named 'list_order'"):
        check("list_order", roles=("list",), holds="again")(lambda ctx: None)
    with pytest.raises(ValueError, match="'listing'"):
        check("toy", roles=("listing",), holds="x")(lambda ctx: None)  # type: ignore[arg-type]
    assert "toy" not in {c.name for c in areas.checks()}


# What ARCHITECTURE.md ("A conformance check") says a new check takes: one decorated function and a step
# that judges it, written in the area module it belongs to. Nothing else is edited.
TOY_CHECK = '''

def _patch_only(plan: ResourcePlan) -> str | None:
    if plan.update is None or plan.update.http_method != "PATCH":
        return "the toy check runs only where update is a PATCH"
    return None


@check(roles=("get",), holds="a get sent twice answers the same object", unless=_patch_only)
def toy_get_twice(ctx: Context, plan: ResourcePlan, tracked: Tracked) -> None:
    """A get sent twice answers the same object."""
    first, second = get(ctx, plan, tracked), get(ctx, plan, tracked)
    if first.body != second.body:
        fail(f"the same object twice: {first.body}", second.describe())


@step(85)
def toy_gets(run: ResourceRun) -> None:
    if run.plan.get is not None and run.ours and _patch_only(run.plan) is None:
        run.judge(toy_get_twice, run.plan.get.label, run.plan, run.ours[0])
'''


def test_a_check_written_in_one_module_runs_and_shows_in_the_coverage_table(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT / "scripts",
        copy / "scripts",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    shutil.copytree(ROOT / "spec", copy / "spec")
    shutil.copytree(ROOT / "tests" / "fixtures" / "specs", copy / "specs")
    area = copy / "scripts" / "protocol_conformance" / "areas" / "objects.py"
    area.write_text(area.read_text(encoding="utf-8") + TOY_CHECK, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key not in KNOBS}
    env["PYTHONPATH"] = str(copy / "scripts")
    result = subprocess.run(
        [sys.executable, "-m", "protocol_conformance", "--only", "semantic"]
        + ["--spec", str(copy / "specs" / TWO_RESOURCES.name)]
        + ["--report-dir", str(tmp_path / "reports")],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    coverage = result.stdout[result.stdout.index("semantic coverage") :]
    rows = _coverage_rows(coverage)
    # Run where its rule lets it (conversations' update is a PATCH); elsewhere, why not.
    assert rows["GET /v1/conversations/{id}"]["toy_get_twice"] == "ran 1, all passed"
    assert rows["GET /v1/widgets/{id}"]["toy_get_twice"] == (
        "not run: the toy check runs only where update is a PATCH"
    )
    # Only on the role it names.
    assert all("toy_get_twice" not in row for op, row in rows.items() if "{id}" not in op)
    assert "toy_get_twice" in (tmp_path / "reports" / "conformance.junit.xml").read_text()
    # The table row it needs, from the copy's registry.
    program = "from protocol_conformance import areas; print(areas.markdown_table())"
    table = subprocess.run(
        [sys.executable, "-c", program],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "| `toy_get_twice` | a get sent twice answers the same object |" in table
    assert "toy_get_twice" not in areas.markdown_table()  # this process's registry is untouched


def _coverage_rows(text: str) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    operation = ""
    for line in text.splitlines()[1:]:
        if not line.strip():
            break
        if line.startswith("    "):
            name, _, cell = line.strip().partition(" ")
            rows[operation][name] = cell.strip()
        else:
            operation = line.strip()
            rows[operation] = {}
    return rows
