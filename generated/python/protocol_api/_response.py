# Generated from spec/openapi.yaml + templates/python/_response.py.jinja. Do not edit.
"""Raw responses: `client.<resource>.with_raw_response.<method>(...)` returns the HTTP response
(status, headers) with the parsed result one `.parse()` away.

    response = client.<resource>.with_raw_response.get(object_id)
    print(response.status_code, response.headers["content-type"])
    found = response.parse()
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Awaitable, Callable
from typing import Generic, ParamSpec, TypeVar, cast

import httpx

__all__ = ["APIResponse", "async_to_raw_response_wrapper", "to_raw_response_wrapper"]

P = ParamSpec("P")
T = TypeVar("T")

# Set around one call made through `with_raw_response`: the client then hands back the
# APIResponse instead of parsing it (calls made later, such as the next page, parse as usual).
raw_response: contextvars.ContextVar[bool] = contextvars.ContextVar("raw_response", default=False)


class APIResponse(Generic[T]):
    """One successful HTTP response and how to parse it into the call's result."""

    def __init__(self, http_response: httpx.Response, parse: Callable[[httpx.Response], T]) -> None:
        self.http_response = http_response
        self._parse = parse
        self._parsed: list[T] = []

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    def parse(self) -> T:
        """The result the call returns without `with_raw_response` (parsed once)."""
        if not self._parsed:
            self._parsed.append(self._parse(self.http_response))
        return self._parsed[0]

    def __repr__(self) -> str:
        request = self.http_response.request
        return f"<APIResponse {self.status_code} {request.method} {request.url}>"


def to_raw_response_wrapper(method: Callable[P, T]) -> Callable[P, APIResponse[T]]:
    """The same method, returning its APIResponse."""

    @functools.wraps(method)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        token = raw_response.set(True)
        try:
            return cast(APIResponse[T], method(*args, **kwargs))
        finally:
            raw_response.reset(token)

    return wrapped


def async_to_raw_response_wrapper(
    method: Callable[P, Awaitable[T]],
) -> Callable[P, Awaitable[APIResponse[T]]]:
    """The same coroutine method, returning its APIResponse."""

    @functools.wraps(method)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[T]:
        token = raw_response.set(True)
        try:
            return cast(APIResponse[T], await method(*args, **kwargs))
        finally:
            raw_response.reset(token)

    return wrapped
