"""A recording reverse proxy: sits between a sample and the reference server, forwards every
request as it is and keeps what went each way, so a test can tell which request a sample made
and what it got back, in any language, without touching the sample or the client. A request to
`/<MARK_PATH>/<n>` is a runner's marker between two samples: recorded, answered 204 by the proxy,
never forwarded."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

MARK_PATH = "__sample__"
# Hop-by-hop headers are the proxy's own business (RFC 9110, 7.6.1).
_HOP_BY_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "upgrade"})


@dataclass(frozen=True)
class Exchange:
    method: str
    target: str  # path and query, as sent
    content_type: str
    request_body: bytes
    status: int
    response_body: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> str:
        return urlsplit(self.target).query


class RecordingProxy:
    def __init__(self, upstream: str) -> None:
        self.upstream = urlsplit(upstream)
        self.exchanges: list[Exchange] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def take(self) -> list[Exchange]:
        """What was recorded since the last call, oldest first."""
        with self._lock:
            taken, self.exchanges = self.exchanges, []
        return taken

    def _record(self, exchange: Exchange) -> None:
        with self._lock:
            self.exchanges.append(exchange)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if self.path.startswith(f"/{MARK_PATH}/"):
                    proxy._record(Exchange(self.command, self.path, "", body, 204, b""))
                    self.send_response(204)
                    self.end_headers()
                    return
                headers = {
                    name: value
                    for name, value in self.headers.items()
                    if name.lower() not in _HOP_BY_HOP and name.lower() != "host"
                }
                upstream = http.client.HTTPConnection(
                    proxy.upstream.hostname or "127.0.0.1", proxy.upstream.port, timeout=30
                )
                try:
                    upstream.request(self.command, self.path, body=body, headers=headers)
                    response = upstream.getresponse()
                    answer = response.read()
                finally:
                    upstream.close()
                # Recorded before the client gets its answer, so a client that has finished
                # has been recorded.
                proxy._record(
                    Exchange(
                        self.command,
                        self.path,
                        self.headers.get("Content-Type", ""),
                        body,
                        response.status,
                        answer,
                    )
                )
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in _HOP_BY_HOP and name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _forward

            def log_message(self, format: str, *args: object) -> None:
                pass  # the test reports what matters

        return Handler

    def serve(self) -> None:
        self._server.serve_forever(poll_interval=0.05)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def recording_proxy(upstream: str) -> Iterator[RecordingProxy]:
    proxy = RecordingProxy(upstream)
    thread = threading.Thread(target=proxy.serve, name="recording-proxy", daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.close()
        thread.join(timeout=5)
