"""What a conformance run found: one outcome per check applied, grouped for the summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

SCHEMATHESIS = "schemathesis"
SEMANTIC = "semantic"


@dataclass(frozen=True)
class Failure:
    """One check that did not hold, with what it expected, what came back, and how to see it again."""

    suite: str  # SCHEMATHESIS or SEMANTIC
    check: str
    operation: str  # e.g. "GET /v1/conversations"
    message: str  # "expected … / received …" text
    curl: str  # a command that reproduces it (may be several lines for a sequence)


@dataclass
class Tally:
    """Passed and failed counts of one check (or one operation)."""

    passed: int = 0
    failed: int = 0


@dataclass
class RunResults:
    """Every outcome of one run, plus the number of requests each part sent."""

    by_check: dict[tuple[str, str], Tally] = field(default_factory=dict)
    by_operation: dict[tuple[str, str], Tally] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    requests: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)  # problems that stopped part of the run

    def record(self, suite: str, check: str, operation: str, *, passed: bool) -> None:
        for table, key in (
            (self.by_check, (suite, check)),
            (self.by_operation, (suite, operation)),
        ):
            tally = table.setdefault(key, Tally())
            if passed:
                tally.passed += 1
            else:
                tally.failed += 1

    def fail(self, failure: Failure) -> None:
        self.record(failure.suite, failure.check, failure.operation, passed=False)
        # The same fault met by many generated cases is one finding, not hundreds.
        if not any(_same_finding(failure, known) for known in self.failures):
            self.failures.append(failure)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.errors

    def failed_checks(self) -> set[str]:
        return {failure.check for failure in self.failures}


def _same_finding(new: Failure, known: Failure) -> bool:
    return (new.suite, new.check, new.operation, _first_line(new.message)) == (
        known.suite,
        known.check,
        known.operation,
        _first_line(known.message),
    )


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""
