# Generated from tests/fixtures/specs/two_resources.yaml + templates/python/resources/resource.py.jinja. Do not edit.
"""The `conversations` resource: list, create, get, delete, update."""

from __future__ import annotations

from .._base_client import AsyncAPIResource, SyncAPIResource, path_param
from .._pagination import AsyncCursorPage, SyncCursorPage
from .._types import Omit, omit
from ..models import Conversation, ConversationList

__all__ = [
    "AsyncConversations",
    "Conversations",
]


class Conversations(SyncAPIResource):
    """Conversations, reduced to what this fixture needs."""

    def list(
        self,
        *,
        limit: int | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        starred: bool | Omit = omit,
    ) -> SyncCursorPage[Conversation]:
        """List conversations.

        Args:
            limit: How many objects to return.
            starting_after: The id of the last object of the current page.
            ending_before: The id of the first conversation of the current page.
            starred: Only starred (`true`) or unstarred (`false`) conversations.
        """
        return self._client.request_page(
            SyncCursorPage[Conversation],
            "/v1/conversations",
            query={
                "limit": limit,
                "starting_after": starting_after,
                "ending_before": ending_before,
                "starred": starred,
            },
            idempotent=True,
            envelope=ConversationList,
        )

    def create(self, *, title: str | None | Omit = omit) -> Conversation:
        """Create a conversation.

        Args:
            title:
        """
        return self._client.request(
            "POST",
            "/v1/conversations",
            body={"title": title},
            idempotent=False,
            cast_to=Conversation,
        )

    def get(self, id: str) -> Conversation:
        """Retrieve a conversation.

        Args:
            id: The object's id.
        """
        return self._client.request(
            "GET",
            f"/v1/conversations/{path_param(id)}",
            idempotent=True,
            cast_to=Conversation,
        )

    def delete(self, id: str) -> None:
        """Delete a conversation.

        Args:
            id: The object's id.
        """
        return self._client.request(
            "DELETE",
            f"/v1/conversations/{path_param(id)}",
            idempotent=True,
            cast_to=None,
        )

    def update(
        self, id: str, *, title: str | None | Omit = omit, starred: bool | Omit = omit
    ) -> Conversation:
        """Update a conversation.

        Args:
            id: The object's id.
            title:
            starred:
        """
        return self._client.request(
            "PATCH",
            f"/v1/conversations/{path_param(id)}",
            body={"title": title, "starred": starred},
            idempotent=False,
            cast_to=Conversation,
        )


class AsyncConversations(AsyncAPIResource):
    """Conversations, reduced to what this fixture needs."""

    async def list(
        self,
        *,
        limit: int | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        starred: bool | Omit = omit,
    ) -> AsyncCursorPage[Conversation]:
        """List conversations.

        Args:
            limit: How many objects to return.
            starting_after: The id of the last object of the current page.
            ending_before: The id of the first conversation of the current page.
            starred: Only starred (`true`) or unstarred (`false`) conversations.
        """
        return await self._client.request_page(
            AsyncCursorPage[Conversation],
            "/v1/conversations",
            query={
                "limit": limit,
                "starting_after": starting_after,
                "ending_before": ending_before,
                "starred": starred,
            },
            idempotent=True,
            envelope=ConversationList,
        )

    async def create(self, *, title: str | None | Omit = omit) -> Conversation:
        """Create a conversation.

        Args:
            title:
        """
        return await self._client.request(
            "POST",
            "/v1/conversations",
            body={"title": title},
            idempotent=False,
            cast_to=Conversation,
        )

    async def get(self, id: str) -> Conversation:
        """Retrieve a conversation.

        Args:
            id: The object's id.
        """
        return await self._client.request(
            "GET",
            f"/v1/conversations/{path_param(id)}",
            idempotent=True,
            cast_to=Conversation,
        )

    async def delete(self, id: str) -> None:
        """Delete a conversation.

        Args:
            id: The object's id.
        """
        return await self._client.request(
            "DELETE",
            f"/v1/conversations/{path_param(id)}",
            idempotent=True,
            cast_to=None,
        )

    async def update(
        self, id: str, *, title: str | None | Omit = omit, starred: bool | Omit = omit
    ) -> Conversation:
        """Update a conversation.

        Args:
            id: The object's id.
            title:
            starred:
        """
        return await self._client.request(
            "PATCH",
            f"/v1/conversations/{path_param(id)}",
            body={"title": title, "starred": starred},
            idempotent=False,
            cast_to=Conversation,
        )
