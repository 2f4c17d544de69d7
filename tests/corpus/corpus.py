"""The corpus both test modules run: the specs, what each is expected to do, and the table.

The specs are the peers' (tests/fixtures/corpus/) and our one-feature specs
(tests/fixtures/specs/features/). `test_corpus.py` generates and type-checks each one and times
our generator against openapi-python-client on it; `test_validating_mock.py` calls every
operation through each SDK against Prism's validating mock. Each records what it saw here;
under `make corpus` (CORPUS=all) the session's end writes the table to reports/corpus/corpus.md
and corpus.json and prints it (tests/corpus/conftest.py).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = [
    "CORPUS",
    "EVERYTHING",
    "FEATURES",
    "LANGUAGES",
    "LENIENT",
    "REFUSED",
    "REPORTS",
    "ROOT",
    "SIMPLIFIED",
    "SPECS",
    "Row",
    "name",
    "row",
    "rows",
    "write_table",
]

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
FEATURES = ROOT / "tests" / "fixtures" / "specs" / "features"
REPORTS = ROOT / "reports" / "corpus"
SPECS = sorted(
    [p for p in CORPUS.glob("*/*") if p.suffix in (".yaml", ".yml", ".json")]
    + sorted(FEATURES.glob("*.yaml"))
)
# Refused as published (see tests/fixtures/corpus/README.md): how many problems each reports.
REFUSED = {
    "openapi-python-client/baseline_openapi_3.0.json": 3,
    "openapi-python-client/baseline_openapi_3.1.yaml": 2,
}
# Generated with --lenient, which turns what JSON Schema says SHOULD into warnings: how many.
LENIENT = {"lenient_default_and_example.yaml": 2}
# Schema constructs typed loosely (README, "Simplified constructs"): none but in the spec of
# them, every peer's spec typed exactly.
SIMPLIFIED = {"simplified_constructs.yaml": 4}
EVERYTHING = os.environ.get("CORPUS") == "all"
LANGUAGES = ("python", "typescript", "php")


def name(spec: Path) -> str:
    """The spec's name in the tests and the table: its path under the corpus or features."""
    return spec.relative_to(CORPUS if spec.is_relative_to(CORPUS) else FEATURES).as_posix()


@dataclass
class Row:
    """What the run saw of one spec; None where that part did not run."""

    spec: str
    openapi: str = ""
    operations: int = 0
    generated: str | None = None  # "yes", or why not
    type_checked: dict[str, bool] = field(default_factory=dict)
    simplified: int | None = None
    accepted: dict[str, int] = field(default_factory=dict)  # language -> operations accepted
    called: int | None = None  # operations called per language
    ours_seconds: float | None = None  # our generate (three SDKs, page, openapi.json)
    anchor_seconds: float | None = None  # openapi-python-client (a Python client)
    anchor: str | None = None  # "ok", or what openapi-python-client said went wrong
    note: str = ""


_ROWS: dict[str, Row] = {}


def row(spec: Path) -> Row:
    """The spec's row, made on first use with its OpenAPI version."""
    key = name(spec)
    if key not in _ROWS:
        _ROWS[key] = Row(key, openapi=_version(spec))
    return _ROWS[key]


def rows() -> list[Row]:
    return [_ROWS[key] for key in sorted(_ROWS)]


def _version(spec: Path) -> str:
    import yaml

    text = spec.read_text()
    document = json.loads(text) if spec.suffix == ".json" else yaml.safe_load(text)
    return str(document.get("openapi", "?")) if isinstance(document, dict) else "?"


def _cell(value: object) -> str:
    return "—" if value is None else str(value)


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _markdown(table: list[Row]) -> str:
    head = (
        "| spec | OpenAPI | operations | generated | type-checked (py/ts/php) | simplified "
        "| accepted by Prism (py/ts/php) | ours, 3 SDKs (s) | openapi-python-client (s) |"
    )
    lines = [head, "|" + " --- |" * 9]
    for r in table:
        checked = "/".join(
            "—" if lang not in r.type_checked else ("y" if r.type_checked[lang] else "n")
            for lang in LANGUAGES
        )
        accepted = (
            "—"
            if r.called is None
            else " / ".join(f"{r.accepted.get(lang, 0)}/{r.called}" for lang in LANGUAGES)
        )
        anchor = _seconds(r.anchor_seconds)
        if r.anchor not in (None, "ok"):
            anchor += f" ({r.anchor})"
        lines.append(
            f"| {r.spec} | {r.openapi} | {r.operations} | {_cell(r.generated)} | {checked} "
            f"| {_cell(r.simplified)} | {accepted} | {_seconds(r.ours_seconds)} | {anchor} |"
        )
    ours = [r.ours_seconds for r in table if r.ours_seconds is not None]
    theirs = [
        (r.ours_seconds, r.anchor_seconds)
        for r in table
        if r.ours_seconds is not None and r.anchor_seconds is not None and r.anchor == "ok"
    ]
    called = [r for r in table if r.called is not None]
    total = sum(r.called or 0 for r in called)
    lines.append("")
    lines.append(
        f"{len(table)} specs, {sum(r.generated == 'yes' for r in table)} generated, "
        f"{sum(r.operations for r in table)} operations; requests accepted by Prism: "
        + ", ".join(
            f"{lang} {sum(r.accepted.get(lang, 0) for r in called)}/{total}" for lang in LANGUAGES
        )
        + "."
    )
    if theirs:
        lines.append(
            f"Generation where both generate ({len(theirs)} specs): ours "
            f"{sum(o for o, _ in theirs):.1f} s (three SDKs, reference page, openapi.json), "
            f"openapi-python-client {sum(t for _, t in theirs):.1f} s (a Python client); "
            f"ours on every spec it generates: {sum(ours):.1f} s."
        )
    return "\n".join(lines) + "\n"


def write_table() -> str:
    """Writes reports/corpus/corpus.md and corpus.json; returns the Markdown."""
    table = rows()
    REPORTS.mkdir(parents=True, exist_ok=True)
    text = _markdown(table)
    (REPORTS / "corpus.md").write_text(text)
    data = {"specs": [asdict(r) for r in table]}
    (REPORTS / "corpus.json").write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    return text
