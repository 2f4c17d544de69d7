# Generated from tests/fixtures/specs/two_resources.yaml + templates/python/_pagination.py.jinja. Do not edit.
"""Pages of a list. The base classes own iteration; a subclass only says where the next page is.

for conversation in client.conversations.list():   # follows the cursor across pages
    ...
for page in client.conversations.list().iter_pages():
    ...
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

import pydantic

from ._exceptions import APIError

if TYPE_CHECKING:
    from typing import Self

    from ._base_client import AsyncAPIClient, SyncAPIClient

__all__ = ["AsyncCursorPage", "AsyncPage", "BasePage", "SyncCursorPage", "SyncPage"]

ItemT = TypeVar("ItemT")


class _Envelope(Protocol):
    """What a list response looks like once validated: `{has_more, data}`."""

    @property
    def data(self) -> list[Any]: ...

    @property
    def has_more(self) -> bool: ...


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


class BasePage(Generic[ItemT]):
    """One page: its items (`data`), whether more lie beyond it (`has_more`)."""

    data: list[ItemT]
    has_more: bool

    def __init__(
        self,
        *,
        path: str,
        query: Mapping[str, object],
        envelope: type[pydantic.BaseModel],
        parsed: pydantic.BaseModel,
    ) -> None:
        envelope_view = cast(_Envelope, parsed)
        self.data = list(envelope_view.data)
        self.has_more = envelope_view.has_more
        self._path = path
        self._query = query
        self._envelope = envelope

    def next_page_query(self) -> Mapping[str, object] | None:
        """The query of the next page, None on the last one. Subclasses say how."""
        raise NotImplementedError

    def has_next_page(self) -> bool:
        return self.next_page_query() is not None

    def _next_query_or_fail(self) -> Mapping[str, object]:
        query = self.next_page_query()
        if query is None:
            raise APIError("This is the last page; check has_next_page() first.")
        return query

    def __repr__(self) -> str:
        return f"{type(self).__name__}(data={self.data!r}, has_more={self.has_more!r})"


class SyncPage(BasePage[ItemT]):
    def __init__(
        self,
        *,
        client: SyncAPIClient,
        path: str,
        query: Mapping[str, object],
        envelope: type[pydantic.BaseModel],
        parsed: pydantic.BaseModel,
    ) -> None:
        super().__init__(path=path, query=query, envelope=envelope, parsed=parsed)
        self._client = client

    def get_next_page(self) -> Self:
        return self._client.request_page(
            type(self),
            self._path,
            query=self._next_query_or_fail(),
            idempotent=True,
            envelope=self._envelope,
        )

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
        self,
        *,
        client: AsyncAPIClient,
        path: str,
        query: Mapping[str, object],
        envelope: type[pydantic.BaseModel],
        parsed: pydantic.BaseModel,
    ) -> None:
        super().__init__(path=path, query=query, envelope=envelope, parsed=parsed)
        self._client = client

    async def get_next_page(self) -> Self:
        return await self._client.request_page(
            type(self),
            self._path,
            query=self._next_query_or_fail(),
            idempotent=True,
            envelope=self._envelope,
        )

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


def _cursor_query(page: BasePage[Any]) -> Mapping[str, object] | None:
    """`{has_more, data}` walked by id: after the last item, or before the first one when
    the page was asked for with `ending_before`."""
    if not page.has_more or not page.data:
        return None
    query = {k: v for k, v in page._query.items() if k not in ("starting_after", "ending_before")}
    if isinstance(page._query.get("ending_before"), str):
        query["ending_before"] = cast(_Identified, page.data[0]).id
    else:
        query["starting_after"] = cast(_Identified, page.data[-1]).id
    return query


class SyncCursorPage(SyncPage[ItemT]):
    def next_page_query(self) -> Mapping[str, object] | None:
        return _cursor_query(self)


class AsyncCursorPage(AsyncPage[ItemT]):
    def next_page_query(self) -> Mapping[str, object] | None:
        return _cursor_query(self)
