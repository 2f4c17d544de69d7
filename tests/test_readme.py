"""The README is the front door: short, and true about the targets, variables and documents.

Each tool's reference lives in `docs/<tool>.md`; the README keeps what a new user needs first (what
this is, the two commands, every make target, every environment variable) and a map of the rest.
"""

from __future__ import annotations

import re
from pathlib import Path

from protocol_spec import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
MAX_LINES = 300


def _section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _first_cells(table: str) -> list[str]:
    rows = [line for line in table.splitlines() if line.startswith("| ")][2:]
    return [row.split("|")[1].strip() for row in rows]


def test_the_readme_is_a_front_door_of_at_most_300_lines() -> None:
    assert len(README.splitlines()) <= MAX_LINES


def test_the_readme_gives_the_two_commands_for_a_fresh_machine() -> None:
    block = _section("On a fresh machine")
    assert "make conformance" in block and "make test" in block


def test_every_make_target_is_in_the_table_and_nothing_else() -> None:
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    declared = set(re.findall(r"^([a-z][a-z-]*):.*## ", makefile, flags=re.MULTILINE))
    listed = {
        cell.strip("`").removeprefix("make ") for cell in _first_cells(_section("Make targets"))
    }
    assert listed == declared


def test_every_environment_variable_the_code_reads_is_documented() -> None:
    from tests.conformance.variants import KNOBS

    table = _section("Environment variables")
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", "\n".join(_first_cells(table))))
    read: set[str] = set(KNOBS)
    for folder in ("scripts", "templates", ".ci"):
        for path in (PROJECT_ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                read |= set(re.findall(r"\bPROTOCOL_[A-Z0-9_]+\b", path.read_text(errors="ignore")))
    assert sorted(read - documented) == []


def test_the_map_links_every_document_and_each_exists() -> None:
    linked = set(re.findall(r"\]\(((?:docs/)?[A-Za-z_-]+\.md)\)", _section("Where to read more")))
    docs = {f"docs/{path.name}" for path in (PROJECT_ROOT / "docs").glob("*.md")}
    assert docs <= linked
    assert [name for name in sorted(linked) if not Path(PROJECT_ROOT / name).is_file()] == []
