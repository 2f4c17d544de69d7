"""A small HTTP client for the semantic scenario: it remembers each exchange so that a failure can
show the curl command that reproduces it, and counts the requests it sends."""

from __future__ import annotations

import base64
import json
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

JsonObject = dict[str, Any]


class ServerUnreachable(Exception):
    """The server stopped answering (connection refused, reset, or timed out) mid-run."""


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
    """One request and the server's answer."""

    method: str
    url: str
    curl: str
    status: int
    headers: httpx.Headers
    text: str
    body: Any  # decoded JSON, or None when the body is empty or not JSON

    @property
    def operation(self) -> str:
        path = httpx.URL(self.url).path
        template = "/v1/conversations/{id}" if path.count("/") > 2 else "/v1/conversations"
        return f"{self.method} {template}"

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

    def __init__(self, base_url: str, *, timeout: float) -> None:
        self.base_url = base_url.rstrip("/")
        self._client = httpx.Client(timeout=timeout, follow_redirects=False)
        self.requests_sent = 0

    def close(self) -> None:
        self._client.close()

    def send(
        self,
        method: str,
        path: str,
        credential: Credential | None,
        *,
        params: Mapping[str, str | int] | None = None,
        json_body: Any = None,
        form: list[tuple[str, str]] | None = None,
        raw: tuple[str, str] | None = None,  # (content type, text)
        headers: Mapping[str, str] | None = None,
    ) -> Exchange:
        url = self.base_url + path
        if params:
            url += "?" + urlencode([(key, str(value)) for key, value in params.items()])
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
        curl = _curl(method, url, sent_headers, content, credential)
        self.requests_sent += 1
        try:
            response = self._client.request(method, url, headers=sent_headers, content=content)
        except httpx.TimeoutException as exc:
            raise ServerUnreachable(
                f"{method} {url} got no answer in time ({exc}).\n{curl}"
            ) from exc
        except httpx.TransportError as exc:
            raise ServerUnreachable(f"{method} {url} failed: {exc}.\n{curl}") from exc
        try:
            body: Any = response.json() if response.content else None
        except ValueError:
            body = None
        return Exchange(
            method=method,
            url=url,
            curl=curl,
            status=response.status_code,
            headers=response.headers,
            text=response.text,
            body=body,
        )


def _curl(
    method: str,
    url: str,
    headers: Mapping[str, str],
    content: str | None,
    credential: Credential | None,
) -> str:
    parts = ["curl", "-sS", "-i", "-X", method, shlex.quote(url)]
    for name, value in headers.items():
        if credential is not None and name == "Authorization":
            parts.append(credential.curl_option)
        else:
            parts += ["-H", shlex.quote(f"{name}: {value}")]
    if content is not None:
        parts += ["--data-raw", shlex.quote(content)]
    return " ".join(parts)
