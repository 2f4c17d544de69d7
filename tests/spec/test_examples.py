"""Every example in spec/openapi.yaml matches its schema (the validator library does not check)."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest

from protocol_spec import LoadedSpec, load_spec
from protocol_spec.examples import check_examples, collect_examples

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def spec() -> LoadedSpec:
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        return load_spec(Path("spec/openapi.yaml"))  # raises SpecErrors on any problem
    finally:
        os.chdir(cwd)


def test_the_spec_loads_without_errors(spec: LoadedSpec) -> None:
    assert spec.file == "spec/openapi.yaml"


def test_many_examples_are_checked(spec: LoadedSpec) -> None:
    sites = collect_examples(spec)
    assert len(sites) > 10
    pointers = [site.pointer for site in sites]
    assert len(pointers) == len(set(pointers))
    # Each kind of place an example can sit is covered.
    assert any(p.endswith("/examples/page/value") for p in pointers)  # media type
    assert "/components/parameters/ConversationId/example" in pointers  # parameter
    assert any("/headers/Location/example" in p for p in pointers)  # header
    assert "/components/schemas/Conversation/properties/group_id/example" in pointers  # null


def test_every_example_matches_its_schema(spec: LoadedSpec) -> None:
    mismatches, unchecked = check_examples(spec)
    assert mismatches == []
    assert unchecked == []


def test_a_broken_example_in_the_real_spec_would_be_caught(spec: LoadedSpec) -> None:
    document = copy.deepcopy(spec.document)
    media = document["paths"]["/v1/conversations"]["get"]["responses"]["200"]["content"]
    media["application/json"]["examples"]["page"]["value"]["data"][0]["created_at"] = "yesterday"
    broken = LoadedSpec(document, spec.positions)
    mismatches, _ = check_examples(broken)
    (error,) = mismatches
    assert error.pointer == (
        "/paths/~1v1~1conversations/get/responses/200/content/application~1json"
        "/examples/page/value/data/0/created_at"
    )
    assert error.problem == "example does not match its schema: 'yesterday' is not an integer"
    assert error.line == spec.line_of(error.pointer)
