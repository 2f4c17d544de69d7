"""The semantic checks and the scenario's steps, each registered where it is written.

    @check(roles=("list",), holds="...", unless=lambda plan: ...)
    def limit_default(ctx, plan, ours): ...          # raises AssertionError when wrong

    @step(40)
    def pages(run): run.judge(limit_default, listing.label, listing, count)

`@check` names a check (its function's name unless given), the roles of the operations it is
about (the coverage table's rows), what must hold (the README's table) and its coverage rule:
`unless(plan)` says why it cannot run on a resource whatever the server does, or None. `@step`
puts a function of one resource's run into the scenario, in the order of its phase. What the
suite derives from here: the checks of each role, the coverage table's "not run" reasons
(coverage.py), the README's table (`markdown_table`), the teeth test's list of checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from protocol_spec.model import Role

if TYPE_CHECKING:
    from protocol_conformance.plan import ResourcePlan

__all__ = [
    "FILTER_PARAM",
    "ROLES",
    "Check",
    "Rule",
    "Step",
    "check",
    "checks",
    "checks_by_role",
    "declare",
    "filter_checks",
    "markdown_table",
    "step",
    "steps",
]

ROLES: tuple[Role, ...] = ("create", "get", "update", "delete", "list")
# In the name of a check made once per filter parameter: `filter_<param>`.
FILTER_PARAM = "<param>"

Rule = Callable[["ResourcePlan"], "str | None"]


@dataclass(frozen=True)
class Check:
    """One semantic check. Called like its function: `check(ctx, *args)`."""

    name: str
    roles: tuple[Role, ...]
    holds: str  # what must hold, as the README's table says it
    function: Callable[..., Any] | None = None
    unless: Rule | None = None  # why it cannot run on a resource, or None
    # Applied to every error answer (the spec's error rules), so never "not run".
    every_answer: bool = False

    @property
    def per_filter(self) -> bool:
        return FILTER_PARAM in self.name

    def named(self, param: str) -> str:
        """The name for one filter parameter (checks made once per filter)."""
        return self.name.replace(FILTER_PARAM, param)

    def using(self, function: Callable[..., Any]) -> Check:
        """The same check, judged by another function (a second kind of case of it)."""
        return replace(self, function=function)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        assert self.function is not None, f"{self.name} has no function of its own"
        return self.function(*args, **kwargs)


Step = Callable[[Any], None]  # takes a ResourceRun

_CHECKS: dict[str, Check] = {}
_STEPS: list[tuple[int, int, Step]] = []
# Steps that run even where the suite has no JSON or form create body (they make objects their
# own way, an upload say).
_WITHOUT_BODY: set[Step] = set()


def _register(found: Check) -> Check:
    if found.name in _CHECKS:
        raise ValueError(f"two semantic checks are named {found.name!r}")
    unknown = [role for role in found.roles if role not in ROLES]
    if unknown:
        raise ValueError(f"{found.name}: {unknown} are not roles; use some of {list(ROLES)}")
    _CHECKS[found.name] = found
    return found


def check(
    name: str | None = None,
    *,
    roles: Iterable[Role],
    holds: str,
    unless: Rule | None = None,
) -> Callable[[Callable[..., Any]], Check]:
    """Register the decorated function as a semantic check (see the module's docstring)."""

    def register(function: Callable[..., Any]) -> Check:
        return _register(Check(name or function.__name__, tuple(roles), holds, function, unless))

    return register


def declare(name: str, *, holds: str) -> Check:
    """Register a check applied to every error answer rather than judged by a step."""
    return _register(Check(name, ROLES, holds, every_answer=True))


def step(phase: int, *, needs_body: bool = True) -> Callable[[Step], Step]:
    """Run the decorated function for each resource, after the steps of smaller phases;
    with `needs_body=False`, also for a resource the suite has no create body for."""

    def register(function: Step) -> Step:
        _STEPS.append((phase, len(_STEPS), function))
        if not needs_body:
            _WITHOUT_BODY.add(function)
        return function

    return register


def checks() -> tuple[Check, ...]:
    """Every registered check, in the order they were written (area by area), those applied
    to every answer last."""
    return tuple(sorted(_CHECKS.values(), key=lambda c: c.every_answer))


def filter_checks() -> tuple[Check, ...]:
    """The checks made once per filter parameter (`filter_<param>`)."""
    return tuple(c for c in checks() if c.per_filter)


def steps(*, without_body: bool = False) -> tuple[Step, ...]:
    """The steps in the order of their phases (only those that need no create body, when
    told)."""
    ordered = (function for _, _, function in sorted(_STEPS, key=lambda s: s[:2]))
    return tuple(f for f in ordered if not without_body or f in _WITHOUT_BODY)


def checks_by_role(among: Iterable[Check] | None = None) -> dict[str, tuple[str, ...]]:
    """The checks each role's operation gets (those made once per filter aside), among the
    registered ones unless told."""
    found = checks() if among is None else tuple(among)
    return {
        role: tuple(
            c.name for c in found if role in c.roles and not c.per_filter and not c.every_answer
        )
        for role in ROLES
    }


def markdown_table() -> str:
    """The README's table of semantic checks."""
    lines = ["| check | what must hold |", "| --- | --- |"]
    lines += [f"| `{c.name}` | {c.holds} |" for c in checks()]
    return "\n".join(lines)
