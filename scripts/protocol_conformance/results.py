"""What a conformance run found: one outcome per check applied, sorted for the summary.

Plain data only (no locks, no clients), so that results of separate workers can be merged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TypeVar

__all__ = [
    "SCHEMATHESIS",
    "SEMANTIC",
    "CreatedObject",
    "Failure",
    "Leftover",
    "NotServed",
    "RunResults",
    "Tally",
]

Key = TypeVar("Key")

SCHEMATHESIS = "schemathesis"
SEMANTIC = "semantic"


@dataclass(frozen=True)
class Failure:
    """One check that did not hold, with what it expected, what came back, and how to see it again."""

    suite: str  # SCHEMATHESIS or SEMANTIC
    check: str
    operation: str  # e.g. "GET /things"
    message: str  # "expected … / received …" text
    curl: str  # a command that reproduces it (may be several lines for a sequence)


@dataclass
class Tally:
    """Passed and failed counts of one check (or one operation)."""

    passed: int = 0
    failed: int = 0


@dataclass(frozen=True)
class CreatedObject:
    """An object the run created, to be deleted at the end."""

    resource: str
    object_id: str
    variable: str  # which credential owns it: "TOKEN" or "OTHER_TOKEN"


@dataclass(frozen=True)
class Leftover:
    """An object the run created and could not delete, and how to delete it by hand."""

    resource: str
    object_id: str
    reason: str
    curl: str


@dataclass(frozen=True)
class NotServed:
    """A resource the embedded reference server leaves out: its operations were neither fuzzed
    nor checked, for the server's reasons (each `file:line: pointer: problem` and a fix)."""

    resource: str
    operations: tuple[str, ...]  # labels, "GET /things"
    reasons: tuple[str, ...]  # each as the server prints it: file:line, pointer, problem, fix
    # Per operation (as `operations`), the problems of the reasons that point into it, "; "-joined
    # ("" when every reason is about the resource as a whole): the coverage table's words.
    own_problems: tuple[str, ...]


@dataclass
class RunResults:
    """Every outcome of one run, plus the number of requests each part sent."""

    by_check: dict[tuple[str, str], Tally] = field(default_factory=dict)
    by_operation: dict[tuple[str, str], Tally] = field(default_factory=dict)
    # (suite, operation, check): the coverage table's cells.
    by_cell: dict[tuple[str, str, str], Tally] = field(default_factory=dict)
    # (operation, check) -> why that semantic check could not run there.
    not_run: dict[tuple[str, str], str] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    requests: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)  # problems that stopped part of the run
    rate_limited: int = 0  # 429 answers waited out as their Retry-After said
    rate_limit_wait: float = 0.0  # seconds spent waiting for them
    created: list[CreatedObject] = field(default_factory=list)  # by the fuzzer, for clean-up
    deleted: int = 0
    leftovers: list[Leftover] = field(default_factory=list)
    # "operation: why" -> cases whose answer could not be judged (too slow, too large, ...).
    dropped: Counter[str] = field(default_factory=Counter)
    ended: str = ""  # why the run was ended early (server hanging, DEADLINE), "" if it was not
    # MAX_OBJECTS: the cap the scenario ran with, what the spec needs, and each check (or step)
    # that the cap stopped, with why.
    object_cap: int = 0
    objects_needed: int = 0
    capped: list[str] = field(default_factory=list)
    # list operation -> each query parameter -> the checks that send it
    parameters: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    # The resources the embedded reference server does not serve, so not tested, and why.
    not_served: list[NotServed] = field(default_factory=list)

    def drop(self, operation: str, reason: str) -> None:
        """A case the run could not judge; the summary counts and names each."""
        self.dropped[f"{operation}: {reason}"] += 1

    def record(self, suite: str, check: str, operation: str, *, passed: bool) -> None:
        for table, key in (
            (self.by_check, (suite, check)),
            (self.by_operation, (suite, operation)),
        ):
            _count(table.setdefault(key, Tally()), passed)
        _count(self.by_cell.setdefault((suite, operation, check), Tally()), passed)

    def fail(self, failure: Failure) -> None:
        self.record(failure.suite, failure.check, failure.operation, passed=False)
        # The same fault met by many generated cases is one finding, not hundreds.
        if not any(_same_finding(failure, known) for known in self.failures):
            self.failures.append(failure)

    def skip(self, operation: str, check: str, reason: str) -> None:
        """A semantic check that could not run on `operation`, and why (the first reason stays)."""
        self.not_run.setdefault((operation, check), reason)

    def merge(self, other: RunResults) -> None:
        """Add what another worker found (its findings after ours, each kept once)."""
        _add_tallies(self.by_check, other.by_check)
        _add_tallies(self.by_operation, other.by_operation)
        _add_tallies(self.by_cell, other.by_cell)
        for key, reason in other.not_run.items():
            self.not_run.setdefault(key, reason)
        for failure in other.failures:
            if not any(_same_finding(failure, known) for known in self.failures):
                self.failures.append(failure)
        self.requests.update(other.requests)
        self.errors += other.errors
        self.rate_limited += other.rate_limited
        self.rate_limit_wait += other.rate_limit_wait
        self.created += other.created
        self.deleted += other.deleted
        self.leftovers += other.leftovers
        self.dropped.update(other.dropped)
        self.ended = self.ended or other.ended
        self.object_cap = self.object_cap or other.object_cap
        self.objects_needed = self.objects_needed or other.objects_needed
        self.capped += other.capped
        for operation, found in other.parameters.items():
            self.parameters.setdefault(operation, found)
        self.not_served += [left for left in other.not_served if left not in self.not_served]

    @property
    def ok(self) -> bool:
        return not self.failures and not self.errors and not self.ended

    def failed_checks(self) -> set[str]:
        return {failure.check for failure in self.failures}

    def ran(self, suite: str) -> set[str]:
        return {check for owner, check in self.by_check if owner == suite}


def _add_tallies(mine: dict[Key, Tally], theirs: dict[Key, Tally]) -> None:
    for key, tally in theirs.items():
        total = mine.setdefault(key, Tally())
        total.passed += tally.passed
        total.failed += tally.failed


def _count(tally: Tally, passed: bool) -> None:
    if passed:
        tally.passed += 1
    else:
        tally.failed += 1


def _same_finding(new: Failure, known: Failure) -> bool:
    return (new.suite, new.check, new.operation, _first_line(new.message)) == (
        known.suite,
        known.check,
        known.operation,
        _first_line(known.message),
    )


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""
