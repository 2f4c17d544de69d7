"""Reading list pages as the spec's pagination describes them, walking cursors, and the
declared order. Anything that is not a page is an AssertionError for the check that asked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from protocol_conformance.context import CannotJudge, Context, fail
from protocol_conformance.http import Credential, Exchange
from protocol_conformance.plan import ListPlan
from protocol_spec.model import SortKey

__all__ = [
    "MAX_PAGES",
    "JsonObject",
    "Page",
    "collect",
    "compare",
    "fetch",
    "query_text",
    "read",
    "walk",
]

JsonObject = dict[str, Any]
# A walk that has not ended after this many pages is stopped (an account with a lot of data).
MAX_PAGES = 60


@dataclass(frozen=True)
class Page:
    exchange: Exchange
    items: list[JsonObject]
    more: Any  # the page's flag: more objects lie beyond it

    def ids(self, cursor: str) -> list[Any]:
        return [item.get(cursor) for item in self.items]


def query_text(value: Any) -> str:
    """A query parameter's value as it travels: booleans `true`/`false`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def read(plan: ListPlan, exchange: Exchange) -> Page:
    page = plan.pagination
    shape = f"{{{page.items_field}: [...], {page.has_more_field}: true|false}}"
    body = exchange.body
    if exchange.status != plan.operation.success_status:
        fail(f"{plan.operation.success_status} with a page {shape}", exchange.describe())
    if not isinstance(body, dict) or not isinstance(body.get(page.items_field), list):
        why = exchange.json_problem or "no list of objects in it"
        fail(f"a page {shape}", f"{why}: {exchange.describe()}")
    items = body[page.items_field]
    if not all(isinstance(item, dict) for item in items):
        fail(f"a page {shape} of objects", exchange.describe())
    missing = [item for item in items if page.cursor_field not in item]
    if missing:
        fail(
            f"every listed object with its cursor attribute '{page.cursor_field}'",
            f"{len(missing)} without it, e.g. {missing[0]}",
        )
    more = body.get(page.has_more_field)
    if not isinstance(more, bool):
        fail(f"'{page.has_more_field}' true or false", f"{more!r} in {exchange.describe()}")
    return Page(exchange, items, more)


def fetch(
    ctx: Context, plan: ListPlan, query: Mapping[str, Any], as_: Credential | None = None
) -> Page:
    params = {name: query_text(value) for name, value in query.items()}
    return read(plan, ctx.send(plan.operation, plan.operation.path, as_=as_, params=params))


def walk(
    ctx: Context,
    plan: ListPlan,
    query: Mapping[str, Any],
    *,
    backward_from: Any = None,
    as_: Credential | None = None,
) -> list[Page]:
    """Every page from the first (or, backward, every page before `backward_from`), following
    the cursor of each page until one says nothing more lies beyond it."""
    page = plan.pagination
    cursor_param = page.after_param if backward_from is None else page.before_param
    assert cursor_param is not None
    pages: list[Page] = []
    seen: set[str] = set()
    params = dict(query)
    if backward_from is not None:
        params[cursor_param] = backward_from
    for number in range(1, MAX_PAGES + 1):
        current = fetch(ctx, plan, params, as_=as_)
        ids = [repr(i) for i in current.ids(page.cursor_field)]
        again = [i for i in ids if i in seen]
        if again:
            where = f"{cursor_param}={params[cursor_param]!r}" if cursor_param in params else ""
            fail(
                f"the page {where} to hold objects not seen on the {number - 1} pages before",
                f"{len(again)} seen already, e.g. {again[0]}: the cursor was not followed",
            )
        seen.update(ids)
        pages.append(current)
        if not current.more or not current.items:
            return pages
        edge = current.items[-1] if backward_from is None else current.items[0]
        params[cursor_param] = edge[page.cursor_field]
    raise CannotJudge(f"the list has more than {MAX_PAGES} pages; use an account with less data")


def collect(
    ctx: Context, plan: ListPlan, query: Mapping[str, Any], as_: Credential | None = None
) -> list[JsonObject]:
    """Every object the list returns for `query`, in pages as large as the list serves; if the
    largest page size is refused, in pages of the default size (that fault is limit_maximum's
    finding, not every list check's)."""
    if plan.limit is not None and plan.page_size is not None:
        try:
            return _all(ctx, plan, {**query, plan.limit.param: plan.page_size}, as_)
        except AssertionError:
            refused = ctx.log[-1].status != 200 if ctx.log else False
            if not refused:
                raise
    return _all(ctx, plan, query, as_)


def _all(
    ctx: Context, plan: ListPlan, query: Mapping[str, Any], as_: Credential | None
) -> list[JsonObject]:
    return [item for page in walk(ctx, plan, query, as_=as_) for item in page.items]


def compare(a: JsonObject, b: JsonObject, keys: tuple[SortKey, ...]) -> int:
    """-1 when `a` comes first in the declared order, 1 when `b` does, 0 when tied."""
    for key in keys:
        left, right = _sortable(a.get(key.attribute)), _sortable(b.get(key.attribute))
        if left != right:
            less = left < right
            return (-1 if less else 1) * (-1 if key.descending else 1)
    return 0


def _sortable(value: Any) -> tuple[int, Any]:
    # Strings compare by their UTF-8 bytes, as the spec's vocabulary says; None first.
    if value is None:
        return (0, 0)
    if isinstance(value, str):
        return (2, value.encode("utf-8"))
    if isinstance(value, bool | int | float):
        return (1, value)
    return (3, repr(value).encode())
