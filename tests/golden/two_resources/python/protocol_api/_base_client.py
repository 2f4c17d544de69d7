# Generated from tests/fixtures/specs/two_resources.yaml + templates/python/_base_client.py.jinja. Do not edit.
"""The HTTP machinery under every resource: auth, timeouts, retries, bodies, errors, parsing.

The retry policy (which requests and statuses are retried, how long to wait) and the media
policy (how bodies and files are sent, how answers are read) are rendered from the generator's
one declaration of them, shared by the TypeScript and PHP clients.
"""

from __future__ import annotations

import email.utils
import json
import os
import random
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast, overload
from urllib.parse import quote, urlencode

import anyio
import httpx
import pydantic
from pydantic_core import to_jsonable_python

from ._auth import Credentials, Security, Sent, cookie_header, path_param, query_pairs, simple_value
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    status_error_class,
)
from ._response import APIResponse, raw_response
from ._types import FileInput, Omit

if TYPE_CHECKING:
    from ._pagination import AsyncPage, PageSpec, SyncPage

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "AsyncAPIClient",
    "AsyncAPIResource",
    "Call",
    "SyncAPIClient",
    "SyncAPIResource",
    "path_param",
    "read_file",
    "retry_delay",
]

DEFAULT_MAX_RETRIES = 2
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
INITIAL_RETRY_DELAY = 0.5  # seconds; doubled on every retry
MAX_RETRY_DELAY = 8.0
RETRY_JITTER = 0.25  # a backoff delay is shortened at random by up to this fraction
MAX_RETRY_AFTER = 60.0  # a longer Retry-After is not waited for: the error is raised
RETRY_STATUSES = frozenset({408, 409, 429})  # and every 5xx
DEFAULT_FILE_NAME = "upload"  # a file part's name when the file has none
DEFAULT_FILE_MEDIA_TYPE = "application/octet-stream"  # when neither caller nor name tell
# A file's media type from its name's extension (the same table in every client).
MEDIA_TYPES = {
    "csv": "text/csv",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "gif": "image/gif",
    "gz": "application/gzip",
    "htm": "text/html",
    "html": "text/html",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "json": "application/json",
    "md": "text/markdown",
    "mov": "video/quicktime",
    "mp3": "audio/mpeg",
    "mp4": "video/mp4",
    "pdf": "application/pdf",
    "png": "image/png",
    "svg": "image/svg+xml",
    "txt": "text/plain",
    "wav": "audio/wav",
    "webp": "image/webp",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xml": "application/xml",
    "zip": "application/zip",
}

T = TypeVar("T")
ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)
SyncPageT = TypeVar("SyncPageT", bound="SyncPage[Any]")
AsyncPageT = TypeVar("AsyncPageT", bound="AsyncPage[Any]")
Query = Mapping[str, object]
Timeout = float | httpx.Timeout


@dataclass(frozen=True)
class Call:
    """One operation's request, as a resource method describes it, with the per-call options."""

    method: str
    path: str
    query: Query | None = None
    # The body's attributes (a mapping), or the whole body (`whole`: an array, text, a file).
    body: object = None
    # How it travels: "json", "multipart", "form", "text" or "binary", as `content_type`;
    # `files` are the attributes that are files (multipart parts with a file name).
    encoding: str = "json"
    content_type: str = "application/json"
    files: tuple[str, ...] = ()
    whole: bool = False
    # The success response's declared media types.
    accept: str = "application/json"
    # Header and cookie parameters by wire name; `styles`: the `style` and `explode` of each
    # parameter that is not sent as its location's default (query and cookie: `form`, exploded;
    # header: `simple`).
    headers: Query | None = None
    cookies: Query | None = None
    styles: Mapping[str, tuple[str, bool]] = field(default_factory=dict)
    # The security requirements' alternatives; () when the operation needs no credentials.
    security: Security = ()
    # Safe to send twice (an idempotent method, or an idempotency key): retried.
    retry_safe: bool = False
    # The header carrying the idempotency key, for operations that declare one; a fresh key is
    # drawn when the caller gives none, and the same key goes with every retry.
    idempotency_header: str | None = None
    idempotency_key: str | None = None
    extra_headers: Mapping[str, str] = field(default_factory=dict)
    timeout: Timeout | None = None
    max_retries: int | None = None


