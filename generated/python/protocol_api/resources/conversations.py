# Generated from spec/openapi.yaml + templates/python/resources/resource.py.jinja. Do not edit.
"""The `conversations` resource: list, create, get, update, delete."""

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
    """A conversation holds the exchange between you and one contact, or between you and a group.
    It can have a pinned message, and it can be pinned, muted and archived.
    """

    @cached_property
    def with_raw_response(self) -> ConversationsWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return ConversationsWithRawResponse(self)

    def list(
        self,
        *,
        limit: int | Omit = omit,
        muted: bool | Omit = omit,
        archived: bool | Omit = omit,
        pinned: bool | Omit = omit,
        group_id: str | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> SyncCursorPage[Conversation]:
        """List all conversations.

        Returns one page of your conversations, newest first: ordered by `created_at` descending,
        and by `id` descending (byte order) among conversations created in the same second.
        Archived conversations are included unless `archived=false` is given.

        Pages are walked with cursors. To get the next page, pass the `id` of the last
        conversation of the current page as `starting_after`; to get the previous page, pass the
        `id` of the first one as `ending_before`. Either way the page's `data` keeps the same
        newest-first order, and `has_more` tells whether more conversations lie beyond this page
        in the direction of travel: after its last conversation (no cursor, or `starting_after`),
        or before its first one (`ending_before`).

        A cursor must be the id of one of your conversations that matches the same filters;
        anything else, or both cursors at once, gets `400 invalid_request`.

        Args:
            limit: How many conversations to return, from 1 to 100.
            muted: When `true`, only conversations that are muted; when `false`, only conversations that
                are not muted. Left out: both.
            archived: When `true`, only archived conversations (`archived_at` is set); when `false`, only
                conversations that are not archived. Left out: both.
            pinned: When `true`, only pinned conversations (`is_pinned`); when `false`, only conversations
                that are not pinned. Left out: both.
            group_id: Only conversations that belong to this group.
            starting_after: The id of the last conversation of the current page; returns the page after it.
                Cannot be combined with `ending_before`.
            ending_before: The id of the first conversation of the current page; returns the page before it.
                Cannot be combined with `starting_after`.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request_page(
            SyncCursorPage[Conversation],
            Call(
                "GET",
                "/v1/conversations",
                query={
                    "limit": limit,
                    "muted": muted,
                    "archived": archived,
                    "pinned": pinned,
                    "group_id": group_id,
                    "starting_after": starting_after,
                    "ending_before": ending_before,
                },
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            _LIST_PAGES,
        )

    def create(
        self,
        *,
        contact_id: str | Omit = omit,
        group_id: str | Omit = omit,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Conversation:
        """Create a conversation.

        Starts a conversation between you and a contact (`contact_id`) or a group (`group_id`).
        Exactly one of the two is given. The new conversation is not pinned, not muted, not
        archived, and has no activity yet (`last_active_at` and `last_opened_at` are `null`).

        Args:
            contact_id: Unique identifier for the other contact in the conversation.
            group_id: Unique identifier for the group that the conversation belongs to.
            idempotency_key: Sent as the `Idempotency-Key` header, and again on each retry, so that
                the request takes effect once; a fresh key is drawn when none is given.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "POST",
                "/v1/conversations",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={"contact_id": contact_id, "group_id": group_id},
                retry_safe=True,
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                **options,
            ),
            Conversation,
        )

    def get(self, id: str, **options: Unpack[RequestOptions]) -> Conversation:
        """Retrieve a conversation.

        Returns the conversation with this id, if it is one of yours.

        Args:
            id: The conversation's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "GET",
                f"/v1/conversations/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            Conversation,
        )

    def update(
        self,
        id: str,
        *,
        pinned_message_id: str | None | Omit = omit,
        is_pinned: bool | Omit = omit,
        is_muted: bool | Omit = omit,
        archived_at: int | None | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> Conversation:
        """Update a conversation.

        Changes only the attributes given; the others keep their values. `null` clears
        `pinned_message_id` (no pinned message) and `archived_at` (not archived). An attribute
        this operation does not know is rejected with `400 invalid_request`, and nothing changes.
        An empty body (none at all, `{}`, or an empty form) changes nothing and returns the
        conversation.

        Args:
            id: The conversation's id.
            pinned_message_id: Unique identifier for the message to pin; `null` unpins it.
            is_pinned: Whether or not the conversation is pinned.
            is_muted: Whether or not the conversation is muted.
            archived_at: When the conversation was archived; `null` unarchives it.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "PUT",
                f"/v1/conversations/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={
                    "pinned_message_id": pinned_message_id,
                    "is_pinned": is_pinned,
                    "is_muted": is_muted,
                    "archived_at": archived_at,
                },
                retry_safe=True,
                **options,
            ),
            Conversation,
        )

    def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a conversation.

        Permanently deletes the conversation and all its messages; archive it instead to be able
        to restore it. Succeeds with `204 No Content` and an empty body. Afterwards the id gets
        `404` from every operation and the conversation is in no list.

        Args:
            id: The conversation's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "DELETE",
                f"/v1/conversations/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            None,
        )


class ConversationsWithRawResponse:
    """`Conversations` methods that return an APIResponse."""

    def __init__(self, resource: Conversations) -> None:
        self.list = to_raw_response_wrapper(resource.list)
        self.create = to_raw_response_wrapper(resource.create)
        self.get = to_raw_response_wrapper(resource.get)
        self.update = to_raw_response_wrapper(resource.update)
        self.delete = to_raw_response_wrapper(resource.delete)


