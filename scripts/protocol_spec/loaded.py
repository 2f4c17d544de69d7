"""The loaded spec: the plain document plus where each of its nodes is written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import SpecError
from .pointers import MAX_REF_HOPS, MISSING, join, local_ref_pointer, lookup, split

__all__ = ["LoadedSpec", "Position", "Positions"]


@dataclass(frozen=True, order=True)
class Position:
    """Where a node is written: 1-based line and column in `file` (a path, or `path@ref`)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Positions:
    """JSON pointer -> (line, column) of one file; a pointer with no entry of its own is
    placed at its nearest written ancestor (a default that is not written, for instance)."""

    file: str
    marks: Mapping[str, tuple[int, int]] = field(default_factory=dict, repr=False)

    def of(self, pointer: str) -> Position | None:
        parts = split(pointer)
        while True:
            mark = self.marks.get(join("", *parts))
            if mark is not None:
                return Position(self.file, mark[0], mark[1])
            if not parts:
                return None
            parts.pop()

    def line_of(self, pointer: str) -> int | None:
        position = self.of(pointer)
        return position.line if position is not None else None


@dataclass(frozen=True)
class LoadedSpec:
    document: dict[str, Any]  # plain JSON-like values; `$ref`s are left as they are
    positions: Positions = field(default_factory=lambda: Positions(""), compare=False)
    # An OpenAPI 3.0 file as written; `document` is then its 3.1 reading (`openapi30`), with
    # every node at the same pointer, so positions serve both.
    original: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def file(self) -> str:
        return self.positions.file

    def position(self, pointer: str) -> Position | None:
        return self.positions.of(pointer)

    def line_of(self, pointer: str) -> int | None:
        """The line of the node at `pointer`, else of its nearest existing ancestor."""
        return self.positions.line_of(pointer)

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
        return SpecError(self.file, self.line_of(pointer), pointer, problem, fix)
