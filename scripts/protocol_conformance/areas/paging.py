"""Pages: enough objects to fill the largest page, then the page size at its default, maximum
and bounds, the page's more-flag in both directions, cursor walks both ways and the declared
order; the checks, and the steps that run them.

The list may hold objects the suite did not create: checks demand that each of the suite's
own objects is where it belongs.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from protocol_conformance.areas.objects import make
from protocol_conformance.context import CannotJudge, Context, fail
from protocol_conformance.objects import Tracked
from protocol_conformance.pages import Page, collect, compare, fetch, query_text, walk
from protocol_conformance.plan import ListPlan, ResourcePlan
from protocol_conformance.registry import check, step

if TYPE_CHECKING:  # steps are handed a run; they only call its methods
    from protocol_conformance.resource_run import ResourceRun

__all__ = [
    "Walk",
    "cursor_walk_backward",
    "cursor_walk_forward",
    "fill",
    "limit_bounds",
    "limit_default",
    "limit_maximum",
    "limit_respected",
    "list_order",
    "more_flag_exact",
    "pages",
]

_JsonObject = dict[str, Any]


def _no_limit(plan: ResourcePlan) -> str | None:
    if plan.listing is not None and plan.listing.limit is None:
        return "the list has no page-size parameter (x-protocol-pagination limit)"
    return None


def _no_default(plan: ResourcePlan) -> str | None:
    limit = plan.listing.limit if plan.listing is not None else None
    if limit is not None and limit.default is None:
        return "the page-size parameter has no default"
    return _no_limit(plan)


def _no_maximum(plan: ResourcePlan) -> str | None:
    limit = plan.listing.limit if plan.listing is not None else None
    if limit is not None and limit.maximum is None:
        return "the page-size parameter has no maximum"
    return _no_limit(plan)


@check(
    roles=("list",),
    holds="without a page size, a page holds the declared default number of objects",
    unless=_no_default,
)
def limit_default(ctx: Context, plan: ListPlan, ours: int) -> None:
    """Without a page size, a page holds the declared default number of objects."""
    assert plan.limit is not None and plan.limit.default is not None
    default = plan.limit.default
    if ours <= default:
        raise CannotJudge(f"needs more than {default} objects; the suite has {ours}")
    page = fetch(ctx, plan, {})
    if len(page.items) != default:
        fail(
            f"{default} objects (the default {plan.limit.param}) when more exist",
            f"{len(page.items)} objects",
        )


@check(
    roles=("list",),
    holds="at the maximum page size (with more objects than the maximum), a page holds the maximum",
    unless=_no_maximum,
)
def limit_maximum(ctx: Context, plan: ListPlan, ours: int) -> None:
    """At its maximum, a page holds exactly that many objects when more exist."""
    assert plan.limit is not None and plan.limit.maximum is not None
    top = plan.limit.maximum
    if ours <= top:
        raise CannotJudge(
            f"needs more than {top} objects of its own (MAX_OBJECTS); the suite has {ours}"
        )
    page = fetch(ctx, plan, {plan.limit.param: top})
    if len(page.items) != top:
        fail(f"{top} objects for {plan.limit.param}={top} when more exist", f"{len(page.items)}")


@check(
    roles=("list",),
    holds="a page size at a bound is served exactly; one beyond the bounds is refused",
    unless=_no_limit,
)
def limit_bounds(ctx: Context, plan: ListPlan, value: int, ours: int) -> None:
    """A page size at a bound is served exactly; one beyond it is refused with 400."""
    assert plan.limit is not None
    low, high = plan.limit.minimum, plan.limit.maximum
    inside = (low is None or value >= low) and (high is None or value <= high)
    params = {plan.limit.param: query_text(value)}
    if inside:
        if ours <= value:
            raise CannotJudge(f"needs more than {value} objects")
        page = fetch(ctx, plan, params)
        if len(page.items) != value:
            fail(f"{value} objects for {plan.limit.param}={value}", f"{len(page.items)}")
        return
    answer = ctx.send(plan.operation, plan.operation.path, params=params)
    if answer.status != 400:
        fail(
            f"400 for {plan.limit.param}={value}, outside {low} to {high}",
            answer.describe(),
        )


@check(roles=("list",), holds="any page size is served exactly", unless=_no_limit)
def limit_respected(ctx: Context, plan: ListPlan, value: int, ours: int) -> None:
    """A page holds exactly as many objects as asked for, when more exist."""
    assert plan.limit is not None
    if ours <= value:
        raise CannotJudge(f"needs more than {value} objects")
    page = fetch(ctx, plan, {plan.limit.param: value})
    if len(page.items) != value:
        fail(f"{value} objects for {plan.limit.param}={value}", f"{len(page.items)} objects")


@check(
    roles=("list",),
    holds="the page's flag (`hasMore`) says exactly whether more lie beyond it, forward and backward, with and without filters",
)
def more_flag_exact(
    ctx: Context,
    plan: ListPlan,
    query: dict[str, Any],
    wanted: list[Any] | None,
    more: bool,
    why: str,
) -> None:
    """The page's flag (`hasMore` in the vocabulary) says exactly whether objects lie beyond the page in the direction of travel."""
    cursor = plan.pagination.cursor_field
    page = fetch(ctx, plan, query)
    got = page.ids(cursor)
    shown = ", ".join(f"{name}={query_text(value)}" for name, value in query.items())
    if wanted is not None and got != wanted:
        fail(f"with {shown}: {why}, the objects {wanted}", f"{got}")
    if page.more is not more:
        fail(
            f"{plan.pagination.has_more_field}={str(more).lower()} with {shown} ({why})",
            f"{plan.pagination.has_more_field}={str(page.more).lower()}",
        )


