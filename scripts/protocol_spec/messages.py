"""Turning validator errors into a problem a reader understands and a fix they can apply."""

from __future__ import annotations

import difflib
import json
import re
import string
from collections.abc import Sequence
from typing import Any

from jsonschema.exceptions import (  # type: ignore[import-untyped]
    ValidationError,
    best_match,
)
from openapi_spec_validator.validation.exceptions import (
    ExtraParametersError,
    ParameterDuplicateError,
    UnresolvableParameterError,
)

from .model import TypeRef

__all__ = [
    "JSON_SCHEMA_TYPES",
    "Message",
    "Parts",
    "kind_words",
    "show",
    "translate",
    "type_words",
]

Parts = tuple[str | int, ...]
Message = tuple[Parts, str, str]  # (logical path, problem, fix)

JSON_SCHEMA_TYPES = ("array", "boolean", "integer", "null", "number", "object", "string")

_TYPE_WORDS = {
    "array": "a list",
    "object": "a mapping",
    "string": "a string",
    "boolean": "true or false",
    "integer": "an integer",
    "number": "a number",
    "null": "null",
}
_TYPE_FIXES = {
    "array": "write it as a YAML list (one '- item' per line, or [a, b])",
    "object": "write it as a YAML mapping (indented 'key: value' lines)",
    "string": "write a string (quote it if YAML reads it as something else)",
    "boolean": "write true or false, without quotes",
    "integer": "write a whole number, without quotes",
    "number": "write a number, without quotes",
}
# What each required field is for, to make "add X" concrete.
_FIELD_HINTS = {
    "description": "a sentence that says what it is",
    "title": "the name of the API",
    "version": "the version of the API, e.g. '1.0.0'",
    "name": "its name",
    "in": "where it goes: query, header, path or cookie",
    "url": "its URL",
    "type": "its type",
    "scheme": "e.g. bearer or basic",
    "responses": "at least one response, e.g. '200': with a description",
}
# What the meta-schema's key patterns mean, in words.
_PATTERN_WORDS = {
    "^[1-5](?:[0-9]{2}|XX)$": "an HTTP status code such as '200' or '4XX', or 'default'",
    "^/": "a path that starts with '/'",
    "^x-": "an extension, starting with 'x-'",
}
_SPEC_URL = "https://spec.openapis.org/oas/v3.1.0"


def translate(error: ValidationError, document: Any) -> list[Message]:
    """One library error becomes one or more messages (one per unknown key, for instance)."""
    parts: Parts = tuple(error.absolute_path)
    if isinstance(error, ParameterDuplicateError):
        name = _quoted(error.message)
        return [
            (
                parts,
                f"parameter '{name}' is declared twice in this list",
                "remove one of them: a parameter's name and 'in' together must be unique",
            )
        ]
    if isinstance(error, UnresolvableParameterError):
        return [_path_parameter(error, parts)]
    if isinstance(error, ExtraParametersError):
        return [
            (
                (*parts, "required"),
                (
                    f"'required' names properties that no 'properties' defines: "
                    f"{error.message.split(': ', 1)[-1]}"
                ),
                (
                    "define them under 'properties' (here or in an allOf part), "
                    "or remove them from 'required'"
                ),
            )
        ]
    if error.message.startswith("Duplicate tag name"):
        return [
            (
                parts,
                f"the tag '{_quoted(error.message)}' is declared twice",
                "keep one declaration per tag name",
            )
        ]
    if parts and parts[-1] == "default" and not _is_meta_error(error):
        inner = _describe(error, document)
        return [
            (p, f"the default value does not match its schema: {problem}", fix)
            for p, problem, fix in inner
        ]
    return _describe(error, document)


def _is_meta_error(error: ValidationError) -> bool:
    # Errors against the OpenAPI meta-schema carry the OpenAPI `$comment` of the object.
    return isinstance(error.schema, dict) and "$comment" in error.schema


