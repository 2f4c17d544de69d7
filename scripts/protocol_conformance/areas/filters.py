"""Filters: objects whose attributes differ so that each filter has something to keep and
something to leave out (near misses included), then each filter both ways, and pairs of
filters together; the checks that the list keeps exactly what matches.

The list may hold objects the suite did not create: checks demand that every listed object
matches, and that each of the suite's own objects matching is listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from protocol_conformance.areas.objects import arrange, get, make
from protocol_conformance.compose import ABSENT
from protocol_conformance.context import Context, fail
from protocol_conformance.objects import Tracked
from protocol_conformance.pages import collect, query_text
from protocol_conformance.plan import FilterPlan, ListPlan, ResourcePlan
from protocol_conformance.registry import FILTER_PARAM, check, step
from protocol_conformance.windows import in_window, ordinal
from protocol_spec.model import WINDOW_MATCHES, Field

if TYPE_CHECKING:  # steps are handed a run; they only call its methods
    from protocol_conformance.resource_run import ResourceRun

__all__ = [
    "MAX_COMBINED_FILTERS",
    "MAX_FILTER_PAIRS",
    "FilterQuery",
    "filter_exact",
    "filters",
    "filters_combined",
]

_JsonObject = dict[str, Any]


@dataclass(frozen=True)
class FilterQuery:
    """One or more filters with the value each is given."""

    terms: tuple[tuple[FilterPlan, Any], ...]

    def params(self) -> dict[str, Any]:
        return {f.param.name: value for f, value in self.terms}

    def matches(self, item: _JsonObject, resolve: _Resolve | None = None) -> bool:
        for f, value in self.terms:
            if f.through is not None:  # the attribute of the object the item names
                named = resolve(f, item) if resolve is not None else None
                if named is None:
                    return False
                item = named
            held = item.get(f.attribute_name)
            if f.match == "is-set":
                if (held is not None) is not value:
                    return False
            elif f.match == "contains":
                if not isinstance(held, list) or not any(_equal(v, value) for v in held):
                    return False
            elif f.match in WINDOW_MATCHES:
                if not in_window(f.match, held, value):
                    return False
            elif f.attribute_name not in item or not _equal(held, value):
                return False
        return True

    def describe(self) -> str:
        return " and ".join(f"{f.param.name}={query_text(value)}" for f, value in self.terms)

    def meaning(self) -> str:
        parts = []
        for f, value in self.terms:
            if f.match == "is-set":
                parts.append(f"{f.attribute_name} {'set' if value else 'null'}")
            elif f.match == "contains":
                parts.append(f"{f.attribute_name} holds {value!r}")
            elif f.match == "since":
                parts.append(f"{f.attribute_name} >= {value!r} (the boundary included)")
            elif f.match == "before":
                parts.append(f"{f.attribute_name} < {value!r} (the boundary excluded)")
            else:
                parts.append(f"{f.attribute_name} = {value!r}")
        return " and ".join(parts)


# (a filter through a reference, a listed object) -> the object its reference names, or None.
_Resolve = Callable[[FilterPlan, _JsonObject], "_JsonObject | None"]


def _resolver(ctx: Context) -> _Resolve:
    """The object a listed object's reference names: as the suite knows it, else as the API
    shows it (a get)."""
    shown: dict[tuple[str, Any], _JsonObject | None] = {}

    def resolve(f: FilterPlan, item: _JsonObject) -> _JsonObject | None:
        assert f.through is not None and f.target is not None
        object_id = item.get(f.through.name)
        if object_id is None:
            return None
        tracked = ctx.ledger.find(f.target, object_id)
        if tracked is not None and not tracked.deleted:
            return tracked.state
        key = (f.target, object_id)
        if key not in shown:
            target = ctx.api.resource(f.target)
            get = target.operation("get")
            parameter = target.id_parameter
            if get is None or target.item_path is None or parameter is None:
                shown[key] = None
            else:
                path = target.item_path.replace("{" + parameter + "}", quote(str(object_id)))
                answer = ctx.send(get, path)
                shown[key] = answer.body if isinstance(answer.body, dict) else None
        return shown[key]

    return resolve


def _equal(held: Any, wanted: Any) -> bool:
    # Exact: a string matches only itself (no prefix, no other case); True is not 1.
    if isinstance(held, bool) or isinstance(wanted, bool):
        return held is wanted
    if isinstance(held, int | float) and isinstance(wanted, int | float):
        return held == wanted
    return type(held) is type(wanted) and held == wanted


@check(
    f"filter_{FILTER_PARAM}",
    roles=("list",),
    holds="each filter, both ways (and each enum value), keeps exactly the matching objects: no other case, no prefix, no near miss",
)
def filter_exact(ctx: Context, plan: ListPlan, query: FilterQuery, ours: list[Tracked]) -> None:
    """The list with these filters holds exactly the objects that match them."""
    cursor = plan.pagination.cursor_field
    items = collect(ctx, plan, query.params())
    resolve = _resolver(ctx)
    strays = [item for item in items if not query.matches(item, resolve)]
    if strays:
        fail(
            f"with {query.describe()}, only objects whose {query.meaning()}",
            f"{len(strays)} that do not match, e.g. {strays[0]}",
        )
    listed = {item.get(cursor) for item in items}
    wanted = [t for t in ours if query.matches(t.state, resolve)]
    missing = [t for t in wanted if t.object_id not in listed]
    if missing:
        ctx.involve(*missing[:1])
        fail(
            f"with {query.describe()}, each of the suite's {len(wanted)} objects whose "
            f"{query.meaning()}",
            f"{len(missing)} missing, e.g. {missing[0].state}",
        )


def _fewer_than_two(plan: ResourcePlan) -> str | None:
    if plan.listing is not None and len(plan.listing.filters) < 2:
        return "the list has fewer than two filters"
    return None


@check(roles=("list",), holds="two filters together keep what matches both", unless=_fewer_than_two)
def filters_combined(ctx: Context, plan: ListPlan, query: FilterQuery, ours: list[Tracked]) -> None:
    """Two filters together keep exactly the objects that match both."""
    filter_exact(ctx, plan, query, ours)


# Filters whose values the scenario arranges in every combination (2**4 objects at most).
MAX_COMBINED_FILTERS = 4
MAX_FILTER_PAIRS = 6


def _design(run: ResourceRun, f: FilterPlan) -> tuple[Any, Any] | None:
    """Two values for the filter's attribute: one the filter keeps, one it leaves out."""
    body_field = run.body_field(f)
    if body_field is None:
        return None
    unset: Any = None if body_field.nullable else ABSENT
    if f.settable == "create" and not body_field.nullable:
        unset = ABSENT
    if f.match == "contains":
        return _holding(run, body_field)
    if f.match in WINDOW_MATCHES:
        return None  # three objects of their own, on either side of a boundary (_windows)
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


