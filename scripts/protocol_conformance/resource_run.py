"""One resource's part of the semantic scenario: its plan, its objects, and how a step asks
for a check to be judged (areas/ holds the steps and their checks)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from protocol_conformance.compose import ABSENT, Composer
from protocol_conformance.context import Context
from protocol_conformance.http import Exchange
from protocol_conformance.objects import Tracked
from protocol_conformance.plan import FilterPlan, ResourcePlan
from protocol_conformance.registry import Check, filter_checks
from protocol_conformance.windows import bounds_beyond
from protocol_spec.model import WINDOW_MATCHES, Field

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

    def body_field(self, f: FilterPlan) -> Field | None:
        """The body property that sets a filter's attribute (create's, else update's)."""
        op = self.plan.create if f.settable == "create" else self.plan.update
        return op.body.field(f.attribute_name) if op is not None and op.body is not None else None

    def query_values(self, f: FilterPlan, design: tuple[Any, Any] | None) -> list[Any]:
        """Values to ask a filter for: both of a boolean or is-set, each of an enum, else
        those the objects were given (`design` first), those they hold, and one none holds.
        Where there is none, the filter's check says why it cannot run."""
        schemas = self.ctx.api.schemas
        assert schemas is not None
        if f.match == "is-set" or f.param.type.kind == "boolean":
            values: list[Any] = [True, False]
        elif f.param.type.kind == "enum":
            values = list(f.param.type.values)
        elif f.match == "contains":  # items the objects hold (the designed first), one none
            lists = [t.state.get(f.attribute_name) for t in self.ours]
            held = [i for v in lists if isinstance(v, list) for i in v]
            values = [*self.designed.get(f.param.name, []), *held]
            values = list(dict.fromkeys(v for v in values if isinstance(v, str | int | float)))[:5]
            body_field = self.body_field(f)
            nobody = self.fresh_item(body_field or f.attribute, avoid=[*values, *held])
            if nobody is not None:
                values.append(nobody)
        elif f.match in WINDOW_MATCHES:  # the boundary the objects were given, those they hold
            held = [t.state.get(f.attribute_name) for t in self.ours]
            values = [*self.designed.get(f.param.name, []), *[v for v in held if v is not None]]
            values = list(dict.fromkeys(v for v in values if isinstance(v, str | int | float)))[:6]
            values += bounds_beyond(values, f.param.type.kind in ("integer", "number"))
        else:
            held = [t.state.get(f.attribute_name) for t in self.ours]
            values = [*self.designed.get(f.param.name, []), *[v for v in held if v is not None]]
            if design is not None and design[0] is not ABSENT:
                values.insert(0, design[0])
            values = list(dict.fromkeys(v for v in values if isinstance(v, str | int | float)))[:5]
            nobody = self.values.fresh(self.body_field(f) or f.attribute, avoid=values)
            if nobody is not None:
                values.append(nobody)
        valid = [v for v in values if schemas.is_valid(f.param.schema_pointer, v)]
        if not valid:
            for per_filter in filter_checks():
                self.ctx.results.skip(
                    self.plan.listing.label if self.plan.listing else "",
                    per_filter.named(f.param.name),
                    f"no value for '{f.param.name}' the suite can draw or has seen",
                )
        return valid

    def fresh_item(self, f: Field, avoid: Sequence[Any] = ()) -> Any:
        """An item for the array attribute `f` not in `avoid`: an id of a real object for a
        list of references, else drawn from the items' type; None when there is none."""
        items = f.type.items
        if items is None:
            return None
        if f.name in self.values.references:
            drawn = self.values.fresh(f, avoid=[list(avoid)])
            found = drawn[0] if isinstance(drawn, list) and drawn else None
            return found if found not in avoid else None
        rng = self.values.rng
        for _ in range(20):
            candidates: list[Any]
            if items.kind == "enum" or items.literals:
                candidates = list(items.values or items.literals)
            elif items.kind == "boolean":
                candidates = [True, False]
            elif items.kind == "integer":
                candidates = [rng.randint(0, 1_000_000)]
            elif items.kind == "number":
                candidates = [rng.randint(0, 1_000_000) + 0.5]
            elif items.kind == "string":
                candidates = [
                    "conformance-"
                    + "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(8))
                ]
            else:
                return None
            for item in candidates:
                if item not in avoid and self.values.valid(f, [item]):
                    return item
        return None

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
