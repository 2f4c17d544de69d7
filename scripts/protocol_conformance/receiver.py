"""The suite's webhook receiver: a small HTTP server in a thread of its own that keeps what the
server under test delivers (headers and raw body), answers 2xx, or refuses on request.

It obeys the suite's bounds: each connection has the suite's TIMEOUT for every read, a body
over `MAX_BODY_BYTES` is refused (413) unread, at most `MAX_CONNECTIONS` are served at once (the
next is closed at once) and at most `MAX_KEPT` deliveries, of `MAX_KEPT_BYTES` in all, are kept
(the oldest are forgotten first), so a server that floods it cannot exhaust the suite's memory
or threads.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from protocol_conformance.errors import ConformanceError

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_CONNECTIONS",
    "MAX_KEPT",
    "MAX_KEPT_BYTES",
    "Delivery",
    "Receiver",
    "ReceiverError",
]

MAX_BODY_BYTES = 1 << 20
MAX_KEPT = 5000
MAX_KEPT_BYTES = 64 << 20  # what the kept bodies may hold together: 5000 of 1 MiB would be 5 GB
MAX_CONNECTIONS = 64


class ReceiverError(ConformanceError, OSError):
    """The receiver cannot listen where it was told to; the message says where and why."""


@dataclass(frozen=True)
class Delivery:
    received_at: float  # time.time() when the body was read
    headers: dict[str, str]  # lower-case names
    body: bytes
    status: int  # what the receiver answered


class _BoundedServer(ThreadingHTTPServer):
    """One thread per connection, at most MAX_CONNECTIONS of them."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


class Receiver:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, timeout: float = 10.0) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                receiver._receive(self)

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet: the report says what matters

        Handler.timeout = timeout
        try:
            self._server = _BoundedServer((host, port), Handler)
        except OSError as error:
            raise ReceiverError(
                f"the webhook receiver cannot listen on {host}:{port}: "
                f"{error.strerror or error}; set WEBHOOK_LISTEN to a free host:port."
            ) from None
        self._kept: deque[Delivery] = deque(maxlen=MAX_KEPT)
        self._kept_bytes = 0
        self._changed = threading.Condition()
        self._refusals = 0
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="webhook-receiver", daemon=True
        )
        self._thread.start()

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        host, port = self.address
        return f"http://{host}:{port}/"

    def refuse(self, count: int = 1) -> None:
        """Answer the next `count` deliveries 500 (they must come again)."""
        with self._changed:
            self._refusals = count

    def deliveries(self) -> list[Delivery]:
        with self._changed:
            return list(self._kept)

    def wait_for(self, ready: Callable[[list[Delivery]], bool], seconds: float) -> bool:
        """Wait until `ready(deliveries)` holds or `seconds` pass; whether it held."""
        deadline = time.monotonic() + seconds
        with self._changed:
            while not ready(list(self._kept)):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(min(left, 0.5))
            return True

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _receive(self, request: BaseHTTPRequestHandler) -> None:
        length_text = request.headers.get("content-length", "")
        if not length_text.isdigit() or int(length_text) > MAX_BODY_BYTES:
            request.send_response(413 if length_text.isdigit() else 411)
            request.send_header("content-length", "0")
            request.send_header("connection", "close")
            request.end_headers()
            request.close_connection = True
            return
        body = request.rfile.read(int(length_text))
        with self._changed:
            status = 500 if self._refusals > 0 else 204
            self._refusals = max(self._refusals - 1, 0)
            headers = {name.lower(): value for name, value in request.headers.items()}
            if len(self._kept) == MAX_KEPT:
                self._kept_bytes -= len(self._kept[0].body)  # the deque drops it below
            self._kept.append(Delivery(time.time(), headers, body, status))
            self._kept_bytes += len(body)
            while self._kept_bytes > MAX_KEPT_BYTES and len(self._kept) > 1:
                self._kept_bytes -= len(self._kept.popleft().body)
            self._changed.notify_all()
        request.send_response(status)
        request.send_header("content-length", "0")
        request.end_headers()
