"""OpenAPI 3.0.x, read as the OpenAPI 3.1 it means: one model for both versions.

    is_openapi_30(document)       # 'openapi: 3.0.x'
    normalised_30(document)       # a 3.1 copy; every node keeps its JSON pointer

The rewrite is done in place on a copy, key by key, so that a JSON pointer of the 3.0 file is
the same pointer in the 3.1 copy: every later check and every model field points at the line
the author wrote. What changes:

- `nullable: true` -> `"null"` added to `type` (and `None` to `enum`); with no `type` but a
  `oneOf`/`anyOf`, a `{type: "null"}` member appended (existing members keep their pointers);
- `exclusiveMinimum: true` + `minimum: n` -> `exclusiveMinimum: n` (likewise for maximum);
  `false` is dropped;
- `example` stays: 3.1 still reads it (deprecated, not removed), and so does our model, so an
  example is checked once, at the line it is written;
- `openapi: 3.0.x` -> `3.1.0`.

File uploads as 3.0 writes them (`type: string, format: binary`) are valid 3.1 as they are.
The original document is validated against the 3.0 meta-schema (`validation.check_30`).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from .structure import walk

__all__ = ["NORMALISED_VERSION", "is_openapi_30", "normalised_30"]

NORMALISED_VERSION = "3.1.0"
_VERSION_30 = re.compile(r"^3\.0\.\d+$")


def is_openapi_30(document: Any) -> bool:
    return isinstance(document, dict) and bool(
        isinstance(document.get("openapi"), str) and _VERSION_30.match(document["openapi"])
    )


def normalised_30(document: dict[str, Any]) -> dict[str, Any]:
    """The 3.1 reading of a 3.0 `document` (a copy; the argument is left as it is)."""
    result = copy.deepcopy(document)
    result["openapi"] = NORMALISED_VERSION
    for node in walk(result):
        if node.kind in ("schema", "property"):
            _schema_31(node.node)
    return result


def _schema_31(schema: dict[str, Any]) -> None:
    nullable = schema.pop("nullable", None)
    if nullable is True:
        _add_null(schema)
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        flag = schema.get(bound)
        if flag is True and isinstance(schema.get(limit), int | float):
            schema[bound] = schema.pop(limit)
        elif isinstance(flag, bool):
            del schema[bound]


def _add_null(schema: dict[str, Any]) -> None:
    declared = schema.get("type")
    if isinstance(declared, str):
        schema["type"] = [declared, "null"]
    elif isinstance(declared, list) and "null" not in declared:
        schema["type"] = [*declared, "null"]
    elif declared is None:
        for combinator in ("oneOf", "anyOf"):
            members = schema.get(combinator)
            if isinstance(members, list):
                members.append({"type": "null"})
                break
    enum = schema.get("enum")
    if isinstance(enum, list) and None not in enum:
        enum.append(None)
