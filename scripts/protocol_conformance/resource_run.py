"""One resource's part of the semantic scenario: its plan, its objects, and how a step asks
for a check to be judged (areas/ holds the steps and their checks)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from protocol_conformance.compose import Composer
from protocol_conformance.context import Context
from protocol_conformance.http import Exchange
from protocol_conformance.objects import Tracked
from protocol_conformance.plan import ResourcePlan
from protocol_conformance.registry import Check

__all__ = ["ResourceRun"]


class ResourceRun:
    def __init__(self, ctx: Context, plan: ResourcePlan, composer: Composer, reserve: int) -> None:
        self.ctx = ctx
        self.plan = plan
        self.composer = composer
        self.values = composer.values
        self.reserve = reserve  # objects to leave for the resources after this one
        self.designed: dict[str, list[Any]] = {}  # filter param -> values its objects hold

    @property
    def ours(self) -> list[Tracked]:
        """This account's objects of the resource that the scenario created and still has."""
        return self.ctx.ledger.live(self.plan.name, self.ctx.owner)

    def latest(self) -> Tracked | None:
        ours = self.ours
        return ours[-1] if ours else None

    def judge(
        self,
        check: Check,
        operation: str,
        *args: Any,
        steps: Sequence[Exchange] = (),
        name: str | None = None,
    ) -> bool:
        """One case of `check` on `operation`: `check(ctx, *args)`, judged (under `name`
        when given: a check made once per filter)."""
        return self.ctx.judge(name or check.name, operation, partial(check, self.ctx, *args), steps)

    def attempt(self, check: Check, operation: str, *args: Any) -> Any:
        """As `judge`; what the check returned, or None when the case failed."""
        found: list[Any] = []
        self.ctx.judge(check.name, operation, lambda: found.append(check(self.ctx, *args)))
        return found[0] if found else None
