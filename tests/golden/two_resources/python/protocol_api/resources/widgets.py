# Generated from tests/fixtures/specs/two_resources.yaml + templates/python/resources/resource.py.jinja. Do not edit.
"""The `widgets` resource: list, create, get, update, delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from .._base_client import AsyncAPIResource, SyncAPIResource, path_param
from .._pagination import AsyncCursorPage, SyncCursorPage
from .._types import Omit, omit
from ..models import Widget, WidgetList

__all__ = [
    "AsyncWidgets",
    "Widgets",
]


class Widgets(SyncAPIResource):
    """Widgets, a resource the templates know nothing about."""

    def list(
        self,
        *,
        page_size: int | Omit = omit,
        after: str | Omit = omit,
        color: Literal["red", "green", "blue"] | Omit = omit,
        retired: bool | Omit = omit,
    ) -> SyncCursorPage[Widget]:
        """List widgets.

        Widgets by name, A to Z. The method's name is given by `x-protocol-sdk-method`.

        Args:
            page_size: How many widgets to return.
            after: The id of the last widget of the current page.
            color: Only widgets of this color.
            retired: Only retired (`true`) or active (`false`) widgets.
        """
        return self._client.request_page(
            SyncCursorPage[Widget],
            "/v1/widgets",
            query={"page_size": page_size, "after": after, "color": color, "retired": retired},
            idempotent=True,
            envelope=WidgetList,
        )

    def create(
        self,
        *,
        name: str,
        color: Literal["red", "green", "blue"] | Omit = omit,
        size: float | None | Omit = omit,
        tags: Sequence[str] | Omit = omit,
    ) -> Widget:
        """Create a widget.

        Args:
            name: What to call the widget.
            color: A widget's color.
            size:
            tags:
        """
        return self._client.request(
            "POST",
            "/v1/widgets",
            body={"name": name, "color": color, "size": size, "tags": tags},
            idempotent=False,
            cast_to=Widget,
        )

    def get(self, id: str) -> Widget:
        """Retrieve a widget.

        Args:
            id: The object's id.
        """
        return self._client.request(
            "GET",
            f"/v1/widgets/{path_param(id)}",
            idempotent=True,
            cast_to=Widget,
        )

    def update(
        self,
        id: str,
        *,
        name: str | Omit = omit,
        size: float | None | Omit = omit,
        retired_at: int | None | Omit = omit,
    ) -> Widget:
        """Update a widget.

        Args:
            id: The object's id.
            name:
            size:
            retired_at:
        """
        return self._client.request(
            "PUT",
            f"/v1/widgets/{path_param(id)}",
            body={"name": name, "size": size, "retired_at": retired_at},
            idempotent=True,
            cast_to=Widget,
        )

    def delete(self, id: str) -> None:
        """Delete a widget.

        Args:
            id: The object's id.
        """
        return self._client.request(
            "DELETE",
            f"/v1/widgets/{path_param(id)}",
            idempotent=True,
            cast_to=None,
        )


class AsyncWidgets(AsyncAPIResource):
    """Widgets, a resource the templates know nothing about."""

    async def list(
        self,
        *,
        page_size: int | Omit = omit,
        after: str | Omit = omit,
        color: Literal["red", "green", "blue"] | Omit = omit,
        retired: bool | Omit = omit,
    ) -> AsyncCursorPage[Widget]:
        """List widgets.

        Widgets by name, A to Z. The method's name is given by `x-protocol-sdk-method`.

        Args:
            page_size: How many widgets to return.
            after: The id of the last widget of the current page.
            color: Only widgets of this color.
            retired: Only retired (`true`) or active (`false`) widgets.
        """
        return await self._client.request_page(
            AsyncCursorPage[Widget],
            "/v1/widgets",
            query={"page_size": page_size, "after": after, "color": color, "retired": retired},
            idempotent=True,
            envelope=WidgetList,
        )

    async def create(
        self,
        *,
        name: str,
        color: Literal["red", "green", "blue"] | Omit = omit,
        size: float | None | Omit = omit,
        tags: Sequence[str] | Omit = omit,
    ) -> Widget:
        """Create a widget.

        Args:
            name: What to call the widget.
            color: A widget's color.
            size:
            tags:
        """
        return await self._client.request(
            "POST",
            "/v1/widgets",
            body={"name": name, "color": color, "size": size, "tags": tags},
            idempotent=False,
            cast_to=Widget,
        )

    async def get(self, id: str) -> Widget:
        """Retrieve a widget.

        Args:
            id: The object's id.
        """
        return await self._client.request(
            "GET",
            f"/v1/widgets/{path_param(id)}",
            idempotent=True,
            cast_to=Widget,
        )

    async def update(
        self,
        id: str,
        *,
        name: str | Omit = omit,
        size: float | None | Omit = omit,
        retired_at: int | None | Omit = omit,
    ) -> Widget:
        """Update a widget.

        Args:
            id: The object's id.
            name:
            size:
            retired_at:
        """
        return await self._client.request(
            "PUT",
            f"/v1/widgets/{path_param(id)}",
            body={"name": name, "size": size, "retired_at": retired_at},
            idempotent=True,
            cast_to=Widget,
        )

    async def delete(self, id: str) -> None:
        """Delete a widget.

        Args:
            id: The object's id.
        """
        return await self._client.request(
            "DELETE",
            f"/v1/widgets/{path_param(id)}",
            idempotent=True,
            cast_to=None,
        )
