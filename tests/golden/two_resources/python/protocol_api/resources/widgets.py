# Generated from tests/fixtures/specs/two_resources.yaml + templates/python/resources/resource.py.jinja. Do not edit.
"""The `widgets` resource: list, create, get, update, delete."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Literal, Unpack

from .._base_client import AsyncAPIResource, Call, SyncAPIResource, path_param
from .._pagination import AsyncCursorPage, PageSpec, SyncCursorPage
from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from .._types import Omit, RequestOptions, omit
from ..models import Widget, WidgetList

__all__ = [
    "AsyncWidgets",
    "AsyncWidgetsWithRawResponse",
    "Widgets",
    "WidgetsWithRawResponse",
]

_LIST_PAGES = PageSpec(
    envelope=WidgetList,
    items_field="data",
    has_more_field="has_more",
    after_param="after",
    before_param=None,
    cursor_field="id",
)


class Widgets(SyncAPIResource):
    """Widgets, a resource the templates know nothing about."""

    @cached_property
    def with_raw_response(self) -> WidgetsWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return WidgetsWithRawResponse(self)

    def list(
        self,
        *,
        page_size: int | Omit = omit,
        after: str | Omit = omit,
        color: Literal["red", "green", "blue"] | Omit = omit,
        retired: bool | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> SyncCursorPage[Widget]:
        """List widgets.

        Widgets by name, A to Z. The method's name is given by `x-protocol-sdk-method`.

        Args:
            page_size: How many widgets to return.
            after: The id of the last widget of the current page.
            color: Only widgets of this color.
            retired: Only retired (`true`) or active (`false`) widgets.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request_page(
            SyncCursorPage[Widget],
            Call(
                "GET",
                "/v1/widgets",
                query={"page_size": page_size, "after": after, "color": color, "retired": retired},
                security=(("bearerAuth",),),
                retry_safe=True,
                **options,
            ),
            _LIST_PAGES,
        )

    def create(
        self,
        *,
        name: str,
        color: Literal["red", "green", "blue"] | Omit = omit,
        size: float | None | Omit = omit,
        tags: Sequence[str] | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> Widget:
        """Create a widget.

        Args:
            name: What to call the widget.
            color: A widget's color.
            size:
            tags:
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "POST",
                "/v1/widgets",
                security=(("bearerAuth",),),
                body={"name": name, "color": color, "size": size, "tags": tags},
                retry_safe=False,
                **options,
            ),
            Widget,
        )

    def get(self, id: str, **options: Unpack[RequestOptions]) -> Widget:
        """Retrieve a widget.

        Args:
            id: The object's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "GET",
                f"/v1/widgets/{path_param(id)}",
                security=(("bearerAuth",),),
                retry_safe=True,
                **options,
            ),
            Widget,
        )

    def update(
        self,
        id: str,
        *,
        name: str | Omit = omit,
        size: float | None | Omit = omit,
        retired_at: int | None | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> Widget:
        """Update a widget.

        Args:
            id: The object's id.
            name:
            size:
            retired_at:
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "PUT",
                f"/v1/widgets/{path_param(id)}",
                security=(("bearerAuth",),),
                body={"name": name, "size": size, "retired_at": retired_at},
                retry_safe=True,
                **options,
            ),
            Widget,
        )

    def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a widget.

        Args:
            id: The object's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "DELETE",
                f"/v1/widgets/{path_param(id)}",
                security=(("bearerAuth",),),
                retry_safe=True,
                **options,
            ),
            None,
        )


class WidgetsWithRawResponse:
    """`Widgets` methods that return an APIResponse."""

    def __init__(self, resource: Widgets) -> None:
        self.list = to_raw_response_wrapper(resource.list)
        self.create = to_raw_response_wrapper(resource.create)
        self.get = to_raw_response_wrapper(resource.get)
        self.update = to_raw_response_wrapper(resource.update)
        self.delete = to_raw_response_wrapper(resource.delete)


class AsyncWidgets(AsyncAPIResource):
    """Widgets, a resource the templates know nothing about."""

    @cached_property
    def with_raw_response(self) -> AsyncWidgetsWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return AsyncWidgetsWithRawResponse(self)

    async def list(
        self,
        *,
        page_size: int | Omit = omit,
        after: str | Omit = omit,
        color: Literal["red", "green", "blue"] | Omit = omit,
        retired: bool | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> AsyncCursorPage[Widget]:
        """List widgets.

        Widgets by name, A to Z. The method's name is given by `x-protocol-sdk-method`.

        Args:
            page_size: How many widgets to return.
            after: The id of the last widget of the current page.
            color: Only widgets of this color.
            retired: Only retired (`true`) or active (`false`) widgets.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request_page(
            AsyncCursorPage[Widget],
            Call(
                "GET",
                "/v1/widgets",
                query={"page_size": page_size, "after": after, "color": color, "retired": retired},
                security=(("bearerAuth",),),
                retry_safe=True,
                **options,
            ),
            _LIST_PAGES,
        )

    async def create(
        self,
        *,
        name: str,
        color: Literal["red", "green", "blue"] | Omit = omit,
        size: float | None | Omit = omit,
        tags: Sequence[str] | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> Widget:
        """Create a widget.

        Args:
            name: What to call the widget.
            color: A widget's color.
            size:
            tags:
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "POST",
                "/v1/widgets",
                security=(("bearerAuth",),),
                body={"name": name, "color": color, "size": size, "tags": tags},
                retry_safe=False,
                **options,
            ),
            Widget,
        )

    async def get(self, id: str, **options: Unpack[RequestOptions]) -> Widget:
        """Retrieve a widget.

        Args:
            id: The object's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "GET",
                f"/v1/widgets/{path_param(id)}",
                security=(("bearerAuth",),),
                retry_safe=True,
                **options,
            ),
            Widget,
        )

    async def update(
        self,
        id: str,
        *,
        name: str | Omit = omit,
        size: float | None | Omit = omit,
        retired_at: int | None | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> Widget:
        """Update a widget.

        Args:
            id: The object's id.
            name:
            size:
            retired_at:
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "PUT",
                f"/v1/widgets/{path_param(id)}",
                security=(("bearerAuth",),),
                body={"name": name, "size": size, "retired_at": retired_at},
                retry_safe=True,
                **options,
            ),
            Widget,
        )

    async def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a widget.

        Args:
            id: The object's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "DELETE",
                f"/v1/widgets/{path_param(id)}",
                security=(("bearerAuth",),),
                retry_safe=True,
                **options,
            ),
            None,
        )


class AsyncWidgetsWithRawResponse:
    """`AsyncWidgets` methods that return an APIResponse."""

    def __init__(self, resource: AsyncWidgets) -> None:
        self.list = async_to_raw_response_wrapper(resource.list)
        self.create = async_to_raw_response_wrapper(resource.create)
        self.get = async_to_raw_response_wrapper(resource.get)
        self.update = async_to_raw_response_wrapper(resource.update)
        self.delete = async_to_raw_response_wrapper(resource.delete)
