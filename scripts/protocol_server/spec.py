"""The contract, loaded from spec/openapi.yaml: operations, parameters and JSON Schema validators.

Every rule the server checks about the shape of a request comes from this document; there is no
second, hand-kept schema.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# jsonschema ships no type information (and types-jsonschema is not a pinned dependency).
from jsonschema import (  # type: ignore[import-untyped]
    Draft202012Validator,
    ValidationError,
    validators,
)
from jsonschema.protocols import Validator  # type: ignore[import-untyped]
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

__all__ = ["ApiSpec", "Operation", "SpecError", "load_spec"]

SPEC_URI = "urn:protocol-api:openapi"
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

Schema = dict[str, Any]


class SpecError(RuntimeError):
    """The spec file is missing, unreadable or lacks what the server needs."""


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str  # upper case, as in the request line
    path: str  # the spec's path template, e.g. /v1/conversations/{id}
    query_parameters: dict[str, str]  # name -> JSON pointer of its schema in the document
    path_parameters: dict[str, str]
    body_schema_pointer: str | None
    body_media_types: tuple[str, ...]


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


class ApiSpec:
    def __init__(self, document: Schema) -> None:
        self.document = document
        self.registry: Registry[Any] = Registry().with_resource(
            SPEC_URI, DRAFT202012.create_resource(document)
        )
        self._resolver = self.registry.resolver(base_uri=SPEC_URI)
        self.operations = tuple(self._read_operations())

    def validator(self, pointer: str) -> Validator:
        """A Draft 2020-12 validator for the schema at this JSON pointer of the document."""
        return self._validator(pointer)

    @functools.cache  # noqa: B019 - one ApiSpec per process; the cache lives as long as it does
    def _validator(self, pointer: str) -> Validator:
        validator: Validator = _StrictValidator(
            {"$ref": f"{SPEC_URI}#{pointer}"}, registry=self.registry
        )
        return validator

    @functools.cache  # noqa: B019 - as above
    def schema(self, pointer: str) -> Schema:
        """The schema at this pointer, with a top-level `$ref` followed (siblings kept).

        Cached, so callers must not modify it.
        """
        return self.resolve(self._lookup(pointer))

    def resolve(self, schema: Schema) -> Schema:
        while "$ref" in schema:
            target = self._lookup(schema["$ref"].removeprefix("#"))
            siblings = {key: value for key, value in schema.items() if key != "$ref"}
            schema = {**target, **siblings}
        return schema

    def _lookup(self, pointer: str) -> Schema:
        contents: Schema = self._resolver.lookup(f"#{pointer}").contents
        return contents

    def _read_operations(self) -> Iterator[Operation]:
        paths = self.document.get("paths")
        if not isinstance(paths, dict):
            raise SpecError("The spec has no `paths` object.")
        for path, path_item in paths.items():
            shared = path_item.get("parameters", [])
            for method in _HTTP_METHODS:
                operation = path_item.get(method)
                if operation is None:
                    continue
                yield self._read_operation(path, method, operation, shared)

    def _read_operation(
        self, path: str, method: str, operation: Schema, shared: list[Schema]
    ) -> Operation:
        base = f"/paths/{_escape(path)}/{method}"
        query: dict[str, str] = {}
        in_path: dict[str, str] = {}
        listed = [(f"/paths/{_escape(path)}/parameters/{i}", p) for i, p in enumerate(shared)]
        listed += [
            (f"{base}/parameters/{i}", p) for i, p in enumerate(operation.get("parameters", []))
        ]
        for pointer, parameter in listed:
            if "$ref" in parameter:
                pointer = parameter["$ref"].removeprefix("#")
                parameter = self._lookup(pointer)
            if parameter.get("in") == "query":
                query[parameter["name"]] = f"{pointer}/schema"
            elif parameter.get("in") == "path":
                in_path[parameter["name"]] = f"{pointer}/schema"
        body_pointer = None
        media_types: tuple[str, ...] = ()
        content = operation.get("requestBody", {}).get("content", {})
        if content:
            media_types = tuple(content)
            first = next(iter(content))
            body_pointer = f"{base}/requestBody/content/{_escape(first)}/schema"
        return Operation(
            operation_id=operation["operationId"],
            method=method.upper(),
            path=path,
            query_parameters=query,
            path_parameters=in_path,
            body_schema_pointer=body_pointer,
            body_media_types=media_types,
        )


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def load_spec(path: Path) -> ApiSpec:
    """Read and parse the spec; raise SpecError saying what to do if that fails."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SpecError(
            f"Cannot read the spec at {path}: {error.strerror}. Set PROTOCOL_SPEC to the path "
            "of openapi.yaml."
        ) from error
    try:
        document = YAML(typ="safe", pure=True).load(text)
    except YAMLError as error:
        raise SpecError(f"{path} is not valid YAML: {error}") from error
    if not isinstance(document, dict):
        raise SpecError(f"{path} does not hold an OpenAPI document (a mapping at the top).")
    try:
        return ApiSpec(document)
    except (KeyError, TypeError, AttributeError) as error:
        raise SpecError(f"{path} lacks something the server needs: {error!r}") from error
