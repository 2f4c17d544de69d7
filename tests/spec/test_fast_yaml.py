"""libyaml's path (fast_yaml) and ruamel.yaml's give the same document and the same positions,
for every YAML file in the repository and for the scalars where YAML 1.1 and 1.2 part ways.
Where ruamel.yaml refuses a document, the fast path falls back to it and refuses it the same."""

from __future__ import annotations

import math
import textwrap
from typing import Any

import pytest

from protocol_spec import PROJECT_ROOT, SpecErrors
from protocol_spec.yaml_source import ParsedYaml, _parse_slowly, parse_yaml_text

_SKIPPED = {".venv", "node_modules", ".git", "vendor", ".bench-venv", ".cache"}
YAML_FILES = sorted(
    path.relative_to(PROJECT_ROOT).as_posix()
    for pattern in ("*.yaml", "*.yml")
    for path in PROJECT_ROOT.rglob(pattern)
    if not _SKIPPED & set(path.relative_to(PROJECT_ROOT).parts)
)

# Scalars that YAML 1.1 (libyaml's own resolver) and YAML 1.2 read differently, and others
# whose conversion is easy to get wrong.
EDGE_CASES = textwrap.dedent(
    """\
    yes: yes
    no: no
    on: On
    off: OFF
    y: y
    booleans: [true, True, TRUE, false, False, FALSE]
    octal_11: 010
    octal_12: 0o17
    hex: 0x1F
    binary: 0b101
    sexagesimal: 1:20
    underscored: 1_000
    float: 1.5
    exponent: 1e3
    signed_exponent: -2.5E-3
    dot_float: .5
    infinity: [.inf, -.Inf, +.INF]
    not_a_number: .nan
    nulls: [~, null, Null, NULL, ]
    empty:
    date: 2024-01-31
    datetime: 2024-01-31T10:20:30Z
    equals: =
    version: 3.1.0
    quoted: ["yes", '010', "1.5"]
    literal: |
      two
      lines
    folded: >-
      one
      line
    anchors:
      base: &base {a: 1, b: [x, y]}
      merged:
        <<: *base
        c: 3
      alias: *base
    "key with spaces": value
    unicode: "café ☕"
    long_int: 123456789012345678901234567890
    """
)


def _same(fast: ParsedYaml, slow: ParsedYaml) -> None:
    assert _typed(fast.document) == _typed(slow.document)
    assert fast.positions == slow.positions


def _typed(value: Any) -> Any:
    """The value with every scalar's type made visible (1 == 1.0 == True in Python)."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


@pytest.mark.parametrize("relative", YAML_FILES)
def test_both_paths_agree_on_every_yaml_file(relative: str) -> None:
    text = (PROJECT_ROOT / relative).read_text(encoding="utf-8")
    try:
        slow = _parse_slowly(text, relative)
    except SpecErrors as refused:
        with pytest.raises(SpecErrors) as also:
            parse_yaml_text(text, relative)
        assert also.value.render() == refused.render()
        return
    _same(parse_yaml_text(text, relative), slow)


def test_the_repository_has_yaml_files_to_compare() -> None:
    assert "spec/openapi.yaml" in YAML_FILES
    assert len(YAML_FILES) > 40


def test_both_paths_agree_where_yaml_versions_differ() -> None:
    fast, slow = parse_yaml_text(EDGE_CASES, "edge.yaml"), _parse_slowly(EDGE_CASES, "edge.yaml")
    _same(fast, slow)
    document = fast.document
    # YAML 1.2, not 1.1: these stay strings, and 010 is ten.
    assert document["yes"] == "yes" and document["on"] == "On" and document["y"] == "y"
    assert document["octal_11"] == 10 and document["octal_12"] == 15
    assert document["sexagesimal"] == "1:20"
    assert document["date"] == "2024-01-31"
    assert document["anchors"]["merged"] == {"a": 1, "b": ["x", "y"], "c": 3}


@pytest.mark.parametrize(
    "text",
    [
        "a: !!binary aGVsbG8=\n",
        "a: !custom value\n",
        "a: !!str 010\n",
        "a: !!int '7'\n",
        "a: 1\na: 2\n",
        "a: [1, 2\n",
        "a:\n\t- b\n",
        "---\na: 1\n---\nb: 2\n",
        "",
        "# only a comment\n",
        "- just\n- a list\n",
        "plain scalar\n",
    ],
)
def test_both_paths_agree_on_tags_errors_and_odd_documents(text: str) -> None:
    try:
        slow = _parse_slowly(text, "odd.yaml")
    except SpecErrors as refused:
        with pytest.raises(SpecErrors) as also:
            parse_yaml_text(text, "odd.yaml")
        assert also.value.render() == refused.render()
        return
    _same(parse_yaml_text(text, "odd.yaml"), slow)
