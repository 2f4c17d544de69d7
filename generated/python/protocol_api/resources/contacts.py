# Generated from spec/openapi.yaml + templates/python/resources/resource.py.jinja. Do not edit.
"""The `contacts` resource: list, create, get, update, delete."""

from __future__ import annotations

from functools import cached_property
from typing import Unpack

from .._base_client import AsyncAPIResource, Call, SyncAPIResource, path_param
from .._pagination import AsyncCursorPage, PageSpec, SyncCursorPage
from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from .._types import Omit, RequestOptions, omit
from ..models import Contact, ContactList

__all__ = [
    "AsyncContacts",
    "AsyncContactsWithRawResponse",
    "Contacts",
    "ContactsWithRawResponse",
]

_LIST_PAGES = PageSpec(
    envelope=ContactList,
    items_field="data",
    has_more_field="has_more",
    after_param="starting_after",
    before_param="ending_before",
    cursor_field="id",
)


class Contacts(SyncAPIResource):
    """The people you converse with. Adding a contact starts your conversation with them."""

    @cached_property
    def with_raw_response(self) -> ContactsWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return ContactsWithRawResponse(self)

    def list(
        self,
        *,
        limit: int | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> SyncCursorPage[Contact]:
        """List all contacts.

        Returns one page of your contacts, newest first (`created_at`, then `id`, descending).

        The reference's curl sample sends `active=true`, a parameter it documents nowhere; this API has no such filter, and like every undefined parameter it gets `400 invalid_request`.

        Pages are walked with cursors: `starting_after` takes the `id` of the last contact of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your contacts that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.

        Args:
            limit: How many contacts to return, from 1 to 100.
            starting_after: The id of the last contact of the current page; returns the page after it. Cannot be combined with `ending_before`.
            ending_before: The id of the first contact of the current page; returns the page before it. Cannot be combined with `starting_after`.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request_page(
            SyncCursorPage[Contact],
            Call(
                "GET",
                "/v1/contacts",
                query={
                    "limit": limit,
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
        username: str,
        phone_number: str,
        avatar_url: str | None | Omit = omit,
        display_name: str | None | Omit = omit,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Contact:
        """Create a contact.

        Adds someone to your contact list. The server creates your conversation with the new contact alongside it and answers with its id in `conversation_id`; `last_active_at` is `null` until the contact does something. Usernames and phone numbers need not be unique.

        Args:
            username: The contact's Protocol username.
            phone_number: The contact's phone number.
            avatar_url: URL of the contact's avatar image.
            display_name: How to name the contact in your list.
            idempotency_key: Sent as the `Idempotency-Key` header, and again on each retry, so that
                the request takes effect once; a fresh key is drawn when none is given.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "POST",
                "/v1/contacts",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={
                    "username": username,
                    "phone_number": phone_number,
                    "avatar_url": avatar_url,
                    "display_name": display_name,
                },
                retry_safe=True,
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                **options,
            ),
            Contact,
        )

    def get(self, id: str, **options: Unpack[RequestOptions]) -> Contact:
        """Retrieve a contact.

        Returns the contact with this id, if it is one of yours.

        Args:
            id: The contact's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "GET",
                f"/v1/contacts/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            Contact,
        )

    def update(
        self, id: str, *, display_name: str | None | Omit = omit, **options: Unpack[RequestOptions]
    ) -> Contact:
        """Update a contact.

        Changes how the contact is named in your list; `null` goes back to no display name.
        Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the contact.

        Args:
            id: The contact's id.
            display_name: How to name the contact in your list; `null` removes it.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "PUT",
                f"/v1/contacts/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={"display_name": display_name},
                retry_safe=True,
                **options,
            ),
            Contact,
        )

    def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a contact.

        Removes the contact from your list, and with it your conversation with the contact and that conversation's messages. The contact leaves every group it was a member of, and the messages it sent elsewhere keep their text with `contact: null`.
        Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the contact is in no list.

        Args:
            id: The contact's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "DELETE",
                f"/v1/contacts/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            None,
        )


