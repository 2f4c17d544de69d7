"""Before any fuzzing: is there a Protocol API at this URL at all, and does it know our token?

Each problem becomes one paragraph that says what happened and what to do, never a traceback.
"""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

import httpx

from protocol_conformance.errors import CannotTest

PROBE_PATH = "/v1/conversations"


class PreflightError(CannotTest):
    """The server cannot be tested; the message is the diagnosis for the user."""


def preflight(base_url: str, token: str, other_token: str | None, *, timeout: float) -> None:
    """Raise PreflightError with a diagnosis unless the server answers like a Protocol API."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PreflightError(
            f"BASE_URL {base_url!r} is not an http(s) URL. Give the server's root, for example "
            "BASE_URL=http://127.0.0.1:8000 (without /v1)."
        )
    if parts.path.rstrip("/").endswith("/v1"):
        raise PreflightError(
            f"BASE_URL {base_url!r} ends with /v1, but the spec's paths already start with /v1. "
            f"Give the server's root instead: {base_url.rstrip('/')[: -len('/v1')]}."
        )
    _probe(base_url, token, "TOKEN", timeout)
    if other_token is not None:
        if other_token == token:
            raise PreflightError(
                "OTHER_TOKEN is the same as TOKEN; the isolation checks need a second account. "
                "Give a token of another account, or leave OTHER_TOKEN unset to skip them."
            )
        _probe(base_url, other_token, "OTHER_TOKEN", timeout)


def _probe(base_url: str, token: str, variable: str, timeout: float) -> None:
    url = base_url.rstrip("/") + PROBE_PATH + "?limit=1"
    curl = f'curl -i "{url}" -H "Authorization: Bearer ${variable}"'
    try:
        response = httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=timeout)
    except httpx.ConnectError as exc:
        raise PreflightError(_connect_diagnosis(base_url, exc, curl)) from exc
    except httpx.TimeoutException as exc:
        raise PreflightError(
            f"The server at {base_url} accepted no connection or sent no answer within {timeout:g} s "
            f"(GET {PROBE_PATH}). It may be hanging, overloaded, or behind a firewall that drops "
            f"packets. Check it answers quickly with: {curl}"
        ) from exc
    except httpx.HTTPError as exc:
        raise PreflightError(
            f"Talking to {base_url} failed before any answer: {exc}. Is it an HTTP server on that "
            f"port (not TLS on an http:// URL, or the reverse)? Try: {curl}"
        ) from exc
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    snippet = " ".join(response.text[:160].split())
    if content_type != "application/json":
        raise PreflightError(
            f"The server at {base_url} answered GET {PROBE_PATH} with {response.status_code} and "
            f"Content-Type {content_type or '(none)'!r} ({snippet!r}), not JSON: this does not look "
            f"like a Protocol API. Check BASE_URL points at the API itself (not a web page, proxy "
            f"or login screen). Try: {curl}"
        )
    try:
        body = response.json()
    except ValueError:
        raise PreflightError(
            f"The server at {base_url} says its answer to GET {PROBE_PATH} is JSON, but it is not "
            f"({snippet!r}). Fix the server's output first. Try: {curl}"
        ) from None
    if response.status_code == 401:
        raise PreflightError(
            f"The server at {base_url} refused {variable} (401 on GET {PROBE_PATH}). Give a token "
            f"of an account on that server: {variable}=... . Try: {curl}"
        )
    if response.status_code != 200 or not isinstance(body, dict) or "data" not in body:
        raise PreflightError(
            f"The server at {base_url} answered GET {PROBE_PATH} with {response.status_code} "
            f"{snippet!r}, not a page of conversations; the suite needs at least the list "
            f"operation to work. Try: {curl}"
        )


def _connect_diagnosis(base_url: str, exc: httpx.ConnectError, curl: str) -> str:
    host = urlsplit(base_url).hostname or ""
    try:
        socket.getaddrinfo(host, None)
    except OSError:
        return (
            f"The host name {host!r} in BASE_URL={base_url} does not resolve (DNS). Check the "
            "spelling, or use an IP address such as http://127.0.0.1:8000."
        )
    return (
        f"Nothing accepts connections at {base_url} ({exc}). Start the server first, or check the "
        f"host and port; leave BASE_URL unset to test the embedded reference server instead. "
        f"Try: {curl}"
    )
