"""The registry of languages is complete: every registered language has what adding one takes
(ARCHITECTURE.md, 'A language'), and everything per language loops over the registry."""

from __future__ import annotations

import sys

import pytest

from protocol_codegen.languages import LANGUAGES, SDK_LANGUAGES, samples_for
from protocol_codegen.languages.base import Language, SdkLanguage
from protocol_codegen.policy import download_operation, sdk_operations
from protocol_codegen.targets import TARGETS
from protocol_codegen.targets._highlight import highlight
from protocol_codegen.targets._jinja import TEMPLATES_DIR
from protocol_review.sdk_surface import LANGUAGES as REVIEWED
from protocol_spec import DEFAULT_SPEC, PROJECT_ROOT, load_api

API = load_api(DEFAULT_SPEC)


def _module(language: Language) -> str:
    return type(language).__module__.rsplit(".", 1)[-1]


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.key)
def test_each_language_is_one_module_with_its_own_test_module(language: Language) -> None:
    module = sys.modules[type(language).__module__]
    assert module.__name__ == f"protocol_codegen.languages.{_module(language)}"
    assert module.LANGUAGE is language
    assert (PROJECT_ROOT / "tests" / "languages" / f"test_{_module(language)}.py").is_file()


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.key)
def test_each_language_renders_a_sample_of_every_operation(language: Language) -> None:
    for op in API.operations:
        sample = samples_for(API, op).text(language.key)
        assert sample.endswith("\n") and sample.strip(), (language.key, op.operation_id)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.key)
def test_each_language_has_highlight_tokens(language: Language) -> None:
    sample = samples_for(API, API.operations[0]).text(language.key)
    assert '<span class="tok-' in highlight(sample, language.highlight)


def test_keys_labels_and_code_block_names_are_unique() -> None:
    for attribute in ("key", "label", "lang", "highlight"):
        values = [getattr(language, attribute) for language in LANGUAGES]
        assert len(set(values)) == len(values), attribute


@pytest.mark.parametrize("language", SDK_LANGUAGES.values(), ids=lambda language: language.key)
def test_each_sdk_language_is_a_target_with_templates_and_a_reviewed_view(
    language: SdkLanguage,
) -> None:
    assert language.target in TARGETS
    assert list((TEMPLATES_DIR / language.target).rglob("*.jinja"))
    assert REVIEWED[language.target] == language.sdk_name
    view = language.sdk_view(API)
    assert view.language == language.target
    assert [r.name for r in view.resources] == [language.resource_name(r) for r in API.resources]
    methods = [m.operation for r in view.resources for m in r.methods]
    # The spec's operations, in order; a client may add `download` where the server serves an
    # upload's bytes back (the project's three do; the toy of the recipe does not).
    downloads = [download_operation(API, r) for r in API.resources]
    assert [op for op in methods if op not in downloads] == list(API.operations)
    assert all(op in downloads for op in methods if op not in API.operations)
    if language.key in ("javascript", "python", "php"):  # the project's own clients
        assert methods == [op for r in API.resources for op in sdk_operations(API, r)]
    for method in (m for r in view.resources for m in r.methods):
        assert method.name == language.method_name(method.operation)


def test_the_targets_are_the_sdk_languages_and_the_page_and_document() -> None:
    assert set(TARGETS) == {*SDK_LANGUAGES, "docs", "openapi.json"}