class ContactsWithRawResponse:
    """`Contacts` methods that return an APIResponse."""

    def __init__(self, resource: Contacts) -> None:
        self.list = to_raw_response_wrapper(resource.list)
        self.create = to_raw_response_wrapper(resource.create)
        self.get = to_raw_response_wrapper(resource.get)
        self.update = to_raw_response_wrapper(resource.update)
        self.delete = to_raw_response_wrapper(resource.delete)


class AsyncContacts(AsyncAPIResource):
    """The people you converse with. Adding a contact starts your conversation with them."""

    @cached_property
    def with_raw_response(self) -> AsyncContactsWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return AsyncContactsWithRawResponse(self)

    async def list(
        self,
        *,
        limit: int | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> AsyncCursorPage[Contact]:
        """List all contacts.

        Returns one page of your contacts, newest first (`created_at`, then `id`, descending).

        The reference's curl sample sends `active=true`, a parameter it documents nowhere; this API has no such filter, and like every undefined parameter it gets `400 invalid_request`.

        Pages are walked with cursors: `starting_after` takes the `id` of the last contact of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your contacts that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.

        Args:
            limit: How many contacts to return, from 1 to 100.
            starting_after: The id of the last contact of the current page; returns the page after it. Cannot be combined with `ending_before`.
            ending_before: The id of the first contact of the current page; returns the page before it. Cannot be combined with `starting_after`.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request_page(
            AsyncCursorPage[Contact],
            Call(
                "GET",
                "/v1/contacts",
                query={
                    "limit": limit,
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
        username: str,
        phone_number: str,
        avatar_url: str | None | Omit = omit,
        display_name: str | None | Omit = omit,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Contact:
        """Create a contact.

        Adds someone to your contact list. The server creates your conversation with the new contact alongside it and answers with its id in `conversation_id`; `last_active_at` is `null` until the contact does something. Usernames and phone numbers need not be unique.

        Args:
            username: The contact's Protocol username.
            phone_number: The contact's phone number.
            avatar_url: URL of the contact's avatar image.
            display_name: How to name the contact in your list.
            idempotency_key: Sent as the `Idempotency-Key` header, and again on each retry, so that
                the request takes effect once; a fresh key is drawn when none is given.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "POST",
                "/v1/contacts",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={
                    "username": username,
                    "phone_number": phone_number,
                    "avatar_url": avatar_url,
                    "display_name": display_name,
                },
                retry_safe=True,
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                **options,
            ),
            Contact,
        )

    async def get(self, id: str, **options: Unpack[RequestOptions]) -> Contact:
        """Retrieve a contact.

        Returns the contact with this id, if it is one of yours.

        Args:
            id: The contact's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "GET",
                f"/v1/contacts/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            Contact,
        )

    async def update(
        self, id: str, *, display_name: str | None | Omit = omit, **options: Unpack[RequestOptions]
    ) -> Contact:
        """Update a contact.

        Changes how the contact is named in your list; `null` goes back to no display name.
        Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the contact.

        Args:
            id: The contact's id.
            display_name: How to name the contact in your list; `null` removes it.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "PUT",
                f"/v1/contacts/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={"display_name": display_name},
                retry_safe=True,
                **options,
            ),
            Contact,
        )

    async def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete a contact.

        Removes the contact from your list, and with it your conversation with the contact and that conversation's messages. The contact leaves every group it was a member of, and the messages it sent elsewhere keep their text with `contact: null`.
        Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the contact is in no list.

        Args:
            id: The contact's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "DELETE",
                f"/v1/contacts/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            None,
        )


class AsyncContactsWithRawResponse:
    """`AsyncContacts` methods that return an APIResponse."""

    def __init__(self, resource: AsyncContacts) -> None:
        self.list = async_to_raw_response_wrapper(resource.list)
        self.create = async_to_raw_response_wrapper(resource.create)
        self.get = async_to_raw_response_wrapper(resource.get)
        self.update = async_to_raw_response_wrapper(resource.update)
        self.delete = async_to_raw_response_wrapper(resource.delete)