def _holding(run: ResourceRun, body_field: Field) -> tuple[Any, Any] | None:
    """Two arrays for a `contains` filter: the first holds an item the second does not (they
    share another where they can)."""
    if body_field.type.items is None:
        return None
    if body_field.name in run.values.references:  # ids of real objects
        lists = [v for v in run.values.samples(body_field) if isinstance(v, list) and v]
        longest = max(lists, key=len, default=None)
        return (longest, longest[1:]) if longest is not None else None
    drawn: list[Any] = []
    for _ in range(2):
        item = run.fresh_item(body_field, avoid=drawn)
        if item is not None:
            drawn.append(item)
    for pair in ((drawn, drawn[1:]), (drawn[:1], [])):
        if pair[0] and all(run.values.valid(body_field, v) for v in pair):
            return pair
    return None


def _windows(run: ResourceRun, listing: ListPlan) -> None:
    """Three objects per attribute a window filters, one before, one on and one after a
    boundary (the designed values the queries ask for, the boundary first). Date-times are
    half an hour apart and written in two offsets (the boundary at +01:00, the others in UTC),
    so only a server that compares instants, not text, keeps the right ones."""
    done: set[str] = set()
    for f in listing.filters:
        if f.match not in WINDOW_MATCHES or f.settable is None or f.attribute_name in done:
            continue
        done.add(f.attribute_name)
        body_field = run.body_field(f)
        if body_field is None:
            continue
        line = _line(run, body_field)
        if line is None:
            continue
        held, asked = line
        for value in held:
            if f.settable == "create":
                _make_with(run, {f.attribute_name: value}, {})
            else:
                _make_with(run, {}, {f.attribute_name: value})
        for other in listing.filters:
            if other.attribute_name == f.attribute_name and other.match in WINDOW_MATCHES:
                run.designed[other.param.name] = asked


