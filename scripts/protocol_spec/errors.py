"""The errors the spec loader reports: one place, one problem, one fix.

Every exception class of protocol_spec derives from `ProtocolSpecError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["ProtocolSpecError", "SpecError", "SpecErrors"]


class ProtocolSpecError(Exception):
    """The root of every exception protocol_spec raises."""


@dataclass(frozen=True)
class SpecError(ProtocolSpecError):
    """One thing wrong with the spec, where it is, and what to do about it."""

    file: str
    line: int | None
    pointer: str
    problem: str
    fix: str

    def render(self) -> str:
        """`file:line: pointer: problem` then an indented `fix:` line."""
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        where = f"{place}: {self.pointer}" if self.pointer else place
        return f"{where}: {self.problem}\n  fix: {self.fix}"

    def __str__(self) -> str:
        return self.render()

    def sort_key(self) -> tuple[int, int, str, str]:
        """Errors read top to bottom of the file; unknown lines go last."""
        line = self.line if self.line is not None else 0
        return (self.line is None, line, self.pointer, self.problem)


class SpecErrors(ProtocolSpecError):
    """Every problem found in one spec, sorted by line (duplicates dropped)."""

    errors: tuple[SpecError, ...]

    def __init__(self, errors: Iterable[SpecError]) -> None:
        unique = dict.fromkeys(errors)
        self.errors = tuple(sorted(unique, key=SpecError.sort_key))
        super().__init__(self.render())

    def render(self) -> str:
        return "\n".join(error.render() for error in self.errors)

    def __str__(self) -> str:
        return self.render()
