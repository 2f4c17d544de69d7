# Generated from tests/fixtures/specs/two_resources.yaml + templates/python/resources/resource.py.jinja. Do not edit.
"""The `conversations` resource: list, create, get, delete, update."""

from __future__ import annotations

from functools import cached_property
from typing import Unpack

from .._base_client import AsyncAPIResource, Call, SyncAPIResource, path_param
from .._pagination import AsyncCursorPage, PageSpec, SyncCursorPage
from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from .._types import Omit, RequestOptions, omit
from ..models import Conversation, ConversationList

__all__ = [
    "AsyncConversations",
    "AsyncConversationsWithRawResponse",
    "Conversations",
    "ConversationsWithRawResponse",
]

_LIST_PAGES = PageSpec(
    envelope=ConversationList,
    items_field="data",
    has_more_field="has_more",
    after_param="starting_after",
    before_param="ending_before",
    cursor_field="id",
)


class Conversations(SyncAPIResource):
    """Conversations, reduced to what this fixture needs."""

    @cached_property
    def with_raw_response(self) -> ConversationsWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return ConversationsWithRawResponse(self)

    def list(
        self,
        *,
        limit: int | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        starred: bool | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> SyncCursorPage[Conversation]:
        """List conversations.

        Args:
            limit: How many objects to return.
            starting_after: The id of the last object of the current page.
            ending_before: The id of the first conversation of the current page.
            starred: Only starred (`true`) or unstarred (`false`) conversations.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request_page(
            SyncCursorPage[Conversation],
            Call(
                "GET",
                "/v1/conversations",
                query={
                    "limit": limit,
                    "starting_after": starting_after,
                    "ending_before": ending_before,
                    "starred": starred,
                },
                security=(("bearerAuth",),),
                retry_safe=True,
                **options,
            ),
            _LIST_PAGES,
        )

    def create(
        self, *, title: str | None | Omit = omit, **options: Unpack[RequestOptions]
    ) -> Conversation:
        """Create a conversation.

        Args:
            title:
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "POST",
                "/v1/conversations",
                security=(("bearerAuth",),),
                body={"title": title},
                retry_safe=False,
                **options,
            ),
            Conversation,
        )

    def get(self, id: str, **options: Unpack[RequestOptions]) -> Conversation:
        """Retrieve a conversation.

        Args:
            id: The object's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "GET",
                f"/v1/conversations/{path_param(id)}",
                security=(("bearerAuth",),),
                retry_safe=True,
                **options,
            ),
            Conversation,
        )

    def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a conversation.

        Args:
            id: The object's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "DELETE",
                f"/v1/conversations/{path_param(id)}",
                security=(("bearerAuth",),),
                retry_safe=True,
                **options,
            ),
            None,
        )

    def update(
        self,
        id: str,
        *,
        title: str | None | Omit = omit,
        starred: bool | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> Conversation:
        """Update a conversation.

        Args:
            id: The object's id.
            title:
            starred:
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "PATCH",
                f"/v1/conversations/{path_param(id)}",
                security=(("bearerAuth",),),
                body={"title": title, "starred": starred},
                retry_safe=False,
                **options,
            ),
            Conversation,
        )


class ConversationsWithRawResponse:
    """`Conversations` methods that return an APIResponse."""

    def __init__(self, resource: Conversations) -> None:
        self.list = to_raw_response_wrapper(resource.list)
        self.create = to_raw_response_wrapper(resource.create)
        self.get = to_raw_response_wrapper(resource.get)
        self.delete = to_raw_response_wrapper(resource.delete)
        self.update = to_raw_response_wrapper(resource.update)


class AsyncConversations(AsyncAPIResource):
    """Conversations, reduced to what this fixture needs."""

    @cached_property
    def with_raw_response(self) -> AsyncConversationsWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return AsyncConversationsWithRawResponse(self)

    async def list(
        self,
        *,
        limit: int | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        starred: bool | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> AsyncCursorPage[Conversation]:
        """List conversations.

        Args:
            limit: How many objects to return.
            starting_after: The id of the last object of the current page.
            ending_before: The id of the first conversation of the current page.
            starred: Only starred (`true`) or unstarred (`false`) conversations.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request_page(
            AsyncCursorPage[Conversation],
            Call(
                "GET",
                "/v1/conversations",
                query={
                    "limit": limit,
                    "starting_after": starting_after,
                    "ending_before": ending_before,
                    "starred": starred,
                },
                security=(("bearerAuth",),),
                retry_safe=True,
                **options,
            ),
            _LIST_PAGES,
        )

    async def create(
        self, *, title: str | None | Omit = omit, **options: Unpack[RequestOptions]
    ) -> Conversation:
        """Create a conversation.

        Args:
            title:
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "POST",
                "/v1/conversations",
                security=(("bearerAuth",),),
                body={"title": title},
                retry_safe=False,
                **options,
            ),
            Conversation,
        )

    async def get(self, id: str, **options: Unpack[RequestOptions]) -> Conversation:
        """Retrieve a conversation.

        Args:
            id: The object's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "GET",
                f"/v1/conversations/{path_param(id)}",
                security=(("bearerAuth",),),
                retry_safe=True,
                **options,
            ),
            Conversation,
        )

    async def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a conversation.

        Args:
            id: The object's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "DELETE",
                f"/v1/conversations/{path_param(id)}",
                security=(("bearerAuth",),),
                retry_safe=True,
                **options,
            ),
            None,
        )

    async def update(
        self,
        id: str,
        *,
        title: str | None | Omit = omit,
        starred: bool | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> Conversation:
        """Update a conversation.

        Args:
            id: The object's id.
            title:
            starred:
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "PATCH",
                f"/v1/conversations/{path_param(id)}",
                security=(("bearerAuth",),),
                body={"title": title, "starred": starred},
                retry_safe=False,
                **options,
            ),
            Conversation,
        )


class AsyncConversationsWithRawResponse:
    """`AsyncConversations` methods that return an APIResponse."""

    def __init__(self, resource: AsyncConversations) -> None:
        self.list = async_to_raw_response_wrapper(resource.list)
        self.create = async_to_raw_response_wrapper(resource.create)
        self.get = async_to_raw_response_wrapper(resource.get)
        self.delete = async_to_raw_response_wrapper(resource.delete)
        self.update = async_to_raw_response_wrapper(resource.update)
