"""Clients that try to hold or grow the server: each case ends within its configured limit.

One server with short limits (set through the PROTOCOL_* variables) serves the module; every
case talks raw HTTP over a socket, so nothing in a client library smooths over what is sent,
and bounds its own wait at the limit plus a margin.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from protocol_server.harness import RunningServer, running_server

TIMEOUT = 1.0  # the head, body and keep-alive timeouts of this module's server
MARGIN = 2.0  # what a busy CI machine may add before the server's timer fires
MAX_HEADER_BYTES = 4096
MAX_HEADERS = 20
MAX_CONNECTIONS = 6
TOKEN = "hostile-client-token"
LIMITS = {
    "PROTOCOL_HEADER_TIMEOUT": str(TIMEOUT),
    "PROTOCOL_BODY_TIMEOUT": str(TIMEOUT),
    "PROTOCOL_KEEP_ALIVE_TIMEOUT": str(TIMEOUT),
    "PROTOCOL_MAX_HEADER_BYTES": str(MAX_HEADER_BYTES),
    "PROTOCOL_MAX_HEADERS": str(MAX_HEADERS),
    "PROTOCOL_MAX_CONNECTIONS": str(MAX_CONNECTIONS),
}


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with running_server(tokens=(TOKEN,), env=LIMITS) as running:
        yield running


@dataclass
class Outcome:
    seconds: float  # from the first byte sent (or the connection) to the server's close
    raw: bytes  # everything the server sent
    closed: bool  # the server closed the connection (else the wait ran out)

    @property
    def status(self) -> int:
        return int(self.raw.split(b" ", 2)[1]) if self.raw else 0

    @property
    def headers(self) -> dict[str, str]:
        head = self.raw.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
        return {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in head)}

    @property
    def error(self) -> dict[str, str]:
        body: dict[str, str] = json.loads(self.raw.split(b"\r\n\r\n", 1)[1])
        return body


def _port(server: RunningServer) -> int:
    return int(server.base_url.rsplit(":", 1)[1])


def talk(server: RunningServer, *parts: bytes, pause: float = 0.0, wait: float) -> Outcome:
    """Send `parts` (`pause` seconds apart), then read until the server closes or `wait` ends."""
    with socket.create_connection(("127.0.0.1", _port(server))) as sock:
        start = time.monotonic()
        try:
            for part in parts:
                sock.sendall(part)
                time.sleep(pause)
        except OSError:
            pass  # the server may close while we still send (a head over the limit)
        received, closed = b"", False
        sock.settimeout(wait)
        try:
            while chunk := sock.recv(65536):
                received += chunk
            closed = True
        except TimeoutError:
            pass
        except ConnectionResetError:
            closed = True
        return Outcome(time.monotonic() - start, received, closed)


def assert_error_object(outcome: Outcome, status: int, *fragments: str) -> None:
    assert outcome.closed and outcome.status == status, outcome.raw[:300]
    assert outcome.headers["content-type"] == "application/json"
    assert outcome.headers["connection"] == "close"
    error = outcome.error
    assert set(error) == {"type", "message", "documentation_url"}
    assert error["type"] == ("api_error" if status >= 500 else "invalid_request")
    for fragment in fragments:
        assert fragment in error["message"], error["message"]


def rss_kib(server: RunningServer) -> int:
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1])


GET = f"GET /v1/conversations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\n".encode()


def test_a_connection_that_sends_nothing_is_closed(server: RunningServer) -> None:
    outcome = talk(server, wait=TIMEOUT + MARGIN)

    assert outcome.closed and outcome.raw == b""
    assert outcome.seconds < TIMEOUT + MARGIN


def test_headers_that_never_end_get_408(server: RunningServer) -> None:
    outcome = talk(server, GET + b"X-Slow: 1", wait=TIMEOUT + MARGIN)

    assert_error_object(outcome, 408, "headers did not arrive within 1 s")
    assert outcome.seconds < TIMEOUT + MARGIN


def test_headers_trickled_a_byte_at_a_time_do_not_extend_the_deadline(
    server: RunningServer,
) -> None:
    trickle = [bytes([byte]) for byte in GET[:40]]

    outcome = talk(server, *trickle, pause=0.1, wait=TIMEOUT + MARGIN)

    assert_error_object(outcome, 408, "headers did not arrive")
    assert outcome.seconds < TIMEOUT + MARGIN


def test_a_body_promised_and_never_sent_gets_408(server: RunningServer) -> None:
    head = GET.replace(b"GET", b"POST") + (
        b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
    )

    outcome = talk(server, head, wait=TIMEOUT + MARGIN)

    assert_error_object(outcome, 408, "body did not arrive within 1 s")
    assert outcome.seconds < TIMEOUT + MARGIN


def test_a_refused_head_behind_a_pipelined_request_is_answered_after_it(
    server: RunningServer,
) -> None:
    too_big = GET + b"X-Big: " + b"a" * MAX_HEADER_BYTES + b"\r\n\r\n"

    outcome = talk(server, GET + b"\r\n" + too_big, wait=MARGIN)

    assert outcome.closed and outcome.status == 200
    second = outcome.raw.split(b"HTTP/1.1 ", 2)[2]
    assert second.startswith(b"431 ") and b'"type":"invalid_request"' in second


def test_a_body_still_trickling_after_the_answer_is_cut_without_a_second_answer(
    server: RunningServer,
) -> None:
    unauthenticated = b"POST /v1/conversations HTTP/1.1\r\nHost: x\r\n" + (
        b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"
    )

    outcome = talk(server, unauthenticated, wait=TIMEOUT + MARGIN)

    assert outcome.closed and outcome.status == 401  # answered before the body was read
    assert outcome.raw.count(b"HTTP/1.1 ") == 1  # and nothing after it: HTTP has no room
    assert outcome.seconds < TIMEOUT + MARGIN


def test_an_idle_kept_alive_connection_is_closed(server: RunningServer) -> None:
    outcome = talk(server, GET + b"\r\n", wait=TIMEOUT + MARGIN)

    assert outcome.closed and outcome.status == 200
    assert outcome.raw.count(b"HTTP/1.1") == 1
    assert outcome.seconds < TIMEOUT + MARGIN


def test_a_header_that_never_ends_gets_431_and_the_server_does_not_grow(
    server: RunningServer,
) -> None:
    before = rss_kib(server)
    endless = [GET + b"X-Big: "] + [b"a" * 65536] * 256  # 16 MiB, if the server kept reading

    outcome = talk(server, *endless, wait=MARGIN)

    assert_error_object(outcome, 431, f"larger than {MAX_HEADER_BYTES} bytes")
    assert rss_kib(server) - before < 4096  # KiB: bounded by the limit, not by what was sent


def test_a_whole_head_over_the_limit_in_one_read_gets_431(server: RunningServer) -> None:
    outcome = talk(server, GET + b"X-Big: " + b"a" * MAX_HEADER_BYTES + b"\r\n\r\n", wait=MARGIN)

    assert_error_object(outcome, 431, f"larger than {MAX_HEADER_BYTES} bytes")


def test_too_many_header_fields_get_431(server: RunningServer) -> None:
    fields = b"".join(b"X-F%d: 1\r\n" % n for n in range(MAX_HEADERS + 1))

    outcome = talk(server, GET + fields + b"\r\n", wait=MARGIN)

    assert_error_object(outcome, 431, f"more than {MAX_HEADERS} header fields")


def test_a_65_kb_url_gets_414(server: RunningServer) -> None:
    url = b"/v1/conversations?q=" + b"a" * 65 * 1024

    outcome = talk(server, b"GET " + url + b" HTTP/1.1\r\nHost: x\r\n\r\n", wait=MARGIN)

    assert_error_object(outcome, 414, f"longer than {MAX_HEADER_BYTES} bytes")


@pytest.mark.parametrize(
    ("request_bytes", "rule"),
    [
        (b"BREW /v1/conversations HTTP/1.1\r\nHost: x\r\n\r\n", "Invalid method"),
        (
            b"POST /v1/conversations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "chunk size",
        ),
        (
            b"POST /v1/conversations HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            "Duplicate Content-Length",
        ),
        (b"GET /v1/conversations HTTP/1.1\r\nBad Header: x\r\n\r\n", "header"),
    ],
    ids=["unknown method", "bad chunk size", "two content-lengths", "space in a name"],
)
def test_what_the_parser_rejects_is_the_error_object(
    server: RunningServer, request_bytes: bytes, rule: str
) -> None:
    outcome = talk(server, request_bytes, wait=MARGIN)

    assert_error_object(outcome, 400, "not valid HTTP/1.1", rule)


def test_connections_over_the_limit_get_503_and_the_others_are_served(
    server: RunningServer,
) -> None:
    held = [socket.create_connection(("127.0.0.1", _port(server))) for _ in range(MAX_CONNECTIONS)]
    try:
        time.sleep(0.2)  # the server has accepted them
        outcome = talk(server, GET + b"\r\n", wait=MARGIN)
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.2)  # the server has seen them close
    after = talk(server, GET + b"Connection: close\r\n\r\n", wait=MARGIN)

    assert_error_object(outcome, 503, f"{MAX_CONNECTIONS} connections open")
    assert after.status == 200
