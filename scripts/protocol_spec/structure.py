"""The OpenAPI 3.1 structure of a document: every node that is an Object of the specification,
with its kind and its JSON pointer, walked where it is defined (a `$ref` is not followed: the
node it points at is walked at its own place).

The example checker uses it to find examples and their schemas; the vocabulary checker uses it
to know what kind of node an extension sits on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Literal, NamedTuple

from .pointers import join

__all__ = ["HTTP_METHODS", "Kind", "StructuralNode", "walk"]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

Kind = Literal[
    "document",
    "path-item",
    "operation",
    "parameter",
    "header",
    "request-body",
    "media-type",
    "response",
    "schema",
    "property",
]

# Where subschemas live inside a schema: keyword -> how its value holds them.
_SCHEMA_MAPS = ("patternProperties", "$defs", "dependentSchemas")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_SINGLE = (
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
)


class StructuralNode(NamedTuple):
    kind: Kind
    pointer: str
    node: dict[str, Any]


def walk(document: Any) -> Iterator[StructuralNode]:
    """Every Object of the document, in document order."""
    if not isinstance(document, dict):
        return
    yield StructuralNode("document", "", document)
    for section in ("paths", "webhooks"):
        for name, item in _items(document.get(section)):
            yield from _path_item(item, join("", section, name))
    components = document.get("components")
    if not isinstance(components, dict):
        return
    walkers: dict[str, Callable[[Any, str], Iterator[StructuralNode]]] = {
        "schemas": _schema,
        "parameters": _parameter,
        "headers": _header,
        "requestBodies": _request_body,
        "responses": _response,
        "pathItems": _path_item,
    }
    for section, walker in walkers.items():
        for name, node in _items(components.get(section)):
            yield from walker(node, join("", "components", section, name))
    for name, callback in _items(components.get("callbacks")):
        for expression, item in _items(callback):
            yield from _path_item(item, join("", "components", "callbacks", name, expression))


def _path_item(item: Any, pointer: str) -> Iterator[StructuralNode]:
    if not _defined(item):
        return
    yield StructuralNode("path-item", pointer, item)
    for index, parameter in enumerate(_list(item.get("parameters"))):
        yield from _parameter(parameter, join(pointer, "parameters", index))
    for method in HTTP_METHODS:
        if method in item:
            yield from _operation(item[method], join(pointer, method))


def _operation(operation: Any, pointer: str) -> Iterator[StructuralNode]:
    if not isinstance(operation, dict):
        return
    yield StructuralNode("operation", pointer, operation)
    for index, parameter in enumerate(_list(operation.get("parameters"))):
        yield from _parameter(parameter, join(pointer, "parameters", index))
    yield from _request_body(operation.get("requestBody"), join(pointer, "requestBody"))
    for status, response in _items(operation.get("responses")):
        yield from _response(response, join(pointer, "responses", status))
    for name, callback in _items(operation.get("callbacks")):
        for expression, item in _items(callback):
            yield from _path_item(item, join(pointer, "callbacks", name, expression))


def _parameter(parameter: Any, pointer: str) -> Iterator[StructuralNode]:
    if _defined(parameter):
        yield StructuralNode("parameter", pointer, parameter)
        yield from _schema_and_content(parameter, pointer)


def _header(header: Any, pointer: str) -> Iterator[StructuralNode]:
    if _defined(header):
        yield StructuralNode("header", pointer, header)
        yield from _schema_and_content(header, pointer)


def _request_body(body: Any, pointer: str) -> Iterator[StructuralNode]:
    if _defined(body):
        yield StructuralNode("request-body", pointer, body)
        yield from _content(body, pointer)


def _response(response: Any, pointer: str) -> Iterator[StructuralNode]:
    if not _defined(response):
        return
    yield StructuralNode("response", pointer, response)
    for name, header in _items(response.get("headers")):
        yield from _header(header, join(pointer, "headers", name))
    yield from _content(response, pointer)


def _schema_and_content(holder: dict[str, Any], pointer: str) -> Iterator[StructuralNode]:
    """A parameter or header: a `schema`, or media types under `content`."""
    if "schema" in holder:
        yield from _schema(holder["schema"], join(pointer, "schema"))
    yield from _content(holder, pointer)


def _content(holder: dict[str, Any], pointer: str) -> Iterator[StructuralNode]:
    for media_type, media in _items(holder.get("content")):
        here = join(pointer, "content", media_type)
        if not isinstance(media, dict):
            continue
        yield StructuralNode("media-type", here, media)
        if "schema" in media:
            yield from _schema(media["schema"], join(here, "schema"))
        for name, encoding in _items(media.get("encoding")):
            for header_name, header in _items(encoding.get("headers")):
                yield from _header(header, join(here, "encoding", name, "headers", header_name))


def _schema(schema: Any, pointer: str, kind: Kind = "schema") -> Iterator[StructuralNode]:
    # A schema with a `$ref` is still a schema (its siblings apply too), so it is walked.
    if not isinstance(schema, dict):
        return
    yield StructuralNode(kind, pointer, schema)
    for name, subschema in _items(schema.get("properties")):
        yield from _schema(subschema, join(pointer, "properties", name), "property")
    for keyword in _SCHEMA_MAPS:
        for name, subschema in _items(schema.get(keyword)):
            yield from _schema(subschema, join(pointer, keyword, name))
    for keyword in _SCHEMA_LISTS:
        for index, subschema in enumerate(_list(schema.get(keyword))):
            yield from _schema(subschema, join(pointer, keyword, index))
    for keyword in _SCHEMA_SINGLE:
        if keyword in schema:
            yield from _schema(schema[keyword], join(pointer, keyword))


def _defined(node: Any) -> bool:
    """An Object written here, not a `$ref` to one defined elsewhere."""
    return isinstance(node, dict) and "$ref" not in node


def _items(node: Any) -> list[tuple[str, Any]]:
    return list(node.items()) if isinstance(node, dict) else []


def _list(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []
