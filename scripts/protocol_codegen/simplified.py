"""The schema constructs the SDKs type more loosely than the spec says, one warning each.

Every other construct of JSON Schema that the generator meets is typed exactly in the three
SDKs (maps, unions with and without discriminator, `allOf`, literals, recursion, nullable
everything). These few have no type of their own in Python, TypeScript and PHP alike; the
generator types the value without them and says so, with where each is written
(`generate` prints each as a `warning:` line and their count). The README lists them under
"Simplified constructs".

    simplified(api)   # [Simplified(pointer, where, keyword), ...] in document order
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from protocol_spec.model import Api
from protocol_spec.pointers import join

__all__ = ["SIMPLIFIED", "Simplified", "simplified"]

# keyword -> how the SDKs type a schema that uses it
SIMPLIFIED: dict[str, str] = {
    "not": "typed by the rest of its schema; what it must not be is left to the server",
    "if": "typed by the rest of its schema, without the condition (`if`/`then`/`else`)",
    "patternProperties": "attributes named by a pattern are kept as undeclared attributes",
    "dependentSchemas": "typed without the schemas an attribute's presence adds",
    # A tuple is exact in TypeScript (`[string, number]`), PHP (`array{string, float}`) and in
    # Python's method signatures (`tuple[str, float]`); datamodel-code-generator's models,
    # which read responses, hold a list.
    "prefixItems": "a tuple, which Python's models hold as a list (exact everywhere else)",
}
# Where a construct is typed exactly all the same: only method signatures read these.
_SIGNATURES_ONLY = {"prefixItems": ("/requestBody/", "/parameters/")}

# Keywords whose value is a schema, a list of schemas, or a map of names to schemas.
_ONE = ("items", "additionalProperties", "not", "if", "then", "else", "contains")
_MANY = ("allOf", "anyOf", "oneOf", "prefixItems")
_NAMED = ("properties", "patternProperties", "$defs", "dependentSchemas")


@dataclass(frozen=True)
class Simplified:
    pointer: str  # the schema that uses the keyword
    where: str  # its file:line
    keyword: str

    def render(self) -> str:
        return f"{self.where}: {self.pointer}: `{self.keyword}`: {SIMPLIFIED[self.keyword]}"


def simplified(api: Api) -> list[Simplified]:
    """Each schema of the document that uses a construct of `SIMPLIFIED`."""
    found = []
    for pointer, schema in _roots(api.document):
        for at, node in _schemas(schema, pointer):
            found += [
                Simplified(at, api.where(at), keyword)
                for keyword in SIMPLIFIED
                if keyword in node
                and not any(part in at for part in _SIGNATURES_ONLY.get(keyword, ()))
            ]
    return found


def _roots(document: Any) -> Iterator[tuple[str, Any]]:
    """The component schemas, then the schemas of every parameter, body and response."""
    components = document.get("components", {}) if isinstance(document, dict) else {}
    for name, schema in (components.get("schemas") or {}).items():
        yield join("", "components", "schemas", name), schema
    yield from _media_schemas(document.get("paths", {}), "/paths")
    yield from _media_schemas(document.get("webhooks", {}), "/webhooks")
    for kind in ("parameters", "requestBodies", "responses"):
        yield from _media_schemas(components.get(kind, {}), join("", "components", kind))


def _media_schemas(node: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    """Every `schema` below `node` (a parameter's, or a media type's), not inside a schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = join(pointer, str(key))
            if key == "schema" and isinstance(value, dict):
                yield here, value
            elif key not in ("example", "examples", "default"):
                yield from _media_schemas(value, here)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _media_schemas(item, join(pointer, str(index)))


def _schemas(schema: Any, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """`schema` and every schema inside it, with their pointers (`$ref`s not followed)."""
    if not isinstance(schema, dict):
        return
    yield pointer, schema
    for key in _ONE:
        yield from _schemas(schema.get(key), join(pointer, key))
    for key in _MANY:
        for index, item in enumerate(schema.get(key) or ()):
            yield from _schemas(item, join(pointer, key, str(index)))
    for key in _NAMED:
        members = schema.get(key)
        for name, item in members.items() if isinstance(members, dict) else ():
            yield from _schemas(item, join(pointer, key, str(name)))
