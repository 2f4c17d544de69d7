"""A schema as a validator sees it: `$ref`s followed and `allOf` parts merged, for comparison.

Two specs that say the same thing in different words must compare equal: a schema moved into
`components` and referred to with `$ref`, a `$ref` with sibling keywords, an `allOf` of the
`Error` schema plus `properties: {type: {const: ...}}`. A `View` keeps only what constrains
values (types, enum, bounds, lengths, patterns, properties, items) and where each keyword is
written, so that a finding can point at the line to edit. Properties and items stay unresolved
parts until compared, so recursive schemas cost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from protocol_spec.pointers import MISSING, join, local_ref_pointer, lookup

__all__ = [
    "CONSTRAINTS",
    "LENGTHS",
    "LOWER_BOUNDS",
    "UPPER_BOUNDS",
    "Part",
    "View",
    "json_type",
    "view",
]

Part = tuple[Any, str]  # a raw schema node and the pointer where it is written

LOWER_BOUNDS = ("minimum", "exclusiveMinimum")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum")
# Lengths whose raising narrows the allowed values, then those whose lowering does.
LENGTHS = {
    "minLength": "min",
    "minItems": "min",
    "minProperties": "min",
    "maxLength": "max",
    "maxItems": "max",
    "maxProperties": "max",
}
# Keywords compared as written, each adding a constraint when present: adding one narrows
# what a value may be, removing it widens it, changing it does neither (JSON Schema 2020-12's
# applicators and validators the other fields do not model, and OpenAPI's `format`).
CONSTRAINTS = (
    "if",
    "then",
    "else",
    "not",
    "contains",
    "prefixItems",
    "propertyNames",
    "patternProperties",
    "dependentRequired",
    "dependentSchemas",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
    "format",
    "multipleOf",
    "uniqueItems",
    "minContains",
    "maxContains",
)
_MAX_DEPTH = 64


@dataclass
class View:
    pointer: str
    types: frozenset[str] | None = None  # None: any type; "null" included when nullable
    enum: tuple[Any, ...] | None = None  # None: any value (const is an enum of one)
    bounds: dict[str, float] = field(default_factory=dict)
    lengths: dict[str, int] = field(default_factory=dict)
    patterns: frozenset[str] = frozenset()
    properties: dict[str, list[Part]] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    closed: bool = False
    items: list[Part] = field(default_factory=list)
    alternatives: tuple[frozenset[str] | None, ...] = ()  # anyOf/oneOf beyond `X or null`
    read_only: bool = False
    write_only: bool = False
    # The keywords of CONSTRAINTS as written (a `false` unevaluatedProperties is `closed`).
    constraints: dict[str, Any] = field(default_factory=dict)
    # anyOf/oneOf members beyond `X or null`, by combinator.
    members: dict[str, list[Part]] = field(default_factory=dict)
    additional: list[Part] = field(default_factory=list)  # additionalProperties schemas
    extensible: tuple[Any, ...] | None = None  # x-extensible-enum
    discriminator: dict[str, Any] | None = None
    default: Any = None
    has_default: bool = False
    deprecated: bool = False
    sunset: Any = None  # x-sunset as written
    origins: dict[str, str] = field(default_factory=dict)  # keyword -> node that writes it
    refs: frozenset[str] = frozenset()  # component schemas passed through (cycle detection)

    def where(self, keyword: str) -> str:
        """The pointer of `keyword` where it is written, else of the schema itself."""
        origin = self.origins.get(keyword)
        return join(origin, keyword) if origin is not None else self.pointer

    def property_pointer(self, name: str) -> str:
        parts = self.properties.get(name)
        return parts[0][1] if parts else join(self.pointer, "properties", name)

    @property
    def nullable(self) -> bool:
        return self.types is not None and "null" in self.types

    @property
    def value_types(self) -> frozenset[str] | None:
        """The types without null; None: any."""
        return None if self.types is None else self.types - {"null"}


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def view(document: Any, parts: list[Part]) -> View:
    """The merged view of schema parts that all apply to one value (allOf semantics)."""
    result = View(pointer=parts[0][1] if parts else "")
    for node, pointer in parts:
        _collect(document, node, pointer, result, (), 0)
    if result.types is None and result.enum is not None:
        result.types = frozenset(json_type(value) for value in result.enum)
    if result.enum is not None and result.types is not None and "null" in result.types:
        # `type: [string, 'null']` with `enum: [a, b]`: null is allowed by the type.
        result.enum = tuple(v for v in result.enum if v is not None) + (None,)
    return result


def _collect(
    document: Any, node: Any, pointer: str, into: View, stack: tuple[str, ...], depth: int
) -> None:
    if not isinstance(node, dict) or depth > _MAX_DEPTH:
        return
    _apply(node, pointer, into)
    target = local_ref_pointer(node.get("$ref"))
    if target is not None and target not in stack:
        found = lookup(document, target)
        if found is not MISSING:
            into.refs = into.refs | {target}
            _collect(document, found, target, into, (*stack, target), depth + 1)
    for index, part in enumerate(node.get("allOf") or []):
        _collect(document, part, join(pointer, "allOf", index), into, stack, depth + 1)
    for combinator in ("anyOf", "oneOf"):
        options = node.get(combinator)
        if isinstance(options, list):
            _alternatives(document, options, join(pointer, combinator), into, stack, depth)


def _alternatives(
    document: Any, options: list[Any], pointer: str, into: View, stack: tuple[str, ...], depth: int
) -> None:
    """`anyOf: [X, {type: 'null'}]` is X, nullable; other unions are kept as their types."""
    views = [view(document, [(option, join(pointer, i))]) for i, option in enumerate(options)]
    real = [v for v in views if v.types != frozenset({"null"})]
    nullable = len(real) < len(views)
    if len(real) == 1:
        for index, option in enumerate(options):
            if views[index] is real[0]:
                _collect(document, option, join(pointer, index), into, stack, depth + 1)
        if nullable:
            into.types = (into.types or frozenset()) | {"null"} if into.types is not None else None
        return
    into.alternatives = tuple(v.types for v in real)
    into.members.setdefault(pointer.rsplit("/", 1)[-1], []).extend(
        (option, join(pointer, index))
        for index, option in enumerate(options)
        if views[index].types != frozenset({"null"})
    )
    union: set[str] = set()
    for v in views:
        if v.types is None:
            return
        union |= v.types
    _merge_types(into, frozenset(union), pointer)


def _merge_types(into: View, types: frozenset[str], origin: str) -> None:
    if into.types is None:
        into.types = types
        into.origins.setdefault("type", origin)
        return
    merged = set(into.types & types)
    # integer is a number: `number` and `integer` together mean integer.
    if (
        "integer" in into.types
        and "number" in types
        or "number" in into.types
        and ("integer" in types)
    ):
        merged.add("integer")
    into.types = frozenset(merged)


def _apply(node: dict[str, Any], pointer: str, into: View) -> None:
    declared = node.get("type")
    if isinstance(declared, str | list):
        types = frozenset([declared] if isinstance(declared, str) else map(str, declared))
        into.origins.setdefault("type", pointer)
        _merge_types(into, types, pointer)
    values: list[Any] | None = None
    if "const" in node:
        values = [node["const"]]
    elif isinstance(node.get("enum"), list):
        values = list(node["enum"])
    if values is not None:
        narrowed = (
            tuple(values) if into.enum is None else tuple(v for v in into.enum if v in values)
        )
        if narrowed != into.enum:  # point at the node that decides the values
            into.origins["enum"] = pointer
        into.enum = narrowed
    for key in LOWER_BOUNDS + UPPER_BOUNDS:
        value = node.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            current = into.bounds.get(key)
            stricter = max if key in LOWER_BOUNDS else min
            into.bounds[key] = value if current is None else stricter(current, value)
            if into.bounds[key] != current:
                into.origins[key] = pointer
    for key, kind in LENGTHS.items():
        value = node.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            current_length = into.lengths.get(key)
            pick = max if kind == "min" else min
            into.lengths[key] = value if current_length is None else pick(current_length, value)
            if into.lengths[key] != current_length:
                into.origins[key] = pointer
    if isinstance(node.get("pattern"), str) and node["pattern"] not in ("", ".*", "^.*$"):
        # An empty pattern (or `.*`) matches every string: it constrains nothing.
        into.origins.setdefault("pattern", pointer)
        into.patterns = into.patterns | {node["pattern"]}
    properties = node.get("properties")
    if isinstance(properties, dict):
        for name, sub in properties.items():
            into.properties.setdefault(str(name), []).append(
                (sub, join(pointer, "properties", name))
            )
    required = node.get("required")
    if isinstance(required, list):
        into.origins.setdefault("required", pointer)
        into.required = into.required | {str(name) for name in required}
    if node.get("additionalProperties") is False or node.get("unevaluatedProperties") is False:
        into.origins.setdefault("additionalProperties", pointer)
        into.closed = True
    if "items" in node:
        into.items.append((node["items"], join(pointer, "items")))
    for key in CONSTRAINTS:
        if key in node and key not in into.constraints:
            if key == "unevaluatedProperties" and node[key] is False:
                continue  # `closed`
            into.constraints[key] = node[key]
            into.origins[key] = pointer
    if isinstance(node.get("additionalProperties"), dict):
        into.additional.append(
            (node["additionalProperties"], join(pointer, "additionalProperties"))
        )
    if isinstance(node.get("x-extensible-enum"), list) and into.extensible is None:
        into.extensible = tuple(node["x-extensible-enum"])
        into.origins["x-extensible-enum"] = pointer
    if isinstance(node.get("discriminator"), dict) and into.discriminator is None:
        into.discriminator = node["discriminator"]
        into.origins["discriminator"] = pointer
    if "default" in node and not into.has_default:
        into.default, into.has_default = node["default"], True
        into.origins["default"] = pointer
    into.deprecated = into.deprecated or node.get("deprecated") is True
    if "x-sunset" in node and into.sunset is None:
        into.sunset = node["x-sunset"]
    into.read_only = into.read_only or node.get("readOnly") is True
    into.write_only = into.write_only or node.get("writeOnly") is True
