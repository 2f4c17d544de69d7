"""Semantic checks of a list: filters (each, both ways, and combined), the page size at its
default, maximum and bounds, the page's more-flag in both directions, cursor walks and the declared order.

The list may hold objects the suite did not create: checks demand that every listed object
matches, and that each of the suite's own objects is where it belongs.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from protocol_conformance.context import CannotJudge, Context, fail
from protocol_conformance.objects import Tracked
from protocol_conformance.pages import Page, collect, compare, fetch, query_text, walk
from protocol_conformance.plan import FilterPlan, ListPlan

__all__ = [
    "CURSOR_WALK",
    "FILTERS_COMBINED",
    "LIMIT_BOUNDS",
    "LIMIT_DEFAULT",
    "LIMIT_MAXIMUM",
    "LIMIT_RESPECTED",
    "LIST_ORDER",
    "MORE_FLAG_EXACT",
    "FilterQuery",
    "JsonObject",
    "Walk",
    "cursor_walk_backward",
    "cursor_walk_forward",
    "filter_exact",
    "limit_bounds",
    "limit_default",
    "limit_maximum",
    "limit_respected",
    "list_order",
    "more_flag_exact",
]

FILTERS_COMBINED = "filters_combined"
LIMIT_DEFAULT = "limit_default"
LIMIT_MAXIMUM = "limit_maximum"
LIMIT_BOUNDS = "limit_bounds"
LIMIT_RESPECTED = "limit_respected"
MORE_FLAG_EXACT = "more_flag_exact"
CURSOR_WALK = "cursor_walk"
LIST_ORDER = "list_order"

JsonObject = dict[str, Any]


@dataclass(frozen=True)
class FilterQuery:
    """One or more filters with the value each is given."""

    terms: tuple[tuple[FilterPlan, Any], ...]

    @property
    def check(self) -> str:
        return self.terms[0][0].check if len(self.terms) == 1 else FILTERS_COMBINED

    def params(self) -> dict[str, Any]:
        return {f.param.name: value for f, value in self.terms}

    def matches(self, item: JsonObject) -> bool:
        for f, value in self.terms:
            if f.match == "is-set":
                if (item.get(f.attribute_name) is not None) is not value:
                    return False
            elif f.attribute_name not in item or not _equal(item[f.attribute_name], value):
                return False
        return True

    def describe(self) -> str:
        return " and ".join(f"{f.param.name}={query_text(value)}" for f, value in self.terms)

    def meaning(self) -> str:
        parts = []
        for f, value in self.terms:
            if f.match == "is-set":
                parts.append(f"{f.attribute_name} {'set' if value else 'null'}")
            else:
                parts.append(f"{f.attribute_name} = {value!r}")
        return " and ".join(parts)


def _equal(held: Any, wanted: Any) -> bool:
    # Exact: a string matches only itself (no prefix, no other case); True is not 1.
    if isinstance(held, bool) or isinstance(wanted, bool):
        return held is wanted
    if isinstance(held, int | float) and isinstance(wanted, int | float):
        return held == wanted
    return type(held) is type(wanted) and held == wanted


def filter_exact(ctx: Context, plan: ListPlan, query: FilterQuery, ours: list[Tracked]) -> None:
    """The list with these filters holds exactly the objects that match them."""
    cursor = plan.pagination.cursor_field
    items = collect(ctx, plan, query.params())
    strays = [item for item in items if not query.matches(item)]
    if strays:
        fail(
            f"with {query.describe()}, only objects whose {query.meaning()}",
            f"{len(strays)} that do not match, e.g. {strays[0]}",
        )
    listed = {item.get(cursor) for item in items}
    wanted = [t for t in ours if query.matches(t.state)]
    missing = [t for t in wanted if t.object_id not in listed]
    if missing:
        ctx.involve(*missing[:1])
        fail(
            f"with {query.describe()}, each of the suite's {len(wanted)} objects whose "
            f"{query.meaning()}",
            f"{len(missing)} missing, e.g. {missing[0].state}",
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


def limit_respected(ctx: Context, plan: ListPlan, value: int, ours: int) -> None:
    """A page holds exactly as many objects as asked for, when more exist."""
    assert plan.limit is not None
    if ours <= value:
        raise CannotJudge(f"needs more than {value} objects")
    page = fetch(ctx, plan, {plan.limit.param: value})
    if len(page.items) != value:
        fail(f"{value} objects for {plan.limit.param}={value}", f"{len(page.items)} objects")


@dataclass
class Walk:
    """What a forward walk saw: its pages and, when it held together, the objects in order."""

    size: int
    pages: list[Page]
    items: list[JsonObject] | None = None  # None when the walk did not hold together


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


def cursor_walk_backward(ctx: Context, plan: ListPlan, found: Walk) -> None:
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


def _visited_once(plan: ListPlan, items: list[JsonObject], ours: list[Tracked], how: str) -> None:
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


def _in_order(items: Sequence[JsonObject], keys: Any, expected: str) -> None:
    for first, second in itertools.pairwise(items):
        if compare(first, second, keys) > 0:
            names = [k.attribute for k in keys]
            fail(
                expected,
                f"{ {k: first.get(k) for k in names} } before { {k: second.get(k) for k in names} }",
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
