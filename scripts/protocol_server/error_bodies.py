"""The body of an error the spec gives no `type` for, derived from its declared error schema.

A spec written without our vocabulary declares error responses (`4XX`, `default`, ...) whose
schema says no `type` with `const`, e.g. `{code: integer, message: string}`. The engine still
answers with a body that validates against the schema declared for that status: its schema is
found (the operation's response for the status, its class, or `default`; else the first such
response of any operation for the status class, then any `default`), and a value is built from
the schema's shape alone, never from names: each required integer or number holds the HTTP
status, each required string the message, a required boolean `false`, an enum its first value,
a `const` its value, a required object is built the same way, a required array is empty. When
no required property carries the message (or the status), the first optional string (integer)
property does. A value that still does not validate (patterns, bounds, ...), or no declared
schema at all, gives our default error object, `{"message": ...}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from protocol_server.validation import Validation
from protocol_spec import Api
from protocol_spec.model import Operation, Response

__all__ = ["ErrorSchemas", "derived_error"]

_DEPTH = 8  # nested required objects followed at most this deep


@dataclass(frozen=True)
class ErrorSchemas:
    """Where the error schema of each status is, for a spec whose errors say no `type`."""

    api: Api
    validation: Validation

    def pointer(self, status: int, operation: Operation | None) -> str | None:
        """The schema an error `status` answer to `operation` is declared with, or None."""
        if operation is not None:
            found = _declared(operation.responses, status)
            if found is not None:
                return found
        responses = [r for op in self.api.operations for r in op.responses]
        in_class = [r for r in responses if r.status[0] == str(status)[0]]
        default = [r for r in responses if r.status == "default"]
        return next((r.schema_pointer for r in (*in_class, *default) if r.schema_pointer), None)

    def body(self, status: int, message: str, operation: Operation | None) -> dict[str, Any]:
        pointer = self.pointer(status, operation)
        if pointer is None:
            return {"message": message}
        if self.validation.compile_problem(pointer) is not None:
            return {"message": message}  # a schema the validator cannot compile: ours
        value = derived_error(self.validation.resolved(pointer), status, message, self.validation)
        if isinstance(value, dict) and self.validation.is_valid(pointer, value):
            return value
        return {"message": message}


def _declared(responses: list[Response] | tuple[Response, ...], status: int) -> str | None:
    """The schema pointer of the response covering `status`: exact, then class, then default."""
    exact = [r for r in responses if r.status == str(status)]
    ranged = [r for r in responses if r.status != str(status) and r.covers(status)]
    default = [r for r in responses if r.status == "default"]
    for response in (*exact, *ranged, *default):
        if response.schema_pointer is not None:
            return response.schema_pointer
    return None


def derived_error(
    schema: dict[str, Any], status: int, message: str, validation: Validation, depth: int = 0
) -> Any:
    """A value of `schema`'s shape carrying `status` and `message` (see the module's rules)."""
    flat = _flattened(schema, validation)
    if "const" in flat:
        return flat["const"]
    if isinstance(flat.get("enum"), list) and flat["enum"]:
        return flat["enum"][0]
    kind = _kind(flat)
    if kind in ("integer", "number"):
        return status
    if kind == "string":
        return message
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    if kind == "null":
        return None
    if kind != "object" or depth >= _DEPTH:
        return None
    properties: dict[str, Any] = flat.get("properties", {})
    required = [name for name in flat.get("required", []) if name in properties]
    value = {
        name: derived_error(properties[name], status, message, validation, depth + 1)
        for name in required
    }
    for wanted, carried in (("string", message), ("integer", status)):
        if carried in value.values():
            continue
        optional = next(
            (
                name
                for name, sub in properties.items()
                if name not in value and _kind(_flattened(sub, validation)) == wanted
            ),
            None,
        )
        if optional is not None:
            value[optional] = carried
    return value


def _flattened(schema: Any, validation: Validation, depth: int = 0) -> dict[str, Any]:
    """`schema` with its `$ref` followed and its `allOf` parts merged (properties, required);
    references that loop stop after _DEPTH steps."""
    if not isinstance(schema, dict) or depth > _DEPTH:
        return {}
    if "$ref" in schema and isinstance(schema["$ref"], str) and schema["$ref"].startswith("#"):
        schema = {
            **validation.resolved(schema["$ref"][1:]),
            **{k: v for k, v in schema.items() if k != "$ref"},
        }
    merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
    for part in schema.get("allOf", []):
        flat = _flattened(part, validation, depth + 1)
        merged.setdefault("type", flat.get("type"))
        merged["properties"] = {**flat.get("properties", {}), **merged.get("properties", {})}
        merged["required"] = [*merged.get("required", []), *flat.get("required", [])]
        for key in ("const", "enum"):
            if key in flat:
                merged.setdefault(key, flat[key])
    if merged.get("type") is None:
        merged.pop("type", None)
    return merged


def _kind(flat: dict[str, Any]) -> str | None:
    kind = flat.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if kind is None and "properties" in flat:
        return "object"
    return kind if isinstance(kind, str) else None