def _line(run: ResourceRun, body_field: Field) -> tuple[list[Any], list[Any]] | None:
    """Three values in order (what the objects hold) and the values to ask for (the middle one
    first, as the boundary); None when the attribute cannot take three ordered values."""
    if body_field.type.kind == "string" and body_field.type.format == "date-time":
        base = run.values.rng.randint(978307200, 1893456000)  # 2001 to 2030, whole seconds
        lower, middle, upper = (base - 1800, base, base + 1800)  # within an hour

        def utc(seconds: int) -> str:
            return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

        shifted = datetime.fromtimestamp(middle, timezone(timedelta(hours=1))).isoformat()
        held = [utc(lower), shifted, utc(upper)]
        asked = [utc(middle), utc(lower), utc(upper), shifted]
    elif body_field.type.kind in ("integer", "number"):
        drawn: list[Any] = []
        for _ in range(3):
            value = run.values.fresh(body_field, avoid=drawn)
            if value is not None:
                drawn.append(value)
        if len(drawn) < 3:
            return None
        held = sorted(drawn)
        asked = [held[1], held[0], held[2]]
    else:
        return None
    if not all(run.values.valid(body_field, v) for v in held):
        return None
    return held, asked


def _window_pairs(run: ResourceRun, listing: ListPlan) -> None:
    """A `since` and a `before` on one attribute together: the half-open window between the
    lowest and the highest value the objects hold."""
    for low in listing.filters:
        if low.match != "since":
            continue
        for high in listing.filters:
            if high.match != "before" or high.attribute_name != low.attribute_name:
                continue
            points = run.query_values(low, None)
            ordered = sorted(
                (p for p in points if ordinal(p) is not None), key=lambda p: ordinal(p) or 0.0
            )
            if len(ordered) < 2:
                continue
            query = FilterQuery(((low, ordered[0]), (high, ordered[-1])))
            run.judge(filters_combined, listing.label, listing, query, run.ours)


@step(20)
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
        if f.match == "contains":
            run.designed[f.param.name] = list(designs[f.param.name][0])
    _windows(run, listing)
    for f in listing.filters:
        if f.through is not None:
            _through(run, listing, f)
            continue
        for value in run.query_values(f, designs.get(f.param.name)):
            query = FilterQuery(((f, value),))
            run.judge(
                filter_exact,
                listing.label,
                listing,
                query,
                run.ours,
                name=filter_exact.named(f.param.name),
            )
    _combined(run)
    _window_pairs(run, listing)


def _through(run: ResourceRun, listing: ListPlan, f: FilterPlan) -> None:
    """A filter through a reference, both ways: a value an object named by one of the suite's
    objects holds, and one no such object holds."""
    assert f.through is not None and f.target is not None
    name = filter_exact.named(f.param.name)
    resolve = _resolver(run.ctx)
    named = [o for t in run.ours if (o := resolve(f, t.state)) is not None]
    if not named and _name_through(run, f):
        resolve = _resolver(run.ctx)
        named = [o for t in run.ours if (o := resolve(f, t.state)) is not None]
    held = list(dict.fromkeys(v for o in named if (v := o.get(f.attribute_name)) is not None))
    if not held:
        run.ctx.results.skip(
            listing.label,
            name,
            f"none of the suite's {run.plan.name} has a '{f.through.name}' naming one of its "
            f"{f.target} (the filter goes through it to their '{f.attribute_name}')",
        )
        return
    target = run.ctx.api.resource(f.target)
    create = target.operation("create")
    body_field = create.body.field(f.attribute_name) if create and create.body else None
    values: list[Any] = [held[0]]
    if f.match == "is-set" or f.param.type.kind == "boolean":
        values = [True, False]
    else:
        nobody = (
            run.ctx.referrals.one(
                run.ctx.references(f.target)[f.attribute_name].target, run.ctx.owner, avoid=held
            )
            if f.attribute_name in run.ctx.references(f.target) and run.ctx.referrals
            else (run.values.fresh(body_field or f.attribute, avoid=held))
        )
        if nobody is not None:
            values.append(nobody)
    for value in values:
        query = FilterQuery(((f, value),))
        run.judge(filter_exact, listing.label, listing, query, run.ours, name=name)


