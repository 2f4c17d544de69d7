"""Deliberately broken variants of the reference server, one fault each.

Each fault is an ASGI wrapper around the real application: it may rewrite a request before the
server sees it, answer in the server's place (possibly after asking the server something), or
rewrite the server's reply. The server's code is never touched.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]

OWNER_TOKEN = "owner-token-0123456789"
OTHER_TOKEN = "other-token-0123456789"


@dataclass
class Request:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]  # lower-case names
    body: bytes
    raw_query: bytes = b""  # as received, so that an untouched query reaches the server unchanged

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def without(self, *names: str) -> Request:
        return replace(self, query=[(k, v) for k, v in self.query if k not in names])


@dataclass
class Reply:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def with_json(self, value: Any, status: int | None = None) -> Reply:
        headers = [
            (k, v) for k, v in self.headers if k.lower() not in ("content-length", "content-type")
        ]
        return Reply(
            status if status is not None else self.status,
            [*headers, ("content-type", "application/json")],
            json.dumps(value).encode(),
        )


Call = Callable[[Request], Awaitable[Reply]]


def json_reply(status: int, value: Any, headers: list[tuple[str, str]] | None = None) -> Reply:
    return Reply(
        status, [*(headers or []), ("content-type", "application/json")], json.dumps(value).encode()
    )


class Fault:
    """No fault at all: the reference server as it is. Subclasses override one of the hooks."""

    def rewrite(self, request: Request) -> Request:
        return request

    async def answer(self, request: Request, call: Call) -> Reply:
        return await call(request)

    def reshape(self, request: Request, reply: Reply) -> Reply:
        return reply


def is_list(request: Request) -> bool:
    return request.method == "GET" and request.path == "/v1/conversations"


def is_item(request: Request) -> bool:
    return request.path.startswith("/v1/conversations/")


def conversation_id(request: Request) -> str:
    return request.path.rsplit("/", 1)[-1]


@dataclass
class ServerErrorOnBigLimit(Fault):
    """A crash on some input: `limit` above 50."""

    async def answer(self, request: Request, call: Call) -> Reply:
        limit = dict(request.query).get("limit", "")
        if is_list(request) and limit.isdigit() and int(limit) > 50:
            return json_reply(500, {"type": "api_error", "message": "Something broke."})
        return await call(request)


@dataclass
class ReshapeConversation(Fault):
    """Changes the conversation a get returns (wrong type, missing or extra attribute)."""

    change: Callable[[dict[str, Any]], None] = field(default=lambda body: None)

    def reshape(self, request: Request, reply: Reply) -> Reply:
        body = reply.json()
        if (
            request.method == "GET"
            and is_item(request)
            and reply.status == 200
            and isinstance(body, dict)
        ):
            self.change(body)
            return reply.with_json(body)
        return reply


@dataclass
class AuthNotEnforced(Fault):
    """A request without credentials is served as the owner's."""

    def rewrite(self, request: Request) -> Request:
        if "authorization" not in request.headers:
            return replace(
                request, headers={**request.headers, "authorization": f"Bearer {OWNER_TOKEN}"}
            )
        return request


@dataclass
class CreateAnswers200(Fault):
    def reshape(self, request: Request, reply: Reply) -> Reply:
        return replace(reply, status=200) if reply.status == 201 else reply


@dataclass
class DeleteDoesNotDelete(Fault):
    """Says 204 for an existing conversation but keeps it."""

    async def answer(self, request: Request, call: Call) -> Reply:
        if request.method != "DELETE" or not is_item(request):
            return await call(request)
        found = await call(replace(request, method="GET", body=b""))
        return Reply(204, [], b"") if found.status == 200 else found


