"""The ASGI application: routes from the spec, one handler per operationId.

Starlette is used only for routing, requests and responses; it publishes no OpenAPI document
(spec/openapi.yaml is the only one).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager
from typing import Any, TypeVar

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from protocol_server.auth import Accounts
from protocol_server.errors import ApiError, error_response
from protocol_server.spec import ApiSpec, Operation
from protocol_server.store import ConversationFilters, CursorNotFound, Store
from protocol_server.validation import check_content_type, read_body, read_query

__all__ = ["MAX_BODY_BYTES", "create_app"]

MAX_BODY_BYTES = 65536

Handler = Callable[[Request, Operation], Awaitable[Response]]
T = TypeVar("T")


class _Api:
    def __init__(self, spec: ApiSpec, store: Store, accounts: Accounts) -> None:
        self.spec = spec
        self.store = store
        self.accounts = accounts
        # Writes wait for fsync, so they run off the event loop, on one thread: the store
        # serialises writes anyway, and one thread taking them in turn avoids a convoy of
        # threads blocked on the store's lock.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="protocol-writer")

    async def _write(self, work: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writer, functools.partial(work, *args))

    def handlers(self) -> dict[str, Handler]:
        return {
            "listConversations": self.list_conversations,
            "createConversation": self.create_conversation,
            "getConversation": self.get_conversation,
            "updateConversation": self.update_conversation,
            "deleteConversation": self.delete_conversation,
        }

    async def list_conversations(self, request: Request, operation: Operation) -> Response:
        account = self._authenticate(request)
        query = read_query(self.spec, operation, request.scope["query_string"])
        starting_after, ending_before = query.get("starting_after"), query.get("ending_before")
        if starting_after is not None and ending_before is not None:
            raise ApiError(400, "Give starting_after or ending_before, not both.")
        filters = ConversationFilters(
            muted=query.get("muted"),
            archived=query.get("archived"),
            pinned=query.get("pinned"),
            group_id=query.get("group_id"),
        )
        try:
            page = self.store.list(account, filters, query["limit"], starting_after, ending_before)
        except CursorNotFound as missing:
            name = "starting_after" if starting_after is not None else "ending_before"
            raise ApiError(
                400,
                f"{name}: none of your conversations matching this list's filters has id "
                f"{missing.args[0]!r}; pass an id from the page you are on, with the same "
                "filters.",
            ) from None
        return JSONResponse({"has_more": page.has_more, "data": page.data})

    async def create_conversation(self, request: Request, operation: Operation) -> Response:
        account = self._authenticate(request)
        read_query(self.spec, operation, request.scope["query_string"])
        attributes = await self._read_attributes(request, operation)
        conversation = await self._write(
            self.store.create, account, attributes.get("contact_id"), attributes.get("group_id")
        )
        location = f"/v1/conversations/{conversation['id']}"
        return JSONResponse(conversation, status_code=201, headers={"Location": location})

    async def get_conversation(self, request: Request, operation: Operation) -> Response:
        account = self._authenticate(request)
        read_query(self.spec, operation, request.scope["query_string"])
        conversation_id = self._conversation_id(request, operation)
        conversation = self.store.get(account, conversation_id)
        if conversation is None:
            raise _not_found(conversation_id)
        return JSONResponse(conversation)

    async def update_conversation(self, request: Request, operation: Operation) -> Response:
        account = self._authenticate(request)
        read_query(self.spec, operation, request.scope["query_string"])
        conversation_id = self._conversation_id(request, operation)
        changes = await self._read_attributes(request, operation)
        conversation = await self._write(self.store.update, account, conversation_id, changes)
        if conversation is None:
            raise _not_found(conversation_id)
        return JSONResponse(conversation)

    async def delete_conversation(self, request: Request, operation: Operation) -> Response:
        account = self._authenticate(request)
        read_query(self.spec, operation, request.scope["query_string"])
        conversation_id = self._conversation_id(request, operation)
        if not await self._write(self.store.delete, account, conversation_id):
            raise _not_found(conversation_id)
        return Response(status_code=204)

    def _authenticate(self, request: Request) -> str:
        return self.accounts.authenticate(request.headers.get("authorization"))

    def _conversation_id(self, request: Request, operation: Operation) -> str:
        """The path's id; one that cannot be an id is simply not found (404)."""
        conversation_id = str(request.path_params["id"])
        if any(self.spec.validator(operation.path_parameters["id"]).iter_errors(conversation_id)):
            raise _not_found(conversation_id)
        return conversation_id

    async def _read_attributes(self, request: Request, operation: Operation) -> dict[str, Any]:
        content_type = request.headers.get("content-type")
        check_content_type(content_type, operation)
        body = await _read_limited_body(request)
        return read_body(self.spec, operation, content_type, body)


