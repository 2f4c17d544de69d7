"""The Python language: escapes, literals, annotations and the SDK view of the project's spec."""

from __future__ import annotations

from protocol_codegen.languages.python import (
    LANGUAGE,
    annotation,
    argument_name,
    arguments,
    signature_arguments,
)
from protocol_spec import DEFAULT_SPEC, load_api
from protocol_spec.model import Field, TypeRef

API = load_api(DEFAULT_SPEC)
LIST = next(op for op in API.operations if op.method_name == "list")
UPDATE = next(op for op in API.operations if op.method_name == "update")


def test_keywords_and_soft_keywords_are_escaped() -> None:
    assert {"class", "match", "None"} <= LANGUAGE.reserved_words
    assert argument_name(Field(name="class", type=TypeRef("string"), required=True)) == "class_"
    assert argument_name(Field(name="match", type=TypeRef("string"), required=True)) == "match_"


def test_string_literals_are_double_quoted_json() -> None:
    assert LANGUAGE.string_literal('say "hi"') == '"say \\"hi\\""'


def test_annotations_spell_source_and_shown_literals() -> None:
    enum = TypeRef("array", nullable=True, items=TypeRef("enum", values=("a", "b")))
    assert annotation(enum) == 'Sequence[Literal["a", "b"]] | None'
    assert annotation(enum, repr) == "Sequence[Literal['a', 'b']] | None"


def test_signature_and_view_list_the_same_arguments_in_order() -> None:
    texts = signature_arguments(LIST)
    view = next(
        m for r in LANGUAGE.sdk_view(API).resources for m in r.methods if m.operation is LIST
    )
    assert [text.split(":")[0] for text in texts] == [p.name for p in view.parameters]
    assert [a.required for a in arguments(LIST)] == [p.required for p in view.parameters]
    assert texts[0].endswith("| Omit = omit")  # `list` has no required argument
    assert view.returns == "SyncCursorPage[Conversation]"


def test_the_update_call_is_the_issues() -> None:
    assert LANGUAGE.call(API, UPDATE).startswith('client.conversations.update("xgQQXg3hrtjh7AvZ"')
