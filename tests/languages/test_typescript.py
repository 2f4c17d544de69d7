"""The JavaScript/TypeScript language: escapes, literals, types and the SDK view."""

from __future__ import annotations

from protocol_codegen.languages.typescript import (
    LANGUAGE,
    object_key,
    string_literal,
    type_names,
    type_text,
)
from protocol_codegen.samples import example_values
from protocol_spec import DEFAULT_SPEC, load_api
from protocol_spec.model import TypeRef

API = load_api(DEFAULT_SPEC)


def test_literals_are_single_quoted_and_keys_quoted_when_they_must_be() -> None:
    assert string_literal('it\'s "x"\n') == "'it\\'s \"x\"\\n'"
    assert object_key("is_muted") == "is_muted"
    assert object_key("x-y") == "'x-y'"


def test_globals_are_not_shadowed_and_read_enums_are_open() -> None:
    names = type_names(API)
    assert names["Error"] == "ErrorObject"
    enum = TypeRef("enum", name="ErrorType", values=("invalid_request",))
    assert type_text(enum, {"ErrorType": "ErrorType"}, read=True) == "Open<ErrorType>"
    assert type_text(TypeRef("integer", nullable=True), names) == "number | null"


def test_view_expands_params_and_body_objects_into_parameters() -> None:
    view = LANGUAGE.sdk_view(API)
    (conversations,) = (r for r in view.resources if r.name == "conversations")
    methods = {m.name: m for m in conversations.methods}
    assert methods["update"].parameters[0].name == "id"
    assert all(p.name.startswith("body.") for p in methods["update"].parameters[1:])
    assert methods["list"].returns == "PagePromise<Conversation>"
    inputs = [m for m in view.models if m.is_input]
    assert inputs and all(m.role in ("params", "body") or m.operation is None for m in inputs)


def test_the_sample_imports_the_package_and_awaits_the_call() -> None:
    sample = LANGUAGE.sample(API, API.operations[0], example_values(API, API.operations[0]))
    assert sample.startswith("import ApiClient from '@example/protocol-api'")
    assert "\nawait client.conversations." in sample