@dataclass
class Walk:
    """What a forward walk saw: its pages and, when it held together, the objects in order."""

    size: int
    pages: list[Page]
    items: list[_JsonObject] | None = None  # None when the walk did not hold together


@check(
    "cursor_walk",
    roles=("list",),
    holds="walking the cursors forward and back visits every object once, in the same order",
)
def cursor_walk_forward(ctx: Context, plan: ListPlan, ours: list[Tracked], found: Walk) -> None:
    """Following the `after` cursor from the first page visits every object once."""
    query: dict[str, Any] = {plan.limit.param: found.size} if plan.limit else {}
    found.pages = walk(ctx, plan, query)
    items = [item for page in found.pages for item in page.items]
    _visited_once(
        plan, items, ours, f"pages of {found.size} following {plan.pagination.after_param}"
    )
    short = [i for i, page in enumerate(found.pages[:-1]) if len(page.items) != found.size]
    if plan.limit is not None and short:
        fail(
            f"every page but the last to hold {found.size} objects",
            f"page {short[0] + 1} holds {len(found.pages[short[0]].items)}",
        )
    found.items = items


def _walk_backward(ctx: Context, plan: ListPlan, found: Walk) -> None:
    """Following the `before` cursor from the last object visits the same objects, in the
    same order, the other way round."""
    assert plan.pagination.before_param is not None and found.items
    cursor = plan.pagination.cursor_field
    last = found.items[-1]
    query: dict[str, Any] = {plan.limit.param: found.size} if plan.limit else {}
    pages = walk(ctx, plan, query, backward_from=last[cursor])
    items = [item for page in reversed(pages) for item in page.items] + [last]
    wanted = [item.get(cursor) for item in found.items]
    got = [item.get(cursor) for item in items]
    if got != wanted:
        fail(
            f"pages of {found.size} following {plan.pagination.before_param} back from "
            f"{last[cursor]!r} to visit the {len(wanted)} objects of the forward walk, in order",
            _difference(wanted, got),
        )


