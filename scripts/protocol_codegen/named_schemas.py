"""The document as datamodel-code-generator reads it, so that its classes have the model's names.

The model names every type once (`protocol_spec.build`): components by their PascalCase words,
inline objects and enums by their owner and property, non-model results by their operation.
datamodel-code-generator has rules of its own (it keeps `HTTPValidationError`, splits dotted
names into modules, singularises array items), so it is asked to name only what it names as we do
(components and their properties); every other named type is handed over as a component
schema under the model's name, and every `$ref` rewritten.

    named_document(api, document)   # components renamed, other inline types hoisted
    result_roots(api)               # operation pointer -> the root model of a non-model result
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from protocol_spec import naming
from protocol_spec.build import component_type_names
from protocol_spec.derived_names import unique
from protocol_spec.model import Api, Operation
from protocol_spec.pointers import escape, lookup, split

__all__ = ["named_document", "result_roots"]

_SCHEMAS = "/components/schemas/"


def result_roots(api: Api) -> dict[str, tuple[str, str]]:
    """Operation pointer -> (class name, schema pointer) for each operation whose result is not
    a model (an array, a scalar, a free-form object): the Python client returns it as a root
    model of that name (`ListPetsResult`, whose `.root` is the list)."""
    taken: set[str] = {m.name for m in api.models} | {e.name for e in api.enums}
    roots: dict[str, tuple[str, str]] = {}
    for op in _operations(api):
        pointer = _success_schema(op)
        if op.pagination is not None or op.result is None or pointer is None:
            continue
        if op.result.kind in ("model", "enum") and op.result.name:
            continue
        name = unique(naming.pascal(f"{op.operation_id}_result") or "Result", taken)
        taken.add(name)
        roots[op.pointer] = (name, pointer)
    return roots


def named_document(api: Api, document: dict[str, Any]) -> dict[str, Any]:
    """`document` (a copy the caller owns, changed in place and returned) with each component
    schema under its model name, each inline model and enum moved to a component of its name
    (innermost first, so an outer one moves with `$ref`s inside), and the result roots added."""
    components = document.setdefault("components", {})
    schemas: dict[str, Any] = components.get("schemas") or {}
    renamed = component_type_names(document)
    refs = {_ref(raw): _ref(name) for raw, name in renamed.items()}
    hoisted: dict[str, Any] = {}
    named = [(m.pointer, m.name) for m in api.models] + [(e.pointer, e.name) for e in api.enums]
    inline = [(p, n) for p, n in named if p and not _scoped_by_the_generator(p)]
    for pointer, name in sorted(inline, key=lambda item: (-len(split(item[0])), item[0])):
        node = lookup(document, pointer)
        if not isinstance(node, dict) or "$ref" in node:
            continue
        hoisted[name] = dict(node)
        node.clear()
        node["$ref"] = _ref(name)
    for name, pointer in sorted(result_roots(api).values()):
        hoisted[name] = lookup(document, pointer)
    result = {renamed[raw]: schema for raw, schema in schemas.items()}
    result.update(hoisted)
    components["schemas"] = result
    _rewrite_refs(document, refs)
    return document


def _operations(api: Api) -> Iterator[Operation]:
    for resource in api.resources:
        yield from resource.operations


def _success_schema(op: Operation) -> str | None:
    return op.success.schema_pointer if op.success is not None else None


def _scoped_by_the_generator(pointer: str) -> bool:
    """A component, or a property of one: datamodel-code-generator names these as the model
    does (the component's name, or `parent_scoped_naming`'s owner + property), and the reader
    models' open enums are rewritten there (`python_models.reader_document`)."""
    parts = split(pointer)
    if not pointer.startswith(_SCHEMAS):
        return False
    return len(parts) == 3 or (len(parts) == 5 and parts[3] == "properties")


def _ref(name: str) -> str:
    return "#" + _SCHEMAS + escape(name)


def _rewrite_refs(node: Any, refs: dict[str, str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref in refs:
            node["$ref"] = refs[ref]
        for value in node.values():
            _rewrite_refs(value, refs)
    elif isinstance(node, list):
        for item in node:
            _rewrite_refs(item, refs)
