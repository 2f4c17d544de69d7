# Generated from spec/openapi.yaml + templates/python/resources/resource.py.jinja. Do not edit.
"""The `groups` resource: list, create, get, update, delete."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Unpack

from .._base_client import AsyncAPIResource, Call, SyncAPIResource, path_param
from .._pagination import AsyncCursorPage, PageSpec, SyncCursorPage
from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from .._types import Omit, RequestOptions, omit
from ..models import Group, GroupList

__all__ = [
    "AsyncGroups",
    "AsyncGroupsWithRawResponse",
    "Groups",
    "GroupsWithRawResponse",
]

_LIST_PAGES = PageSpec(
    envelope=GroupList,
    items_field="data",
    has_more_field="has_more",
    after_param="starting_after",
    before_param="ending_before",
    cursor_field="id",
)


class Groups(SyncAPIResource):
    """A set of your contacts you talk to at once, with its own conversation."""

    @cached_property
    def with_raw_response(self) -> GroupsWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return GroupsWithRawResponse(self)

    def list(
        self,
        *,
        limit: int | Omit = omit,
        archived: bool | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> SyncCursorPage[Group]:
        """List all groups.

        Returns one page of your groups, newest first (`created_at`, then `id`, descending). Archived groups are included unless `archived=false` is given.

        Pages are walked with cursors: `starting_after` takes the `id` of the last group of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your groups that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.

        Args:
            limit: How many groups to return, from 1 to 100.
            archived: When `true`, only archived groups (`archived_at` is set); when `false`, only groups that are not archived. Left out: both.
            starting_after: The id of the last group of the current page; returns the page after it. Cannot be combined with `ending_before`.
            ending_before: The id of the first group of the current page; returns the page before it. Cannot be combined with `starting_after`.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request_page(
            SyncCursorPage[Group],
            Call(
                "GET",
                "/v1/groups",
                query={
                    "limit": limit,
                    "archived": archived,
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
        name: str,
        description: str | None | Omit = omit,
        avatar_url: str | None | Omit = omit,
        contacts: Sequence[str] | Omit = omit,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Group:
        """Create a group.

        Starts a group of your contacts. Only `name` is required; `contacts` lists the members by contact id (each must be one of your contacts), and responses show them as contact objects. The server creates the group's conversation alongside it (`conversation_id`).

        Args:
            name: The group's name.
            description: The group's description.
            avatar_url: URL of the group's avatar image.
            contacts: Ids of your contacts who are members (no repeats; in a form, one `contacts=` per id).
            idempotency_key: Sent as the `Idempotency-Key` header, and again on each retry, so that
                the request takes effect once; a fresh key is drawn when none is given.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "POST",
                "/v1/groups",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={
                    "name": name,
                    "description": description,
                    "avatar_url": avatar_url,
                    "contacts": contacts,
                },
                retry_safe=True,
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                **options,
            ),
            Group,
        )

    def get(self, id: str, **options: Unpack[RequestOptions]) -> Group:
        """Retrieve a group.

        Returns the group with this id, if it is one of yours.

        Args:
            id: The group's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "GET",
                f"/v1/groups/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            Group,
        )

    def update(
        self,
        id: str,
        *,
        name: str | Omit = omit,
        description: str | None | Omit = omit,
        avatar_url: str | None | Omit = omit,
        contacts: Sequence[str] | Omit = omit,
        archived_at: int | None | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> Group:
        """Update a group.

        `contacts`, when given, replaces the whole member list (ids of your contacts; `[]` removes everyone). `archived_at` archives the group; `null` unarchives it. Archiving a group does not archive its conversation.
        Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the group.

        Args:
            id: The group's id.
            name: The group's name.
            description: The group's description; `null` removes it.
            avatar_url: URL of the group's avatar image; `null` removes it.
            contacts: Ids of your contacts who are members: the whole new list.
            archived_at: When the group was archived; `null` unarchives it.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "PUT",
                f"/v1/groups/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={
                    "name": name,
                    "description": description,
                    "avatar_url": avatar_url,
                    "contacts": contacts,
                    "archived_at": archived_at,
                },
                retry_safe=True,
                **options,
            ),
            Group,
        )

    def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a group.

        Deletes the group for good, with its conversation and that conversation's messages; archive it instead to be able to restore it. The ids in request paths are case-sensitive: `L7cGNIBKZiNJ6wqF` and `l7cGNIBKZiNJ6wqF` are two ids.
        Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the group is in no list.

        Args:
            id: The group's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "DELETE",
                f"/v1/groups/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            None,
        )


class GroupsWithRawResponse:
    """`Groups` methods that return an APIResponse."""

    def __init__(self, resource: Groups) -> None:
        self.list = to_raw_response_wrapper(resource.list)
        self.create = to_raw_response_wrapper(resource.create)
        self.get = to_raw_response_wrapper(resource.get)
        self.update = to_raw_response_wrapper(resource.update)
        self.delete = to_raw_response_wrapper(resource.delete)


class AsyncGroups(AsyncAPIResource):
    """A set of your contacts you talk to at once, with its own conversation."""

    @cached_property
    def with_raw_response(self) -> AsyncGroupsWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return AsyncGroupsWithRawResponse(self)

    async def list(
        self,
        *,
        limit: int | Omit = omit,
        archived: bool | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> AsyncCursorPage[Group]:
        """List all groups.

        Returns one page of your groups, newest first (`created_at`, then `id`, descending). Archived groups are included unless `archived=false` is given.

        Pages are walked with cursors: `starting_after` takes the `id` of the last group of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your groups that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.

        Args:
            limit: How many groups to return, from 1 to 100.
            archived: When `true`, only archived groups (`archived_at` is set); when `false`, only groups that are not archived. Left out: both.
            starting_after: The id of the last group of the current page; returns the page after it. Cannot be combined with `ending_before`.
            ending_before: The id of the first group of the current page; returns the page before it. Cannot be combined with `starting_after`.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request_page(
            AsyncCursorPage[Group],
            Call(
                "GET",
                "/v1/groups",
                query={
                    "limit": limit,
                    "archived": archived,
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
        name: str,
        description: str | None | Omit = omit,
        avatar_url: str | None | Omit = omit,
        contacts: Sequence[str] | Omit = omit,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Group:
        """Create a group.

        Starts a group of your contacts. Only `name` is required; `contacts` lists the members by contact id (each must be one of your contacts), and responses show them as contact objects. The server creates the group's conversation alongside it (`conversation_id`).

        Args:
            name: The group's name.
            description: The group's description.
            avatar_url: URL of the group's avatar image.
            contacts: Ids of your contacts who are members (no repeats; in a form, one `contacts=` per id).
            idempotency_key: Sent as the `Idempotency-Key` header, and again on each retry, so that
                the request takes effect once; a fresh key is drawn when none is given.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "POST",
                "/v1/groups",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={
                    "name": name,
                    "description": description,
                    "avatar_url": avatar_url,
                    "contacts": contacts,
                },
                retry_safe=True,
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                **options,
            ),
            Group,
        )

    async def get(self, id: str, **options: Unpack[RequestOptions]) -> Group:
        """Retrieve a group.

        Returns the group with this id, if it is one of yours.

        Args:
            id: The group's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "GET",
                f"/v1/groups/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            Group,
        )

    async def update(
        self,
        id: str,
        *,
        name: str | Omit = omit,
        description: str | None | Omit = omit,
        avatar_url: str | None | Omit = omit,
        contacts: Sequence[str] | Omit = omit,
        archived_at: int | None | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> Group:
        """Update a group.

        `contacts`, when given, replaces the whole member list (ids of your contacts; `[]` removes everyone). `archived_at` archives the group; `null` unarchives it. Archiving a group does not archive its conversation.
        Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the group.

        Args:
            id: The group's id.
            name: The group's name.
            description: The group's description; `null` removes it.
            avatar_url: URL of the group's avatar image; `null` removes it.
            contacts: Ids of your contacts who are members: the whole new list.
            archived_at: When the group was archived; `null` unarchives it.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "PUT",
                f"/v1/groups/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={
                    "name": name,
                    "description": description,
                    "avatar_url": avatar_url,
                    "contacts": contacts,
                    "archived_at": archived_at,
                },
                retry_safe=True,
                **options,
            ),
            Group,
        )

    async def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a group.

        Deletes the group for good, with its conversation and that conversation's messages; archive it instead to be able to restore it. The ids in request paths are case-sensitive: `L7cGNIBKZiNJ6wqF` and `l7cGNIBKZiNJ6wqF` are two ids.
        Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the group is in no list.

        Args:
            id: The group's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "DELETE",
                f"/v1/groups/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            None,
        )


class AsyncGroupsWithRawResponse:
    """`AsyncGroups` methods that return an APIResponse."""

    def __init__(self, resource: AsyncGroups) -> None:
        self.list = async_to_raw_response_wrapper(resource.list)
        self.create = async_to_raw_response_wrapper(resource.create)
        self.get = async_to_raw_response_wrapper(resource.get)
        self.update = async_to_raw_response_wrapper(resource.update)
        self.delete = async_to_raw_response_wrapper(resource.delete)
