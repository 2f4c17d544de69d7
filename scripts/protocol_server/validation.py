"""Request values checked against the spec's schemas by one engine that cannot backtrack.

jsonschema-rs compiles each schema the server validates with, its patterns by the `regex`
crate (patterns.PATTERN_OPTIONS): matching is linear in the value, so no value stalls the event
loop, and start-up has already refused every pattern that engine cannot serve (patterns.py).
The engine is given the patterns as ECMA-262 means them (`patterns.for_the_engine`).
Its errors, not a second validator's, give the messages: Python's backtracking `re` never sees
a request value, and a pattern means the same when it accepts and when it explains.
"""

from __future__ import annotations

import functools
from typing import Any
from urllib.parse import quote

import jsonschema_rs

from protocol_server.patterns import PATTERN_OPTIONS, for_the_engine
from protocol_spec.schemas import Schemas

__all__ = ["Invalid", "Validation"]

Invalid = jsonschema_rs.ValidationError
_DOCUMENT_URI = "urn:protocol-server:openapi"


class Validation:
    """Validators for the schemas of one document, by JSON pointer (cached)."""

    def __init__(self, schemas: Schemas) -> None:
        self._schemas = schemas
        document = for_the_engine(schemas.document)
        self._registry = jsonschema_rs.Registry([(_DOCUMENT_URI, document)])

    def resolved(self, pointer: str) -> dict[str, Any]:
        """The schema at `pointer`, top-level `$ref`s followed (see Schemas.resolved)."""
        return self._schemas.resolved(pointer)

    def compile_problem(self, pointer: str) -> str | None:
        """Why the schema at `pointer` cannot be compiled, else None (start-up calls this for
        every schema a request is checked against, so no request finds out with a 500)."""
        try:
            self._validator(pointer)
        except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError, ValueError) as error:
            text = str(error).splitlines()[0] if str(error) else type(error).__name__
            return text if len(text) <= 200 else text[:200] + "…"
        return None

    def is_valid(self, pointer: str, value: object) -> bool:
        return bool(self._validator(pointer).is_valid(value))

    def errors(self, pointer: str, value: object) -> list[Invalid]:
        validator = self._validator(pointer)
        return [] if validator.is_valid(value) else list(validator.iter_errors(value))

    @functools.cache  # noqa: B019 - one Validation per served spec; the cache lives as long
    def _validator(self, pointer: str) -> Any:
        reference = f"{_DOCUMENT_URI}#{quote(pointer, safe='/~')}"
        return jsonschema_rs.Draft202012Validator(
            {"$ref": reference}, registry=self._registry, pattern_options=PATTERN_OPTIONS
        )
