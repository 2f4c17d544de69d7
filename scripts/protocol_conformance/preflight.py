"""Before any fuzzing: is there an API of this spec at this URL at all, and does it know our token?

The probe is the spec's first list (else its first read of one object). Each problem becomes
one paragraph that says what happened and what to do, never a traceback.
"""

from __future__ import annotations

import os
import socket
import ssl
import time
from dataclasses import replace
from urllib.parse import quote, urlsplit

import httpx

from protocol_conformance.errors import CannotTest
from protocol_conformance.fixtures import Fixtures, FixturesError
from protocol_conformance.guard import (
    Refusal,
    TooDeep,
    TooSlow,
    Watch,
    decode_json,
    read_whole,
    talking_on,
    too_slow,
    whole_answer_within,
)
from protocol_conformance.http import (
    MAX_429_RETRIES,
    Credential,
    TransportOptions,
    guarded_transport,
    pause_after_429,
    socket_of,
)
from protocol_spec import Api
from protocol_spec.model import Operation

__all__ = ["PreflightError", "check_existing", "path_prefix", "preflight", "probe_operation"]


class PreflightError(CannotTest):
    """The server cannot be tested; the message is the diagnosis for the user."""


def path_prefix(api: Api) -> str:
    """The leading segments every path of the spec shares (e.g. a version), '' when none."""
    paths = [op.path for op in api.operations]
    if not paths:
        return ""
    shared = os.path.commonprefix([p.split("/") for p in paths])
    shared = [segment for segment in shared if segment and "{" not in segment]
    # The whole path of some operation is not a prefix: keep at least one segment of each.
    shortest = min(len([s for s in p.split("/") if s]) for p in paths)
    shared = shared[: max(0, shortest - 1)]
    return "/" + "/".join(shared) if shared else ""


def probe_operation(api: Api) -> tuple[Operation, dict[str, str], str]:
    """The operation the preflight asks, its query, and its path."""
    for resource in api.resources:
        listing = resource.operation("list")
        if listing is not None and not listing.path_params:
            page = listing.pagination
            query = {page.limit_param: "1"} if page is not None and page.limit_param else {}
            return listing, query, listing.path
    for op in api.operations:
        if op.http_method == "GET" and not op.path_params:
            return op, {}, op.path
    raise PreflightError(
        f"{api.source} has no GET operation without path parameters; the suite needs one "
        "(a list) to see whether the server answers."
    )


