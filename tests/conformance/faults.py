"""Deliberately broken variants of the reference server, one fault each.

Each fault is an ASGI wrapper around the real application: it may rewrite a request before the
server sees it, answer in the server's place (possibly after asking the server something), or
rewrite the server's reply. The server's code is never touched. Faults find resources, roles,
attributes and parameters through the spec's model, so most of them work on any spec; those
that name an attribute or a parameter take it as an argument.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.utils import formatdate
from typing import Any
from urllib.parse import parse_qsl, urlencode

from protocol_server.deliveries import Attempt, Post, signature_headers
from protocol_spec import Api
from protocol_spec.model import Field, Filter, Model, Operation, Resource

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

    def with_json(self, value: Any, method: str | None = None) -> Request:
        headers = {**self.headers, "content-type": "application/json"}
        return replace(
            self, method=method or self.method, body=json.dumps(value).encode(), headers=headers
        )


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


class Streamed(Reply):
    """A reply that sends itself, message by message, as a misbehaving server would (a body
    that trickles, never ends or breaks off: `hostile.py`)."""

    async def play(self, send: Send) -> None:
        raise NotImplementedError


Call = Callable[[Request], Awaitable[Reply]]


def json_reply(status: int, value: Any, headers: list[tuple[str, str]] | None = None) -> Reply:
    return Reply(
        status, [*(headers or []), ("content-type", "application/json")], json.dumps(value).encode()
    )


@dataclass(frozen=True)
class Route:
    resource: Resource
    operation: Operation
    object_id: str | None

    @property
    def role(self) -> str | None:
        return self.operation.role


class Fault:
    """No fault at all: the reference server as it is. Subclasses override one of the hooks."""

    api: Api
    stopper: Callable[[], None] | None = None  # set by the server fixture: stops the server

    def bind(self, api: Api) -> None:
        self.api = api

    def stop(self) -> None:
        if self.stopper is not None:
            self.stopper()

    def route(self, request: Request) -> Route | None:
        for resource in self.api.resources:
            for op in resource.operations:
                if op.http_method != request.method:
                    continue
                pattern = "^" + re.sub(r"\{[^}]+\}", "([^/]+)", op.path) + "$"
                found = re.match(pattern, request.path)
                if found:
                    return Route(resource, op, found.group(1) if found.groups() else None)
        return None

    def role(self, request: Request) -> str | None:
        route = self.route(request)
        return route.role if route else None

    def rewrite(self, request: Request) -> Request:
        return request

    async def answer(self, request: Request, call: Call) -> Reply:
        return await call(request)

    def reshape(self, request: Request, reply: Reply) -> Reply:
        return reply

    # -- webhooks: the server's deliveries pass through here on their way out ----------------

    webhook_key: bytes = b""  # set by the server fixture: what the server signs with

    def deliver(self, attempt: Attempt, post: Post, timeout: float) -> int:
        return post(attempt, timeout)

    def signed(self, attempt: Attempt, body: bytes, event_id: str | None = None) -> Attempt:
        """The attempt with another body (and event id), signed again as the server would."""
        signing = self.api.webhook_signing
        assert signing is not None
        event_id = event_id or attempt.event_id
        headers = {k: v for k, v in attempt.headers.items() if k not in signing.headers}
        headers |= signature_headers(signing, self.webhook_key, event_id, body, int(time.time()))
        return Attempt(attempt.url, headers, body, event_id)

    def event_type(self, action: str) -> bytes:
        """The JSON string of the (first resource's) event type of `action`, as in bodies."""
        event = next(e for e in self.api.webhook_events if e.action == action)
        return json.dumps(event.type).encode()


def item_path(resource: Resource, object_id: str) -> str:
    return re.sub(r"\{[^}]+\}", object_id, resource.item_path or "")


def _items_field(route: Route) -> str:
    assert route.operation.pagination is not None
    return route.operation.pagination.items_field


def _with_objects(
    fault: Fault, request: Request, reply: Reply, change: Callable[[dict[str, Any]], None]
) -> Reply:
    """`change` applied to every object in a get/create/update answer or a list page."""
    route = fault.route(request)
    body = reply.json()
    if route is None or reply.status >= 300 or not isinstance(body, dict):
        return reply
    if route.role == "list":
        for item in body.get(_items_field(route), []):
            if isinstance(item, dict):
                change(item)
    else:
        change(body)
    return reply.with_json(body)


# -- faults schemathesis finds --------------------------------------------------------------------


@dataclass
class ServerErrorOnBigLimit(Fault):
    """A crash on some input: a page size above 50."""

    async def answer(self, request: Request, call: Call) -> Reply:
        route = self.route(request)
        page = route.operation.pagination if route and route.role == "list" else None
        size = dict(request.query).get(page.limit_param or "", "") if page else ""
        if size.isdigit() and int(size) > 50:
            return json_reply(500, {"type": "api_error", "message": "Something broke."})
        return await call(request)


@dataclass
class ReshapeObject(Fault):
    """Changes the object a get returns (wrong type, missing or extra attribute)."""

    change: Callable[[dict[str, Any]], None] = field(default=lambda body: None)

    def reshape(self, request: Request, reply: Reply) -> Reply:
        if self.role(request) != "get":
            return reply
        return _with_objects(self, request, reply, self.change)


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
class IdempotencyKeyIgnored(Fault):
    """Creates a new object for every create, whatever its Idempotency-Key."""

    def rewrite(self, request: Request) -> Request:
        headers = {k: v for k, v in request.headers.items() if k != "idempotency-key"}
        return replace(request, headers=headers)


@dataclass
class KeyReuseAccepted(Fault):
    """Answers a create whose Idempotency-Key was used with another request as a new create."""

    used: dict[str, bytes] = field(default_factory=dict)

    def rewrite(self, request: Request) -> Request:
        key = request.headers.get("idempotency-key")
        if key is None or self.role(request) != "create":
            return request
        if self.used.setdefault(key, request.body) == request.body:
            return request
        headers = {k: v for k, v in request.headers.items() if k != "idempotency-key"}
        return replace(request, headers=headers)


@dataclass
class DeleteDoesNotDelete(Fault):
    """Says 204 for an existing object but keeps it."""

    async def answer(self, request: Request, call: Call) -> Reply:
        if self.role(request) != "delete":
            return await call(request)
        found = await call(replace(request, method="GET", body=b""))
        return Reply(204, [], b"") if found.status == 200 else found


@dataclass
class CreateDoesNotStore(Fault):
    """Answers 201 with the new object, then forgets it."""

    async def answer(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        route = self.route(request)
        body = reply.json()
        if route and route.role == "create" and reply.status == 201 and isinstance(body, dict):
            path = item_path(route.resource, str(body["id"]))
            await call(replace(request, method="DELETE", path=path, body=b""))
        return reply


@dataclass
class UpdateNotStored(Fault):
    """Answers the update as if applied, then puts the old values back."""

    async def answer(self, request: Request, call: Call) -> Reply:
        route = self.route(request)
        if route is None or route.role != "update" or route.operation.body is None:
            return await call(request)
        before = (await call(replace(request, method="GET", body=b""))).json()
        reply = await call(request)
        if reply.status == 200 and isinstance(before, dict):
            names = [f.name for f in route.operation.body.fields]
            restore = {name: before[name] for name in names if name in before}
            await call(request.with_json(restore))
        return reply


@dataclass
class IgnoreQuery(Fault):
    """The list ignores some query parameters (a filter, the page size, the cursors)."""

    names: tuple[str, ...] = ()

    def rewrite(self, request: Request) -> Request:
        return request.without(*self.names) if self.role(request) == "list" else request


@dataclass
class HasMoreWhenPageFull(Fault):
    """The classic off-by-one: has_more whenever the page is full."""

    def reshape(self, request: Request, reply: Reply) -> Reply:
        route = self.route(request)
        body = reply.json()
        if route and route.role == "list" and reply.status == 200 and isinstance(body, dict):
            page = route.operation.pagination
            assert page is not None and page.limit_param is not None
            limit_param = route.operation.parameter(page.limit_param)
            default = limit_param.default if limit_param else 10
            limit = int(dict(request.query).get(page.limit_param, str(default)))
            body[page.has_more_field] = len(body[page.items_field]) == limit
            return reply.with_json(body)
        return reply


@dataclass
class OldestFirst(Fault):
    def reshape(self, request: Request, reply: Reply) -> Reply:
        route = self.route(request)
        body = reply.json()
        if route and route.role == "list" and reply.status == 200 and isinstance(body, dict):
            body[_items_field(route)].reverse()
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
class GetIgnoresOwner(Fault):
    """Only the read of one object leaks: any account can get any object by id."""

    def rewrite(self, request: Request) -> Request:
        other = request.headers.get("authorization") == f"Bearer {OTHER_TOKEN}"
        if other and self.role(request) == "get":
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
    """An out-of-range page size is quietly clamped instead of refused."""

    def rewrite(self, request: Request) -> Request:
        route = self.route(request)
        if route is None or route.role != "list" or route.operation.pagination is None:
            return request
        name = route.operation.pagination.limit_param
        parameter = route.operation.parameter(name or "")
        assert parameter is not None
        low, high = parameter.constraints.minimum or 1, parameter.constraints.maximum or 100
        query = []
        for key, value in request.query:
            if key == name and value.lstrip("-").isdigit() and not low <= int(value) <= high:
                value = str(int(high) if int(value) > high else int(low))
            query.append((key, value))
        return replace(request, query=query)


# -- bounds and defaults --------------------------------------------------------------------------


@dataclass
class PageSizeRewrite(Fault):
    """The page size the server uses is not the one the spec says: `change(asked)` gives the
    size served (asked is None when the request names none)."""

    change: Callable[[int | None], int | None] = field(default=lambda asked: asked)

    def rewrite(self, request: Request) -> Request:
        route = self.route(request)
        if route is None or route.role != "list" or route.operation.pagination is None:
            return request
        name = route.operation.pagination.limit_param or ""
        given = dict(request.query).get(name)
        asked = int(given) if given is not None and given.isdigit() else None
        if given is not None and asked is None:
            return request  # not a number: the server refuses it as it should
        served = self.change(asked)
        if served == asked:
            return request
        query = request.without(name).query + ([(name, str(served))] if served is not None else [])
        return replace(request, query=query)


@dataclass
class RefusePageSize(Fault):
    """An off-by-one in validation: the largest page size is refused."""

    size: int = 100

    async def answer(self, request: Request, call: Call) -> Reply:
        route = self.route(request)
        page = route.operation.pagination if route and route.role == "list" else None
        if page is not None and dict(request.query).get(page.limit_param or "") == str(self.size):
            message = f"{page.limit_param} must be below {self.size}."
            return json_reply(400, {"type": "invalid_request", "message": message})
        return await call(request)


@dataclass
class WrongDefault(Fault):
    """A new object's attribute starts at `value`, not at its declared default."""

    attribute: str = ""
    value: Any = None

    async def answer(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        route = self.route(request)
        body = reply.json()
        if (
            route is None
            or route.role != "create"
            or reply.status != 201
            or not isinstance(body, dict)
        ):
            return reply
        given = request.json()
        if not isinstance(given, dict):
            given = dict(parse_qsl(request.body.decode("utf-8", "replace")))
        if self.attribute in given:
            return reply
        path = item_path(route.resource, str(body["id"]))
        method = route.resource.operation("update")
        assert method is not None
        updated = await call(
            replace(request, path=path, raw_query=b"", query=[]).with_json(
                {self.attribute: self.value}, method=method.http_method
            )
        )
        return (
            replace(updated, status=201, headers=reply.headers) if updated.status == 200 else reply
        )


# -- values that must not change ------------------------------------------------------------------


@dataclass
class AssignedRewrittenOnUpdate(Fault):
    """An update stamps an assigned attribute again (e.g. the creation time becomes the time of
    the update), and every later read shows the new value."""

    attribute: str = "created_at"
    stamped: dict[str, Any] = field(default_factory=dict)

    def reshape(self, request: Request, reply: Reply) -> Reply:
        route = self.route(request)
        if route is not None and route.role == "update" and reply.status == 200 and route.object_id:
            self.stamped[route.object_id] = int(time.time())

        def restamp(item: dict[str, Any]) -> None:
            if item.get("id") in self.stamped:
                item[self.attribute] = self.stamped[item["id"]]

        return _with_objects(self, request, reply, restamp)


@dataclass
class IdChangesOnUpdate(Fault):
    """The update's answer carries a new id."""

    def reshape(self, request: Request, reply: Reply) -> Reply:
        if self.role(request) != "update":
            return reply
        return _with_objects(self, request, reply, lambda body: body.update(id=body["id"][::-1]))


@dataclass
class PartialUpdateResets(Fault):
    """An update treats attributes left out as their defaults (a full replace, not a partial
    update)."""

    def rewrite(self, request: Request) -> Request:
        route = self.route(request)
        body = request.json()
        if route is None or route.role != "update" or route.operation.body is None:
            return request
        if not isinstance(body, dict) or not body:
            return request
        assert route.resource.model is not None
        model = self.api.model(route.resource.model)
        for f in route.operation.body.fields:
            attribute = model.field(f.name)
            if f.name not in body and attribute is not None:
                if attribute.has_default:
                    body[f.name] = attribute.default
                elif attribute.nullable:
                    body[f.name] = None
        return request.with_json(body)


@dataclass
class ZeroIsNull(Fault):
    """A number 0 in an update is taken for "no value" (a falsy check), and stored as null."""

    def rewrite(self, request: Request) -> Request:
        body = request.json()
        if self.role(request) != "update" or not isinstance(body, dict):
            return request
        if not any(v == 0 and not isinstance(v, bool) for v in body.values()):
            return request
        return request.with_json(
            {k: None if v == 0 and not isinstance(v, bool) else v for k, v in body.items()}
        )


# -- error types ----------------------------------------------------------------------------------


@dataclass
class ErrorTypeSwapped(Fault):
    """An error of status `status` carries the other `type`."""

    status: int = 404
    error_type: str = "api_error"

    def reshape(self, request: Request, reply: Reply) -> Reply:
        body = reply.json()
        if reply.status == self.status and isinstance(body, dict):
            return reply.with_json({**body, "type": self.error_type})
        return reply


@dataclass
class ServerErrorAsInvalidRequest(Fault):
    """A 500 on the largest page, whose body says the caller is at fault."""

    size: int = 100

    async def answer(self, request: Request, call: Call) -> Reply:
        route = self.route(request)
        page = route.operation.pagination if route and route.role == "list" else None
        if page is not None and dict(request.query).get(page.limit_param or "") == str(self.size):
            return json_reply(500, {"type": "invalid_request", "message": "Too many."})
        return await call(request)


# -- exact matching -------------------------------------------------------------------------------


# (parameter, the text the query gave it, its filter, the object's value) -> is the object kept?
Matcher = Callable[[str, str, Filter, Any], bool]


@dataclass
class EmulatedList(Fault):
    """Lists computed here instead of by the server, with the filters matched by `matches`
    (the server answers everything else, and refuses what it refuses)."""

    matches: Matcher = field(default=lambda param, text, rule, value: True)

    async def answer(self, request: Request, call: Call) -> Reply:
        route = self.route(request)
        reply = await call(request)
        if route is None or route.role != "list" or reply.status != 200:
            return reply
        page = route.operation.pagination
        assert page is not None and page.limit_param is not None
        limit_param = route.operation.parameter(page.limit_param)
        assert limit_param is not None and limit_param.constraints.maximum is not None
        biggest = str(int(limit_param.constraints.maximum))
        everything: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:  # every object of the account, in the server's order, unfiltered
            query = [(page.limit_param, biggest)] + ([(page.after_param, cursor)] if cursor else [])
            part = (
                await call(replace(request, query=query, raw_query=urlencode(query).encode()))
            ).json()
            everything += part[page.items_field]
            if not part[page.has_more_field]:
                break
            cursor = part[page.items_field][-1][page.cursor_field]
        asked = dict(request.query)
        filters = {p.name: p.filter for p in route.operation.filters}
        kept = [
            item
            for item in everything
            if all(
                self.matches(name, text, rule, item.get(rule.attribute))
                for name, text in asked.items()
                if (rule := filters.get(name)) is not None
            )
        ]
        size = int(asked.get(page.limit_param, str(limit_param.default)))
        ids = [item[page.cursor_field] for item in kept]
        if page.after_param in asked:
            start = ids.index(asked[page.after_param]) + 1 if asked[page.after_param] in ids else 0
            chosen, more = kept[start : start + size], len(kept) > start + size
        elif page.before_param and page.before_param in asked:
            end = ids.index(asked[page.before_param]) if asked[page.before_param] in ids else 0
            chosen, more = kept[max(0, end - size) : end], end - size > 0
        else:
            chosen, more = kept[:size], len(kept) > size
        return reply.with_json({page.items_field: chosen, page.has_more_field: more})


def exact(text: str, rule: Filter, value: Any) -> bool:
    """What the spec says: is-set keeps set (or null) values; equals keeps equal ones; contains
    the arrays holding the value; since what is at or after it, before what is before it."""
    if rule.match == "is-set":
        return (value is not None) == (text == "true")
    if rule.match == "contains":
        return isinstance(value, list) and any(
            exact(text, replace(rule, match="equals"), v) for v in value
        )
    if rule.match in ("since", "before"):
        return _window(rule.match, text, value, boundary_inside=rule.match == "since")
    if isinstance(value, bool):
        return text == ("true" if value else "false")
    return text == str(value)


def _point(value: Any) -> float | None:
    """A number, or an RFC 3339 date-time as seconds since the epoch; None if neither."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(str(value).upper()).timestamp()
    except ValueError:
        return None


def _window(match: str, text: str, value: Any, *, boundary_inside: bool) -> bool:
    """`since` keeps what lies after the bound, `before` what lies before it; the bound itself
    only with `boundary_inside`."""
    at, bound = _point(value), _point(text)
    if at is None or bound is None:
        return False
    if at == bound:
        return boundary_inside
    return at > bound if match == "since" else at < bound


def contains_as_text(param_name: str) -> Matcher:
    """`contains` searched in the array's text (`LIKE '%value%'`): any item holding the value
    as a substring, in any case, is kept."""

    def matches(param: str, text: str, rule: Filter, value: Any) -> bool:
        if param == param_name:
            return isinstance(value, list) and any(text.lower() in str(v).lower() for v in value)
        return exact(text, rule, value)

    return matches


def window_boundary_off(param_name: str) -> Matcher:
    """The window's boundary on the wrong side: `since` leaves out what is exactly at its
    value, `before` keeps it."""

    def matches(param: str, text: str, rule: Filter, value: Any) -> bool:
        if param == param_name:
            return _window(rule.match, text, value, boundary_inside=rule.match == "before")
        return exact(text, rule, value)

    return matches


def window_reversed(param_name: str) -> Matcher:
    """`since` keeps what lies before its value and `before` what lies after it."""

    def matches(param: str, text: str, rule: Filter, value: Any) -> bool:
        if param == param_name:
            other = "before" if rule.match == "since" else "since"
            return _window(other, text, value, boundary_inside=other == "since")
        return exact(text, rule, value)

    return matches


def window_as_text(param_name: str) -> Matcher:
    """Date-times compared as text, not as instants (`...T05:05:06+01:00` sorts after
    `...T04:05:06Z`, the same instant)."""

    def matches(param: str, text: str, rule: Filter, value: Any) -> bool:
        if param == param_name and isinstance(value, str):
            return value >= text if rule.match == "since" else value < text
        return exact(text, rule, value)

    return matches


def prefix_match(param_name: str, length: int) -> Matcher:
    """`param_name` compares only the first `length` characters (a column cut short)."""

    def matches(param: str, text: str, rule: Filter, value: Any) -> bool:
        if param == param_name:
            return isinstance(value, str) and value[:length] == text[:length]
        return exact(text, rule, value)

    return matches


def case_insensitive(param_name: str) -> Matcher:
    def matches(param: str, text: str, rule: Filter, value: Any) -> bool:
        if param == param_name:
            return isinstance(value, str) and value.lower() == text.lower()
        return exact(text, rule, value)

    return matches


def inverted_is_set(param_name: str) -> Matcher:
    def matches(param: str, text: str, rule: Filter, value: Any) -> bool:
        if param == param_name:
            return (value is None) == (text == "true")
        return exact(text, rule, value)

    return matches


@dataclass
class FilterIgnoredWhenCombined(Fault):
    """With more than one filter, only the first one given is applied."""

    def rewrite(self, request: Request) -> Request:
        route = self.route(request)
        if route is None or route.role != "list":
            return request
        filters = [p.name for p in route.operation.filters]
        given = [k for k, _ in request.query if k in filters]
        return request.without(*given[1:]) if len(given) > 1 else request


# -- answers that are not answers -----------------------------------------------------------------


@dataclass
class BrokenMidWalk(Fault):
    """From the `after`-th list page asked for with a cursor on, the page is cut short: JSON
    that ends halfway (or, with `html`, a proxy's HTML 502)."""

    after: int = 2
    html: bool = False
    seen: int = 0

    def reshape(self, request: Request, reply: Reply) -> Reply:
        route = self.route(request)
        page = route.operation.pagination if route and route.role == "list" else None
        if page is None or not any(k in page.cursor_params for k, _ in request.query):
            return reply
        self.seen += 1
        if self.seen < self.after:
            return reply
        if self.html:
            return Reply(
                502, [("content-type", "text/html")], b"<html><body>Bad Gateway</body></html>"
            )
        return replace(reply, body=reply.body[: len(reply.body) // 2])


@dataclass
class Html502Sometimes(Fault):
    """Every `every`-th request gets a proxy's HTML 502, from the `start`-th request on."""

    every: int = 7
    start: int = 40
    count: int = 0

    async def answer(self, request: Request, call: Call) -> Reply:
        self.count += 1
        if self.count >= self.start and self.count % self.every == 0:
            return Reply(502, [("content-type", "text/html")], b"<html>502 Bad Gateway</html>")
        return await call(request)


@dataclass
class GetAnswers204(Fault):
    """Reading one object answers 204 with no body where 200 with the object is due."""

    def reshape(self, request: Request, reply: Reply) -> Reply:
        return Reply(204, [], b"") if self.role(request) == "get" and reply.status == 200 else reply


@dataclass
class ItemsWithoutCursor(Fault):
    """Listed objects come without their cursor attribute."""

    def reshape(self, request: Request, reply: Reply) -> Reply:
        route = self.route(request)
        if route is None or route.role != "list" or route.operation.pagination is None:
            return reply
        cursor = route.operation.pagination.cursor_field
        return _with_objects(self, request, reply, lambda item: item.pop(cursor, None))


# -- relations between resources (found through the model's relation vocabulary) --------------


def model_of(api: Api, resource: Resource) -> Model | None:
    return api.model(resource.model) if resource.model else None


def resource_named(api: Api, name: str) -> Resource:
    return next(r for r in api.resources if r.name == name)


def named_ids(value: Any) -> list[Any]:
    """The ids an attribute's value names (objects shown in their place by their id)."""
    values = value if isinstance(value, list) else [] if value is None else [value]
    return [v.get("id") if isinstance(v, dict) else v for v in values]


async def list_all(call: Call, resource: Resource, authorization: str) -> list[dict[str, Any]]:
    """Every object of the account's list of `resource`, page after page."""
    listing = resource.operation("list")
    if listing is None or listing.pagination is None:
        return []
    page = listing.pagination
    limit = listing.parameter(page.limit_param or "")
    size = int(limit.constraints.maximum or 100) if limit else 100
    found: list[dict[str, Any]] = []
    query = [(page.limit_param, str(size))] if page.limit_param else []
    while True:
        reply = await call(
            Request("GET", listing.path, query, {"authorization": authorization}, b"")
        )
        body = reply.json()
        if reply.status != 200 or not isinstance(body, dict):
            return found
        items = [i for i in body.get(page.items_field, []) if isinstance(i, dict)]
        found += items
        if not body.get(page.has_more_field) or not items:
            return found
        query = [q for q in query if q[0] != page.after_param]
        query.append((page.after_param, str(items[-1][page.cursor_field])))


def referrers_of(api: Api, target: Resource, on_delete: str) -> list[tuple[Resource, Field]]:
    """(resource, attribute) pairs whose attribute refers to `target` with this onDelete."""
    found = []
    for resource in api.resources:
        model = model_of(api, resource)
        for f in model.fields if model else ():
            reference = f.reference
            if reference and reference.resource == target.name and reference.on_delete == on_delete:
                found.append((resource, f))
    return found


@dataclass
class ReferenceNotChecked(Fault):
    """An id a create or update gives that is not one of the account's objects is taken as one
    of the account's (any object of that resource): a reference never checked. With
    `foreign_only`, only ids of another account's objects are let through so."""

    foreign_only: bool = False

    async def rewrite_ids(self, request: Request, call: Call) -> Request:
        route = self.route(request)
        body = request.json()
        if route is None or route.role not in ("create", "update") or not isinstance(body, dict):
            return request
        model = model_of(self.api, route.resource)
        authorization = request.headers.get("authorization", "")
        other = f"Bearer {OTHER_TOKEN if authorization == f'Bearer {OWNER_TOKEN}' else OWNER_TOKEN}"
        for f in model.fields if model else ():
            target_name = (
                f.reference.resource if f.reference else f.inverse.resource if f.inverse else None
            )
            if target_name is None or body.get(f.name) is None:
                continue
            target = resource_named(self.api, target_name)
            ids = body[f.name] if isinstance(body[f.name], list) else [body[f.name]]
            kept = []
            for object_id in ids:
                path = item_path(target, str(object_id))
                mine = await call(Request("GET", path, [], {"authorization": authorization}, b""))
                if mine.status == 200:
                    kept.append(object_id)
                    continue
                theirs = await call(Request("GET", path, [], {"authorization": other}, b""))
                if self.foreign_only and theirs.status != 200:
                    kept.append(object_id)
                    continue
                objects = await list_all(call, target, authorization)
                if objects:
                    kept.append(objects[-1]["id"])
            body[f.name] = kept if isinstance(body[f.name], list) else (kept or [None])[0]
        return request.with_json(body)

    async def answer(self, request: Request, call: Call) -> Reply:
        return await call(await self.rewrite_ids(request, call))


@dataclass
class CascadeMissing(Fault):
    """Deleting an object leaves what `onDelete: cascade` should have deleted: each such
    referrer is still served by get (as it was) after the delete."""

    ghosts: dict[str, bytes] = field(default_factory=dict)

    async def answer(self, request: Request, call: Call) -> Reply:
        route = self.route(request)
        if route is not None and route.role == "delete" and route.object_id is not None:
            authorization = request.headers.get("authorization", "")
            doomed = {}
            for resource, f in referrers_of(self.api, route.resource, "cascade"):
                for item in await list_all(call, resource, authorization):
                    if route.object_id in named_ids(item.get(f.name)):
                        doomed[item_path(resource, str(item["id"]))] = json.dumps(item).encode()
            reply = await call(request)
            if 200 <= reply.status < 300:
                self.ghosts.update({f"{authorization} {p}": b for p, b in doomed.items()})
            return reply
        reply = await call(request)
        key = f"{request.headers.get('authorization', '')} {request.path}"
        if route is not None and route.role == "get" and reply.status == 404 and key in self.ghosts:
            return json_reply(200, json.loads(self.ghosts[key]))
        return reply


@dataclass
class CascadeTooMuch(Fault):
    """Deleting an object also deletes a referrer that named another object: the first one the
    referrer's list shows."""

    async def answer(self, request: Request, call: Call) -> Reply:
        route = self.route(request)
        reply = await call(request)
        if route is None or route.role != "delete" or not 200 <= reply.status < 300:
            return reply
        authorization = request.headers.get("authorization", "")
        for resource, f in referrers_of(self.api, route.resource, "cascade"):
            for item in await list_all(call, resource, authorization):
                named = named_ids(item.get(f.name))
                if named and route.object_id not in named:
                    path = item_path(resource, str(item["id"]))
                    await call(Request("DELETE", path, [], {"authorization": authorization}, b""))
                    return reply
        return reply


@dataclass
class TouchFrozen(Fault):
    """The attributes a new referrer should move (`touch`) never move: they stay null."""

    def reshape(self, request: Request, reply: Reply) -> Reply:
        route = self.route(request)
        if route is None:
            return reply
        touched = {
            f.reference.touch
            for model in self.api.models
            for f in model.fields
            if f.reference and f.reference.touch and f.reference.resource == route.resource.name
        }
        if not touched:
            return reply

        def freeze(body: dict[str, Any]) -> None:
            for name in touched:
                if name in body:
                    body[name] = None

        return _with_objects(self, request, reply, freeze)


@dataclass
class IdsInPlaceOfObjects(Fault):
    """Where the schema promises objects (embedded references, inverse lists), the answers
    hold their ids."""

    def reshape(self, request: Request, reply: Reply) -> Reply:
        route = self.route(request)
        model = model_of(self.api, route.resource) if route else None
        if model is None:
            return reply
        shown = [
            f.name
            for f in model.fields
            if (f.reference is not None and f.reference.embedded) or f.inverse is not None
        ]

        def flatten(body: dict[str, Any]) -> None:
            for name in shown:
                value = body.get(name)
                if isinstance(value, list):
                    body[name] = named_ids(value)
                elif isinstance(value, dict):
                    body[name] = value.get("id")

        return _with_objects(self, request, reply, flatten)


def upload_resources(api: Api) -> list[tuple[Resource, Model]]:
    """The resources whose objects are read from an uploaded file."""
    found = []
    for resource in api.resources:
        model = model_of(api, resource)
        if model is not None and any(f.file for f in model.fields):
            found.append((resource, model))
    return found


@dataclass
class UploadBytesDiffer(Fault):
    """A file's URL serves its bytes with the last one changed."""

    def reshape(self, request: Request, reply: Reply) -> Reply:
        for resource, _ in upload_resources(self.api):
            prefix = item_path(resource, "")
            served = request.path.startswith(prefix) and request.path.count("/") > prefix.count("/")
            if served and self.route(request) is None and reply.status == 200 and reply.body:
                body = reply.body[:-1] + bytes([reply.body[-1] ^ 0xFF])
                return Reply(reply.status, reply.headers, body)
        return reply


@dataclass
class UploadSizeDiffers(Fault):
    """The size an object read from an upload says is one byte more than the file's."""

    def reshape(self, request: Request, reply: Reply) -> Reply:
        route = self.route(request)
        model = model_of(self.api, route.resource) if route else None
        sizes = [f.name for f in model.fields if f.file == "size"] if model else []

        def grow(body: dict[str, Any]) -> None:
            for name in sizes:
                if isinstance(body.get(name), int):
                    body[name] += 1

        return _with_objects(self, request, reply, grow) if sizes else reply


@dataclass
class SizeLimitNotEnforced(Fault):
    """A file over the declared maximum is accepted (its first bytes kept) instead of 413."""

    def rewrite(self, request: Request) -> Request:
        route = self.route(request)
        content_type = request.headers.get("content-type", "")
        if route is None or route.role != "create" or "boundary=" not in content_type:
            return request
        model = model_of(self.api, route.resource)
        sizes = [f.constraints.maximum for f in (model.fields if model else ()) if f.file == "size"]
        if not sizes or sizes[0] is None or len(request.body) <= sizes[0]:
            return request
        boundary = content_type.split("boundary=", 1)[1].strip('"').encode()
        head, _, rest = request.body.partition(b"\r\n\r\n")
        end = rest.rfind(b"\r\n--" + boundary)
        body = head + b"\r\n\r\n" + rest[: min(16, end)] + rest[end:]
        return replace(request, body=body)


@dataclass
class RefusalIgnored(Fault):
    """A delete the server refuses (409: something still names the object) is answered 204,
    and nothing is deleted."""

    def reshape(self, request: Request, reply: Reply) -> Reply:
        if self.role(request) == "delete" and reply.status == 409:
            return Reply(204, [], b"")
        return reply


@dataclass
class RefusedUpdateStoresValidPart(Fault):
    """An update refused as a whole (400) still stores each attribute that alone is valid."""

    async def answer(self, request: Request, call: Call) -> Reply:
        route = self.route(request)
        body = request.json()
        reply = await call(request)
        if route is None or route.role != "update" or reply.status != 400:
            return reply
        if not isinstance(body, dict) or len(body) < 2:
            return reply
        for name, value in body.items():
            await call(request.with_json({name: value}))
        return reply


# -- real deployments -----------------------------------------------------------------------------


@dataclass
class RequiresKnownReferences(Fault):
    """Like a real server: a create or update naming an object that does not exist (an id of
    `attributes` outside `known`) is refused with 400."""

    attributes: tuple[str, ...] = ()
    known: frozenset[str] = frozenset()

    async def answer(self, request: Request, call: Call) -> Reply:
        if self.role(request) not in ("create", "update"):
            return await call(request)
        body = request.json()
        if not isinstance(body, dict):
            body = dict(parse_qsl(request.body.decode("utf-8", "replace")))
        for name in self.attributes:
            value = body.get(name)
            if value not in (None, "null") and value not in self.known:
                message = f"{name}: no object has the id {value!r}."
                return json_reply(400, {"type": "invalid_request", "message": message})
        return await call(request)


_VALID_AUTHORIZATION = {f"Bearer {OWNER_TOKEN}", f"Bearer {OTHER_TOKEN}"}


@dataclass
class RateLimitedSometimes(Fault):
    """Every `every`-th request is refused with 429 and a Retry-After, alternately in seconds
    and as an HTTP date, at most `most` times."""

    every: int = 25
    most: int = 4
    count: int = 0
    refused: int = 0

    async def answer(self, request: Request, call: Call) -> Reply:
        # Per account, as rate limiters are: a request without a valid token is not counted
        # (schemathesis' authentication checks would otherwise meet a 429 where they need a
        # 401, depending on where the count happens to fall).
        if request.headers.get("authorization") not in _VALID_AUTHORIZATION:
            return await call(request)
        self.count += 1
        if self.count % self.every == 0 and self.refused < self.most:
            self.refused += 1
            wait = "1" if self.refused % 2 else formatdate(time.time() + 1, usegmt=True)
            body = {"type": "api_error", "message": "Slow down."}
            return json_reply(429, body, headers=[("retry-after", wait)])
        return await call(request)


@dataclass
class StopsAnswering(Fault):
    """The server goes away for good after `after` requests (connections refused)."""

    after: int = 60
    count: int = 0

    async def answer(self, request: Request, call: Call) -> Reply:
        self.count += 1
        if self.count >= self.after:
            self.stop()
            return Reply(503, [("content-type", "text/plain"), ("connection", "close")], b"bye")
        return await call(request)


class FaultyApp:
    """The reference application behind one fault."""

    def __init__(self, app: Asgi, fault: Fault, api: Api) -> None:
        self.app = app
        self.fault = fault
        fault.bind(api)

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
        if isinstance(reply, Streamed):
            await reply.play(send)
            return
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
                # The client stays until the answer is sent, as over a real connection (a
                # streamed answer, a file say, stops at the first disconnect it hears).
                await asyncio.Event().wait()
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


# -- webhooks ------------------------------------------------------------------------------


class NoDelivery(Fault):
    """Deliveries are never sent (and look done)."""

    def deliver(self, attempt: Attempt, post: Post, timeout: float) -> int:
        return 204


class DeleteEventMissing(Fault):
    def deliver(self, attempt: Attempt, post: Post, timeout: float) -> int:
        if self.event_type("deleted") in attempt.body:
            return 204
        return post(attempt, timeout)


class UpdateSentAsCreate(Fault):
    """An update's event carries the create's type."""

    def deliver(self, attempt: Attempt, post: Post, timeout: float) -> int:
        updated, created = self.event_type("updated"), self.event_type("created")
        if updated in attempt.body:
            attempt = self.signed(attempt, attempt.body.replace(updated, created))
        return post(attempt, timeout)


class StalePayload(Fault):
    """Every event of an object carries the object as its first event showed it."""

    first: dict[bytes, bytes]

    def deliver(self, attempt: Attempt, post: Post, timeout: float) -> int:
        first = self.__dict__.setdefault("first", {})
        event = next(e for e in self.api.webhook_events)
        body = json.loads(attempt.body)
        payload = body[event.payload]
        key = json.dumps(payload[self.api.resource(event.resource).id_attribute]).encode()
        if key in first:
            body[event.payload] = json.loads(first[key])
            attempt = self.signed(attempt, json.dumps(body).encode())
        else:
            first[key] = json.dumps(payload).encode()
        return post(attempt, timeout)


class Unsigned(Fault):
    def deliver(self, attempt: Attempt, post: Post, timeout: float) -> int:
        signing = self.api.webhook_signing
        assert signing is not None
        headers = {k: v for k, v in attempt.headers.items() if k != signing.signature_header}
        return post(replace(attempt, headers=headers), timeout)


class SignedWithAnotherKey(Fault):
    def deliver(self, attempt: Attempt, post: Post, timeout: float) -> int:
        self.webhook_key, key = b"not-the-secret", self.webhook_key
        try:
            return post(self.signed(attempt, attempt.body), timeout)
        finally:
            self.webhook_key = key


class RedeliveryWithNewId(Fault):
    """A retry is sent as a new event: another id, the same change."""

    def deliver(self, attempt: Attempt, post: Post, timeout: float) -> int:
        seen: set[str] = self.__dict__.setdefault("seen", set())
        if attempt.event_id in seen:
            new_id = attempt.event_id[::-1]
            old, new = json.dumps(attempt.event_id).encode(), json.dumps(new_id).encode()
            attempt = self.signed(attempt, attempt.body.replace(old, new, 1), new_id)
        seen.add(attempt.event_id)
        return post(attempt, timeout)
