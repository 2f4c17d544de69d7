"""The rules every unsuccessful response follows, read from the spec.

- error_object: a 4xx/5xx body is the spec's error schema (the one its error responses are
  built on, through `allOf`), served as JSON; for a status the operation does not declare, the
  error schema of its status class.
- error_type: its `type` is the one the spec promises (`const`) for that status on that
  operation, or for the status class.
"""

from __future__ import annotations

from typing import Any

from protocol_conformance.registry import declare
from protocol_spec import Api
from protocol_spec.model import Operation

__all__ = ["ERROR_OBJECT", "ERROR_TYPE", "NO_ERROR_TYPE", "ErrorRules"]

# Why error_type cannot judge an answer whose status the spec promises no `type` for.
NO_ERROR_TYPE = "the spec declares no error type (no `type` with `const` in its error schema)"

# Applied to every error answer, by the scenario (context.py) and inside schemathesis (checks.py).
ERROR_OBJECT = declare(
    "error_object", holds="every error (4xx, 5xx) is the spec's error object, served as JSON"
)
ERROR_TYPE = declare(
    "error_type", holds="an error's `type` is the one the spec promises for its status"
)


class ErrorRules:
    def __init__(self, api: Api) -> None:
        assert api.schemas is not None
        self.api = api
        self.schemas = api.schemas
        self.by_label = {op.label: op for op in api.operations}

    def operation(self, label: str) -> Operation | None:
        return self.by_label.get(label)

    def expected_object(self, operation: Operation | None, status: int) -> str:
        declared = self.api.error(status, operation)
        if declared.model is None:
            return "a JSON body (the spec declares no error schema)"
        fields = self.api.model(declared.model).fields
        shown = ", ".join(f.name if f.required else f"[{f.name}]" for f in fields)
        return f"the {declared.model} object ({shown}) served as application/json"

    def object_problem(
        self, operation: Operation | None, status: int, content_type: str, body: Any
    ) -> str | None:
        """Why this error response is not the spec's error object, or None."""
        if status < 400:
            return None
        if content_type != "application/json":
            return f"Content-Type {content_type or '(none)'!r}, not 'application/json'"
        declared = self.api.error(status, operation)
        if declared.model is None:
            return None if body is not None else "a body that is not JSON"
        if not isinstance(body, dict):
            return "a body that is not a JSON object"
        errors = self.schemas.errors(self.api.model(declared.model).pointer, body)
        if errors:
            return "; ".join(sorted({error.message for error in errors})[:3])
        return None

    def expected_type(self, operation: Operation | None, status: int) -> str | None:
        return self.api.error(status, operation).type

    def type_problem(self, operation: Operation | None, status: int, body: Any) -> str | None:
        """Why this error's `type` is not the one promised for its status, or None."""
        wanted = self.expected_type(operation, status)
        # A body without `type` breaks the error object's rule; that is error_object's finding.
        if status < 400 or wanted is None or not isinstance(body, dict) or "type" not in body:
            return None
        got = body.get("type")
        if got != wanted:
            return f"`type` {got!r}"
        return None
