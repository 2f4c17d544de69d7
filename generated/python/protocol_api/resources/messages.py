# Generated from spec/openapi.yaml + templates/python/resources/resource.py.jinja. Do not edit.
"""The `messages` resource: list, send, get, update, delete."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Unpack

from .._base_client import AsyncAPIResource, Call, SyncAPIResource, path_param
from .._pagination import AsyncCursorPage, PageSpec, SyncCursorPage
from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from .._types import Omit, RequestOptions, omit
from ..models import Message, MessageList

__all__ = [
    "AsyncMessages",
    "AsyncMessagesWithRawResponse",
    "Messages",
    "MessagesWithRawResponse",
]

_LIST_PAGES = PageSpec(
    envelope=MessageList,
    items_field="data",
    has_more_field="has_more",
    after_param="starting_after",
    before_param="ending_before",
    cursor_field="id",
)


class Messages(SyncAPIResource):
    """What is said in conversations, with reactions and attachments."""

    @cached_property
    def with_raw_response(self) -> MessagesWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return MessagesWithRawResponse(self)

    def list(
        self,
        *,
        limit: int | Omit = omit,
        conversation_id: str | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> SyncCursorPage[Message]:
        """List all messages.

        Returns one page of your messages in every conversation (contact and group ones), newest first (`created_at`, then `id`, descending).

        Pages are walked with cursors: `starting_after` takes the `id` of the last message of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your messages that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.

        Args:
            limit: How many messages to return, from 1 to 100.
            conversation_id: Only the messages of this conversation.
            starting_after: The id of the last message of the current page; returns the page after it. Cannot be combined with `ending_before`.
            ending_before: The id of the first message of the current page; returns the page before it. Cannot be combined with `starting_after`.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request_page(
            SyncCursorPage[Message],
            Call(
                "GET",
                "/v1/messages",
                query={
                    "limit": limit,
                    "conversation_id": conversation_id,
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

    def send(
        self,
        *,
        conversation_id: str,
        message: str,
        attachments: Sequence[str] | Omit = omit,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Message:
        """Send a message.

        Sends a message into one of your conversations (the SDKs call it `send`; the webhook event is `message.created`). You send it, so `contact` (the sender, when one of your contacts sent it) is `null`. `attachments` takes ids of your uploads (`POST /v1/attachments`), which then belong to this message. The conversation's `last_active_at` becomes the message's `created_at`. `read_at` and `updated_at` start `null`.

        Args:
            conversation_id: One of your conversations.
            message: The text of the message.
            attachments: Ids of your uploads to attach (in a form, one `attachments=` per id).
            idempotency_key: Sent as the `Idempotency-Key` header, and again on each retry, so that
                the request takes effect once; a fresh key is drawn when none is given.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "POST",
                "/v1/messages",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={
                    "conversation_id": conversation_id,
                    "message": message,
                    "attachments": attachments,
                },
                retry_safe=True,
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                **options,
            ),
            Message,
        )

    def get(self, id: str, **options: Unpack[RequestOptions]) -> Message:
        """Retrieve a message.

        Returns the message with this id, if it is one of yours.

        Args:
            id: The message's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "GET",
                f"/v1/messages/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            Message,
        )

    def update(
        self,
        id: str,
        *,
        message: str | Omit = omit,
        reactions: Mapping[str, Sequence[str]] | Omit = omit,
        attachments: Sequence[str] | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> Message:
        """Update a message.

        `reactions` replaces the whole map of reactions: reaction name -> usernames of who reacted (the reference shows one map inside an array in responses; this API answers the map itself, and forms cannot write it: send JSON). `attachments` replaces the message's attachments (ids of your uploads; those left out are detached, `message_id: null`). `updated_at` becomes the time of the update.
        Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the message.

        Args:
            id: The message's id.
            message: The new text.
            reactions: Reaction name -> usernames of who reacted: the whole new map.
            attachments: Ids of your uploads: the whole new list.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "PUT",
                f"/v1/messages/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={"message": message, "reactions": reactions, "attachments": attachments},
                retry_safe=True,
                **options,
            ),
            Message,
        )

    def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a message.

        Deletes the message permanently, with its attachments and their files. A conversation that pinned it has no pinned message any more.
        Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the message is in no list.

        Args:
            id: The message's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "DELETE",
                f"/v1/messages/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            None,
        )


class MessagesWithRawResponse:
    """`Messages` methods that return an APIResponse."""

    def __init__(self, resource: Messages) -> None:
        self.list = to_raw_response_wrapper(resource.list)
        self.send = to_raw_response_wrapper(resource.send)
        self.get = to_raw_response_wrapper(resource.get)
        self.update = to_raw_response_wrapper(resource.update)
        self.delete = to_raw_response_wrapper(resource.delete)


class AsyncMessages(AsyncAPIResource):
    """What is said in conversations, with reactions and attachments."""

    @cached_property
    def with_raw_response(self) -> AsyncMessagesWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return AsyncMessagesWithRawResponse(self)

    async def list(
        self,
        *,
        limit: int | Omit = omit,
        conversation_id: str | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> AsyncCursorPage[Message]:
        """List all messages.

        Returns one page of your messages in every conversation (contact and group ones), newest first (`created_at`, then `id`, descending).

        Pages are walked with cursors: `starting_after` takes the `id` of the last message of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your messages that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.

        Args:
            limit: How many messages to return, from 1 to 100.
            conversation_id: Only the messages of this conversation.
            starting_after: The id of the last message of the current page; returns the page after it. Cannot be combined with `ending_before`.
            ending_before: The id of the first message of the current page; returns the page before it. Cannot be combined with `starting_after`.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request_page(
            AsyncCursorPage[Message],
            Call(
                "GET",
                "/v1/messages",
                query={
                    "limit": limit,
                    "conversation_id": conversation_id,
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

    async def send(
        self,
        *,
        conversation_id: str,
        message: str,
        attachments: Sequence[str] | Omit = omit,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Message:
        """Send a message.

        Sends a message into one of your conversations (the SDKs call it `send`; the webhook event is `message.created`). You send it, so `contact` (the sender, when one of your contacts sent it) is `null`. `attachments` takes ids of your uploads (`POST /v1/attachments`), which then belong to this message. The conversation's `last_active_at` becomes the message's `created_at`. `read_at` and `updated_at` start `null`.

        Args:
            conversation_id: One of your conversations.
            message: The text of the message.
            attachments: Ids of your uploads to attach (in a form, one `attachments=` per id).
            idempotency_key: Sent as the `Idempotency-Key` header, and again on each retry, so that
                the request takes effect once; a fresh key is drawn when none is given.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "POST",
                "/v1/messages",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={
                    "conversation_id": conversation_id,
                    "message": message,
                    "attachments": attachments,
                },
                retry_safe=True,
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                **options,
            ),
            Message,
        )

    async def get(self, id: str, **options: Unpack[RequestOptions]) -> Message:
        """Retrieve a message.

        Returns the message with this id, if it is one of yours.

        Args:
            id: The message's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "GET",
                f"/v1/messages/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            Message,
        )

    async def update(
        self,
        id: str,
        *,
        message: str | Omit = omit,
        reactions: Mapping[str, Sequence[str]] | Omit = omit,
        attachments: Sequence[str] | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> Message:
        """Update a message.

        `reactions` replaces the whole map of reactions: reaction name -> usernames of who reacted (the reference shows one map inside an array in responses; this API answers the map itself, and forms cannot write it: send JSON). `attachments` replaces the message's attachments (ids of your uploads; those left out are detached, `message_id: null`). `updated_at` becomes the time of the update.
        Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the message.

        Args:
            id: The message's id.
            message: The new text.
            reactions: Reaction name -> usernames of who reacted: the whole new map.
            attachments: Ids of your uploads: the whole new list.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "PUT",
                f"/v1/messages/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={"message": message, "reactions": reactions, "attachments": attachments},
                retry_safe=True,
                **options,
            ),
            Message,
        )

    async def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a message.

        Deletes the message permanently, with its attachments and their files. A conversation that pinned it has no pinned message any more.
        Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the message is in no list.

        Args:
            id: The message's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "DELETE",
                f"/v1/messages/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            None,
        )


class AsyncMessagesWithRawResponse:
    """`AsyncMessages` methods that return an APIResponse."""

    def __init__(self, resource: AsyncMessages) -> None:
        self.list = async_to_raw_response_wrapper(resource.list)
        self.send = async_to_raw_response_wrapper(resource.send)
        self.get = async_to_raw_response_wrapper(resource.get)
        self.update = async_to_raw_response_wrapper(resource.update)
        self.delete = async_to_raw_response_wrapper(resource.delete)
