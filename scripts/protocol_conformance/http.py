"""The scenario's HTTP client: every exchange is remembered with the curl line that reproduces
it, requests are paced (RATE_LIMIT), `429 Too Many Requests` is waited out as its `Retry-After`
says, and TLS uses the CA bundle and client certificate given. A server's answer is never
trusted to be well formed: a body that is not JSON is kept as text, never raised.
"""

from __future__ import annotations

import base64
import json
import math
import shlex
import ssl
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

JsonObject = dict[str, Any]

# A 429 is retried at most this many times, and never waits longer than this per answer.
MAX_429_RETRIES = 5
MAX_RETRY_AFTER = 60.0


class TransportFailure(Exception):
    """No usable answer came back; the message ends with the curl line."""


class ServerUnreachable(TransportFailure):
    """Connection refused or reset, or no answer in time."""


class BrokenAnswer(TransportFailure):
    """The server started answering and broke off (e.g. a body shorter than its Content-Length)."""


@dataclass(frozen=True)
class TransportOptions:
    """How to reach the server: per-request timeout, pacing, and TLS material."""

    timeout: float = 10.0
    rate_limit: float | None = None  # requests per second, None: as fast as answers come
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
    """Spaces requests at least 1/rate seconds apart; shared by every part of one run."""

    def __init__(self, rate: float | None) -> None:
        self.interval = 1.0 / rate if rate else 0.0
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
    sent_as: str | None = None  # the credential's variable ("TOKEN"), None when anonymous

    @property
    def content_type(self) -> str:
        value: str = self.headers.get("content-type", "")
        return value.split(";")[0].strip().lower()

    def describe(self) -> str:
        """The status and body, short enough for a failure message."""
        text = self.text if len(self.text) <= 600 else self.text[:600] + "…"
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
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.options = options
        self.pacer = pacer or Pacer(options.rate_limit)
        self.rate_limits = rate_limits or RateLimits()
        verify: ssl.SSLContext | bool = (
            options.ssl_context() if self.base_url.startswith("https:") else True
        )
        self._client = httpx.Client(timeout=options.timeout, follow_redirects=False, verify=verify)
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
    ) -> Exchange:
        url = self.base_url + path
        if params:
            url += "?" + urlencode(list(params.items()))
        sent_headers: dict[str, str] = dict(headers or {})
        if credential is not None:
            sent_headers["Authorization"] = credential.header
        content: str | None = None
        if json_body is not None:
            content = json.dumps(json_body)
            sent_headers["Content-Type"] = "application/json"
        elif form is not None:
            content = urlencode(form)
            sent_headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif raw is not None:
            sent_headers["Content-Type"], content = raw
        curl = self._curl(method, url, sent_headers, content, credential)
        for attempt in range(MAX_429_RETRIES + 1):
            response = self._request(method, url, sent_headers, content, curl)
            wait = retry_after_seconds(response.headers.get("retry-after"))
            if response.status_code != 429 or wait is None or attempt == MAX_429_RETRIES:
                break
            # The server asked us to slow down and said for how long: that is not a finding.
            self.rate_limits.note(wait)
            time.sleep(wait)
        exchange = _exchange(operation, method, url, curl, response)
        return replace(exchange, sent_as=credential.variable if credential else None)

    def curl(self, method: str, path: str, credential: Credential | None) -> str:
        """The curl line of a request without a body (for requests not sent)."""
        headers = {"Authorization": credential.header} if credential else {}
        return self._curl(method, self.base_url + path, headers, None, credential)

    def _request(
        self, method: str, url: str, headers: dict[str, str], content: str | None, curl: str
    ) -> httpx.Response:
        self.pacer.wait()
        self.requests_sent += 1
        try:
            return self._client.request(method, url, headers=headers, content=content)
        except httpx.TimeoutException as exc:
            raise ServerUnreachable(
                f"{method} {url} got no answer in time ({exc}).\n{curl}"
            ) from exc
        except (httpx.ConnectError, httpx.ProxyError) as exc:
            raise ServerUnreachable(f"{method} {url} failed: {exc}.\n{curl}") from exc
        except httpx.HTTPError as exc:
            raise BrokenAnswer(
                f"{method} {url}: the answer broke off ({type(exc).__name__}: {exc}).\n{curl}"
            ) from exc

    def _curl(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        content: str | None,
        credential: Credential | None,
    ) -> str:
        parts = ["curl", "-sS", "-i", "-X", method, shlex.quote(url), *self.options.curl_options()]
        for name, value in headers.items():
            if credential is not None and name == "Authorization":
                parts.append(credential.curl_option)
            else:
                parts += ["-H", shlex.quote(f"{name}: {value}")]
        if content is not None:
            parts += ["--data-raw", shlex.quote(content)]
        return " ".join(parts)


def _exchange(
    operation: str, method: str, url: str, curl: str, response: httpx.Response
) -> Exchange:
    text = response.content.decode("utf-8", errors="replace")
    body: Any = None
    problem = None
    if response.content:
        try:
            body = json.loads(response.content)
        except (ValueError, RecursionError) as exc:
            problem = f"not JSON ({exc})"
    return Exchange(
        operation=operation,
        method=method,
        url=url,
        curl=curl,
        status=response.status_code,
        headers=response.headers,
        text=text,
        body=body,
        json_problem=problem,
    )
