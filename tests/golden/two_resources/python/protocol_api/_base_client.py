# Generated from tests/fixtures/specs/two_resources.yaml + templates/python/_base_client.py.jinja. Do not edit.
"""The HTTP machinery under every resource: auth, timeouts, retries, errors, parsing."""

from __future__ import annotations

import email.utils
import os
import random
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, overload
from urllib.parse import quote

import anyio
import httpx
import pydantic
from pydantic_core import to_jsonable_python

from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    status_error_class,
)
from ._types import Omit

if TYPE_CHECKING:
    from ._pagination import AsyncPage, SyncPage

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "AsyncAPIClient",
    "AsyncAPIResource",
    "SyncAPIClient",
    "SyncAPIResource",
    "path_param",
    "retry_delay",
]

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5  # seconds; doubled on every retry
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0  # a longer Retry-After is not honoured; backoff applies instead
RETRYABLE_STATUSES = frozenset({408, 429})

ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)
SyncPageT = TypeVar("SyncPageT", bound="SyncPage[Any]")
AsyncPageT = TypeVar("AsyncPageT", bound="AsyncPage[Any]")
Query = Mapping[str, object]
Body = Mapping[str, object]


def path_param(value: object) -> str:
    """A path parameter, escaped so that `/` or `?` in an id cannot change the URL."""
    return quote(str(value), safe="")


def retry_delay(attempt: int, response: httpx.Response | None) -> float:
    """Seconds to wait before retry number `attempt` (0 for the first retry).

    The server's `Retry-After` (seconds or an HTTP date) wins when it is between 0 and 60
    seconds; otherwise exponential backoff with jitter, capped at MAX_RETRY_DELAY.
    """
    if response is not None:
        after = _retry_after_seconds(response.headers.get("retry-after"))
        if after is not None:
            return after
    backoff = min(INITIAL_RETRY_DELAY * 2.0**attempt, MAX_RETRY_DELAY)
    return backoff * (1 - 0.25 * random.random())


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = float(email.utils.parsedate_to_datetime(value).timestamp()) - time.time()
        except (TypeError, ValueError):
            return None
    return max(seconds, 0.0) if seconds <= MAX_RETRY_AFTER else None


def _should_retry(response: httpx.Response) -> bool:
    return response.status_code in RETRYABLE_STATUSES or response.status_code >= 500


def _without_omitted(values: Mapping[str, object]) -> dict[str, object]:
    return {key: value for key, value in values.items() if not isinstance(value, Omit)}


def _status_error(response: httpx.Response) -> APIStatusError:
    try:
        body: object = response.json()
    except ValueError:
        body = None
    return status_error_class(response.status_code)(response, body)


class _BaseClient:
    """Configuration shared by the sync and async clients."""

    base_url: str
    max_retries: int
    timeout: float | httpx.Timeout
    _http_class: type[httpx.Client | httpx.AsyncClient]

    def __init__(
        self,
        token: str | None,
        *,
        base_url: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        default_base_url: str,
        base_url_env: str,
        token_env: str,
        user_agent: str,
    ) -> None:
        token = token if token is not None else os.environ.get(token_env)
        if not token:
            raise APIError(
                f"No API token: pass it as the client's first argument or set {token_env}."
            )
        self._token = token
        self.base_url = (base_url or os.environ.get(base_url_env) or default_base_url).rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self._headers = {
            "Authorization": f"Bearer {token}",
            "Accept": "application/json",
            "User-Agent": user_agent,
        }
        # Each subclass names its httpx client class (sync or async); the rest is shared.
        self._http = self._http_class(timeout=timeout, headers=self._headers)

    def _build_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        method: str,
        path: str,
        query: Query | None,
        body: Body | None,
    ) -> httpx.Request:
        params = {key: _query_value(value) for key, value in _without_omitted(query or {}).items()}
        json = to_jsonable_python(_without_omitted(body)) if body is not None else None
        return http.build_request(method, self.base_url + path, params=params, json=json)

    def _parse(self, response: httpx.Response, cast_to: type[ModelT] | None) -> ModelT | None:
        if response.is_error:
            raise _status_error(response)
        if cast_to is None:
            return None
        try:
            return cast_to.model_validate_json(response.content)
        except pydantic.ValidationError as error:
            raise APIResponseValidationError(response, str(error)) from error


