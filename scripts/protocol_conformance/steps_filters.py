"""The scenario's filter step: objects whose attributes differ so that each filter has
something to keep and something to leave out (near misses included), then each filter both
ways, and pairs of filters together."""

from __future__ import annotations

from typing import Any

from protocol_conformance import checks_lists as lists
from protocol_conformance.compose import ABSENT
from protocol_conformance.plan import FilterPlan
from protocol_conformance.resource_run import ResourceRun
from protocol_spec.model import Field

__all__ = ["MAX_COMBINED_FILTERS", "MAX_FILTER_PAIRS", "filters", "query_values"]

# Filters whose values the scenario arranges in every combination (2**4 objects at most).
MAX_COMBINED_FILTERS = 4
MAX_FILTER_PAIRS = 6


def _field(run: ResourceRun, f: FilterPlan) -> Field | None:
    """The body property that sets the filter's attribute (create's, else update's)."""
    op = run.plan.create if f.settable == "create" else run.plan.update
    return op.body.field(f.attribute_name) if op is not None and op.body is not None else None


def _design(run: ResourceRun, f: FilterPlan) -> tuple[Any, Any] | None:
    """Two values for the filter's attribute: one the filter keeps, one it leaves out."""
    body_field = _field(run, f)
    if body_field is None:
        return None
    unset: Any = None if body_field.nullable else ABSENT
    if f.settable == "create" and not body_field.nullable:
        unset = ABSENT
    samples = run.values.samples(body_field)
    if f.match == "is-set":
        edges = run.values.boundaries(body_field)
        first = edges[0] if edges else (samples[0] if samples else None)
        return (first, unset) if first is not None else None
    kind = body_field.type.kind
    if kind == "boolean":
        return (True, False)
    if kind == "enum" or run.values.is_fixed(body_field.name):
        if len(samples) >= 2:
            return (samples[0], samples[1])
        return (samples[0], unset) if samples else None
    first = run.values.fresh(body_field)
    if first is None:
        return None
    if body_field.nullable or f.settable == "create":
        return (first, unset)
    return (first, run.values.fresh(body_field, avoid=[first]))


def filters(run: ResourceRun) -> None:
    listing = run.plan.listing
    if listing is None or not listing.filters:
        return
    designs = {
        f.param.name: d
        for f in listing.filters
        if f.settable is not None and (d := _design(run, f)) is not None
    }
    arranged = [f for f in listing.filters if f.param.name in designs]
    bits = min(len(arranged), MAX_COMBINED_FILTERS)
    for j in range(2**bits if arranged else 0):
        wanted_create: dict[str, Any] = {}
        wanted_update: dict[str, Any] = {}
        for i, f in enumerate(arranged):
            value = designs[f.param.name][0 if (j >> (i % bits)) & 1 else 1]
            target = wanted_create if f.settable == "create" else wanted_update
            target[f.attribute_name] = (
                None if value is ABSENT and target is wanted_update else value
            )
        _make_with(run, wanted_create, {k: v for k, v in wanted_update.items() if v is not ABSENT})
    for f in arranged:
        _variants(run, f, designs[f.param.name][0])
    for f in listing.filters:
        for value in query_values(run, f, designs.get(f.param.name)):
            query = lists.FilterQuery(((f, value),))
            run.judge(
                f.check,
                listing.label,
                lists.filter_exact,
                listing,
                query,
                run.ours,
            )
    _combined(run)


def _make_with(
    run: ResourceRun, wanted_create: dict[str, Any], wanted_update: dict[str, Any]
) -> None:
    body = run.composer.body_with(wanted_create) or run.composer.body_with({})
    if body is None:
        return
    tracked = run.make(body)
    if tracked is not None and run.plan.update is not None:
        run.arrange(tracked, wanted_update)


def _variants(run: ResourceRun, f: FilterPlan, base: Any) -> None:
    """Objects whose value is a near miss of `base`: an exact filter must leave them out."""
    if f.match != "equals" or not isinstance(base, str):
        return
    body_field = _field(run, f)
    if body_field is None:
        return
    variants = run.values.variants(body_field, base)
    run.designed[f.param.name] = [base, *variants]
    for variant in variants:
        if f.settable == "create":
            _make_with(run, {f.attribute_name: variant}, {})
        else:
            _make_with(run, {}, {f.attribute_name: variant})


def query_values(run: ResourceRun, f: FilterPlan, design: tuple[Any, Any] | None) -> list[Any]:
    schemas = run.ctx.api.schemas
    assert schemas is not None
    if f.match == "is-set" or f.param.type.kind == "boolean":
        values: list[Any] = [True, False]
    elif f.param.type.kind == "enum":
        values = list(f.param.type.values)
    else:
        held = [t.state.get(f.attribute_name) for t in run.ours]
        values = [*run.designed.get(f.param.name, []), *[v for v in held if v is not None]]
        if design is not None and design[0] is not ABSENT:
            values.insert(0, design[0])
        values = list(dict.fromkeys(v for v in values if isinstance(v, str | int | float)))[:5]
        field = _field(run, f) or f.attribute
        nobody = run.values.fresh(field, avoid=values)
        if nobody is not None:
            values.append(nobody)
    valid = [v for v in values if schemas.is_valid(f.param.schema_pointer, v)]
    if not valid:
        run.ctx.results.skip(
            run.plan.listing.label if run.plan.listing else "",
            f.check,
            f"no value for '{f.param.name}' the suite can draw or has seen",
        )
    return valid


def _combined(run: ResourceRun) -> None:
    listing = run.plan.listing
    assert listing is not None
    pairs = [
        (a, b)
        for i, a in enumerate(listing.filters)
        for b in listing.filters[i + 1 :]
        if a.attribute_name != b.attribute_name
    ][:MAX_FILTER_PAIRS]
    for a, b in pairs:
        values_a = query_values(run, a, None)[:1]
        for value_b in query_values(run, b, None)[:2]:
            for value_a in values_a:
                query = lists.FilterQuery(((a, value_a), (b, value_b)))
                run.judge(
                    lists.FILTERS_COMBINED,
                    listing.label,
                    lists.filter_exact,
                    listing,
                    query,
                    run.ours,
                )
