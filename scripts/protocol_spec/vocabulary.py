"""The `x-protocol-` vocabulary: defined by spec/x-protocol.schema.json, checked here.

This module checks the form of each extension: a known name, on a kind of node it may sit
on, with a value its definition accepts. Whether what it names exists (a parameter of the
operation, an attribute of the listed objects) is checked by the model builder, which knows
the operation and the resource.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]

from .errors import SpecError
from .loaded import LoadedSpec
from .messages import show, type_words
from .pointers import join
from .structure import walk

__all__ = ["PREFIX", "VOCABULARY_FILE", "Extension", "check_extensions", "vocabulary"]

PREFIX = "x-protocol-"
VOCABULARY_FILE = Path(__file__).resolve().parents[2] / "spec" / "x-protocol.schema.json"
# Values that are data, not spec: an `x-protocol-` key in there is data too.
_DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const"})
_KIND_WORDS = {
    "document": "the document root",
    "path-item": "a path item",
    "operation": "an operation",
    "parameter": "a parameter",
    "header": "a header",
    "request-body": "a request body",
    "media-type": "a media type",
    "response": "a response",
    "schema": "a schema",
    "property": "a property of an object schema",
}


@dataclass(frozen=True)
class Extension:
    """One extension of the vocabulary, as its definition says."""

    name: str
    description: str
    on: tuple[str, ...]  # kinds of node it may sit on
    schema: dict[str, Any]
    examples: tuple[Any, ...]


@functools.cache
def vocabulary() -> dict[str, Extension]:
    """name -> Extension, from spec/x-protocol.schema.json (read once per process)."""
    document = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return {
        name: Extension(
            name=name,
            description=str(definition.get("description", "")),
            on=tuple(definition.get("x-on", ())),
            schema=definition,
            examples=tuple(definition.get("examples", ())),
        )
        for name, definition in document["$defs"].items()
    }


@functools.cache
def _validator(name: str) -> Any:
    return Draft202012Validator(vocabulary()[name].schema)


def check_extensions(spec: LoadedSpec) -> list[SpecError]:
    kinds = {pointer: kind for kind, pointer, _ in walk(spec.document)}
    errors: list[SpecError] = []
    for parent, name, value in _extensions(spec.document, ""):
        at = join(parent, name)
        known = vocabulary()
        if name not in known:
            close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            errors.append(
                spec.error(
                    at,
                    f"unknown extension '{name}': the {PREFIX} vocabulary has no such name",
                    f"{hint}the vocabulary ({VOCABULARY_FILE.name}) defines "
                    + ", ".join(sorted(known)),
                )
            )
            continue
        extension = known[name]
        kind = kinds.get(parent)
        if kind not in extension.on:
            where = _KIND_WORDS.get(kind, "this node") if kind else "this node"
            allowed = " or ".join(_KIND_WORDS[k] for k in extension.on)
            errors.append(
                spec.error(
                    at,
                    f"'{name}' cannot sit on {where}",
                    f"move it onto {allowed}: it describes that node",
                )
            )
            continue
        for failure in _failures(name, value):
            problem, fix = _explain(name, failure)
            errors.append(spec.error(join(at, *failure.absolute_path), problem, fix))
    return errors


def _failures(name: str, value: Any) -> list[ValidationError]:
    """The value's errors; a key missing because it is misspelt is one mistake, not two."""
    failures = sorted(_validator(name).iter_errors(value), key=lambda e: list(e.path))
    misspelt: set[tuple[str, ...]] = set()
    for failure in failures:
        if failure.validator == "additionalProperties" and isinstance(failure.instance, dict):
            allowed = list(failure.schema.get("properties", {}))
            for key in failure.instance:
                for close in difflib.get_close_matches(key, allowed, n=1):
                    misspelt.add((*map(str, failure.absolute_path), close))
    return [
        failure
        for failure in failures
        if failure.validator != "required"
        or not all(
            (*map(str, failure.absolute_path), key) in misspelt
            for key in failure.validator_value
            if key not in failure.instance
        )
    ]


def _extensions(node: Any, pointer: str) -> Iterator[tuple[str, str, Any]]:
    """(pointer of the holder, name, value) of every `x-protocol-` key outside data."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.startswith(PREFIX):
                yield pointer, key, value
            elif key in _DATA_KEYS or key.startswith("x-"):
                continue
            else:
                yield from _extensions(value, join(pointer, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _extensions(item, join(pointer, index))


def _explain(name: str, failure: ValidationError) -> tuple[str, str]:
    keyword, expected, value = failure.validator, failure.validator_value, failure.instance
    subject = f"'{name}'" + "".join(f"/{part}" for part in failure.absolute_path)
    schema = failure.schema if isinstance(failure.schema, dict) else {}
    if keyword == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        unknown = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        close = difflib.get_close_matches(unknown[0], allowed, n=1) if unknown else []
        hint = f"did you mean '{close[0]}'? " if close else ""
        listed = ", ".join(repr(key) for key in unknown)
        return (
            f"{subject} has unknown key(s) {listed}",
            f"{hint}its keys are: {', '.join(allowed)}",
        )
    if keyword == "required":
        missing = [key for key in expected if not isinstance(value, dict) or key not in value]
        first = missing[0] if missing else expected[0]
        meaning = schema.get("properties", {}).get(first, {}).get("description", "")
        return (
            f"{subject} has no '{first}'",
            f"add '{first}:'" + (f" ({_lower_first(meaning)})" if meaning else ""),
        )
    if keyword == "enum":
        listed = ", ".join(str(item) for item in expected)
        close = difflib.get_close_matches(str(value), [str(item) for item in expected], n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"{subject} is {show(value)}, not one of {listed}", f"{hint}use one of: {listed}"
    if keyword == "type":
        words = type_words(expected)
        return f"{subject} is {show(value)}, not {words}", f"write {words} here"
    if keyword == "pattern" and name == "x-protocol-sdk-method":
        return (
            f"{subject} is {show(value)}, not a snake_case name",
            "use lower-case letters, digits and underscores, e.g. `list` or `archive_all`",
        )
    if keyword in ("minLength", "minItems"):
        return f"{subject} is empty", "give a value, or remove the extension"
    return f"{subject} is invalid: {failure.message}", f"see '{name}' in {VOCABULARY_FILE.name}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:].rstrip(".")