def _visited_once(plan: ListPlan, items: list[_JsonObject], ours: list[Tracked], how: str) -> None:
    cursor = plan.pagination.cursor_field
    ids = [item.get(cursor) for item in items]
    twice = sorted({repr(i) for i in ids if ids.count(i) > 1})
    if twice:
        fail(f"{how} to visit each object once", f"{len(twice)} visited twice, e.g. {twice[0]}")
    missing = [t for t in ours if t.object_id not in set(ids)]
    if missing:
        fail(
            f"{how} to visit each of the suite's {len(ours)} objects",
            f"{len(missing)} never listed, e.g. {missing[0].state}",
        )


def _difference(wanted: list[Any], got: list[Any]) -> str:
    index = next(
        (i for i, (a, b) in enumerate(zip(wanted, got, strict=False)) if a != b),
        min(len(wanted), len(got)),
    )
    return (
        f"{len(got)} objects; the first difference at position {index + 1}: "
        f"{got[index] if index < len(got) else '(the end)'!r} where "
        f"{wanted[index] if index < len(wanted) else '(the end)'!r} belongs"
    )


@check(
    roles=("list",),
    holds="the first page, every page of a walk and the walk as a whole are in the declared order",
)
def list_order(ctx: Context, plan: ListPlan, found: Walk) -> None:
    """The first page, every page of the walk, and the walk as a whole are in the declared
    order."""
    keys = plan.order
    shown = ", ".join(f"{k.attribute} {'desc' if k.descending else 'asc'}" for k in keys)
    first = fetch(ctx, plan, {})
    _in_order(first.items, keys, f"the first page in the declared order ({shown})")
    for number, page in enumerate(found.pages, 1):
        _in_order(page.items, keys, f"page {number} of the walk in the declared order ({shown})")
    items = [item for page in found.pages for item in page.items]
    _in_order(items, keys, f"the whole walk in the declared order ({shown})")


def _in_order(items: Sequence[_JsonObject], keys: Any, expected: str) -> None:
    for first, second in itertools.pairwise(items):
        if compare(first, second, keys) > 0:
            names = [k.attribute for k in keys]
            fail(
                expected,
                f"{ {k: first.get(k) for k in names} } before { {k: second.get(k) for k in names} }",
            )


cursor_walk_backward = cursor_walk_forward.using(_walk_backward)


@step(30)
def fill(run: ResourceRun) -> None:
    """Enough objects to fill the largest page with one left over."""
    listing = run.plan.listing
    if listing is None or listing.limit is None:
        return
    largest = max(listing.limit.maximum or 0, listing.limit.default or 0)
    wanted = largest + 1 - len(run.ours)
    room = run.ctx.ledger.room - run.reserve
    if wanted > room:
        run.ctx.results.capped.append(
            f"filling {listing.label} ({wanted} more objects wanted, room for {max(room, 0)}: "
            "the page-size checks there cannot all run)"
        )
    base = run.composer.ways()[0].body
    sort_fields = [
        f
        for key in listing.order
        if run.plan.create is not None
        and run.plan.create.body is not None
        and (f := run.plan.create.body.field(key.attribute)) is not None
        and not run.values.is_fixed(f.name)
    ]
    for _ in range(max(0, min(wanted, room))):
        wanted_values = {f.name: run.values.fresh(f) for f in sort_fields}
        body = run.composer.body_with({k: v for k, v in wanted_values.items() if v is not None})
        if make(run, body or base) is None and run.ctx.unreachable:
            return


