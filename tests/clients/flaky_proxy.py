"""A reverse proxy that fails the first attempt of each request it is told to, then forwards
the retry to the reference server, and records every attempt's method, path, headers and body.

`fail="503"` answers the first attempt `503` with `Retry-After: 0` after reading its whole
body; `fail="reset"` reads the body and closes the connection without a word (the client sees
a connection error). Either way the client must send the whole body again: the test compares
the bodies of both attempts and the server's answer to the second.
"""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal
from urllib.parse import urlsplit

__all__ = ["Attempt", "FlakyProxy", "flaky_proxy"]

_HOP_BY_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "upgrade", "host"})

Failure = Literal["503", "reset"]


@dataclass(frozen=True)
class Attempt:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes
    failed: bool  # this attempt got the scripted failure


class FlakyProxy:
    def __init__(self, upstream: str, fail: Failure, methods: frozenset[str]) -> None:
        self.upstream = urlsplit(upstream)
        self.fail = fail
        self.methods = methods  # the first attempt of a request with one of these methods fails
        self.attempts: list[Attempt] = []
        self._failed_once: set[str] = set()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def _should_fail(self, method: str, headers: dict[str, str], path: str) -> bool:
        """The first attempt of each request: the idempotency key (else the path) names it."""
        if method not in self.methods:
            return False
        key = headers.get("idempotency-key") or f"{method} {path}"
        with self._lock:
            if key in self._failed_once:
                return False
            self._failed_once.add(key)
            return True

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {name.lower(): value for name, value in self.headers.items()}
                fail = proxy._should_fail(self.command, headers, self.path)
                with proxy._lock:
                    proxy.attempts.append(Attempt(self.command, self.path, headers, body, fail))
                if fail and proxy.fail == "reset":
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                    )
                    self.close_connection = True
                    self.connection.close()
                    return
                if fail:
                    self._answer(503, [("Retry-After", "0")], b"")
                    return
                forwarded = {k: v for k, v in headers.items() if k not in _HOP_BY_HOP}
                upstream = http.client.HTTPConnection(
                    proxy.upstream.hostname or "127.0.0.1", proxy.upstream.port, timeout=30
                )
                try:
                    upstream.request(self.command, self.path, body=body, headers=forwarded)
                    response = upstream.getresponse()
                    answer = response.read()
                    kept = [
                        (name, value)
                        for name, value in response.getheaders()
                        if name.lower() not in _HOP_BY_HOP and name.lower() != "content-length"
                    ]
                finally:
                    upstream.close()
                self._answer(response.status, kept, answer)

            def _answer(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _forward

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler

    def take(self) -> list[Attempt]:
        with self._lock:
            taken, self.attempts = self.attempts, []
        return taken

    def serve(self) -> None:
        self._server.serve_forever(poll_interval=0.05)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def flaky_proxy(
    upstream: str, fail: Failure, methods: frozenset[str] = frozenset({"POST"})
) -> Iterator[FlakyProxy]:
    proxy = FlakyProxy(upstream, fail, methods)
    thread = threading.Thread(target=proxy.serve, name="flaky-proxy", daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.close()
        thread.join(timeout=5)