def retry_delay(attempt: int, response: httpx.Response | None) -> float | None:
    """Seconds to wait before retry number `attempt` (0 for the first retry), or None when the
    server asked, with Retry-After, for a longer wait than MAX_RETRY_AFTER: then no retry.

    Retry-After (seconds or an HTTP date) is waited for exactly; without it, exponential
    backoff capped at MAX_RETRY_DELAY, shortened at random by up to RETRY_JITTER.
    """
    if response is not None:
        after = _retry_after_seconds(response.headers.get("retry-after"))
        if after is not None:
            return after if after <= MAX_RETRY_AFTER else None
    backoff = min(INITIAL_RETRY_DELAY * 2.0**attempt, MAX_RETRY_DELAY)
    return backoff * (1 - RETRY_JITTER * random.random())


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return None
    return max(seconds, 0.0)


def _retries(response: httpx.Response) -> bool:
    return response.status_code in RETRY_STATUSES or response.status_code >= 500


def _without_omitted(values: Mapping[str, object]) -> dict[str, object]:
    return {key: value for key, value in values.items() if not isinstance(value, Omit)}


def _form_text(value: object) -> str:
    """A value as a form or a multipart text part writes it: strings as they are, booleans
    `true`/`false`, null as `null`, anything else as JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(to_jsonable_python(value), ensure_ascii=False, separators=(",", ":"))


def _form_pairs(values: Mapping[str, object], files: tuple[str, ...]) -> list[tuple[str, object]]:
    """An array is its name repeated, once per item (a file's tuple is one file)."""
    pairs: list[tuple[str, object]] = []
    for key, value in _without_omitted(values).items():
        if isinstance(value, list | tuple) and key not in files:
            pairs += [(key, item) for item in value]
        else:
            pairs.append((key, value))
    return pairs


def read_file(value: FileInput) -> tuple[str, bytes, str]:
    """A file argument as its part carries it: (file name, bytes, media type). Read whole, once,
    before the first attempt, so that every retry sends the same bytes."""
    name: str | None = None
    media_type: str | None = None
    content: object = value
    if isinstance(value, tuple):
        name, content = value[0], value[1]
        media_type = value[2] if len(value) > 2 else None
    if isinstance(content, bytes | bytearray | memoryview):
        data = bytes(content)
    elif isinstance(content, os.PathLike):
        path = Path(content)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise APIError(f"Cannot read the file {str(path)!r}: {error.strerror}.") from error
        name = name or path.name
    elif hasattr(content, "read"):
        read = content.read()
        if not isinstance(read, bytes):
            raise APIError(
                f"The file object {content!r} gives text; open it in binary mode ('rb')."
            )
        data = read
        found = getattr(content, "name", None)
        name = name or (os.path.basename(found) if isinstance(found, str) else None)
    else:
        hint = " (for a path, pass pathlib.Path(...))" if isinstance(content, str) else ""
        raise APIError(
            f"{type(content).__name__} is not a file{hint}: pass a path, bytes or a file "
            "opened with 'rb', or a (filename, content[, media_type]) tuple."
        )
    name = name or DEFAULT_FILE_NAME
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    media_type = media_type or MEDIA_TYPES.get(extension, DEFAULT_FILE_MEDIA_TYPE)
    return name, data, media_type


def _quoted(text: str) -> str:
    """A name in a Content-Disposition, escaped as browsers do (quote, CR and LF)."""
    return text.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def _multipart(call: Call, values: Mapping[str, object]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    chunks: list[bytes] = []
    for key, value in _form_pairs(values, call.files):
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{_quoted(key)}"'
        if key in call.files:
            name, data, media_type = read_file(cast(FileInput, value))
            head += f'; filename="{_quoted(name)}"\r\nContent-Type: {media_type}'
        else:
            data = _form_text(value).encode()
        chunks += [head.encode() + b"\r\n\r\n", data, b"\r\n"]
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"{call.content_type}; boundary={boundary}"


def _encode_body(call: Call) -> tuple[bytes, str] | None:
    """The body's bytes and Content-Type as the operation declares them; None for no body."""
    body = call.body
    if body is None and not call.whole or isinstance(body, Omit):
        return None
    if call.encoding == "text":
        return str(body).encode(), call.content_type
    if call.encoding == "binary":
        _, data, media_type = read_file(cast(FileInput, body))
        return data, media_type if "*" in call.content_type else call.content_type
    if call.encoding == "json":
        value = body if call.whole else _without_omitted(cast(Mapping[str, object], body))
        document = json.dumps(
            to_jsonable_python(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False
        )
        return document.encode(), call.content_type
    values = cast(Mapping[str, object], body)
    if call.encoding == "form":
        pairs = [(key, _form_text(value)) for key, value in _form_pairs(values, ())]
        return urlencode(pairs).encode(), call.content_type
    return _multipart(call, values)


def _status_error(response: httpx.Response) -> APIStatusError:
    try:
        body: object = response.json()
    except ValueError:
        body = None
    return status_error_class(response.status_code)(response, body)


def _parser(cast_to: type[T] | None) -> Callable[[httpx.Response], T | None]:
    """How a response becomes the call's result: its model, its bytes (a download), its text,
    or None for an empty body."""

    def parse(response: httpx.Response) -> T | None:
        if cast_to is None:
            return None
        if cast_to is bytes:
            return cast(T, response.content)
        if cast_to is str:
            return cast(T, response.text)
        model = cast(type[pydantic.BaseModel], cast_to)
        try:
            return cast(T, model.model_validate_json(response.content))
        except pydantic.ValidationError as error:
            raise APIResponseValidationError(response, str(error)) from error

    return parse


class _BaseClient:
    """Configuration shared by the sync and async clients."""

    base_url: str
    max_retries: int
    timeout: Timeout
    _http_class: type[httpx.Client | httpx.AsyncClient]
    _token_lock_class: type[threading.Lock | anyio.Lock]

    def __init__(
        self,
        credentials: Mapping[str, str | None],
        *,
        base_url: str | None,
        timeout: Timeout,
        max_retries: int,
        default_base_url: str,
        base_url_env: str,
        user_agent: str,
        http_client: httpx.Client | httpx.AsyncClient | None,
    ) -> None:
        self._credentials = Credentials(credentials)
        self.base_url = (base_url or os.environ.get(base_url_env) or default_base_url).rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self._headers = {
            "Accept": "application/json",
            "User-Agent": user_agent,
        }
        # Each subclass names its httpx client class (sync or async); the rest is shared.
        # Credentials go with each request, so a client given here (or shared by
        # with_options) needs no configuration of its own.
        self._http = http_client or self._http_class()
        # Held while an OAuth2 token is fetched, so that calls made at once share one fetch.
        self._token_lock = self._token_lock_class()

    def with_options(
        self,
        *,
        base_url: str | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> Self:
        """A copy of this client with other defaults; it shares this client's connections."""
        # The generated subclasses take each credential and `http_client` by name.
        make: Callable[..., Self] = type(self)
        return make(
            **self._credentials.values,
            base_url=base_url or self.base_url,
            timeout=timeout if timeout is not None else self.timeout,
            max_retries=max_retries if max_retries is not None else self.max_retries,
            http_client=self._http,
        )

    def _build_request(
        self, http: httpx.Client | httpx.AsyncClient, call: Call, sent: Sent
    ) -> httpx.Request:
        """The request, its body built whole: each retry sends these same bytes again."""
        params = query_pairs(call.query or {}, call.styles) + sent.query
        headers = {
            name: simple_value(value, call.styles.get(name, ("simple", False))[1])
            for name, value in _without_omitted(call.headers or {}).items()
        }
        headers.update(sent.headers)
        cookies = cookie_header({**(call.cookies or {}), **sent.cookies})
        if cookies:
            headers["Cookie"] = cookies
        headers = {**self._headers, "Accept": call.accept, **headers, **call.extra_headers}
        encoded = _encode_body(call)
        if encoded is not None:
            headers["Content-Type"] = encoded[1]
        if call.idempotency_header is not None:
            headers[call.idempotency_header] = call.idempotency_key or str(uuid.uuid4())
        timeout = call.timeout if call.timeout is not None else self.timeout
        # Spaces as %20, not `+`: a `spaceDelimited` value must read back as spaces.
        query = urlencode(params, quote_via=quote)
        return http.build_request(
            call.method,
            self.base_url + call.path + (f"?{query}" if query else ""),
            content=encoded[0] if encoded is not None else None,
            headers=headers,
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
        )

    def _schemes(self, call: Call) -> tuple[str, ...]:
        """The schemes applied to the call (the first alternative the client can fulfil)."""
        return self._credentials.choose(call.security, f"{call.method} {call.path}")

    def _keep_token(self, scheme: str, response: httpx.Response) -> None:
        if response.is_error:
            raise _status_error(response)
        self._credentials.keep_token(scheme, response)

    def _retries_for(self, call: Call) -> int:
        if not call.retry_safe:
            return 0
        return call.max_retries if call.max_retries is not None else self.max_retries

    def _result(self, response: httpx.Response, parse: Callable[[httpx.Response], T]) -> T:
        """The parsed result, or under `with_raw_response` the APIResponse that parses it."""
        if response.is_error:
            raise _status_error(response)
        if raw_response.get():
            return APIResponse(response, parse)  # type: ignore[return-value]
        return parse(response)


class SyncAPIClient(_BaseClient):
    _http: httpx.Client
    _http_class = httpx.Client
    _token_lock: threading.Lock
    _token_lock_class = threading.Lock

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @overload
    def request(self, call: Call, cast_to: type[ModelT]) -> ModelT: ...

    @overload
    def request(self, call: Call, cast_to: type[bytes]) -> bytes: ...

    @overload
    def request(self, call: Call, cast_to: type[str]) -> str: ...

    @overload
    def request(self, call: Call, cast_to: None) -> None: ...

    def request(self, call: Call, cast_to: type[Any] | None) -> Any:
        request = self._build_request(self._http, call, self._authenticate(call))
        response = self._send(request, self._retries_for(call))
        return self._result(response, _parser(cast_to))

    def request_page(self, page_type: type[SyncPageT], call: Call, spec: PageSpec) -> SyncPageT:
        request = self._build_request(self._http, call, self._authenticate(call))
        response = self._send(request, self._retries_for(call))

        def parse(response: httpx.Response) -> SyncPageT:
            envelope = _parser(spec.envelope)(response)
            return page_type(client=self, call=call, spec=spec, envelope=envelope)

        return self._result(response, parse)

    def _authenticate(self, call: Call) -> Sent:
        """The credentials of the call, fetching an OAuth2 token first when one is due."""
        schemes = self._schemes(call)
        for scheme in schemes:
            if self._credentials.token_request(scheme, self.base_url) is None:
                continue
            with self._token_lock:  # another thread may have fetched it meanwhile
                token_request = self._credentials.token_request(scheme, self.base_url)
                if token_request is not None:
                    self._keep_token(scheme, self._send(token_request, self.max_retries))
        return self._credentials.apply(schemes)

    def _send(self, request: httpx.Request, retries: int) -> httpx.Response:
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
                if attempt >= retries or not _retries(response):
                    return response
            delay = retry_delay(attempt, response)
            if delay is None:
                assert response is not None
                return response
            time.sleep(delay)
            attempt += 1


class AsyncAPIClient(_BaseClient):
    _http: httpx.AsyncClient
    _http_class = httpx.AsyncClient
    _token_lock: anyio.Lock
    _token_lock_class = anyio.Lock

    async def close(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @overload
    async def request(self, call: Call, cast_to: type[ModelT]) -> ModelT: ...

    @overload
    async def request(self, call: Call, cast_to: type[bytes]) -> bytes: ...

    @overload
    async def request(self, call: Call, cast_to: type[str]) -> str: ...

    @overload
    async def request(self, call: Call, cast_to: None) -> None: ...

    async def request(self, call: Call, cast_to: type[Any] | None) -> Any:
        request = self._build_request(self._http, call, await self._authenticate(call))
        response = await self._send(request, self._retries_for(call))
        return self._result(response, _parser(cast_to))

    async def request_page(
        self, page_type: type[AsyncPageT], call: Call, spec: PageSpec
    ) -> AsyncPageT:
        request = self._build_request(self._http, call, await self._authenticate(call))
        response = await self._send(request, self._retries_for(call))

        def parse(response: httpx.Response) -> AsyncPageT:
            envelope = _parser(spec.envelope)(response)
            return page_type(client=self, call=call, spec=spec, envelope=envelope)

        return self._result(response, parse)

    async def _authenticate(self, call: Call) -> Sent:
        """The credentials of the call, fetching an OAuth2 token first when one is due."""
        schemes = self._schemes(call)
        for scheme in schemes:
            if self._credentials.token_request(scheme, self.base_url) is None:
                continue
            async with self._token_lock:  # another task may have fetched it meanwhile
                token_request = self._credentials.token_request(scheme, self.base_url)
                if token_request is not None:
                    self._keep_token(scheme, await self._send(token_request, self.max_retries))
        return self._credentials.apply(schemes)

    async def _send(self, request: httpx.Request, retries: int) -> httpx.Response:
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
                if attempt >= retries or not _retries(response):
                    return response
            delay = retry_delay(attempt, response)
            if delay is None:
                assert response is not None
                return response
            await anyio.sleep(delay)
            attempt += 1


class SyncAPIResource:
    """Base of the generated resources: holds the client whose requests they make."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class AsyncAPIResource:
    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client