@step(40)
def pages(run: ResourceRun) -> None:
    listing = run.plan.listing
    if listing is None:
        return
    label = listing.label
    count = len(run.ours)
    limit = listing.limit
    if limit is not None:
        if limit.default is not None:
            run.judge(
                limit_default,
                label,
                listing,
                count,
            )
        if limit.maximum is not None:
            run.judge(
                limit_maximum,
                label,
                listing,
                count,
            )
        edges = [v for v in (limit.minimum,) if v is not None]
        edges += [limit.minimum - 1] if limit.minimum is not None else []
        edges += [limit.maximum + 1] if limit.maximum is not None else []
        for value in edges:
            run.judge(
                limit_bounds,
                label,
                listing,
                value,
                count,
            )
        for value in (2, 3):
            if value not in (limit.default, limit.minimum) and (limit.maximum or value) >= value:
                run.judge(
                    limit_respected,
                    label,
                    listing,
                    value,
                    count,
                )
    low = (limit.minimum or 1) if limit else 1
    high = (limit.maximum or count) if limit else count
    size = max(low, min(high, math.ceil(count / 5) or 1))
    found = Walk(size, [])
    run.judge(
        cursor_walk_forward,
        label,
        listing,
        run.ours,
        found,
    )
    if listing.pagination.before_param is None:
        run.ctx.results.skip(
            label,
            cursor_walk_forward.name,
            "the backward walk: the list has no `before` cursor (it pages forward only)",
        )
    elif found.items:
        run.judge(
            cursor_walk_backward,
            label,
            listing,
            found,
        )
    run.judge(
        list_order,
        label,
        listing,
        found,
        steps=[p.exchange for p in found.pages],
    )
    _more_flag(run, found, count)


def _more_flag(run: ResourceRun, found: Walk, count: int) -> None:
    listing = run.plan.listing
    assert listing is not None
    label = listing.label
    page = listing.pagination
    cursor = page.cursor_field
    limit_name = listing.limit.param if listing.limit else None
    size = found.size if limit_name else (listing.page_size or found.size)
    cases: list[tuple[dict[str, Any], list[Any] | None, bool, str]] = []
    sized = {limit_name: size} if limit_name else {}
    if count > size:
        cases.append((dict(sized), None, True, f"the first page of {size} when more exist"))
    items = found.items
    if items is None:
        run.ctx.results.skip(
            label,
            more_flag_exact.name,
            "at the end of the list: the cursor walk did not hold together",
        )
    elif len(items) >= size + 2:
        ids = [item[cursor] for item in items]
        end = len(ids)
        cases.append(
            (
                {**sized, page.after_param: ids[end - size - 1]},
                ids[end - size :],
                False,
                "the last page, full",
            )
        )
        cases.append(
            (
                {**sized, page.after_param: ids[end - size - 2]},
                ids[end - size - 1 : end - 1],
                True,
                "one object before the end",
            )
        )
        if page.before_param is not None:
            cases.append(
                (
                    {**sized, page.before_param: ids[size]},
                    ids[:size],
                    False,
                    "the first page, reached backward",
                )
            )
            cases.append(
                (
                    {**sized, page.before_param: ids[size + 1]},
                    ids[1 : size + 1],
                    True,
                    "one object after the start, backward",
                )
            )
    for query, wanted, more, why in cases:
        run.judge(
            more_flag_exact,
            label,
            listing,
            query,
            wanted,
            more,
            why,
        )
    if limit_name is not None:
        _more_flag_filtered(run, limit_name)


def _more_flag_filtered(run: ResourceRun, limit_name: str) -> None:
    """With a filter, the more-flag counts only what matches (a full last page says false)."""
    listing = run.plan.listing
    assert listing is not None
    for f in listing.filters:
        for value in run.query_values(f, None)[:2]:
            found = run.attempt(
                more_flag_exact.using(collect),
                listing.label,
                listing,
                {f.param.name: value},
            )
            if found is None:
                continue
            matching = len(found)
            top = listing.page_size or matching
            if 2 <= matching <= top:
                for size, more in ((matching, False), (matching - 1, True)):
                    query = {f.param.name: value, limit_name: size}
                    run.judge(
                        more_flag_exact,
                        listing.label,
                        listing,
                        query,
                        None,
                        more,
                        f"{matching} objects match",
                    )
                return
