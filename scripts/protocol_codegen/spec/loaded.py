"""The loaded spec: the plain document plus what is needed to point at its lines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import SpecError
from .locations import MAX_REF_HOPS, MISSING, join, local_ref_pointer, lookup, split

__all__ = ["LoadedSpec"]


@dataclass(frozen=True)
class LoadedSpec:
    path: Path
    document: dict[str, Any]  # plain JSON-like values; `$ref`s are left as they are
    lines: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)

    def line_of(self, pointer: str) -> int | None:
        """The line of the node at `pointer`, else of its nearest existing ancestor."""
        parts = split(pointer)
        while True:
            line = self.lines.get(join("", *parts))
            if line is not None or not parts:
                return line
            parts.pop()

    def resolve(self, node_or_ref: Any) -> Any:
        """Follow local `$ref`s (`#/components/...`) until reaching a node that is not one.

        Accepts a node (`{"$ref": "#/..."}` or anything else) or a ref string. Raises
        KeyError for a ref that leads nowhere or loops (load_spec has already reported those).
        """
        return self.resolve_with_pointer(node_or_ref, "")[0]

    def resolve_with_pointer(self, node_or_ref: Any, pointer: str) -> tuple[Any, str]:
        """Like resolve(), also returning the pointer where the final node lives."""
        node = {"$ref": node_or_ref} if isinstance(node_or_ref, str) else node_or_ref
        for _ in range(MAX_REF_HOPS):
            if not isinstance(node, dict) or "$ref" not in node:
                return node, pointer
            target = local_ref_pointer(node["$ref"])
            if target is None:
                raise KeyError(f"not a local $ref: {node['$ref']!r}")
            found = lookup(self.document, target)
            if found is MISSING:
                raise KeyError(f"$ref leads nowhere: {node['$ref']!r}")
            node, pointer = found, target
        raise KeyError(f"$ref loop at {pointer!r}")

    def error(self, pointer: str, problem: str, fix: str) -> SpecError:
        return SpecError(str(self.path), self.line_of(pointer), pointer, problem, fix)