async def _read_limited_body(request: Request) -> bytes:
    too_large = ApiError(413, f"The request body is larger than {MAX_BODY_BYTES} bytes.")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY_BYTES:
        raise too_large
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                raise too_large
    except ClientDisconnect:
        raise ApiError(400, "The client disconnected before sending the whole body.") from None
    return bytes(body)


def _not_found(conversation_id: str) -> ApiError:
    shown = conversation_id if len(conversation_id) <= 40 else conversation_id[:40] + "…"
    return ApiError(404, f"No conversation with id {shown!r}.")


class _PathEndpoint:
    """All methods of one spec path; undocumented methods get 405 with `Allow`."""

    def __init__(self, api: _Api, operations: dict[str, Operation]) -> None:
        handlers = api.handlers()
        self.routes = {
            method: (operation, handlers[operation.operation_id])
            for method, operation in operations.items()
        }
        self.allow = ", ".join(operations)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            route = self.routes.get(request.method)
            if route is None:
                raise ApiError(
                    405,
                    f"{request.method} is not allowed here; use {self.allow}.",
                    headers={"Allow": self.allow},
                )
            operation, handler = route
            response = await handler(request, operation)
        except ApiError as error:
            response = error_response(error)
        await response(scope, receive, send)


async def _http_exception(request: Request, exc: Exception) -> Response:
    # Only the router raises these: a path the spec does not have.
    assert isinstance(exc, HTTPException)
    message = (
        f"No such path: {request.url.path}. The API serves /v1/conversations and "
        "/v1/conversations/{id}."
        if exc.status_code == 404
        else str(exc.detail)
    )
    return error_response(ApiError(exc.status_code, message, headers=exc.headers))


async def _unexpected(request: Request, exc: Exception) -> Response:
    # Never expected; the exception is re-raised after this response so the log shows it.
    return error_response(
        ApiError(
            500, "The server failed to handle this request; retry later.", error_type="api_error"
        )
    )


def create_app(
    spec: ApiSpec,
    store: Store,
    tokens: Sequence[str],
    lifespan: Callable[[Starlette], AbstractAsyncContextManager[None]] | None = None,
) -> Starlette:
    """The application; `store` stays owned by the caller (open it before, close it after)."""
    api = _Api(spec, store, Accounts(tokens))
    known = set(api.handlers())
    documented = {operation.operation_id for operation in spec.operations}
    if known != documented:
        raise ValueError(
            f"The spec's operations {sorted(documented)} do not match the server's "
            f"handlers {sorted(known)}."
        )
    by_path: dict[str, dict[str, Operation]] = {}
    for operation in spec.operations:
        by_path.setdefault(operation.path, {})[operation.method] = operation
    # An endpoint that is not a function is mounted as a raw ASGI app receiving every method.
    routes = [Route(path, endpoint=_PathEndpoint(api, ops)) for path, ops in by_path.items()]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_exception, Exception: _unexpected},
        lifespan=lifespan,
    )
    # /v1/conversations/ is not a path of the API: 404, not a redirect.
    app.router.redirect_slashes = False
    return app
