"""Where findings point: a JSON pointer in the old or new spec, turned into file, line and
column, plus the place in the new file where annotations of removals go."""

from __future__ import annotations

from dataclasses import dataclass

from protocol_spec import Position
from protocol_spec.pointers import MISSING, join, lookup, split

from .findings import Finding, Side
from .sides import SpecSide

__all__ = ["Places"]


@dataclass(frozen=True)
class Places:
    old: SpecSide
    new: SpecSide

    def position(self, side: Side, pointer: str) -> Position | None:
        spec = self.old if side == "old" else self.new
        return spec.api.position(pointer)

    def surviving(self, pointer: str) -> Position | None:
        """The position in the new spec of `pointer`, or of its nearest ancestor there."""
        parts = split(pointer)
        while parts and lookup(self.new.api.document, join("", *parts)) is MISSING:
            parts.pop()
        position = self.new.api.position(join("", *parts))
        if position is None:
            return None
        return Position(self.new.path, position.line, position.column)

    def finding(
        self, rule_id: str, message: str, side: Side, pointer: str, language: str | None = None
    ) -> Finding:
        return Finding(
            rule=rule_id,
            message=message,
            side=side,
            pointer=pointer,
            position=self.position(side, pointer),
            annotation=self.surviving(pointer),
            language=language,
        )
