"""Turn raw query strings and bodies into checked values, using the operation's schemas.

JSON and form-encoded bodies end up as the same Python dict and are checked by the same JSON
Schema, so both encodings mean exactly the same thing. Every rejection is an ApiError(400) whose
message names the attribute, what it must be, and what was sent.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl

from protocol_server.errors import ApiError, ProtocolServerError
from protocol_server.validation import Invalid, Validation
from protocol_spec.model import Operation

Schema = dict[str, Any]

__all__ = [
    "FORM",
    "INT64_MAX",
    "INT64_MIN",
    "JSON",
    "Schema",
    "check_content_type",
    "describe",
    "format_value",
    "path_value",
    "read_body",
    "read_query",
]

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
# Decimal digits, optionally with a zero fraction: "2594.0" is the integer 2594, as the JSON
# number 2594.0 is (JSON Schema counts it as an integer, and fuzzers send it that way).
# Anything else ("2.5", "2.5e-42", "1e3") stays text and is rejected, never truncated.
_INTEGER_TEXT = re.compile(r"(-?[0-9]+)(?:\.0+)?")
# A JSON number, for `number` attributes (no `nan`, `inf` or hex, which Python's float() reads).
_NUMBER_TEXT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_ID_PATTERN = re.compile(r"\^\[A-Za-z0-9\]\{(\d+)\}\$")
_MAX_FIELDS = 100
# Unknown attributes named in a message; the rest are counted.
_SHOWN_UNKNOWN = 5
# How a form writes null for a nullable attribute, as spec/openapi.yaml's description says.
_FORM_NULLS = frozenset({"null"})


def read_query(schemas: Validation, operation: Operation, raw: bytes) -> dict[str, Any]:
    """The operation's query parameters, coerced and checked; defaults filled in."""
    pairs = _parse_urlencoded(raw, "The query string")
    known = {parameter.name: parameter for parameter in operation.query_params}
    values: dict[str, Any] = {}
    for name, text in pairs:
        if name not in known:
            accepted = ", ".join(known) if known else "none"
            raise ApiError(
                400, f"Unknown query parameter {name!r}; this operation accepts: {accepted}."
            )
        pointer = known[name].schema_pointer
        schema = schemas.resolved(pointer)
        if known[name].type.kind == "array":  # form style, exploded: `?tag=a&tag=b`
            items = schema.get("items")
            item = _coerce_text(text, _resolve(schemas, items) if isinstance(items, dict) else {})
            values[name] = [*values.get(name, []), item]
            continue
        if name in values:
            raise ApiError(400, f"Query parameter {name!r} is given more than once.")
        value = _coerce_text(text, schema)
        if not schemas.is_valid(pointer, value):
            raise ApiError(400, f"{name}: must be {describe(schema)}, got {format_value(text)}.")
        values[name] = _storable(name, value)
    for name, parameter in known.items():
        listed = parameter.type.kind == "array" and name in values
        if listed and not schemas.is_valid(parameter.schema_pointer, values[name]):
            schema = schemas.resolved(parameter.schema_pointer)
            shown = format_value(values[name])
            raise ApiError(400, f"{name}: must be {describe(schema)}, got {shown}.")
        if name not in values and parameter.has_default and parameter.default is not None:
            values[name] = parameter.default
    return values


def path_value(schemas: Validation, pointer: str | None, text: str) -> object:
    """A path parameter's text as the type its schema wants (`7` for an integer id)."""
    if pointer is None:
        return text
    return _coerce_text(text, schemas.resolved(pointer))


def read_body(
    schemas: Validation, operation: Operation, content_type: str | None, body: bytes
) -> dict[str, Any]:
    """The body's attributes, from JSON or a form, checked against the operation's schema."""
    assert operation.body is not None
    media_type = check_content_type(content_type, operation)
    if media_type is None and body:
        accepted = " or ".join(operation.body.content_types)
        raise ApiError(415, f"Send a Content-Type header with the body: {accepted}.")
    if not body and media_type is None and operation.body.required:
        # No body at all, where the spec requires one (an empty form or `{}` is a body).
        accepted = " or ".join(operation.body.content_types)
        raise ApiError(400, f"{operation.label} needs a request body: send {accepted}.")
    pointer = operation.body.schema_pointers[media_type or operation.body.content_types[0]]
    schema = schemas.resolved(pointer)
    instance: object
    if not body:
        # "An empty body changes nothing" (update); for create, the schema rejects {}.
        instance = {}
    elif media_type == JSON:
        instance = _parse_json(body)
    else:
        instance = _coerce_form(_parse_form(body, operation), schema, schemas)
    errors = schemas.errors(pointer, instance)
    if errors:
        raise ApiError(400, _explain(errors, schema, instance, schemas))
    assert isinstance(instance, dict)
    # JSON Schema counts 1.0 as an integer: an integer attribute stores it as 1.
    integers = {f.name for f in operation.body.fields if f.type.kind == "integer"}
    # Properties the schema allows but does not declare (no `additionalProperties: false`)
    # are accepted and not kept: there is no attribute for them.
    declared = {f.name for f in operation.body.fields}
    return {
        key: _storable(key, int(value) if key in integers and isinstance(value, float) else value)
        for key, value in instance.items()
        if key in declared
    }


