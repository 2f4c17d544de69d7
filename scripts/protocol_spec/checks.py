"""Checks of our own: the OpenAPI version, `$ref` targets, unique operationIds."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from .errors import SpecError
from .loaded import LoadedSpec
from .pointers import MISSING, join, local_ref_pointer, lookup, split
from .structure import HTTP_METHODS

__all__ = ["check_operation_ids", "check_refs", "check_version", "iter_operations"]


# Keys whose values are data (examples, defaults, enums), not spec: a "$ref" in there is data.
_DATA_KEYS = frozenset({"example", "default", "const", "enum"})


def check_version(spec: LoadedSpec) -> list[SpecError]:
    """The document is a mapping with `openapi: 3.1.x`; nothing else is worth checking before."""
    document: Any = spec.document
    if document is None:
        return [spec.error("", "the spec file is empty", "write an OpenAPI 3.1 document")]
    if not isinstance(document, dict):
        kind = type(document).__name__.replace("list", "a list").replace("str", "a string")
        return [
            spec.error(
                "",
                f"the top level of the spec is {kind}, not a mapping",
                "start the file with 'openapi: 3.1.0' followed by 'info:' and 'paths:'",
            )
        ]
    if "openapi" not in document:
        hint = " (this looks like Swagger 2.0)" if "swagger" in document else ""
        return [
            spec.error(
                "",
                f"the spec has no 'openapi' field{hint}",
                "add 'openapi: 3.1.0' as the first line (this generator reads OpenAPI 3.1 only)",
            )
        ]
    version = document["openapi"]
    if not isinstance(version, str):
        return [
            spec.error(
                "/openapi",
                f"'openapi' must be a string, got {version!r} ({type(version).__name__})",
                "quote the version: openapi: '3.1.0'",
            )
        ]
    if spec.original is not None:
        return []  # OpenAPI 3.0.x, read as 3.1 (see openapi30)
    if not version.startswith("3.1.") or not version[4:].isdigit():
        return [
            spec.error(
                "/openapi",
                f"OpenAPI {version} is not supported: this generator reads OpenAPI 3.0.x and 3.1.x",
                "set 'openapi: 3.1.0' (or '3.0.3' for a 3.0 document) and write the spec "
                "in that version",
            )
        ]
    return []


def _iter_refs(node: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    """Every `$ref` in the spec (outside example data), with the pointer of its mapping."""
    if isinstance(node, dict):
        if "$ref" in node:
            yield pointer, node["$ref"]
        for key, value in node.items():
            if key in _DATA_KEYS or key.startswith("x-"):
                continue
            if key == "examples" and isinstance(value, list):
                continue  # JSON Schema `examples`: a list of data values
            segments = split(pointer)
            if (
                key == "value"
                and segments[-2:-1] == ["examples"]
                and segments[-3:-2] != ["properties"]
            ):
                continue  # the value of an Example object is data
            yield from _iter_refs(value, join(pointer, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _iter_refs(item, join(pointer, index))


def check_refs(spec: LoadedSpec) -> list[SpecError]:
    errors = []
    reported_loops: set[frozenset[str]] = set()
    for pointer, ref in _iter_refs(spec.document, ""):
        at = join(pointer, "$ref")
        target = local_ref_pointer(ref)
        if target is None:
            errors.append(
                spec.error(
                    at,
                    f"$ref {ref!r} is not a local reference",
                    "only references inside this file are supported: "
                    "point at '#/components/...' and move the definition there",
                )
            )
            continue
        if lookup(spec.document, target) is MISSING:
            errors.append(_unresolved(spec, at, ref, target))
            continue
        loop = _ref_loop(spec, pointer)
        if loop and frozenset(loop) not in reported_loops:
            reported_loops.add(frozenset(loop))
            chain = " -> ".join(f"#{step}" for step in [*loop, loop[0]])
            errors.append(
                spec.error(
                    at,
                    f"$ref loop: {chain} never reaches a definition",
                    "make one of these a real definition instead of a $ref",
                )
            )
    return errors


def _ref_loop(spec: LoadedSpec, start: str) -> list[str]:
    """The pointers of a loop of plain `$ref`s (A is a ref to B, B a ref to A), if any."""
    chain: list[str] = []
    pointer: str | None = start
    node: Any = lookup(spec.document, start)
    while isinstance(node, dict) and pointer is not None:
        if pointer in chain:
            return chain[chain.index(pointer) :]
        chain.append(pointer)
        pointer = local_ref_pointer(node.get("$ref"))
        node = lookup(spec.document, pointer) if pointer is not None else None
    return []


def _unresolved(spec: LoadedSpec, at: str, ref: str, target: str) -> SpecError:
    # Walk as far as the target exists, to say which name is missing and what exists there.
    parts = split(target)
    node: Any = spec.document
    existing: list[str] = []
    for depth, part in enumerate(parts):
        nxt = lookup(node, join("", part))
        if nxt is MISSING:
            parent = join("", *parts[:depth]) or "the document root"
            container = f"#{parent}" if parent.startswith("/") else parent
            names = sorted(node) if isinstance(node, dict) else []
            close = difflib.get_close_matches(part, names, n=3, cutoff=0.6)
            existing = close or names
            label = "closest names" if close else "names there"
            shown = ", ".join(repr(name) for name in existing[:10]) or "none"
            if len(existing) > 10:
                shown += ", ..."
            return spec.error(
                at,
                f"$ref {ref!r} points to nothing: {container} has no {part!r}",
                f"fix the reference or define {part!r} under {container} ({label}: {shown})",
            )
        node = nxt
    return spec.error(at, f"$ref {ref!r} points to nothing", "fix the reference")


def iter_operations(spec: LoadedSpec) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(pointer, method, path or webhook name, operation) for paths and webhooks."""
    for section in ("paths", "webhooks"):
        items = spec.document.get(section)
        if not isinstance(items, dict):
            continue
        for name, item in items.items():
            item_pointer = join("", section, name)
            if isinstance(item, dict) and "$ref" in item:
                try:
                    item, item_pointer = spec.resolve_with_pointer(item, item_pointer)
                except KeyError:
                    continue
            if not isinstance(item, dict):
                continue
            for method in HTTP_METHODS:
                operation = item.get(method)
                if isinstance(operation, dict):
                    yield join(item_pointer, method), method, name, operation


def check_operation_ids(spec: LoadedSpec) -> list[SpecError]:
    errors = []
    first_use: dict[str, tuple[str, str, str]] = {}
    seen_pointers: set[str] = set()
    for pointer, method, name, operation in iter_operations(spec):
        if pointer in seen_pointers:
            continue  # the same path item reached twice through `$ref`
        seen_pointers.add(pointer)
        operation_id = operation.get("operationId")
        if not isinstance(operation_id, str):
            continue
        here = join(pointer, "operationId")
        if operation_id not in first_use:
            first_use[operation_id] = (here, method, name)
            continue
        other, other_method, other_name = first_use[operation_id]
        errors.append(
            spec.error(
                here,
                f"operationId '{operation_id}' is already used by "
                f"{other_method.upper()} {other_name} at line {spec.line_of(other)}",
                "give each operation its own operationId: generated method names come from it",
            )
        )
    return errors
