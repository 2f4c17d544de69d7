"""What a review reports: findings, each tied to a rule, a place in one of the two specs, and a
sentence on who breaks and how."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from protocol_spec import Position

from .rules import Section, Severity, rule

__all__ = ["SECTIONS", "Finding", "Side", "sort_findings"]

# Which spec a finding's place is in: `new` for what was added or changed, `old` for what was
# removed (it has no place in the new spec).
Side = Literal["old", "new"]

SECTIONS: tuple[Section, ...] = ("wire", "sdk", "lint", "review")
_SEVERITY_ORDER = {"breaking": 0, "potentially-breaking": 1, "warning": 2, "compatible": 3}


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    side: Side
    pointer: str  # JSON pointer into the spec of `side`
    position: Position | None  # where `pointer` is written in that spec
    # Where to annotate the new file: `position` for the new side; for the old side, the
    # nearest node of the new spec that still exists (a removed parameter's operation).
    annotation: Position | None = None
    language: str | None = None  # SDK findings: python, typescript or php
    acknowledged: str | None = None  # why this breaking change is accepted, when it is
    # FAIL_ON=potentially-breaking: a potentially-breaking finding fails the review too.
    strict: bool = False

    @property
    def severity(self) -> Severity:
        return rule(self.rule).severity

    @property
    def section(self) -> Section:
        return rule(self.rule).section

    @property
    def blocking(self) -> bool:
        """A breaking change nobody acknowledged (or a potentially-breaking one, under
        FAIL_ON=potentially-breaking): the review fails (exit status 1)."""
        if self.acknowledged is not None:
            return False
        return self.severity == "breaking" or (
            self.strict and self.severity == "potentially-breaking"
        )

    def acknowledge(self, reason: str) -> Finding:
        return replace(self, acknowledged=reason)

    def sort_key(self) -> tuple[int, int, str, int, int, str, str, str]:
        position = self.position or Position("", 0, 0)
        return (
            SECTIONS.index(self.section),
            _SEVERITY_ORDER[self.severity],
            position.file,
            position.line,
            position.column,
            self.rule,
            self.language or "",
            self.message,
        )


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Sections in order, breaking first, then top to bottom of each file; duplicates dropped."""
    return sorted(dict.fromkeys(findings), key=Finding.sort_key)
