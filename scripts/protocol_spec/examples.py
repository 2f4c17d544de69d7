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
from .messages import show, type_words
from .pointers import join
from .structure import walk

__all__ = ["ExampleSite", "check_examples", "collect_examples"]

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
    for site in _sites(spec):
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


def _sites(spec: LoadedSpec) -> Iterator[ExampleSite]:
    for kind, pointer, node in walk(spec.document):
        if kind in ("parameter", "header", "media-type") and "schema" in node:
            yield from _examples_next_to_schema(spec, node, pointer)
        elif kind in ("schema", "property"):
            if "example" in node:
                yield ExampleSite(join(pointer, "example"), node["example"], node, pointer)
            examples = node.get("examples")
            for index, example in enumerate(examples if isinstance(examples, list) else []):
                yield ExampleSite(join(pointer, "examples", index), example, node, pointer)


def _examples_next_to_schema(
    spec: LoadedSpec, holder: dict[str, Any], pointer: str
) -> Iterator[ExampleSite]:
    """`example` / `examples` of a parameter, header or media type, against its `schema`."""
    schema = holder["schema"]
    schema_pointer = join(pointer, "schema")
    if "example" in holder:
        yield ExampleSite(join(pointer, "example"), holder["example"], schema, schema_pointer)
    examples = holder.get("examples")
    for name, example in examples.items() if isinstance(examples, dict) else []:
        example_pointer = join(pointer, "examples", name)
        try:
            example, example_pointer = spec.resolve_with_pointer(example, example_pointer)
        except KeyError:
            continue  # an unresolved $ref is reported by check_refs
        if isinstance(example, dict) and "value" in example:
            value_pointer = join(example_pointer, "value")
            yield ExampleSite(value_pointer, example["value"], schema, schema_pointer)