def _name_through(run: ResourceRun, f: FilterPlan) -> bool:
    """Give one of the suite's objects a reference the filter goes through, where the server
    sets it from a list the target's create takes (`x-protocol-inverse`: a message naming its
    attachments): make such a target naming it, then read the object again. Whether it did."""
    assert f.through is not None and f.target is not None
    ctx, plan = run.ctx, run.plan
    target = ctx.api.resource(f.target)
    model = ctx.api.model(target.model) if target.model else None
    create = target.operation("create")
    inverse = next(
        (
            a.name
            for a in (model.fields if model is not None else ())
            if a.inverse is not None
            and a.inverse.resource == plan.name
            and a.inverse.attribute == f.through.name
            and create is not None
            and create.body is not None
            and create.body.field(a.name) is not None
        ),
        None,
    )
    ours = run.ours
    if inverse is None or not ours or ctx.referrals is None or plan.get is None:
        return False
    named = ours[0]
    try:
        if ctx.referrals.make_with(f.target, {inverse: [named.object_id]}, ctx.owner) is None:
            return False
    except AssertionError:
        return False
    fetched = get(ctx, plan, named)
    if isinstance(fetched.body, dict):
        named.state = dict(fetched.body)
    return named.state.get(f.through.name) is not None


def _make_with(
    run: ResourceRun, wanted_create: dict[str, Any], wanted_update: dict[str, Any]
) -> None:
    body = run.composer.body_with(wanted_create) or run.composer.body_with({})
    if body is None:
        return
    tracked = make(run, body)
    if tracked is not None and run.plan.update is not None:
        arrange(run, tracked, wanted_update)


def _variants(run: ResourceRun, f: FilterPlan, base: Any) -> None:
    """Objects whose value is a near miss of `base`: an exact filter must leave them out."""
    if f.match == "contains":
        _near_items(run, f, base)
        return
    if f.match != "equals" or not isinstance(base, str):
        return
    body_field = run.body_field(f)
    if body_field is None:
        return
    variants = run.values.variants(body_field, base)
    run.designed[f.param.name] = [base, *variants]
    for variant in variants:
        if f.settable == "create":
            _make_with(run, {f.attribute_name: variant}, {})
        else:
            _make_with(run, {}, {f.attribute_name: variant})


def _near_items(run: ResourceRun, f: FilterPlan, base: Any) -> None:
    """Objects whose array holds only a near miss of the item `base` holds first (another case,
    one character more, one less): `contains` compares items exactly, as `equals` does, so a
    server searching the array's text for the value keeps them."""
    body_field = run.body_field(f)
    if body_field is None or body_field.name in run.values.references:
        return  # a near miss of an id names nothing: refused, not filtered
    if not isinstance(base, list) or not base or not isinstance(base[0], str) or not base[0]:
        return
    item = base[0]
    other = "q" if item[-1] != "q" else "r"
    for miss in dict.fromkeys([item.swapcase(), item + other, item[:-1]]):
        if miss != item and run.values.valid(body_field, [miss]):
            if f.settable == "create":
                _make_with(run, {f.attribute_name: [miss]}, {})
            else:
                _make_with(run, {}, {f.attribute_name: [miss]})


def _combined(run: ResourceRun) -> None:
    listing = run.plan.listing
    assert listing is not None
    pairs = [
        (a, b)
        for i, a in enumerate(listing.filters)
        for b in listing.filters[i + 1 :]
        if a.attribute_name != b.attribute_name and a.through is None and b.through is None
    ][:MAX_FILTER_PAIRS]
    for a, b in pairs:
        values_a = run.query_values(a, None)[:1]
        for value_b in run.query_values(b, None)[:2]:
            for value_a in values_a:
                query = FilterQuery(((a, value_a), (b, value_b)))
                run.judge(
                    filters_combined,
                    listing.label,
                    listing,
                    query,
                    run.ours,
                )