def _query_value(value: object) -> str:
    """Query strings spell booleans `true`/`false`, like the API's form bodies."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(to_jsonable_python(value))


class SyncAPIClient(_BaseClient):
    _http: httpx.Client
    _http_class = httpx.Client

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        query: Query | None = None,
        body: Body | None = None,
        idempotent: bool,
        cast_to: type[ModelT],
    ) -> ModelT: ...

    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        query: Query | None = None,
        body: Body | None = None,
        idempotent: bool,
        cast_to: None,
    ) -> None: ...

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Query | None = None,
        body: Body | None = None,
        idempotent: bool,
        cast_to: type[ModelT] | None,
    ) -> ModelT | None:
        request = self._build_request(self._http, method, path, query, body)
        response = self._send(request, retries=self.max_retries if idempotent else 0)
        return self._parse(response, cast_to)

    def request_page(
        self,
        page_type: type[SyncPageT],
        path: str,
        *,
        query: Query,
        idempotent: bool,
        envelope: type[pydantic.BaseModel],
    ) -> SyncPageT:
        parsed = self.request("GET", path, query=query, idempotent=idempotent, cast_to=envelope)
        return page_type(client=self, path=path, query=query, envelope=envelope, parsed=parsed)

    def _send(self, request: httpx.Request, *, retries: int) -> httpx.Response:
        attempt = 0
        while True:
            response: httpx.Response | None = None
            try:
                response = self._http.send(request)
            except httpx.TimeoutException as error:
                if attempt >= retries:
                    raise APITimeoutError(request) from error
            except httpx.TransportError as error:
                if attempt >= retries:
                    raise APIConnectionError(request) from error
            else:
                if attempt >= retries or not _should_retry(response):
                    return response
            time.sleep(retry_delay(attempt, response))
            attempt += 1


class AsyncAPIClient(_BaseClient):
    _http: httpx.AsyncClient
    _http_class = httpx.AsyncClient

    async def close(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Query | None = None,
        body: Body | None = None,
        idempotent: bool,
        cast_to: type[ModelT],
    ) -> ModelT: ...

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Query | None = None,
        body: Body | None = None,
        idempotent: bool,
        cast_to: None,
    ) -> None: ...

    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Query | None = None,
        body: Body | None = None,
        idempotent: bool,
        cast_to: type[ModelT] | None,
    ) -> ModelT | None:
        request = self._build_request(self._http, method, path, query, body)
        response = await self._send(request, retries=self.max_retries if idempotent else 0)
        return self._parse(response, cast_to)

    async def request_page(
        self,
        page_type: type[AsyncPageT],
        path: str,
        *,
        query: Query,
        idempotent: bool,
        envelope: type[pydantic.BaseModel],
    ) -> AsyncPageT:
        parsed = await self.request(
            "GET", path, query=query, idempotent=idempotent, cast_to=envelope
        )
        return page_type(client=self, path=path, query=query, envelope=envelope, parsed=parsed)

    async def _send(self, request: httpx.Request, *, retries: int) -> httpx.Response:
        attempt = 0
        while True:
            response: httpx.Response | None = None
            try:
                response = await self._http.send(request)
            except httpx.TimeoutException as error:
                if attempt >= retries:
                    raise APITimeoutError(request) from error
            except httpx.TransportError as error:
                if attempt >= retries:
                    raise APIConnectionError(request) from error
            else:
                if attempt >= retries or not _should_retry(response):
                    return response
            await anyio.sleep(retry_delay(attempt, response))
            attempt += 1


class SyncAPIResource:
    """Base of the generated resources: holds the client whose requests they make."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class AsyncAPIResource:
    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client
