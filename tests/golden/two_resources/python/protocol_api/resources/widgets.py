# Generated from tests/fixtures/specs/two_resources.yaml + templates/python/resources/resource.py.jinja. Do not edit.
"""The `widgets` resource: list, create, get, update, delete, polish."""

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
        limit: int | Omit = omit,
        starting_after: str | Omit = omit,
        color: Literal["red", "green", "blue"] | Omit = omit,
    ) -> SyncCursorPage[Widget]:
        """List widgets.

        Widgets, largest first.

        Args:
            limit: How many objects to return.
            starting_after: The id of the last object of the current page.
            color: Only widgets of this color.
        """
        return self._client.request_page(
            SyncCursorPage[Widget],
            "/v1/widgets",
            query={"limit": limit, "starting_after": starting_after, "color": color},
            idempotent=True,
            envelope=WidgetList,
        )

    def create(
        self,
        *,
        name: str,
        color: Literal["red", "green", "blue"] | Omit = omit,
        tags: Sequence[str] | Omit = omit,
    ) -> Widget:
        """Create a widget.

        Args:
            name: What to call the widget.
            color: A widget's color.
            tags:
        """
        return self._client.request(
            "POST",
            "/v1/widgets",
            body={"name": name, "color": color, "tags": tags},
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
        self, id: str, *, name: str | Omit = omit, size: float | None | Omit = omit
    ) -> Widget:
        """Update a widget.

        Args:
            id: The object's id.
            name:
            size:
        """
        return self._client.request(
            "PUT",
            f"/v1/widgets/{path_param(id)}",
            body={"name": name, "size": size},
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

    def polish(self, id: str) -> Widget:
        """Polish a widget.

        A method whose name is given by `x-client-method`.

        Args:
            id: The object's id.
        """
        return self._client.request(
            "POST",
            f"/v1/widgets/{path_param(id)}/polish",
            idempotent=False,
            cast_to=Widget,
        )


class AsyncWidgets(AsyncAPIResource):
    """Widgets, a resource the templates know nothing about."""

    async def list(
        self,
        *,
        limit: int | Omit = omit,
        starting_after: str | Omit = omit,
        color: Literal["red", "green", "blue"] | Omit = omit,
    ) -> AsyncCursorPage[Widget]:
        """List widgets.

        Widgets, largest first.

        Args:
            limit: How many objects to return.
            starting_after: The id of the last object of the current page.
            color: Only widgets of this color.
        """
        return await self._client.request_page(
            AsyncCursorPage[Widget],
            "/v1/widgets",
            query={"limit": limit, "starting_after": starting_after, "color": color},
            idempotent=True,
            envelope=WidgetList,
        )

    async def create(
        self,
        *,
        name: str,
        color: Literal["red", "green", "blue"] | Omit = omit,
        tags: Sequence[str] | Omit = omit,
    ) -> Widget:
        """Create a widget.

        Args:
            name: What to call the widget.
            color: A widget's color.
            tags:
        """
        return await self._client.request(
            "POST",
            "/v1/widgets",
            body={"name": name, "color": color, "tags": tags},
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
        self, id: str, *, name: str | Omit = omit, size: float | None | Omit = omit
    ) -> Widget:
        """Update a widget.

        Args:
            id: The object's id.
            name:
            size:
        """
        return await self._client.request(
            "PUT",
            f"/v1/widgets/{path_param(id)}",
            body={"name": name, "size": size},
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

    async def polish(self, id: str) -> Widget:
        """Polish a widget.

        A method whose name is given by `x-client-method`.

        Args:
            id: The object's id.
        """
        return await self._client.request(
            "POST",
            f"/v1/widgets/{path_param(id)}/polish",
            idempotent=False,
            cast_to=Widget,
        )