class AsyncConversations(AsyncAPIResource):
    """A conversation holds the exchange between you and one contact, or between you and a group.
    It can have a pinned message, and it can be pinned, muted and archived.
    """

    @cached_property
    def with_raw_response(self) -> AsyncConversationsWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return AsyncConversationsWithRawResponse(self)

    async def list(
        self,
        *,
        limit: int | Omit = omit,
        muted: bool | Omit = omit,
        archived: bool | Omit = omit,
        pinned: bool | Omit = omit,
        group_id: str | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> AsyncCursorPage[Conversation]:
        """List all conversations.

        Returns one page of your conversations, newest first: ordered by `created_at` descending,
        and by `id` descending (byte order) among conversations created in the same second.
        Archived conversations are included unless `archived=false` is given.

        Pages are walked with cursors. To get the next page, pass the `id` of the last
        conversation of the current page as `starting_after`; to get the previous page, pass the
        `id` of the first one as `ending_before`. Either way the page's `data` keeps the same
        newest-first order, and `has_more` tells whether more conversations lie beyond this page
        in the direction of travel: after its last conversation (no cursor, or `starting_after`),
        or before its first one (`ending_before`).

        A cursor must be the id of one of your conversations that matches the same filters;
        anything else, or both cursors at once, gets `400 invalid_request`.

        Args:
            limit: How many conversations to return, from 1 to 100.
            muted: When `true`, only conversations that are muted; when `false`, only conversations that
                are not muted. Left out: both.
            archived: When `true`, only archived conversations (`archived_at` is set); when `false`, only
                conversations that are not archived. Left out: both.
            pinned: When `true`, only pinned conversations (`is_pinned`); when `false`, only conversations
                that are not pinned. Left out: both.
            group_id: Only conversations that belong to this group.
            starting_after: The id of the last conversation of the current page; returns the page after it.
                Cannot be combined with `ending_before`.
            ending_before: The id of the first conversation of the current page; returns the page before it.
                Cannot be combined with `starting_after`.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request_page(
            AsyncCursorPage[Conversation],
            Call(
                "GET",
                "/v1/conversations",
                query={
                    "limit": limit,
                    "muted": muted,
                    "archived": archived,
                    "pinned": pinned,
                    "group_id": group_id,
                    "starting_after": starting_after,
                    "ending_before": ending_before,
                },
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            _LIST_PAGES,
        )

    async def create(
        self,
        *,
        contact_id: str | Omit = omit,
        group_id: str | Omit = omit,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Conversation:
        """Create a conversation.

        Starts a conversation between you and a contact (`contact_id`) or a group (`group_id`).
        Exactly one of the two is given. The new conversation is not pinned, not muted, not
        archived, and has no activity yet (`last_active_at` and `last_opened_at` are `null`).

        Args:
            contact_id: Unique identifier for the other contact in the conversation.
            group_id: Unique identifier for the group that the conversation belongs to.
            idempotency_key: Sent as the `Idempotency-Key` header, and again on each retry, so that
                the request takes effect once; a fresh key is drawn when none is given.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "POST",
                "/v1/conversations",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={"contact_id": contact_id, "group_id": group_id},
                retry_safe=True,
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                **options,
            ),
            Conversation,
        )

    async def get(self, id: str, **options: Unpack[RequestOptions]) -> Conversation:
        """Retrieve a conversation.

        Returns the conversation with this id, if it is one of yours.

        Args:
            id: The conversation's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "GET",
                f"/v1/conversations/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            Conversation,
        )

    async def update(
        self,
        id: str,
        *,
        pinned_message_id: str | None | Omit = omit,
        is_pinned: bool | Omit = omit,
        is_muted: bool | Omit = omit,
        archived_at: int | None | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> Conversation:
        """Update a conversation.

        Changes only the attributes given; the others keep their values. `null` clears
        `pinned_message_id` (no pinned message) and `archived_at` (not archived). An attribute
        this operation does not know is rejected with `400 invalid_request`, and nothing changes.
        An empty body (none at all, `{}`, or an empty form) changes nothing and returns the
        conversation.

        Args:
            id: The conversation's id.
            pinned_message_id: Unique identifier for the message to pin; `null` unpins it.
            is_pinned: Whether or not the conversation is pinned.
            is_muted: Whether or not the conversation is muted.
            archived_at: When the conversation was archived; `null` unarchives it.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "PUT",
                f"/v1/conversations/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={
                    "pinned_message_id": pinned_message_id,
                    "is_pinned": is_pinned,
                    "is_muted": is_muted,
                    "archived_at": archived_at,
                },
                retry_safe=True,
                **options,
            ),
            Conversation,
        )

    async def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a conversation.

        Permanently deletes the conversation and all its messages; archive it instead to be able
        to restore it. Succeeds with `204 No Content` and an empty body. Afterwards the id gets
        `404` from every operation and the conversation is in no list.

        Args:
            id: The conversation's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "DELETE",
                f"/v1/conversations/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            None,
        )


class AsyncConversationsWithRawResponse:
    """`AsyncConversations` methods that return an APIResponse."""

    def __init__(self, resource: AsyncConversations) -> None:
        self.list = async_to_raw_response_wrapper(resource.list)
        self.create = async_to_raw_response_wrapper(resource.create)
        self.get = async_to_raw_response_wrapper(resource.get)
        self.update = async_to_raw_response_wrapper(resource.update)
        self.delete = async_to_raw_response_wrapper(resource.delete)
