"""The x-protocol- vocabulary file: every definition is complete and its examples are valid."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from protocol_spec import PROJECT_ROOT
from protocol_spec.structure import Kind
from protocol_spec.vocabulary import PREFIX, VOCABULARY_FILE, vocabulary

KINDS = set(Kind.__args__)  # type: ignore[attr-defined]
NAMES = sorted(vocabulary())


def test_the_vocabulary_is_a_valid_json_schema() -> None:
    document = json.loads(VOCABULARY_FILE.read_text())
    Draft202012Validator.check_schema(document)
    assert VOCABULARY_FILE == PROJECT_ROOT / "spec" / "x-protocol.schema.json"


@pytest.mark.parametrize("name", NAMES)
def test_each_extension_is_documented_placed_and_exemplified(name: str) -> None:
    extension = vocabulary()[name]
    assert name.startswith(PREFIX)
    assert len(extension.description) > 40
    assert extension.on and set(extension.on) <= KINDS
    assert extension.examples
    validator = Draft202012Validator(extension.schema)
    for example in extension.examples:
        assert list(validator.iter_errors(example)) == [], example


def test_the_project_spec_or_the_fixtures_use_every_extension() -> None:
    specs = PROJECT_ROOT / "tests" / "fixtures" / "specs"
    texts = "".join(
        path.read_text()
        for path in (
            PROJECT_ROOT / "spec" / "openapi.yaml",
            specs / "two_resources.yaml",
            specs / "whole_api.yaml",
        )
    )
    assert [name for name in NAMES if f"{name}:" not in texts] == []


def test_the_spec_doc_documents_each_extension_with_a_valid_example() -> None:
    from ruamel.yaml import YAML

    readme = (PROJECT_ROOT / "docs" / "spec.md").read_text()
    section = readme.split("## What the spec means", 1)[1].split("\n## ", 1)[0]
    blocks = [YAML(typ="safe").load(b.split("```")[0]) for b in section.split("```yaml\n")[1:]]
    documented = {name: value for block in blocks for name, value in block.items()}
    assert sorted(documented) == NAMES
    for name, example in documented.items():
        assert f"`{name}` (on " in section, name  # says where it sits
        assert list(Draft202012Validator(vocabulary()[name].schema).iter_errors(example)) == []