def _describe(error: ValidationError, document: Any) -> list[Message]:
    """Messages for a plain JSON Schema error, by the keyword that failed."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        return _alternatives(error, document)
    parts: Parts = tuple(error.absolute_path)
    kind = _kind(error) or "object"
    keyword = error.validator
    value: Any = error.validator_value
    if keyword == "required":
        missing = _quoted(error.message)
        hint = _FIELD_HINTS.get(missing)
        return [
            (
                parts,
                f"this {kind} has no '{missing}', which is required",
                f"add '{missing}:'" + (f" ({hint})" if hint else ""),
            )
        ]
    if keyword in ("unevaluatedProperties", "additionalProperties") and value is False:
        return [_unknown_key(error, parts, key, _kind(error)) for key in _unexpected_keys(error)]
    if keyword in ("enum", "const"):
        allowed = value if keyword == "enum" else [value]
        return [
            (
                parts,
                f"{show(error.instance)} is not a valid value for {_name(parts)}",
                _one_of(error, allowed),
            )
        ]
    if keyword == "type" and parts[-1:] == ("type",) and isinstance(error.instance, list):
        return [  # only OpenAPI 3.0's meta-schema says this
            (
                parts,
                "OpenAPI 3.0 takes one 'type', not a list",
                (
                    "write the one type and 'nullable: true' to allow null, "
                    "or declare 'openapi: 3.1.0' to use a list of types"
                ),
            )
        ]
    if keyword == "type":
        expected = [value] if isinstance(value, str) else list(value)
        words = type_words(value)
        return [
            (
                parts,
                f"{_name(parts)} must be {words}, not {_type_word(error.instance)}",
                _TYPE_FIXES.get(expected[0], f"change it to {words}"),
            )
        ]
    if keyword == "pattern":
        meaning = _PATTERN_WORDS.get(str(value))
        return [
            (
                parts,
                f"{show(error.instance)} does not match the pattern {value!r}",
                f"write {meaning}" if meaning else "change the value to match the pattern",
            )
        ]
    if keyword in ("minProperties", "minItems", "minLength"):
        return [(parts, f"{_name(parts)} must not be empty", "add at least one entry or remove it")]
    if keyword == "uniqueItems":
        return [(parts, f"{_name(parts)} contains the same item twice", "remove the repeated item")]
    if keyword == "format":
        return [(parts, f"{show(error.instance)} is not a valid {value}", f"write a valid {value}")]
    reference = f" (see {_kind_url(error)})" if _kind_url(error) else ""
    return [(parts, _sentence(error.message), f"correct this value{reference}")]


def _alternatives(error: ValidationError, document: Any) -> list[Message]:
    parts: Parts = tuple(error.absolute_path)
    # A JSON Schema `type` given as an unknown word: the sub-errors only say "not an array".
    if parts and parts[-1] == "type" and isinstance(error.instance, str):
        close = difflib.get_close_matches(error.instance, JSON_SCHEMA_TYPES, n=1)
        guess = f"did you mean '{close[0]}'? " if close else ""
        return [
            (
                parts,
                f"{error.instance!r} is not a JSON Schema type",
                f"{guess}use one of: {', '.join(JSON_SCHEMA_TYPES)} (or a list of them)",
            )
        ]
    assert error.context is not None
    candidates = list(error.context)
    if isinstance(error.instance, dict) and "$ref" not in error.instance:
        # Schema or Reference (OpenAPI 3.0 writes it so): what is wrong is not a missing $ref.
        candidates = [e for e in candidates if not _wants_ref(e)] or candidates
    best = best_match(candidates)
    return _describe(best, document) if best is not None else []


def _wants_ref(error: ValidationError) -> bool:
    value = error.validator_value
    return error.validator == "required" and isinstance(value, list) and "$ref" in value


def _unknown_key(error: ValidationError, parts: Parts, key: str, kind: str) -> Message:
    known = _known_keys(error)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    where = f"in this {kind}" if kind else "here"
    if close:
        fix = f"did you mean '{close[0]}'? (your own fields must start with 'x-')"
    else:
        patterns = [_PATTERN_WORDS.get(p, repr(p)) for p in _key_patterns(error)]
        allowed = ", ".join(known + patterns) or "none"
        fix = f"remove it, or rename it 'x-{key}' to keep it as an extension (allowed: {allowed})"
    return ((*parts, key), f"unknown field '{key}' {where}", fix)


def _unexpected_keys(error: ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    match = re.search(r"\((.*) (?:was|were) unexpected\)", error.message)
    listed = re.findall(r"'((?:[^'\\]|\\.)*)'", match.group(1)) if match else []
    keys = [key for key in listed if key in instance]
    return keys or [str(key) for key in instance if key not in _known_keys(error)]


def _known_keys(error: ValidationError) -> list[str]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    properties = schema.get("properties")
    return sorted(properties) if isinstance(properties, dict) else []


def _key_patterns(error: ValidationError) -> list[str]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    patterns = schema.get("patternProperties")
    return [p for p in patterns if p != "^x-"] if isinstance(patterns, dict) else []


def _kind(error: ValidationError) -> str:
    """'Response Object', 'Operation Object', ... from the meta-schema's `$comment` links."""
    url = _kind_url(error)
    if not url:
        return ""
    anchor = url.rsplit("#", 1)[-1]
    return " ".join(word.capitalize() for word in anchor.split("-"))


