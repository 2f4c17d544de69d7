"""The PHP language: escapes, literals, types and the SDK view."""

from __future__ import annotations

from protocol_codegen.languages.php import (
    LANGUAGE,
    class_names,
    native_type,
    phpdoc_type,
    property_name,
    string_literal,
    variable_name,
)
from protocol_spec import DEFAULT_SPEC, load_api
from protocol_spec.model import TypeRef

API = load_api(DEFAULT_SPEC)


def test_reserved_class_names_variables_and_invalid_properties_are_escaped() -> None:
    assert class_names(API)["Error"] == "ErrorObject"  # `Error` is a built-in class
    assert variable_name("params") == "params_"
    assert property_name("x-y") == "x_y"
    assert LANGUAGE.type_names_ignore_case


def test_literals_escape_backslashes_and_quotes() -> None:
    assert string_literal("a'b\\c") == "'a\\'b\\\\c'"


def test_native_and_phpdoc_types() -> None:
    enum = TypeRef("enum", values=("a", "b"), nullable=True)
    assert native_type(enum, {}, optional=False) == "?string"
    assert phpdoc_type(enum, {}, as_input=True) == "'a'|'b'|null"
    model = TypeRef("model", name="Conversation")
    assert phpdoc_type(model, {"Conversation": "Conversation"}, as_input=True) == (
        "array<string, mixed>"
    )


def test_view_lists_required_properties_first_and_array_keys_as_parameters() -> None:
    view = LANGUAGE.sdk_view(API)
    for model in view.models:
        flags = [f.required for f in model.fields]
        assert flags == sorted(flags, reverse=True), model.name
    update = next(m for r in view.resources for m in r.methods if m.name == "update")
    assert update.parameters[0].display == "$id"
    assert all(p.display.startswith("'") for p in update.parameters[1:])


def test_a_call_is_a_statement_with_a_semicolon() -> None:
    assert LANGUAGE.statement("$client->x->y()") == "$client->x->y();"
