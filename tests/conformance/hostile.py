"""A hostile server: the reference application behind one misbehaviour that no API should show
and no conformance suite may be broken by (a body that trickles in, a body without end, JSON
nested without end, escape codes, a connection closed mid-body, a redirect to another host,
429s on requests without credentials, slow answers), and a raw server whose headers trickle in. The first `spare` requests (the
preflight's) are answered normally, so that the run gets under way.

`run_measured` runs the suite as a process of its own and samples the memory of its process
tree (every process it started too) from /proc while it runs.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .faults import Call, Fault, Reply, Request, Send, Streamed, json_reply
from .variants import KNOBS

MB = 1024 * 1024


@dataclass
class Hostile(Fault):
    """No misbehaviour yet: subclasses say which requests (`aims_at`) and how (`misbehave`)."""

    spare: int = 1
    count: int = 0
    hits: int = 0

    async def answer(self, request: Request, call: Call) -> Reply:
        self.count += 1
        if self.count <= self.spare or not self.aims_at(request):
            return await call(request)
        self.hits += 1
        return await self.misbehave(request, call)

    def aims_at(self, request: Request) -> bool:
        return request.method == "GET"

    async def misbehave(self, request: Request, call: Call) -> Reply:
        return await call(request)


# -- replies that send themselves ------------------------------------------------------------


def _start(status: int, content_type: str, length: int) -> dict[str, object]:
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(length).encode())]
    return {"type": "http.response.start", "status": status, "headers": headers}


@dataclass
class TrickledReply(Streamed):
    """Headers at once, then the body a byte at a time."""

    interval: float = 0.5

    async def play(self, send: Send) -> None:
        await send(_start(self.status, "application/json", len(self.body)))
        for index in range(len(self.body)):
            await asyncio.sleep(self.interval)
            last = index == len(self.body) - 1
            await send(
                {
                    "type": "http.response.body",
                    "body": self.body[index : index + 1],
                    "more_body": not last,
                }
            )


@dataclass
class EndlessReply(Streamed):
    """A JSON array that says it is `size` bytes long, sent 1 MB at a time, as long as the
    client reads."""

    size: int = 256 * MB

    async def play(self, send: Send) -> None:
        await send(_start(200, "application/json", self.size))
        chunk = b"0," * (MB // 2)
        await send({"type": "http.response.body", "body": b"[", "more_body": True})
        sent = 1
        while sent + len(chunk) < self.size - 2:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
            sent += len(chunk)
        filler = b" " * (self.size - sent - 2)
        await send({"type": "http.response.body", "body": filler + b"0]", "more_body": False})


@dataclass
class CutShortReply(Streamed):
    """Says 1000 bytes, sends 10, and closes the connection."""

    async def play(self, send: Send) -> None:
        await send(_start(200, "application/json", 1000))
        await send({"type": "http.response.body", "body": b'{"data": [', "more_body": True})
        # Returning here, mid-body: the server closes the connection.


# -- misbehaviours ---------------------------------------------------------------------------


@dataclass
class Trickles(Hostile):
    """Every answer (after the preflight) trickles in, a byte every half second."""

    def aims_at(self, request: Request) -> bool:
        return True

    async def misbehave(self, request: Request, call: Call) -> Reply:
        reply = await call(request)
        return TrickledReply(reply.status, reply.headers, reply.body or b"{}")


@dataclass
class Endless(Hostile):
    """Every GET answers a JSON array of 256 MB (if anyone read it all)."""

    async def misbehave(self, request: Request, call: Call) -> Reply:
        return EndlessReply(200, [], b"")


@dataclass
class Deep(Hostile):
    """Every GET answers JSON nested 100,000 levels deep (200 kB)."""

    depth: int = 100_000

    async def misbehave(self, request: Request, call: Call) -> Reply:
        body = b"[" * self.depth + b"]" * self.depth
        return Reply(200, [("content-type", "application/json")], body)


# A screen clear, a fake green verdict, a clipboard write (OSC 52), a carriage return.
ESCAPES = (
    "\x1b[2J\x1b[H\x1b[32mRESULT: PASSED - every check held.\x1b[0m\n"
    "RESULT: PASSED - every check held.\r\x1b]52;c;ZWNobyBwd25lZA==\x07"
)


@dataclass
class EscapeCodes(Hostile):
    """Every GET answers 500 with a text full of terminal escape codes."""

    async def misbehave(self, request: Request, call: Call) -> Reply:
        return Reply(500, [("content-type", "text/plain")], ESCAPES.encode())


@dataclass
class CutShort(Hostile):
    """Every GET breaks off mid-body."""

    async def misbehave(self, request: Request, call: Call) -> Reply:
        return CutShortReply(200, [], b"")


@dataclass
class RedirectsAway(Hostile):
    """Every GET is redirected (307) to the same path on another host."""

    elsewhere: str = ""

    async def misbehave(self, request: Request, call: Call) -> Reply:
        return Reply(307, [("location", self.elsewhere + request.path)], b"")


@dataclass
class ServerErrorOnForms(Hostile):
    """A short token ("x") is the owner's; every form-encoded request gets a 500."""

    short: str = "x"
    token: str = ""

    def rewrite(self, request: Request) -> Request:
        if request.headers.get("authorization") == f"Bearer {self.short}":
            request.headers["authorization"] = f"Bearer {self.token}"
        return request

    def aims_at(self, request: Request) -> bool:
        return request.headers.get("content-type", "").startswith(
            "application/x-www-form-urlencoded"
        )

    async def misbehave(self, request: Request, call: Call) -> Reply:
        return json_reply(500, {"type": "api_error", "message": "forms are broken today"})


