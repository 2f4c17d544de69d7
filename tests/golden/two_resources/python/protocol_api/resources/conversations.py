# Generated from tests/fixtures/specs/two_resources.yaml + templates/python/resources/resource.py.jinja. Do not edit.
"""The `conversations` resource: list, get."""

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
        self, *, limit: int | Omit = omit, starting_after: str | Omit = omit
    ) -> SyncCursorPage[Conversation]:
        """List conversations.

        Args:
            limit: How many objects to return.
            starting_after: The id of the last object of the current page.
        """
        return self._client.request_page(
            SyncCursorPage[Conversation],
            "/v1/conversations",
            query={"limit": limit, "starting_after": starting_after},
            idempotent=True,
            envelope=ConversationList,
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


class AsyncConversations(AsyncAPIResource):
    """Conversations, reduced to what this fixture needs."""

    async def list(
        self, *, limit: int | Omit = omit, starting_after: str | Omit = omit
    ) -> AsyncCursorPage[Conversation]:
        """List conversations.

        Args:
            limit: How many objects to return.
            starting_after: The id of the last object of the current page.
        """
        return await self._client.request_page(
            AsyncCursorPage[Conversation],
            "/v1/conversations",
            query={"limit": limit, "starting_after": starting_after},
            idempotent=True,
            envelope=ConversationList,
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
