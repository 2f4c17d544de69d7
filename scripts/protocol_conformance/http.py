"""The scenario's HTTP client: every exchange carries the curl line that reproduces it,
requests are paced (RATE_LIMIT, or `auto`: unlimited until 429s appear), `429 Too Many
Requests` is waited out (as its `Retry-After` says, else with a growing pause) and retried, and
TLS uses the CA bundle and client certificate given. A server's answer is never trusted: it is
read within TIMEOUT as a whole and MAX_RESPONSE_BYTES (`protocol_conformance.guard`), and a body
that is not JSON is kept as text, never raised.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import shlex
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpcore
import httpx

from protocol_conformance.errors import ConformanceError
from protocol_conformance.guard import (
    Limits,
    Refusal,
    RunOver,
    Watch,
    decode_json,
    read_whole,
    talking_on,
    too_slow,
    whole_answer_within,
)

__all__ = [
    "AUTO_FIRST_INTERVAL",
    "AUTO_LONGEST_INTERVAL",
    "AUTO_RECOVERY",
    "FIRST_PAUSE",
    "KEPT_TEXT",
    "LONGEST_PAUSE",
    "MAX_429_RETRIES",
    "MAX_RETRY_AFTER",
    "ApiClient",
    "BrokenAnswer",
    "Credential",
    "Exchange",
    "JsonObject",
    "Pacer",
    "RateLimitedTooLong",
    "RateLimits",
    "ServerUnreachable",
    "TransportFailure",
    "TransportOptions",
    "Upload",
    "guarded_transport",
    "pause_after_429",
    "retry_after_seconds",
    "socket_of",
]

JsonObject = dict[str, Any]

# A 429 is retried at most this many times, and never waits longer than this per answer.
MAX_429_RETRIES = 5
MAX_RETRY_AFTER = 60.0
# A 429 without a usable Retry-After: wait this long, doubling each time up to the maximum.
FIRST_PAUSE, LONGEST_PAUSE = 1.0, 8.0
# RATE_LIMIT=auto: each 429 doubles the pause between requests (from this), up to the longest;
# after this many answers without one, the pause shrinks again.
AUTO_FIRST_INTERVAL, AUTO_LONGEST_INTERVAL, AUTO_RECOVERY = 0.05, 5.0, 50
# Text of an answer kept for failure messages; the decoded body is what checks read.
KEPT_TEXT = 4096


@dataclass(frozen=True)
class Upload:
    """A `multipart/form-data` body of one file: its part's name, the file's name, its media
    type and its bytes."""

    part: str
    filename: str
    media_type: str
    data: bytes

    def encoded(self) -> tuple[str, bytes]:
        """(Content-Type, body), with a boundary drawn from the bytes (the same every time)."""
        boundary = "conformance-" + hashlib.sha256(self.data).hexdigest()[:32]
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{self.part}"; filename="{self.filename}"\r\n'
            f"Content-Type: {self.media_type}\r\n\r\n"
        ).encode()
        body = head + self.data + f"\r\n--{boundary}--\r\n".encode()
        return f"multipart/form-data; boundary={boundary}", body

    def curl_option(self) -> str:
        return "-F " + shlex.quote(f"{self.part}=@{self.filename};type={self.media_type}")


class TransportFailure(ConformanceError):
    """No usable answer came back; the message ends with the curl line."""


class ServerUnreachable(TransportFailure):
    """Connection refused or reset, or no answer in time."""


class BrokenAnswer(TransportFailure):
    """The server started answering and broke off (e.g. a body shorter than its Content-Length),
    or its answer was beyond a bound (too slow as a whole, too large, too deeply nested)."""

    def __init__(self, message: str, refusal: Refusal | None = None) -> None:
        super().__init__(message)
        self.refusal = refusal


class RateLimitedTooLong(TransportFailure):
    """Every retry got another 429: the answer cannot be judged."""


@dataclass(frozen=True)
class TransportOptions:
    """How to reach the server: per-request timeout, pacing, and TLS material."""

    timeout: float = 10.0
    rate_limit: float | None = None  # requests per second, None: as fast as answers come
    rate_auto: bool = False  # RATE_LIMIT=auto: unlimited until 429s appear, then slower
    limits: Limits = field(default_factory=Limits)
    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None

    def ssl_context(self) -> ssl.SSLContext:
        """The TLS settings for https URLs (the system's CAs unless a bundle is given)."""
        context = ssl.create_default_context(cafile=str(self.ca_bundle) if self.ca_bundle else None)
        if self.client_cert is not None:
            context.load_cert_chain(
                str(self.client_cert), str(self.client_key) if self.client_key else None
            )
        return context

    def curl_options(self) -> list[str]:
        options = []
        if self.ca_bundle is not None:
            options += ["--cacert", shlex.quote(str(self.ca_bundle))]
        if self.client_cert is not None:
            options += ["--cert", shlex.quote(str(self.client_cert))]
        if self.client_key is not None:
            options += ["--key", shlex.quote(str(self.client_key))]
        return options


class Pacer:
    """Spaces requests at least 1/rate seconds apart; shared by every part of one run. With
    `auto`, it starts unlimited, doubles the pause at each 429 and eases off after a while
    without one."""

    def __init__(self, rate: float | None, *, auto: bool = False) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self.auto = auto
        self._calm = 0  # answers since the last 429
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            time.sleep(start - now)

    def answered(self, status: int) -> None:
        """RATE_LIMIT=auto: slow down at a 429, speed up again after many answers without."""
        if not self.auto:
            return
        with self._lock:
            if status == 429:
                self._calm = 0
                self.interval = min(
                    max(self.interval * 2, AUTO_FIRST_INTERVAL), AUTO_LONGEST_INTERVAL
                )
            elif self.interval:
                self._calm += 1
                if self._calm >= AUTO_RECOVERY:
                    self._calm = 0
                    self.interval = (
                        self.interval / 2 if self.interval > AUTO_FIRST_INTERVAL else 0.0
                    )


@dataclass
class RateLimits:
    """How many 429 answers the run waited out, and for how long in all."""

    honoured: int = 0
    waited: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def note(self, seconds: float) -> None:
        with self._lock:
            self.honoured += 1
            self.waited += seconds


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """`Retry-After` as seconds to wait (delay-seconds or an HTTP-date), None if unusable."""
    if not value:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        seconds = moment.timestamp() - (time.time() if now is None else now)
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def pause_after_429(retry_after: str | None, attempt: int) -> float:
    """How long to wait before retrying a 429: its Retry-After, else a pause that doubles."""
    wait = retry_after_seconds(retry_after)
    if wait is not None:
        return wait
    return min(FIRST_PAUSE * 2.0**attempt, LONGEST_PAUSE)


@dataclass(frozen=True)
class Credential:
    """A token and the name of the environment variable that holds it in curl lines."""

    token: str
    variable: str  # "TOKEN" or "OTHER_TOKEN": curl lines say "$TOKEN", never the secret
    basic: bool = False  # sent as HTTP Basic (the token as password), not as a bearer token

    @property
    def header(self) -> str:
        if self.basic:
            return "Basic " + base64.b64encode(f"conformance:{self.token}".encode()).decode()
        return f"Bearer {self.token}"

    @property
    def curl_option(self) -> str:
        # Double quotes so the shell expands the variable; the secret itself is never printed.
        if self.basic:
            return f'-u "conformance:${self.variable}"'
        return f'-H "Authorization: Bearer ${self.variable}"'


@dataclass(frozen=True)
class Exchange:
    """One request and the server's answer, as it came."""

    operation: str  # e.g. "GET /things/{id}": where findings about it are reported
    method: str
    url: str
    curl: str
    status: int
    headers: httpx.Headers
    text: str
    body: Any  # decoded JSON, or None when the body is empty or not JSON
    json_problem: str | None = None  # why a non-empty body could not be read as JSON
    length: int = 0  # the body's length in bytes
    sha256: str = ""  # the hex SHA-256 of the body's bytes (bodies read whole are compared so)
    sent_as: str | None = None  # the credential's variable ("TOKEN"), None when anonymous
    # The attributes the request's body named (JSON or form), for checks that need to know
    # what was asked; None without such a body.
    sent_attributes: frozenset[str] | None = None

    @property
    def content_type(self) -> str:
        value: str = self.headers.get("content-type", "")
        return value.split(";")[0].strip().lower()

    def describe(self) -> str:
        """The status and body, short enough for a failure message."""
        text = self.text if len(self.text) <= 600 else self.text[:600] + "…"
        # On one line: a line break the server sent cannot start a line of the report.
        text = text.replace("\r", "\\r").replace("\n", "\\n")
        return f"{self.status} {text}".rstrip()


class ApiClient:
    """Sends requests to one server; every exchange goes through `send`."""

    def __init__(
        self,
        base_url: str,
        options: TransportOptions,
        *,
        pacer: Pacer | None = None,
        rate_limits: RateLimits | None = None,
        watch: Watch | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.options = options
        self.pacer = pacer or Pacer(options.rate_limit, auto=options.rate_auto)
        self.rate_limits = rate_limits or RateLimits()
        self.watch = watch or Watch(options.limits)
        verify: ssl.SSLContext | bool = (
            options.ssl_context() if self.base_url.startswith("https:") else True
        )
        self._client = httpx.Client(
            timeout=options.timeout, follow_redirects=False, transport=guarded_transport(verify)
        )
        self.requests_sent = 0

    def close(self) -> None:
        self._client.close()

    def send(
        self,
        operation: str,
        method: str,
        path: str,
        credential: Credential | None,
        *,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
        form: list[tuple[str, str]] | None = None,
        raw: tuple[str, str] | None = None,  # (content type, text)
        headers: Mapping[str, str] | None = None,
        upload: Upload | None = None,  # a file, as multipart/form-data
    ) -> Exchange:
        url = self.base_url + path
        if params:
            url += "?" + urlencode(list(params.items()))
        sent_headers: dict[str, str] = dict(headers or {})
        if credential is not None:
            sent_headers["Authorization"] = credential.header
        content: str | bytes | None = None
        if upload is not None:
            sent_headers["Content-Type"], content = upload.encoded()
        elif json_body is not None:
            content = json.dumps(json_body)
            sent_headers["Content-Type"] = "application/json"
        elif form is not None:
            content = urlencode(form)
            sent_headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif raw is not None:
            sent_headers["Content-Type"], content = raw
        curl = self._curl(method, url, sent_headers, content, credential, upload)
        for attempt in range(MAX_429_RETRIES + 1):
            status, response_headers, body = self._request(method, url, sent_headers, content, curl)
            if status != 429:
                break
            # A rate limit belongs to the deployment, not the API: wait it out, never judge it.
            wait = pause_after_429(response_headers.get("retry-after"), attempt)
            if attempt == MAX_429_RETRIES:
                raise RateLimitedTooLong(
                    f"{method} {url} was still answered 429 after {MAX_429_RETRIES} retries; "
                    f"lower RATE_LIMIT (or set RATE_LIMIT=auto).\n{curl}"
                )
            self.rate_limits.note(wait)
            time.sleep(wait)
        exchange = _exchange(
            operation, method, url, curl, status, response_headers, body, self.options.limits
        )
        named = (
            frozenset(json_body)
            if isinstance(json_body, dict)
            else frozenset(name for name, _ in form)
            if form is not None
            else None
        )
        return replace(
            exchange, sent_as=credential.variable if credential else None, sent_attributes=named
        )

    def curl(self, method: str, path: str, credential: Credential | None) -> str:
        """The curl line of a request without a body (for requests not sent)."""
        headers = {"Authorization": credential.header} if credential else {}
        return self._curl(method, self.base_url + path, headers, None, credential)

    def _request(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        content: str | bytes | None,
        curl: str,
    ) -> tuple[int, httpx.Headers, bytes]:
        """One request, its answer (headers and body) read whole within the time left for it
        (TIMEOUT, or less near DEADLINE) and MAX_RESPONSE_BYTES."""
        self.watch.check()
        self.pacer.wait()
        self.requests_sent += 1
        what = f"{method} {url}"
        seconds = self.watch.time_for_answer()
        with whole_answer_within(seconds) as fired:
            try:
                request = self._client.build_request(
                    method, url, headers=headers, content=content, timeout=seconds
                )
                response = self._client.send(request, stream=True)
            except (httpx.ConnectError, httpx.ProxyError) as exc:
                raise ServerUnreachable(f"{what} failed: {exc}.\n{curl}") from exc
            except httpx.HTTPError as exc:
                if fired.is_set() or isinstance(exc, httpx.TimeoutException):
                    slow = too_slow(self.watch, what)
                    if isinstance(slow, RunOver):
                        raise slow from None
                    raise ServerUnreachable(f"{slow}\n{curl}") from exc
                raise BrokenAnswer(
                    f"{what}: the answer broke off ({type(exc).__name__}: {exc}).\n{curl}"
                ) from exc
            try:
                talking_on(socket_of(response))
                body = read_whole(
                    response.iter_bytes(),
                    fired=fired,
                    watch=self.watch,
                    what=what,
                    errors=(httpx.HTTPError,),
                )
            except Refusal as exc:
                raise BrokenAnswer(f"{exc}\n{curl}", exc) from exc
            finally:
                response.close()
        self.pacer.answered(response.status_code)
        return response.status_code, response.headers, body

    def _curl(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        content: str | bytes | None,
        credential: Credential | None,
        upload: Upload | None = None,
    ) -> str:
        parts = ["curl", "-sS", "-i", "-X", method, shlex.quote(url), *self.options.curl_options()]
        for name, value in headers.items():
            if credential is not None and name == "Authorization":
                parts.append(credential.curl_option)
            elif upload is None or name != "Content-Type":  # curl -F writes its own
                parts += ["-H", shlex.quote(f"{name}: {value}")]
        if upload is not None:
            parts.append(upload.curl_option())
        elif isinstance(content, str):
            parts += ["--data-raw", shlex.quote(content)]
        return " ".join(parts)


def socket_of(response: httpx.Response) -> socket.socket | None:
    """The socket an answer comes over (None when httpx does not say)."""
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    return sock if isinstance(sock, socket.socket) else None


class _TrackedStream(httpcore.NetworkStream):
    """A connection that tells `guard` which socket this thread waits on, each time it sends."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        talking_on(self._inner.get_extra_info("socket"))
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _TrackedStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _TrackedBackend(httpcore.SyncBackend):
    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        return _TrackedStream(
            super().connect_tcp(host, port, timeout, local_address, socket_options)
        )


def guarded_transport(verify: ssl.SSLContext | bool) -> httpx.HTTPTransport:
    """httpx's transport, its connections telling `guard` their sockets (so that a server
    that trickles its headers is cut off at TIMEOUT too)."""
    transport = httpx.HTTPTransport(verify=verify)
    # httpx takes no network backend; its pool is made again with ours (httpx is pinned).
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(verify=verify),
        network_backend=_TrackedBackend(),
        max_connections=100,
        max_keepalive_connections=20,
        keepalive_expiry=5.0,
    )
    return transport


def _exchange(
    operation: str,
    method: str,
    url: str,
    curl: str,
    status: int,
    headers: httpx.Headers,
    content: bytes,
    limits: Limits,
) -> Exchange:
    body: Any = None
    problem = None
    if content:
        try:
            body = decode_json(content, limits, f"{method} {url}")
        except Refusal as exc:
            raise BrokenAnswer(f"{exc}\n{curl}", exc) from exc
        except ValueError as exc:
            problem = f"not JSON ({exc})"
    # Only the start of the text is kept: failure messages show at most that much.
    text = content[:KEPT_TEXT].decode("utf-8", errors="replace")
    return Exchange(
        operation=operation,
        method=method,
        url=url,
        curl=curl,
        status=status,
        headers=headers,
        text=text,
        body=body,
        json_problem=problem,
        length=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
