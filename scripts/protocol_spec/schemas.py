"""JSON Schema over the loaded document: validators and resolved nodes, by JSON pointer.

The model names schemas by pointer (`Parameter.schema_pointer`, `Body.schema_pointers`, ...);
this is how a part validates a value against one, with `$ref`s inside resolving against the
whole document. One place decides the JSON Schema dialect and its pattern semantics.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import quote

import jsonschema_rs
from jsonschema import (  # type: ignore[import-untyped]
    Draft202012Validator,
    ValidationError,
    validators,
)
from jsonschema.protocols import Validator  # type: ignore[import-untyped]
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from .pointers import MAX_REF_HOPS, MISSING, local_ref_pointer, lookup

__all__ = ["Schema", "Schemas"]

_DOCUMENT_URI = "urn:protocol-spec:openapi"
Schema = dict[str, Any]


def _ecma_pattern(
    validator: Validator, pattern: str, instance: object, schema: Schema
) -> Iterator[ValidationError]:
    # JSON Schema patterns are ECMA-262 regular expressions, where `$` matches only at the very
    # end. Python's `$` also matches before a final newline, so "xgQQXg3hrtjh7AvZ\n" would pass.
    if isinstance(instance, str) and not _compiled_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.cache
def _compiled_pattern(pattern: str) -> re.Pattern[str]:
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


_StrictValidator = validators.extend(Draft202012Validator, validators={"pattern": _ecma_pattern})


class Schemas:
    """Validators for the schemas of one document. Cached: build one per loaded spec."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self.registry: Registry[Any] = Registry().with_resource(
            _DOCUMENT_URI, DRAFT202012.create_resource(dict(document))
        )

    def validator(self, pointer: str) -> Validator:
        """A Draft 2020-12 validator for the schema at `pointer`."""
        return self._validator(pointer)

    @functools.cache  # noqa: B019 - one Schemas per loaded spec; the cache lives as long
    def _validator(self, pointer: str) -> Validator:
        reference = f"{_DOCUMENT_URI}#{quote(pointer, safe='/~')}"
        validator: Validator = _StrictValidator({"$ref": reference}, registry=self.registry)
        return validator

    def is_valid(self, pointer: str, value: object) -> bool:
        # jsonschema-rs answers first (a valid value, the usual case, costs well under a
        # microsecond); its "invalid" is confirmed by the validator whose messages we use,
        # whose verdict stands (its patterns are Python's, a little more permissive).
        return bool(self._compiled(pointer).is_valid(value)) or bool(
            self.validator(pointer).is_valid(value)
        )

    def errors(self, pointer: str, value: object) -> list[ValidationError]:
        if self._compiled(pointer).is_valid(value):
            return []
        return list(self.validator(pointer).iter_errors(value))

    @functools.cache  # noqa: B019 - as above
    def _compiled(self, pointer: str) -> Any:
        reference = f"{_DOCUMENT_URI}#{quote(pointer, safe='/~')}"
        return jsonschema_rs.Draft202012Validator(
            {"$ref": reference}, registry=self._compiled_registry
        )

    @functools.cached_property
    def _compiled_registry(self) -> Any:
        return jsonschema_rs.Registry([(_DOCUMENT_URI, dict(self.document))])

    @functools.cache  # noqa: B019 - as above
    def resolved(self, pointer: str) -> Schema:
        """The schema at `pointer` with `$ref`s at its top followed (siblings kept, the
        referring node's winning). Cached: callers must not modify it."""
        node: Any = lookup(self.document, pointer)
        merged: Schema = {}
        for _ in range(MAX_REF_HOPS):
            if not isinstance(node, dict):
                break
            merged = {**node, **merged}
            target = local_ref_pointer(node.get("$ref"))
            if target is None:
                break
            node = lookup(self.document, target)
            if node is MISSING:
                break
        merged.pop("$ref", None)
        return merged
