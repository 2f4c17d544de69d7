"""One resource's part of the semantic scenario: its plan, its objects, and how a step asks
for a check to be judged (steps_*.py are the steps)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from protocol_conformance import checks_objects as objects
from protocol_conformance.compose import JSON, Composer, Way
from protocol_conformance.context import Context
from protocol_conformance.http import Credential, Exchange
from protocol_conformance.objects import Tracked
from protocol_conformance.plan import ResourcePlan

__all__ = ["ResourceRun"]

T = TypeVar("T")


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
        check: str,
        operation: str,
        function: Callable[..., object],
        *args: Any,
        steps: Sequence[Exchange] = (),
    ) -> bool:
        """One case of `check` on `operation`: `function(ctx, *args)`, judged."""
        return self.ctx.judge(check, operation, partial(function, self.ctx, *args), steps)

    def attempt(
        self, check: str, operation: str, function: Callable[..., T], *args: Any
    ) -> T | None:
        """As `judge`; what `function` returned, or None when the case failed."""
        found: list[T] = []
        self.ctx.judge(check, operation, lambda: found.append(function(self.ctx, *args)))
        return found[0] if found else None

    def make(self, body: dict[str, Any], credential: Credential | None = None) -> Tracked | None:
        """One more object (judged as a create); None when it could not be made."""
        assert self.plan.create is not None
        return self.attempt(
            objects.CREATE_THEN_GET,
            self.plan.create.label,
            objects.create,
            self.plan,
            Way(body, JSON),
            credential,
        )

    def arrange(self, tracked: Tracked, change: dict[str, Any]) -> None:
        """Give an object attribute values through update (judged as an update)."""
        plan = self.plan
        assert plan.update is not None
        if not change:
            return

        def run(ctx: Context) -> None:
            update = objects.send_update(ctx, plan, tracked, change, JSON, settle=False)
            objects.update_persisted(ctx, plan, update)

        self.judge(objects.UPDATE_PERSISTED, plan.update.label, run)
