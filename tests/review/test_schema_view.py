"""Schemas compare by meaning: `$ref` with siblings, `allOf` with a const, recursion."""

from __future__ import annotations

from typing import Any

from protocol_review.rules import FLOWS
from protocol_review.schema_view import view
from protocol_review.values import compare

ERROR = {
    "type": "object",
    "required": ["type", "message"],
    "properties": {
        "type": {"type": "string", "enum": ["api_error", "invalid_request"]},
        "message": {"type": "string"},
    },
}


def _doc(**schemas: Any) -> dict[str, Any]:
    return {"components": {"schemas": schemas}}


def test_allof_of_a_ref_and_a_const_is_the_const() -> None:
    document = _doc(Error=ERROR)
    schema = {
        "allOf": [
            {"$ref": "#/components/schemas/Error"},
            {"properties": {"type": {"const": "invalid_request"}}},
        ]
    }
    merged = view(document, [(schema, "/x")])
    assert merged.required == frozenset({"type", "message"})
    assert view(document, merged.properties["type"]).enum == ("invalid_request",)
    assert "/components/schemas/Error" in merged.refs


def test_ref_siblings_apply_and_inlining_changes_nothing() -> None:
    document = _doc(Id={"type": "string", "pattern": "^[a-z]{4}$", "description": "An id."})
    referring = {"$ref": "#/components/schemas/Id", "readOnly": True, "description": "Other words."}
    inline = {"type": "string", "pattern": "^[a-z]{4}$", "readOnly": True}
    assert view(document, [(referring, "/a")]).read_only
    assert (
        compare(document, document, [(referring, "/a")], [(inline, "/b")], FLOWS["response"]) == []
    )


def test_number_and_integer_merge_to_integer_and_widening_is_detected() -> None:
    document = _doc()
    merged = view(document, [({"allOf": [{"type": "number"}, {"type": "integer"}]}, "/x")])
    assert merged.types == frozenset({"integer"})
    changes = compare(
        document,
        document,
        [({"type": "integer"}, "/a")],
        [({"type": "number"}, "/b")],
        FLOWS["request"],
    )
    assert [c.suffix for c in changes] == ["type-widened"]


def test_nullable_by_anyof_equals_nullable_by_type_array() -> None:
    document = _doc()
    any_of = {"anyOf": [{"type": "string"}, {"type": "null"}]}
    array = {"type": ["string", "null"]}
    assert compare(document, document, [(any_of, "/a")], [(array, "/b")], FLOWS["response"]) == []


def test_recursive_schemas_terminate_and_still_find_changes() -> None:
    def node(limit: int) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {
                "name": {"type": "string", "maxLength": limit},
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
            },
        }

    old, new = _doc(Node=node(40)), _doc(Node=node(20))
    ref = {"$ref": "#/components/schemas/Node"}
    changes = compare(old, new, [(ref, "/a")], [(ref, "/a")], FLOWS["request"])
    assert [(c.suffix, c.path) for c in changes] == [("length-narrowed", "name")]


def test_a_range_narrowed_names_a_value_that_is_now_refused() -> None:
    document = _doc()
    before = {"type": "integer", "minimum": 1, "maximum": 100}
    after = {"type": "integer", "minimum": 1, "maximum": 50}
    (change,) = compare(document, document, [(before, "/a")], [(after, "/a")], FLOWS["request"])
    assert (change.suffix, change.detail, change.example) == (
        "range-narrowed",
        "maximum 100 -> 50",
        51,
    )