@dataclass
class CreateDoesNotStore(Fault):
    """Answers 201 with the new conversation, then forgets it."""

    async def answer(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        body = reply.json()
        if request.method == "POST" and reply.status == 201 and isinstance(body, dict):
            await call(
                replace(request, method="DELETE", path=f"/v1/conversations/{body['id']}", body=b"")
            )
        return reply


@dataclass
class UpdateNotStored(Fault):
    """Answers the update as if applied, then puts the old values back."""

    async def answer(self, request: Request, call: Call) -> Reply:
        if request.method != "PUT" or not is_item(request):
            return await call(request)
        before = (await call(replace(request, method="GET", body=b""))).json()
        reply = await call(request)
        if reply.status == 200 and isinstance(before, dict):
            mutable = ("pinned_message_id", "is_pinned", "is_muted", "archived_at")
            restore = json.dumps({key: before[key] for key in mutable}).encode()
            headers = {**request.headers, "content-type": "application/json"}
            headers.pop("content-length", None)
            await call(replace(request, body=restore, headers=headers))
        return reply


@dataclass
class IgnoreQuery(Fault):
    """The list ignores some query parameters (a filter, `limit`, the cursors)."""

    names: tuple[str, ...] = ()

    def rewrite(self, request: Request) -> Request:
        return request.without(*self.names) if is_list(request) else request


@dataclass
class HasMoreWhenPageFull(Fault):
    """The classic off-by-one: has_more whenever the page is full."""

    def reshape(self, request: Request, reply: Reply) -> Reply:
        body = reply.json()
        if is_list(request) and reply.status == 200 and isinstance(body, dict):
            limit = int(dict(request.query).get("limit", "10"))
            body["has_more"] = len(body["data"]) == limit
            return reply.with_json(body)
        return reply


@dataclass
class OldestFirst(Fault):
    def reshape(self, request: Request, reply: Reply) -> Reply:
        body = reply.json()
        if is_list(request) and reply.status == 200 and isinstance(body, dict):
            body["data"].reverse()
            return reply.with_json(body)
        return reply


@dataclass
class TenantLeak(Fault):
    """The other account is served the owner's data."""

    def rewrite(self, request: Request) -> Request:
        if request.headers.get("authorization") == f"Bearer {OTHER_TOKEN}":
            return replace(
                request, headers={**request.headers, "authorization": f"Bearer {OWNER_TOKEN}"}
            )
        return request


@dataclass
class PlainErrorBody(Fault):
    """Errors come back as {"error": "..."}, not the Error object."""

    def reshape(self, request: Request, reply: Reply) -> Reply:
        body = reply.json()
        if reply.status >= 400 and isinstance(body, dict):
            return reply.with_json({"error": body.get("message", "failed")})
        return reply


@dataclass
class LimitClamped(Fault):
    """An out-of-range `limit` is quietly clamped instead of rejected."""

    def rewrite(self, request: Request) -> Request:
        if not is_list(request):
            return request
        query = []
        for key, value in request.query:
            if key == "limit" and value.lstrip("-").isdigit() and not 1 <= int(value) <= 100:
                value = "100" if int(value) > 100 else "1"
            query.append((key, value))
        return replace(request, query=query)


class FaultyApp:
    """The reference application behind one fault."""

    def __init__(self, app: Asgi, fault: Fault) -> None:
        self.app = app
        self.fault = fault

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        request = Request(
            method=scope["method"],
            path=scope["path"],
            query=parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True),
            headers={k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]},
            body=body,
            raw_query=scope["query_string"],
        )

        async def call(inner: Request) -> Reply:
            return await self._call_app(scope, inner)

        request = self.fault.rewrite(request)
        reply = self.fault.reshape(request, await self.fault.answer(request, call))
        headers = [
            (k.encode("latin-1"), v.encode("latin-1"))
            for k, v in reply.headers
            if k.lower() != "content-length"
        ]
        if reply.status != 204:
            headers.append((b"content-length", str(len(reply.body)).encode()))
        await send({"type": "http.response.start", "status": reply.status, "headers": headers})
        await send(
            {"type": "http.response.body", "body": reply.body if reply.status != 204 else b""}
        )

    async def _call_app(self, scope: Scope, request: Request) -> Reply:
        headers = {**request.headers}
        headers["content-length"] = str(len(request.body))
        original_query = parse_qsl(request.raw_query.decode("latin-1"), keep_blank_values=True)
        unchanged = request.query == original_query
        inner_scope = {
            **scope,
            "method": request.method,
            "path": request.path,
            "raw_path": scope.get("raw_path")
            if request.path == scope["path"]
            else request.path.encode(),
            "query_string": request.raw_query if unchanged else urlencode(request.query).encode(),
            "headers": [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()],
        }
        sent = False

        async def receive() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": request.body, "more_body": False}

        reply = Reply(500, [], b"")

        async def send(message: Message) -> None:
            if message["type"] == "http.response.start":
                reply.status = message["status"]
                reply.headers = [
                    (k.decode("latin-1"), v.decode("latin-1"))
                    for k, v in message.get("headers", [])
                ]
            elif message["type"] == "http.response.body":
                reply.body += message.get("body", b"")

        await self.app(inner_scope, receive, send)
        return reply


@dataclass
class GetIgnoresOwner(Fault):
    """Only the single-conversation read leaks: any account can get any conversation by id."""

    def rewrite(self, request: Request) -> Request:
        other = request.headers.get("authorization") == f"Bearer {OTHER_TOKEN}"
        if other and request.method == "GET" and is_item(request):
            return replace(
                request, headers={**request.headers, "authorization": f"Bearer {OWNER_TOKEN}"}
            )
        return request