def preflight(
    api: Api,
    base_url: str,
    token: str,
    other_token: str | None,
    transport: TransportOptions,
) -> None:
    """Raise PreflightError with a diagnosis unless the server answers like an API of `api`."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PreflightError(
            f"BASE_URL {base_url!r} is not an http(s) URL. Give the server's root, for example "
            "BASE_URL=http://127.0.0.1:8000."
        )
    prefix = path_prefix(api)
    if prefix and parts.path.rstrip("/").endswith(prefix):
        raise PreflightError(
            f"BASE_URL {base_url!r} ends with {prefix}, but the spec's paths already start with "
            f"{prefix}. Give the server's root instead: {base_url.rstrip('/')[: -len(prefix)]}."
        )
    _probe(api, base_url, Credential(token, "TOKEN"), transport)
    if other_token is not None:
        if other_token == token:
            raise PreflightError(
                "OTHER_TOKEN is the same as TOKEN; the isolation checks need a second account. "
                "Give a token of another account, or leave OTHER_TOKEN unset to skip them."
            )
        _probe(api, base_url, Credential(other_token, "OTHER_TOKEN"), transport)


def _probe(api: Api, base_url: str, credential: Credential, transport: TransportOptions) -> None:
    operation, query, path = probe_operation(api)
    url = str(httpx.URL(base_url.rstrip("/") + path, params=query))
    what = f"{operation.http_method} {path}"
    tls = " ".join(transport.curl_options())
    curl = f'curl -i {tls + " " if tls else ""}"{url}" {credential.curl_option}'
    verify: ssl.SSLContext | bool = True
    try:
        if url.startswith("https:"):
            verify = transport.ssl_context()
    except (OSError, ssl.SSLError) as exc:
        raise PreflightError(
            f"The TLS files cannot be used ({exc}). CA_BUNDLE must be PEM certificates; "
            "CLIENT_CERT a PEM certificate (with its key, or the key in CLIENT_KEY)."
        ) from None
    # TIMEOUT bounds the probe; DEADLINE does not (the run has not begun).
    watch = Watch(replace(transport.limits, deadline=None))
    try:
        with httpx.Client(timeout=transport.timeout, transport=guarded_transport(verify)) as client:
            for attempt in range(MAX_429_RETRIES + 1):
                status, headers, content = _get(client, url, credential, watch, what)
                if status != 429 or attempt == MAX_429_RETRIES:
                    break
                time.sleep(pause_after_429(headers.get("retry-after"), attempt))
    except httpx.ConnectError as exc:
        raise PreflightError(_connect_diagnosis(base_url, exc, curl)) from exc
    except (httpx.TimeoutException, TooSlow) as exc:
        raise PreflightError(
            f"The server at {base_url} accepted no connection or sent no answer within "
            f"{transport.timeout:g} s ({what}). It may be hanging, overloaded, or behind a "
            f"firewall that drops packets. Check it answers quickly with: {curl}"
        ) from exc
    except httpx.HTTPError as exc:
        raise PreflightError(
            f"Talking to {base_url} failed before any answer: {exc}. Is it an HTTP server on that "
            "port (not TLS on an http:// URL, or the reverse)? Does it want a client certificate "
            f"(CLIENT_CERT, CLIENT_KEY)? Try: {curl}"
        ) from exc
    except Refusal as exc:
        raise PreflightError(
            f"The server at {base_url} cannot be tested: {exc} Try: {curl}"
        ) from exc
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    snippet = " ".join(content[:480].decode("utf-8", "replace")[:160].split())
    if content_type != "application/json":
        raise PreflightError(
            f"The server at {base_url} answered {what} with {status} and "
            f"Content-Type {content_type or '(none)'!r} ({snippet!r}), not JSON: this does not "
            f"look like the {api.title} ({api.source}). Check BASE_URL points at the API itself (not a "
            f"web page, proxy or login screen). Try: {curl}"
        )
    try:
        body = decode_json(content, transport.limits, what)
    except TooDeep as exc:
        raise PreflightError(
            f"The server at {base_url} cannot be tested: {exc} Try: {curl}"
        ) from exc
    except ValueError:
        raise PreflightError(
            f"The server at {base_url} says its answer to {what} is JSON, but it is not "
            f"({snippet!r}). Fix the server's output first. Try: {curl}"
        ) from None
    if status == 401:
        raise PreflightError(
            f"The server at {base_url} refused {credential.variable} (401 on {what}). Give a "
            f"token of an account on that server: {credential.variable}=... . Try: {curl}"
        )
    items = operation.pagination.items_field if operation.pagination else None
    if status != operation.success_status or (
        items is not None and (not isinstance(body, dict) or items not in body)
    ):
        shape = f"a page with '{items}'" if items else "its success"
        raise PreflightError(
            f"The server at {base_url} answered {what} with {status} "
            f"{snippet!r}, not {shape}; the suite needs at least this operation to work. "
            f"Try: {curl}"
        )


def check_existing(
    api: Api, fixtures: Fixtures, base_url: str, token: str, transport: TransportOptions
) -> None:
    """Raise FixturesError, naming each one, unless every object the fixtures file names as
    existing (`resources: <resource>: existing: [<id>, ...]`) is one the owner can read."""
    existing = fixtures.existing()
    if not existing:
        return
    credential = Credential(token, "TOKEN")
    tls = " ".join(transport.curl_options())
    problems: list[str] = []
    verify: ssl.SSLContext | bool = True
    if base_url.startswith("https:"):
        verify = transport.ssl_context()  # the preflight's probe has checked that it loads
    watch = Watch(replace(transport.limits, deadline=None))
    with httpx.Client(timeout=transport.timeout, transport=guarded_transport(verify)) as client:
        for name, ids in sorted(existing.items()):
            resource = api.resource(name)
            get = resource.operation("get")
            parameter = resource.id_parameter
            assert get is not None and resource.item_path is not None and parameter is not None
            for index, object_id in enumerate(ids):
                path = resource.item_path.replace(
                    "{" + parameter + "}", quote(str(object_id), safe="")
                )
                url = base_url.rstrip("/") + path
                what = f"GET {path}"
                curl = f'curl -i {tls + " " if tls else ""}"{url}" {credential.curl_option}'
                where = f"resources.{name}.existing[{index}] ({object_id!r})"
                try:
                    status, _, content = _get(client, url, credential, watch, what)
                except (httpx.HTTPError, Refusal, TooSlow) as exc:
                    problems.append(f"{where}: {what} failed: {exc}. Try: {curl}")
                    continue
                if status == get.success_status:
                    continue
                snippet = " ".join(content[:480].decode("utf-8", "replace")[:160].split())
                meaning = (
                    f"the account of TOKEN has no {resource.singular} with this id"
                    if status == 404
                    else "the suite cannot read it"
                )
                problems.append(
                    f"{where}: the server answers {what} with {status} {snippet!r}: {meaning}. "
                    f"Name an object the account has (create it first), or leave it out. "
                    f"Try: {curl}"
                )
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        raise FixturesError(
            f"The fixtures file names objects as existing that the server at {base_url} does "
            f"not give the account of TOKEN:\n{listed}\n"
            "See docs/conformance.md, 'Against a real deployment', for its format."
        )


def _get(
    client: httpx.Client, url: str, credential: Credential, watch: Watch, what: str
) -> tuple[int, httpx.Headers, bytes]:
    """GET `url`, its answer (headers and body) read whole within TIMEOUT and
    MAX_RESPONSE_BYTES."""
    seconds = watch.time_for_answer()
    with whole_answer_within(seconds) as fired:
        request = client.build_request(
            "GET", url, headers={"Authorization": credential.header}, timeout=seconds
        )
        try:
            response = client.send(request, stream=True)
        except httpx.HTTPError as exc:
            if fired.is_set():
                raise too_slow(watch, what) from exc
            raise
        try:
            talking_on(socket_of(response))
            content = read_whole(
                response.iter_bytes(),
                fired=fired,
                watch=watch,
                what=what,
                errors=(httpx.HTTPError,),
            )
        finally:
            response.close()
    return response.status_code, response.headers, content


def _connect_diagnosis(base_url: str, exc: httpx.ConnectError, curl: str) -> str:
    host = urlsplit(base_url).hostname or ""
    if "CERTIFICATE" in str(exc).upper() or "SSL" in str(exc).upper():
        return (
            f"The TLS handshake with {base_url} failed: {exc}. If the server's certificate is "
            "signed by a private CA, give it as CA_BUNDLE=ca.pem; if it asks for a client "
            f"certificate, give CLIENT_CERT (and CLIENT_KEY). Try: {curl}"
        )
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
