"""The scenario's page steps: enough objects to fill the largest page, then the page size at
its default, maximum and bounds, cursor walks both ways, the order, and the more-flag."""

from __future__ import annotations

import math
from typing import Any

from protocol_conformance import checks_lists as lists
from protocol_conformance.pages import collect
from protocol_conformance.resource_run import ResourceRun
from protocol_conformance.steps_filters import query_values

__all__ = ["fill", "pages"]


def fill(run: ResourceRun) -> None:
    """Enough objects to fill the largest page with one left over."""
    listing = run.plan.listing
    if listing is None or listing.limit is None:
        return
    largest = max(listing.limit.maximum or 0, listing.limit.default or 0)
    wanted = largest + 1 - len(run.ours)
    room = run.ctx.ledger.room - run.reserve
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
        if run.make(body or base) is None and run.ctx.unreachable:
            return


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
                lists.LIMIT_DEFAULT,
                label,
                lists.limit_default,
                listing,
                count,
            )
        if limit.maximum is not None:
            run.judge(
                lists.LIMIT_MAXIMUM,
                label,
                lists.limit_maximum,
                listing,
                count,
            )
        edges = [v for v in (limit.minimum,) if v is not None]
        edges += [limit.minimum - 1] if limit.minimum is not None else []
        edges += [limit.maximum + 1] if limit.maximum is not None else []
        for value in edges:
            run.judge(
                lists.LIMIT_BOUNDS,
                label,
                lists.limit_bounds,
                listing,
                value,
                count,
            )
        for value in (2, 3):
            if value not in (limit.default, limit.minimum) and (limit.maximum or value) >= value:
                run.judge(
                    lists.LIMIT_RESPECTED,
                    label,
                    lists.limit_respected,
                    listing,
                    value,
                    count,
                )
    low = (limit.minimum or 1) if limit else 1
    high = (limit.maximum or count) if limit else count
    size = max(low, min(high, math.ceil(count / 5) or 1))
    found = lists.Walk(size, [])
    run.judge(
        lists.CURSOR_WALK,
        label,
        lists.cursor_walk_forward,
        listing,
        run.ours,
        found,
    )
    if listing.pagination.before_param is None:
        run.ctx.results.skip(
            label,
            lists.CURSOR_WALK,
            "the backward walk: the list has no `before` cursor (it pages forward only)",
        )
    elif found.items:
        run.judge(
            lists.CURSOR_WALK,
            label,
            lists.cursor_walk_backward,
            listing,
            found,
        )
    run.judge(
        lists.LIST_ORDER,
        label,
        lists.list_order,
        listing,
        found,
        steps=[p.exchange for p in found.pages],
    )
    _more_flag(run, found, count)


def _more_flag(run: ResourceRun, found: lists.Walk, count: int) -> None:
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
            lists.MORE_FLAG_EXACT,
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
            lists.MORE_FLAG_EXACT,
            label,
            lists.more_flag_exact,
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
        for value in query_values(run, f, None)[:2]:
            found = run.attempt(
                lists.MORE_FLAG_EXACT,
                listing.label,
                collect,
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
                        lists.MORE_FLAG_EXACT,
                        listing.label,
                        lists.more_flag_exact,
                        listing,
                        query,
                        None,
                        more,
                        f"{matching} objects match",
                    )
                return
