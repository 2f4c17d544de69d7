# Generated from spec/openapi.yaml + templates/python/resources/resource.py.jinja. Do not edit.
"""The `attachments` resource: list, create, get, update, delete, download."""

from __future__ import annotations

from functools import cached_property
from typing import Unpack

from .._base_client import AsyncAPIResource, Call, SyncAPIResource, path_param
from .._pagination import AsyncCursorPage, PageSpec, SyncCursorPage
from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper
from .._types import FileInput, Omit, RequestOptions, omit
from ..models import Attachment, AttachmentList

__all__ = [
    "AsyncAttachments",
    "AsyncAttachmentsWithRawResponse",
    "Attachments",
    "AttachmentsWithRawResponse",
]

_LIST_PAGES = PageSpec(
    envelope=AttachmentList,
    items_field="data",
    has_more_field="has_more",
    after_param="starting_after",
    before_param="ending_before",
    cursor_field="id",
)


class Attachments(SyncAPIResource):
    """Files uploaded to be sent with messages."""

    @cached_property
    def with_raw_response(self) -> AttachmentsWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return AttachmentsWithRawResponse(self)

    def list(
        self,
        *,
        limit: int | Omit = omit,
        conversation_id: str | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> SyncCursorPage[Attachment]:
        """List all attachments.

        Returns one page of your attachments, newest first (`created_at`, then `id`, descending).

        Pages are walked with cursors: `starting_after` takes the `id` of the last attachment of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your attachments that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.

        Args:
            limit: How many attachments to return, from 1 to 100.
            conversation_id: Only the attachments of this conversation's messages (through each attachment's `message_id`); uploads no message has taken yet belong to no conversation.
            starting_after: The id of the last attachment of the current page; returns the page after it. Cannot be combined with `ending_before`.
            ending_before: The id of the first attachment of the current page; returns the page before it. Cannot be combined with `starting_after`.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request_page(
            SyncCursorPage[Attachment],
            Call(
                "GET",
                "/v1/attachments",
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

    def create(
        self,
        *,
        file: FileInput,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Attachment:
        """Create an attachment.

        Uploads a file as `multipart/form-data` with one part named `file` (`curl -F file=@path`; the reference's sample omits the `@` and would send the path as text). The server reads `filename` from the part's file name, `file_type` from its `Content-Type` (`application/octet-stream` when absent) and `file_size` from its bytes, at most 10485760 (larger: `413`). The upload belongs to no message (`message_id: null`) until a message takes it (`attachments` on send or update). `file_url` serves the bytes to your account (with your token).

        Args:
            file: The file; its part's file name and Content-Type become `filename` and `file_type`.
            idempotency_key: Sent as the `Idempotency-Key` header, and again on each retry, so that
                the request takes effect once; a fresh key is drawn when none is given.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "POST",
                "/v1/attachments",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={"file": file},
                encoding="multipart",
                content_type="multipart/form-data",
                files=("file",),
                retry_safe=True,
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                **options,
            ),
            Attachment,
        )

    def get(self, id: str, **options: Unpack[RequestOptions]) -> Attachment:
        """Retrieve an attachment.

        Returns the attachment with this id, if it is one of yours.

        Args:
            id: The attachment's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "GET",
                f"/v1/attachments/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            Attachment,
        )

    def update(
        self, id: str, *, filename: str | Omit = omit, **options: Unpack[RequestOptions]
    ) -> Attachment:
        """Update an attachment.

        Renames the attachment: `filename` changes, `file_url` stays the same.
        Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the attachment.

        Args:
            id: The attachment's id.
            filename: The file's new name.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "PUT",
                f"/v1/attachments/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={"filename": filename},
                retry_safe=True,
                **options,
            ),
            Attachment,
        )

    def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete an attachment.

        Deletes the attachment and its stored file, for good; its message no longer lists it.
        Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the attachment is in no list.

        Args:
            id: The attachment's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "DELETE",
                f"/v1/attachments/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            None,
        )

    def download(self, id: str, **options: Unpack[RequestOptions]) -> bytes:
        """Download the attachment's file.

        Returns the bytes of the file uploaded with the attachment, as the server serves them back to your account.

        Args:
            id: The attachment's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return self._client.request(
            Call(
                "GET",
                f"/v1/attachments/{path_param(id)}/file",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                accept="*/*",
                retry_safe=True,
                **options,
            ),
            bytes,
        )


class AttachmentsWithRawResponse:
    """`Attachments` methods that return an APIResponse."""

    def __init__(self, resource: Attachments) -> None:
        self.list = to_raw_response_wrapper(resource.list)
        self.create = to_raw_response_wrapper(resource.create)
        self.get = to_raw_response_wrapper(resource.get)
        self.update = to_raw_response_wrapper(resource.update)
        self.delete = to_raw_response_wrapper(resource.delete)
        self.download = to_raw_response_wrapper(resource.download)


class AsyncAttachments(AsyncAPIResource):
    """Files uploaded to be sent with messages."""

    @cached_property
    def with_raw_response(self) -> AsyncAttachmentsWithRawResponse:
        """The same methods, returning the HTTP response (`.status_code`, `.headers`) with the
        result one `.parse()` away."""
        return AsyncAttachmentsWithRawResponse(self)

    async def list(
        self,
        *,
        limit: int | Omit = omit,
        conversation_id: str | Omit = omit,
        starting_after: str | Omit = omit,
        ending_before: str | Omit = omit,
        **options: Unpack[RequestOptions],
    ) -> AsyncCursorPage[Attachment]:
        """List all attachments.

        Returns one page of your attachments, newest first (`created_at`, then `id`, descending).

        Pages are walked with cursors: `starting_after` takes the `id` of the last attachment of the current page, `ending_before` the `id` of the first one; `has_more` tells whether more lie beyond the page in the direction of travel. A cursor must be the id of one of your attachments that matches the same filters; anything else, or both cursors at once, gets `400 invalid_request`.

        Args:
            limit: How many attachments to return, from 1 to 100.
            conversation_id: Only the attachments of this conversation's messages (through each attachment's `message_id`); uploads no message has taken yet belong to no conversation.
            starting_after: The id of the last attachment of the current page; returns the page after it. Cannot be combined with `ending_before`.
            ending_before: The id of the first attachment of the current page; returns the page before it. Cannot be combined with `starting_after`.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request_page(
            AsyncCursorPage[Attachment],
            Call(
                "GET",
                "/v1/attachments",
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

    async def create(
        self,
        *,
        file: FileInput,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Attachment:
        """Create an attachment.

        Uploads a file as `multipart/form-data` with one part named `file` (`curl -F file=@path`; the reference's sample omits the `@` and would send the path as text). The server reads `filename` from the part's file name, `file_type` from its `Content-Type` (`application/octet-stream` when absent) and `file_size` from its bytes, at most 10485760 (larger: `413`). The upload belongs to no message (`message_id: null`) until a message takes it (`attachments` on send or update). `file_url` serves the bytes to your account (with your token).

        Args:
            file: The file; its part's file name and Content-Type become `filename` and `file_type`.
            idempotency_key: Sent as the `Idempotency-Key` header, and again on each retry, so that
                the request takes effect once; a fresh key is drawn when none is given.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "POST",
                "/v1/attachments",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={"file": file},
                encoding="multipart",
                content_type="multipart/form-data",
                files=("file",),
                retry_safe=True,
                idempotency_header="Idempotency-Key",
                idempotency_key=idempotency_key,
                **options,
            ),
            Attachment,
        )

    async def get(self, id: str, **options: Unpack[RequestOptions]) -> Attachment:
        """Retrieve an attachment.

        Returns the attachment with this id, if it is one of yours.

        Args:
            id: The attachment's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "GET",
                f"/v1/attachments/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            Attachment,
        )

    async def update(
        self, id: str, *, filename: str | Omit = omit, **options: Unpack[RequestOptions]
    ) -> Attachment:
        """Update an attachment.

        Renames the attachment: `filename` changes, `file_url` stays the same.
        Changes only the attributes given; the others keep their values. An attribute this operation does not know is rejected with `400 invalid_request`, and nothing changes. An empty body changes nothing and returns the attachment.

        Args:
            id: The attachment's id.
            filename: The file's new name.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "PUT",
                f"/v1/attachments/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                body={"filename": filename},
                retry_safe=True,
                **options,
            ),
            Attachment,
        )

    async def delete(self, id: str, **options: Unpack[RequestOptions]) -> None:
        """Delete an attachment.

        Deletes the attachment and its stored file, for good; its message no longer lists it.
        Succeeds with `204 No Content` and an empty body; afterwards the id gets `404` from every operation and the attachment is in no list.

        Args:
            id: The attachment's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "DELETE",
                f"/v1/attachments/{path_param(id)}",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                retry_safe=True,
                **options,
            ),
            None,
        )

    async def download(self, id: str, **options: Unpack[RequestOptions]) -> bytes:
        """Download the attachment's file.

        Returns the bytes of the file uploaded with the attachment, as the server serves them back to your account.

        Args:
            id: The attachment's id.
            **options: `timeout`, `max_retries` and `extra_headers` for this call only.
        """
        return await self._client.request(
            Call(
                "GET",
                f"/v1/attachments/{path_param(id)}/file",
                security=(
                    ("bearerAuth",),
                    ("basicAuth",),
                ),
                accept="*/*",
                retry_safe=True,
                **options,
            ),
            bytes,
        )


class AsyncAttachmentsWithRawResponse:
    """`AsyncAttachments` methods that return an APIResponse."""

    def __init__(self, resource: AsyncAttachments) -> None:
        self.list = async_to_raw_response_wrapper(resource.list)
        self.create = async_to_raw_response_wrapper(resource.create)
        self.get = async_to_raw_response_wrapper(resource.get)
        self.update = async_to_raw_response_wrapper(resource.update)
        self.delete = async_to_raw_response_wrapper(resource.delete)
        self.download = async_to_raw_response_wrapper(resource.download)
