"""Every example in the spec must match its schema (the validator library does not check this).

Example sites: `example` and `examples` on schemas (and every nested schema), parameters,
headers and media types. Each is validated with JSON Schema 2020-12 against the schema next
to it, with the whole document in a `referencing` registry so `$ref`s inside schemas resolve.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any, NamedTuple
from urllib.parse import quote

from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import (  # type: ignore[import-untyped]
    ValidationError,
    best_match,
)
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .errors import SpecError
from .loaded import LoadedSpec
from .locations import join
from .messages import show, type_words

__all__ = ["ExampleSite", "check_examples", "collect_examples"]

# Where subschemas live inside a schema: keyword -> how its value holds them.
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")
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
# The document is registered under this URI and each example is checked against
# {"$ref": "<uri>#<schema pointer>"}, so the schema's own "#/components/..." refs resolve
# against the whole document, wherever in it the schema sits.
_DOCUMENT_URI = "urn:protocol-codegen:spec"


class ExampleSite(NamedTuple):
    pointer: str  # where the example value is written
    example: Any
    schema: Any  # the schema node it must match (may be a `$ref` mapping)
    schema_pointer: str


def collect_examples(spec: LoadedSpec) -> list[ExampleSite]:
    """Every example in the spec with the schema it must match, in document order."""
    sites: dict[tuple[str, str], ExampleSite] = {}
    for site in _Walker(spec).walk():
        sites.setdefault((site.pointer, site.schema_pointer), site)
    return list(sites.values())


def check_examples(spec: LoadedSpec) -> tuple[list[SpecError], list[SpecError]]:
    """(mismatches, examples that could not be checked because their schema is broken)."""
    registry: Registry[Any] = Registry().with_resource(
        _DOCUMENT_URI, Resource.from_contents(spec.document, default_specification=DRAFT202012)
    )
    mismatches: list[SpecError] = []
    unchecked: list[SpecError] = []
    for site in collect_examples(spec):
        validator = Draft202012Validator(
            {"$ref": _DOCUMENT_URI + "#" + quote(site.schema_pointer, safe="/~")},
            registry=registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        try:
            failures = sorted(validator.iter_errors(site.example), key=lambda e: list(e.path))
        # An invalid schema (unknown type, bad pattern) makes jsonschema raise; the
        # other checks report the cause, so this only matters when nothing else is found.
        except Exception as exc:  # noqa: BLE001
            unchecked.append(
                spec.error(
                    site.schema_pointer,
                    f"the example at {site.pointer} cannot be checked: its schema is invalid "
                    f"({type(exc).__name__}: {str(exc).strip().splitlines()[0]})",
                    "fix the schema so that it is valid JSON Schema 2020-12",
                )
            )
            continue
        for failure in failures:
            mismatches.append(_mismatch(spec, site, failure))
    return mismatches, unchecked


def _mismatch(spec: LoadedSpec, site: ExampleSite, failure: ValidationError) -> SpecError:
    if failure.validator in ("anyOf", "oneOf") and failure.context:
        failure = best_match(failure.context) or failure
    parts: list[str | int] = list(failure.absolute_path)
    problem, fix = _explain(failure)
    unexpected = re.search(r"\('([^']*)' was unexpected\)", failure.message)
    if unexpected and failure.validator in ("additionalProperties", "unevaluatedProperties"):
        parts.append(unexpected.group(1))  # point at the offending key itself
    fix = fix or f"change the example so that it matches the schema at {site.schema_pointer}"
    pointer = join(site.pointer, *parts)
    return spec.error(pointer, f"example does not match its schema: {problem}", fix)


def _explain(failure: ValidationError) -> tuple[str, str | None]:
    """(problem, fix) for the keywords examples most often break; fix None = generic."""
    keyword, value, instance = failure.validator, failure.validator_value, failure.instance
    if keyword == "type":
        words = type_words(value)
        return f"{show(instance)} is not {words}", f"write {words} here"
    if keyword in ("enum", "const"):
        allowed = value if keyword == "enum" else [value]
        listed = ", ".join(show(item) for item in allowed)
        return f"{show(instance)} is not one of {listed}", f"use one of: {listed}"
    if keyword == "pattern":
        return (
            f"{show(instance)} does not match the pattern {value!r}",
            "write a value that matches the pattern",
        )
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return failure.message, f"use a value that respects {keyword}: {value}"
    if keyword == "required":
        return failure.message, f"add the missing property (required: {', '.join(value)})"
    unexpected = re.search(r"\('([^']*)' was unexpected\)", failure.message)
    if keyword in ("additionalProperties", "unevaluatedProperties") and unexpected:
        name = unexpected.group(1)
        return (
            f"property '{name}' is not allowed here (the schema is closed)",
            _unknown_property_fix(failure),
        )
    return failure.message.strip().splitlines()[0], None


def _unknown_property_fix(failure: ValidationError) -> str | None:
    schema = failure.schema if isinstance(failure.schema, dict) else {}
    known = sorted(schema.get("properties") or {})
    match = re.search(r"'([^']*)' was unexpected", failure.message)
    if not match:
        return None
    close = difflib.get_close_matches(match.group(1), known, n=1)
    allowed = ", ".join(known) or "no properties"
    if close:
        return f"did you mean '{close[0]}'? (the schema allows: {allowed})"
    return f"remove '{match.group(1)}' (the schema allows: {allowed})"


class _Walker:
    """Walks the document where the OpenAPI structure says examples and schemas are."""

    def __init__(self, spec: LoadedSpec) -> None:
        self.spec = spec
        self.document = spec.document

    def walk(self) -> Iterator[ExampleSite]:
        document = self.document
        for section in ("paths", "webhooks"):
            for name, item in _items(document.get(section)):
                yield from self.path_item(item, join("", section, name))
        components = document.get("components")
        if not isinstance(components, dict):
            return
        for name, schema in _items(components.get("schemas")):
            yield from self.schema(schema, join("", "components", "schemas", name))
        for name, parameter in _items(components.get("parameters")):
            yield from self.parameter(parameter, join("", "components", "parameters", name))
        for name, header in _items(components.get("headers")):
            yield from self.parameter(header, join("", "components", "headers", name))
        for name, body in _items(components.get("requestBodies")):
            yield from self.content(body, join("", "components", "requestBodies", name))
        for name, response in _items(components.get("responses")):
            yield from self.response(response, join("", "components", "responses", name))
        for name, item in _items(components.get("pathItems")):
            yield from self.path_item(item, join("", "components", "pathItems", name))
        for name, callback in _items(components.get("callbacks")):
            for expression, item in _items(callback):
                pointer = join("", "components", "callbacks", name, expression)
                yield from self.path_item(item, pointer)

    # `$ref`d objects are skipped everywhere: they are walked where they are defined.

    def path_item(self, item: Any, pointer: str) -> Iterator[ExampleSite]:
        if not isinstance(item, dict) or "$ref" in item:
            return
        for index, parameter in enumerate(_list(item.get("parameters"))):
            yield from self.parameter(parameter, join(pointer, "parameters", index))
        for method, operation in item.items():
            if not isinstance(operation, dict) or method in ("parameters", "servers"):
                continue
            here = join(pointer, method)
            for index, parameter in enumerate(_list(operation.get("parameters"))):
                yield from self.parameter(parameter, join(here, "parameters", index))
            yield from self.content(operation.get("requestBody"), join(here, "requestBody"))
            for status, response in _items(operation.get("responses")):
                yield from self.response(response, join(here, "responses", status))
            for name, callback in _items(operation.get("callbacks")):
                for expression, callback_item in _items(callback):
                    callback_pointer = join(here, "callbacks", name, expression)
                    yield from self.path_item(callback_item, callback_pointer)

    def response(self, response: Any, pointer: str) -> Iterator[ExampleSite]:
        if not isinstance(response, dict) or "$ref" in response:
            return
        for name, header in _items(response.get("headers")):
            yield from self.parameter(header, join(pointer, "headers", name))
        yield from self.content(response, pointer)

    def content(self, holder: Any, pointer: str) -> Iterator[ExampleSite]:
        """The media types under `content` of a request body, response, parameter or header."""
        if not isinstance(holder, dict) or "$ref" in holder:
            return
        for media_type, media in _items(holder.get("content")):
            here = join(pointer, "content", media_type)
            yield from self.examples_of(media, here)
            for name, encoding in _items(media.get("encoding")):
                for header_name, header in _items(encoding.get("headers")):
                    header_pointer = join(here, "encoding", name, "headers", header_name)
                    yield from self.parameter(header, header_pointer)

    def parameter(self, parameter: Any, pointer: str) -> Iterator[ExampleSite]:
        """A parameter or a header: examples next to `schema`, or media types in `content`."""
        if not isinstance(parameter, dict) or "$ref" in parameter:
            return
        yield from self.examples_of(parameter, pointer)
        yield from self.content(parameter, pointer)

    def examples_of(self, holder: dict[str, Any], pointer: str) -> Iterator[ExampleSite]:
        """`example` / `examples` of a parameter, header or media type, and its schema's."""
        if "schema" not in holder:
            return
        schema = holder["schema"]
        schema_pointer = join(pointer, "schema")
        if "example" in holder:
            yield ExampleSite(join(pointer, "example"), holder["example"], schema, schema_pointer)
        for name, example in _items(holder.get("examples")):
            example_pointer = join(pointer, "examples", name)
            try:
                example, example_pointer = self.spec.resolve_with_pointer(example, example_pointer)
            except KeyError:
                continue  # an unresolved $ref is reported by check_refs
            if isinstance(example, dict) and "value" in example:
                value_pointer = join(example_pointer, "value")
                yield ExampleSite(value_pointer, example["value"], schema, schema_pointer)
        yield from self.schema(schema, schema_pointer)

    def schema(self, schema: Any, pointer: str) -> Iterator[ExampleSite]:
        if not isinstance(schema, dict):
            return
        if "example" in schema:
            yield ExampleSite(join(pointer, "example"), schema["example"], schema, pointer)
        for index, example in enumerate(_list(schema.get("examples"))):
            yield ExampleSite(join(pointer, "examples", index), example, schema, pointer)
        for keyword in _SCHEMA_MAPS:
            for name, subschema in _items(schema.get(keyword)):
                yield from self.schema(subschema, join(pointer, keyword, name))
        for keyword in _SCHEMA_LISTS:
            for index, subschema in enumerate(_list(schema.get(keyword))):
                yield from self.schema(subschema, join(pointer, keyword, index))
        for keyword in _SCHEMA_SINGLE:
            if keyword in schema:
                yield from self.schema(schema[keyword], join(pointer, keyword))


def _items(node: Any) -> list[tuple[str, Any]]:
    return list(node.items()) if isinstance(node, dict) else []


def _list(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []
