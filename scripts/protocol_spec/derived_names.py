"""Names for what a spec leaves unnamed, derived once, deterministically and without clashes.

    operation_id_for("get", "/pets/{petId}")    # 'getPetsByPetId'
    operation_id_for("get", "/v1/pets")         # 'listPets' (a collection read is a list)
    resource_for_path("/v1/store/inventory")    # 'store'
    unique("Pet", {"Pet"})                      # 'Pet2'

The builder uses them where the spec has no `operationId` (paths and webhooks), no tag, or
component names that are no identifiers (`HTTPValidationError`, `a.b.Pet`); every other tool
reads the names from the model, so they agree by construction.
"""

from __future__ import annotations

import re
from collections.abc import Container

from . import naming

__all__ = ["DEFAULT_RESOURCE", "operation_id_for", "resource_for_path", "unique"]

# The resource of operations whose path has no name in it (`/`, `/{id}`).
DEFAULT_RESOURCE = "default"
_VERSION_SEGMENT = re.compile(r"^(v?\d+([._]\d+)*|api)$", re.IGNORECASE)


def _segments(path: str) -> list[str]:
    return [segment for segment in path.split("/") if segment]


def _is_parameter(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def operation_id_for(method: str, path: str) -> str:
    """An operationId from the HTTP method and the path (or a webhook's name): the verb (`list`
    for a GET of a path that does not end with a parameter), the path's words (a leading
    version such as `v1` left out), and `by` with the words of each parameter."""
    segments = _segments(path)
    while len(segments) > 1 and _VERSION_SEGMENT.match(segments[0]):
        segments.pop(0)  # `/v1/pets` is named as `/pets` (unique() numbers a clash)
    ends_with_name = bool(segments) and not _is_parameter(segments[-1])
    verb = "list" if method.lower() == "get" and ends_with_name else method
    found: list[str] = [verb]
    for segment in segments:
        if _is_parameter(segment):
            found += ["by", *naming.words(segment[1:-1])]
        else:
            found += naming.words(segment)
    return naming.camel("_".join(found)) or method.lower()


def resource_for_path(path: str) -> str:
    """The resource an untagged operation belongs to: the first segment of its path that is a
    name (a version prefix such as `v1` or `api` is skipped when something follows it)."""
    names = [s for s in _segments(path) if not _is_parameter(s) and naming.words(s)]
    while len(names) > 1 and _VERSION_SEGMENT.match(names[0]):
        names.pop(0)
    return naming.snake(names[0]) if names else DEFAULT_RESOURCE


def unique(name: str, taken: Container[str]) -> str:
    """`name`, or `name` followed by the first number from 2 that makes it unused."""
    if name not in taken:
        return name
    number = 2
    while f"{name}{number}" in taken:
        number += 1
    return f"{name}{number}"
