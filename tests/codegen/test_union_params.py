"""A union-typed query parameter (`oneOf` / `anyOf`, modelled as `TypeRef.options`) is annotated
as a union in each SDK's method signature, read from the generated files: never `Any`,
`unknown` or `mixed`. The feature spec tests/fixtures/specs/features/params_header_cookie.yaml
has one (`version`: an integer or `latest`); a second, plain one (`revision`: `anyOf` integer or
string) is added here to a copy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from protocol_codegen.pipeline import render_targets
from protocol_spec import load_api

ROOT = Path(__file__).resolve().parents[2]
FEATURE = ROOT / "tests" / "fixtures" / "specs" / "features" / "params_header_cookie.yaml"
VERSION = """          example: latest
"""
REVISION = """        - name: revision
          in: query
          required: true
          schema: {anyOf: [{type: integer}, {type: string}]}
          example: 7
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    text = FEATURE.read_text(encoding="utf-8")
    assert text.count(VERSION) == 1
    spec = tmp_path_factory.mktemp("union") / "params_union.yaml"
    spec.write_text(text.replace(VERSION, VERSION + REVISION), encoding="utf-8")
    return render_targets(load_api(spec), ["python", "typescript", "php"])


def _one(files: dict[str, str], path_pattern: str, line_pattern: str) -> str:
    found = [
        match.group(1)
        for path, text in files.items()
        if re.search(path_pattern, path)
        for match in re.finditer(line_pattern, text, re.MULTILINE)
    ]
    assert found, f"no {line_pattern!r} in {path_pattern}"
    assert len(set(found)) == 1, found  # sync and async (or raw) methods say the same
    return found[0]


@pytest.mark.parametrize(
    ("param", "python", "typescript", "php"),
    [
        ("version", 'int | Literal["latest"]', "number | 'latest'", "int|'latest'"),
        ("revision", "int | str", "number | string", "int|string"),
    ],
)
def test_a_union_typed_query_parameter_is_a_union(
    generated: dict[str, str], param: str, python: str, typescript: str, php: str
) -> None:
    assert _one(generated, r"^python/.*/resources/things\.py$", rf"^\s+{param}: (.+),$") == python
    assert _one(generated, r"^typescript/types\.d\.ts$", rf"^\s+{param}: (.+);$") == typescript
    assert _one(generated, r"^php/src/Resources/Things\.php$", rf"[{{ ]{param}: ([^,]+),") == php