@dataclass
class LimitsAnonymous(Hostile):
    """A rate limiter in front of the server that answers every second request without
    credentials 429, with Retry-After alternately in seconds and as a date."""

    refused: int = 0
    anonymous: int = 0

    def aims_at(self, request: Request) -> bool:
        if "authorization" in request.headers:
            return False
        self.anonymous += 1
        return self.anonymous % 2 == 1

    async def misbehave(self, request: Request, call: Call) -> Reply:
        self.refused += 1
        wait = "0" if self.refused % 2 else formatdate(time.time() - 1, usegmt=True)
        body = {"type": "rate_limited", "message": "Slow down."}
        return json_reply(429, body, headers=[("retry-after", wait)])


@dataclass
class Slow(Hostile):
    """Every answer takes `delay` seconds (for DEADLINE)."""

    delay: float = 0.2

    def aims_at(self, request: Request) -> bool:
        return True

    async def misbehave(self, request: Request, call: Call) -> Reply:
        await asyncio.sleep(self.delay)
        return await call(request)


@contextmanager
def another_host() -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A server on another loopback address that writes down the headers of each request."""
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(dict(self.headers))
            body = b'{"stolen": true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.2", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.2:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


# -- running the suite and measuring it ------------------------------------------------------


@dataclass
class Measured:
    status: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float
    report_dir: Path
    samples: int = 0
    junit: str = ""  # the JUnit file's text, when the caller read it

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_measured(
    args: list[str], env: dict[str, str], report_dir: Path, timeout: float = 120
) -> Measured:
    """`python -m protocol_conformance ARGS` with `env` (and nothing of the caller's knobs);
    its exit status, output, time to finish and peak resident memory of its process tree."""
    clean = {key: value for key, value in os.environ.items() if key not in KNOBS}
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "protocol_conformance", *args],
        env={**clean, **env, "REPORT_DIR": str(report_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = [0]
    samples = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(process.pid))
            samples[0] += 1
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    finally:
        done.set()
        sampler.join()
        if process.poll() is None:
            process.kill()
            process.wait()
    return Measured(
        status=process.returncode,
        stdout=stdout,
        stderr=stderr,
        seconds=time.monotonic() - started,
        peak_mb=peak[0] / MB,
        report_dir=report_dir,
        samples=samples[0],
    )


def _tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and every process under it (0 for one already gone)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(
                int(line.split()[1]) * 1024
                for line in status.splitlines()
                if line.startswith("VmRSS:")
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


@contextmanager
def trickling_headers(first_answer: bytes, interval: float = 0.3) -> Iterator[str]:
    """A server below HTTP frameworks (they cannot do this): it answers the first request
    (the preflight's) with `first_answer`, a JSON body, and every later one with a status line
    and headers that trickle in a byte at a time, without end."""
    listener = socket.create_server(("127.0.0.1", 0))
    count = [0]
    stop = threading.Event()

    def handle(connection: socket.socket) -> None:
        with connection:
            while not stop.is_set():
                if not _read_request(connection):
                    return
                count[0] += 1
                try:
                    if count[0] == 1:
                        head = (
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            f"Content-Length: {len(first_answer)}\r\n\r\n"
                        )
                        connection.sendall(head.encode() + first_answer)
                        continue
                    for byte in b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 10_000:
                        if stop.wait(interval):
                            return
                        connection.sendall(bytes([byte]))
                except OSError:
                    return  # the client cut it off: as it should

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=handle, args=(connection,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        listener.close()


def _read_request(connection: socket.socket) -> bool:
    """Read one request (headers and a Content-Length body); False once the client is gone."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return False
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        (
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        ),
        0,
    )
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            return False
        body += chunk
    return True