# What SQLite's INTEGER holds: a value the spec allows beyond it is refused, never a 500.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def _storable(name: str, value: Any) -> Any:
    """`value`, when the store can keep it; else a 400 that says the server's limit."""
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and not INT64_MIN <= value <= INT64_MAX
    ):
        raise ApiError(
            400,
            f"{name}: {value} is beyond what this server stores; integers go from {INT64_MIN} "
            f"to {INT64_MAX}.",
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise ApiError(400, f"{name}: numbers must be finite, got {value}.")
    return value


def describe(schema: Schema) -> str:
    """What a value of this schema looks like, in words: "an integer from 1 to 100"."""
    if isinstance(schema.get("enum"), list):
        return "one of " + ", ".join(format_value(value) for value in schema["enum"])
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else list(types)
    parts = [_describe_type(kind, schema) for kind in types if kind != "null"]
    text = " or ".join(parts) if parts else "a valid value"
    return text + " or null" if "null" in types else text


def format_value(value: object) -> str:
    """A short, unambiguous rendering of a received value for an error message."""
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:40]) + "…"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    text = json.dumps(value) if isinstance(value, int | float) else repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _describe_type(kind: str, schema: Schema) -> str:
    if kind == "boolean":
        return "true or false"
    if kind == "integer":
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None and high is not None:
            return f"an integer from {low} to {high}"
        if low is not None:
            return f"an integer of at least {low}"
        return "an integer"
    if kind == "string":
        pattern = schema.get("pattern")
        if pattern is not None and (id_match := _ID_PATTERN.fullmatch(pattern)):
            return f"an id of {id_match.group(1)} letters and digits"
        text = "a string" + _length(schema.get("minLength"), schema.get("maxLength"))
        return text if pattern is None else f"{text} matching {format_value(pattern)}"
    return {"object": "an object", "array": "an array", "number": "a number"}.get(kind, kind)


def _length(low: object, high: object) -> str:
    if low is not None and high is not None:
        return f" of {low} to {high} characters"
    if high is not None:
        return f" of at most {high} characters"
    if low is not None:
        return f" of at least {low} characters"
    return ""


def check_content_type(content_type: str | None, operation: Operation) -> str | None:
    """The body's media type if the operation accepts it (None if not given), else 415."""
    media_types = operation.body.content_types if operation.body else ()
    accepted = " or ".join(media_types)
    if content_type is None:
        return None
    media_type, _, parameters = content_type.partition(";")
    media_type = media_type.strip().lower()
    if media_type not in media_types:
        raise ApiError(415, f"Content-Type {media_type!r} is not supported; send {accepted}.")
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in (
            "utf-8",
            "utf8",
        ):
            raise ApiError(
                415, f"Charset {value.strip()!r} is not supported; send the body as UTF-8."
            )
    return media_type


class _RejectedJson(ProtocolServerError):
    """The body is JSON the API refuses (a repeated attribute, NaN); the message says which."""


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _RejectedJson(f"Attribute {key!r} appears more than once in the body.")
        result[key] = value
    return result


def _reject_constant(name: str) -> object:
    raise _RejectedJson(f"The body is not valid JSON: {name} is not a JSON number.")


def _parse_json(body: bytes) -> object:
    try:
        text = body.decode("utf-8")
        return json.loads(
            text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant
        )
    except UnicodeDecodeError:
        raise ApiError(400, "The body is not valid UTF-8; send JSON encoded as UTF-8.") from None
    except json.JSONDecodeError as error:
        raise ApiError(
            400,
            f"The body is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno}).",
        ) from None
    except _RejectedJson as error:
        raise ApiError(400, str(error)) from None
    except (ValueError, RecursionError):
        # Numbers with thousands of digits, or arrays nested thousands deep.
        raise ApiError(400, "The body is not valid JSON, or is nested or sized absurdly.") from None


def _parse_urlencoded(raw: bytes, what: str) -> list[tuple[str, str]]:
    try:
        text = raw.decode("utf-8")
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            strict_parsing=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=_MAX_FIELDS,
        )
    except UnicodeDecodeError:
        raise ApiError(400, f"{what} is not valid UTF-8 once percent-decoded.") from None
    except ValueError:
        raise ApiError(
            400,
            f"{what} is malformed: write name=value pairs joined by '&' (at most "
            f"{_MAX_FIELDS}), percent-encoded as UTF-8.",
        ) from None
    return pairs


