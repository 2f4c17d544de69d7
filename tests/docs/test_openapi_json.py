"""`generated/openapi.json`: the spec bundled with our samples as `x-codeSamples`, loadable by our
own loader (and so by Redoc, Scalar, Stoplight Elements, Mintlify)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from protocol_codegen.languages import LANGUAGES, samples_for
from protocol_codegen.pipeline import render_targets
from protocol_spec import PROJECT_ROOT, load_api
from protocol_spec.model import Api

SPEC = PROJECT_ROOT / "spec" / "openapi.yaml"
FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "specs" / "two_resources.yaml"
GENERATED = PROJECT_ROOT / "generated" / "openapi.json"


@pytest.fixture(scope="module")
def spec_api() -> Api:
    return load_api(SPEC)


@pytest.fixture(scope="module")
def bundled() -> Api:
    return load_api(GENERATED)


def test_it_loads_with_our_loader_and_means_what_the_spec_means(
    spec_api: Api, bundled: Api
) -> None:
    assert bundled.resources == spec_api.resources
    assert bundled.models == spec_api.models
    assert bundled.webhooks == spec_api.webhooks
    assert bundled.security_schemes == spec_api.security_schemes
    assert bundled.default_base_url == spec_api.default_base_url


def test_every_operation_carries_a_sample_per_language(spec_api: Api, bundled: Api) -> None:
    count = 0
    for operation in bundled.operations:
        node = bundled.document["paths"][operation.path][operation.http_method.lower()]
        code_samples = node["x-codeSamples"]
        assert [(s["lang"], s["label"]) for s in code_samples] == [
            ("curl", "cURL"),
            ("JavaScript", "JavaScript"),
            ("Python", "Python"),
            ("PHP", "PHP"),
        ]
        expected = samples_for(spec_api, operation)
        for language, sample in zip(LANGUAGES, code_samples, strict=True):
            assert sample["source"] == expected.text(language.key)
            count += 1
    assert count == 4 * len(spec_api.operations) == 4 * 25  # five resources, five operations


def test_it_is_the_spec_plus_samples_and_says_where_it_came_from() -> None:
    document = json.loads(GENERATED.read_text())
    first_key, header = next(iter(document.items()))
    assert first_key == "x-generated"
    assert header.startswith("Generated from spec/openapi.yaml + ") and "Do not edit." in header
    for item in document["paths"].values():
        for node in item.values():
            if isinstance(node, dict):
                del node["x-codeSamples"]
    del document["x-generated"]
    spec = json.loads(json.dumps(load_api(SPEC).document))
    del spec["x-protocol-sdk"]  # names our packages, not part of the API's description
    assert document == spec


def test_the_fixture_spec_gets_samples_on_every_operation(tmp_path: Path) -> None:
    files = render_targets(load_api(FIXTURE), ["openapi.json"])
    assert list(files) == ["openapi.json"]
    (tmp_path / "openapi.json").write_text(files["openapi.json"])
    api = load_api(tmp_path / "openapi.json")
    assert {r.name for r in api.resources} == {"conversations", "widgets"}
    for operation in api.operations:
        node = api.document["paths"][operation.path][operation.http_method.lower()]
        assert len(node["x-codeSamples"]) == 4