def _kind_url(error: ValidationError) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    comment = schema.get("$comment")
    if isinstance(comment, str) and comment.startswith(_SPEC_URL + "#"):
        return comment
    return ""


def _one_of(error: ValidationError, allowed: Sequence[Any]) -> str:
    words = [str(item) for item in allowed]
    close = difflib.get_close_matches(str(error.instance), words, n=1)
    guess = f"did you mean '{close[0]}'? " if close else ""
    return f"{guess}use one of: {', '.join(words)}"


def _path_parameter(error: ValidationError, parts: Parts) -> Message:
    name = _quoted(error.message)
    url = parts[1] if len(parts) > 1 else ""
    in_url = name in {field for _, field, _, _ in string.Formatter().parse(str(url)) if field}
    if in_url:
        return (
            parts,
            (
                f"the path has a '{{{name}}}' placeholder but this operation has no path parameter "
                f"'{name}'"
            ),
            (
                f"declare it (here or in the path item's parameters): "
                f"name: {name}, in: path, required: true, with a schema"
            ),
        )
    return (
        parts,
        f"path parameter '{name}' does not appear in the path {url!r}",
        f"add '{{{name}}}' to the path, or remove the parameter",
    )


def _quoted(message: str) -> str:
    match = re.search(r"'([^']*)'", message)
    return match.group(1) if match else message


def _name(parts: Parts) -> str:
    return f"'{parts[-1]}'" if parts else "the document"


def show(value: Any) -> str:
    """A value as the reader wrote it in YAML/JSON terms: null, true, 'text', 3."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        return text if len(text) <= 60 else text[:57] + "..."
    return repr(value)


def type_words(expected: Any) -> str:
    """'an integer', 'a string or null' for a JSON Schema `type` value."""
    names = [expected] if isinstance(expected, str) else list(expected)
    return " or ".join(_TYPE_WORDS.get(str(name), str(name)) for name in names)


def _type_word(instance: Any) -> str:
    if instance is None:
        return "null"
    if isinstance(instance, bool):
        return f"the boolean {str(instance).lower()}"
    if isinstance(instance, dict):
        return "a mapping"
    if isinstance(instance, list):
        return "a list"
    if isinstance(instance, (int, float)):
        return f"the number {instance}"
    return f"the string {instance!r}"


def _sentence(message: str) -> str:
    first = message.strip().splitlines()[0] if message.strip() else "invalid value"
    return first


def kind_words(type_ref: TypeRef, *, detailed: bool = False) -> str:
    """'an integer', 'a string (nullable)' for a model's type; `detailed` names a model's
    schema and an array's items."""
    if detailed and type_ref.kind == "array" and type_ref.items is not None:
        return f"an array of {type_ref.items.name or type_ref.items.kind} values"
    model = f"an object ({type_ref.name})" if detailed else "an object"
    words = {
        "string": "a string",
        "integer": "an integer",
        "number": "a number",
        "boolean": "a boolean",
        "array": "an array",
        "model": model,
        "enum": "a string enum",
        "object": "an object",
        "unknown": "of no single type",
    }[type_ref.kind]
    return words + (" (nullable)" if type_ref.nullable else "")