def _parse_form(body: bytes, operation: Operation) -> dict[str, str | list[str]]:
    """name -> text; an array attribute is written once per item (`tags=a&tags=b`)."""
    arrays = (
        {f.name for f in operation.body.fields if f.type.kind == "array"}
        if operation.body
        else set()
    )
    fields: dict[str, str | list[str]] = {}
    for name, value in _parse_urlencoded(body, "The form body"):
        if name in arrays:
            items = fields.setdefault(name, [])
            assert isinstance(items, list)
            items.append(value)
        elif name in fields:
            raise ApiError(400, f"Attribute {name!r} appears more than once in the body.")
        else:
            fields[name] = value
    return fields


def _coerce_form(
    fields: dict[str, str | list[str]], schema: Schema, schemas: Validation
) -> dict[str, Any]:
    properties = schema.get("properties", {})
    coerced: dict[str, Any] = {}
    for name, text in fields.items():
        if name not in properties:
            coerced[name] = text
            continue
        property_schema = _resolve(schemas, properties[name])
        if isinstance(text, list):
            item_schema = _resolve(schemas, property_schema.get("items", {}))
            coerced[name] = [_coerce_text(item, item_schema) for item in text]
        else:
            coerced[name] = _coerce_text(text, property_schema)
    return coerced


def _resolve(schemas: Validation, schema: Schema) -> Schema:
    """A subschema with a top-level `$ref` followed (siblings win)."""
    ref = schema.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#"):
        return schema
    target = schemas.resolved(ref[1:])
    return {**target, **{k: v for k, v in schema.items() if k != "$ref"}}


def _coerce_text(text: str, schema: Schema) -> object:
    """A form or query value as the type its schema wants; left as text when it is not one.

    Only `true`/`false` are booleans, only decimal integers are integers (never `int(float)`:
    `2.5e-42` stays text and is rejected), and `null` or an empty value is null where allowed.
    """
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else types
    if "null" in types and text in _FORM_NULLS:
        return None
    if "boolean" in types and text in ("true", "false"):
        return text == "true"
    integer = _INTEGER_TEXT.fullmatch(text) if "integer" in types or "number" in types else None
    if integer:
        try:
            return int(integer.group(1))
        except ValueError:  # more digits than Python converts; out of range anyway
            return text
    if "number" in types and _NUMBER_TEXT.fullmatch(text):
        number = float(text)
        return number if math.isfinite(number) else text
    return text


def _explain(
    errors: Iterable[Invalid], schema: Schema, instance: object, schemas: Validation
) -> str:
    """One sentence about the most useful of the schema errors."""
    properties: dict[str, Schema] = schema.get("properties", {})
    order = list(properties)

    def rank(error: Invalid) -> tuple[int, int]:
        if not error.instance_path:
            first = {"type": 0, "additionalProperties": 1}.get(error.kind.name, 3)
            return (first, 0)
        name = error.instance_path[0]
        return (2, order.index(name) if name in order else len(order))

    error = min(errors, key=rank)
    keyword = error.kind.name
    if error.instance_path and isinstance(instance, dict):
        name = str(error.instance_path[0])
        expected = describe(_resolve(schemas, properties.get(name, {})))
        return f"{name}: must be {expected}, got {format_value(instance.get(name))}."
    if not isinstance(instance, dict):
        return f"The body must be a JSON object of attributes, got {_kind(instance)}."
    accepted = ", ".join(order)
    if keyword == "additionalProperties":
        unknown = [name for name in instance if name not in properties]
        shown = ", ".join(format_value(name) for name in unknown[:_SHOWN_UNKNOWN])
        if len(unknown) > _SHOWN_UNKNOWN:
            shown += f" and {len(unknown) - _SHOWN_UNKNOWN} more"
        return f"Unknown attribute {shown}; this operation accepts: {accepted}."
    exactly_one = schema.get("minProperties") == schema.get("maxProperties") == 1
    if keyword in ("minProperties", "maxProperties") and exactly_one:
        given = ", ".join(name[:40] for name in list(instance)[:_SHOWN_UNKNOWN])
        if len(instance) > _SHOWN_UNKNOWN:
            given += f" and {len(instance) - _SHOWN_UNKNOWN} more"
        return f"Give exactly one of: {accepted} (given: {given or 'none'})."
    if keyword == "required":
        missing = [name for name in schema.get("required", []) if name not in instance]
        return f"Missing attribute {', '.join(map(repr, missing))}; give it in the body."
    return f"The body is invalid: {_clipped(error.message)}."


def _clipped(text: str, limit: int = 200) -> str:
    """A message of the validator, cut: it quotes the whole value it refused."""
    return text if len(text) <= limit else text[:limit] + "…"


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    return "a number"
