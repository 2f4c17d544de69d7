# Generated from spec/openapi.yaml + templates/python/_pagination.py.jinja. Do not edit.
"""Pages of a list. The base classes own iteration; where the next page is comes from the
spec's `x-protocol-pagination` (which query parameters take a cursor, which attribute is one).

    for conversation in client.conversations.list():   # follows the cursor across pages
        ...
    for page in client.conversations.list().iter_pages():
        ...

A list asked for with the backward cursor walks backward: each next page is the one before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import pydantic

from ._exceptions import APIError
from ._types import Omit

if TYPE_CHECKING:
    from typing import Self

    from ._base_client import AsyncAPIClient, Call, SyncAPIClient

__all__ = ["AsyncCursorPage", "AsyncPage", "BasePage", "PageSpec", "SyncCursorPage", "SyncPage"]

ItemT = TypeVar("ItemT")


@dataclass(frozen=True)
class PageSpec:
    """How one list operation pages, as its `x-protocol-pagination` says."""

    envelope: type[pydantic.BaseModel]  # the response model
    items_field: str  # its attribute holding the page's objects
    has_more_field: str  # its attribute saying whether more lie beyond
    after_param: str  # the query parameter for the page after an object
    before_param: str | None  # the query parameter for the page before an object
    cursor_field: str  # the objects' attribute a cursor is


class BasePage(Generic[ItemT]):
    """One page: its items (`data`), whether more lie beyond it (`has_more`)."""

    data: list[ItemT]
    has_more: bool

    def __init__(self, *, call: Call, spec: PageSpec, envelope: pydantic.BaseModel | None) -> None:
        self.data = list(getattr(envelope, spec.items_field, None) or [])
        self.has_more = bool(getattr(envelope, spec.has_more_field, False))
        self._call = call
        self._spec = spec

    def next_page_query(self) -> Mapping[str, object] | None:
        """The query of the next page in the direction of travel; None on the last one."""
        if not self.has_more or not self.data:
            return None
        spec = self._spec
        cursors = {spec.after_param, spec.before_param}
        query = {k: v for k, v in (self._call.query or {}).items() if k not in cursors}
        before = (self._call.query or {}).get(spec.before_param or "")
        if spec.before_param is not None and before is not None and not isinstance(before, Omit):
            query[spec.before_param] = getattr(self.data[0], spec.cursor_field)
        else:
            query[spec.after_param] = getattr(self.data[-1], spec.cursor_field)
        return query

    def has_next_page(self) -> bool:
        return self.next_page_query() is not None

    def _next_call(self) -> Call:
        query = self.next_page_query()
        if query is None:
            raise APIError("This is the last page; check has_next_page() first.")
        return dataclasses.replace(self._call, query=query)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(data={self.data!r}, has_more={self.has_more!r})"


class SyncPage(BasePage[ItemT]):
    def __init__(self, *, client: SyncAPIClient, call: Call, spec: PageSpec, envelope: Any) -> None:
        super().__init__(call=call, spec=spec, envelope=envelope)
        self._client = client

    def get_next_page(self) -> Self:
        return self._client.request_page(type(self), self._next_call(), self._spec)

    def iter_pages(self) -> Iterator[Self]:
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(BasePage[ItemT]):
    def __init__(
        self, *, client: AsyncAPIClient, call: Call, spec: PageSpec, envelope: Any
    ) -> None:
        super().__init__(call=call, spec=spec, envelope=envelope)
        self._client = client

    async def get_next_page(self) -> Self:
        return await self._client.request_page(type(self), self._next_call(), self._spec)

    async def iter_pages(self) -> AsyncIterator[Self]:
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class SyncCursorPage(SyncPage[ItemT]):
    """A page of a cursor-paginated list (what `list()` returns)."""


class AsyncCursorPage(AsyncPage[ItemT]):
    """A page of a cursor-paginated list, for the async client."""
