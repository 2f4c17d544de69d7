"""Start the reference server as a real subprocess, for tests, conformance runs and benchmarks.

    with running_server() as server:
        httpx.get(f"{server.base_url}/v1/...", headers={"Authorization": f"Bearer {server.tokens[0]}"})

The server runs as `sys.executable -m protocol_server` on a free loopback port, with its own
temporary database unless `db_path` is given, and `start_server` returns only once it answers HTTP.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from protocol_server.config import DEV_TOKEN
from protocol_server.errors import ProtocolServerError

__all__ = ["RunningServer", "ServerStartError", "free_port", "running_server", "start_server"]

_HOST = "127.0.0.1"
_STOP_GRACE_SECONDS = 10.0


class ServerStartError(ProtocolServerError):
    """The server process exited or did not answer in time; the message holds its output."""


@dataclass
class RunningServer:
    base_url: str
    tokens: tuple[str, ...]
    db_path: str
    process: subprocess.Popen[bytes]
    _log: IO[bytes] = field(repr=False)
    _temp_dir: str | None = field(default=None, repr=False)
    _final_output: str | None = field(default=None, repr=False)

    def stop(self) -> None:
        """SIGTERM (graceful: in-flight requests finish), wait, SIGKILL if it hangs."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=_STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._cleanup()

    def kill(self) -> None:
        """SIGKILL, with no chance to flush or close anything (for the durability test)."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._cleanup()

    def output(self) -> str:
        """Everything the server printed so far (stdout and stderr together)."""
        if self._final_output is not None:
            return self._final_output
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode("utf-8", errors="replace")

    def _cleanup(self) -> None:
        if self._final_output is None:
            self._final_output = self.output()
            self._log.close()
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None


def start_server(
    tokens: Sequence[str] = ("token-a", "token-b"),
    db_path: str | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 15.0,
) -> RunningServer:
    """Start `python -m protocol_server` on a free port and wait until it answers HTTP.

    `env` is merged over the current environment; HOST, PORT, PROTOCOL_DB and
    PROTOCOL_API_TOKENS are set from the other arguments. With no tokens, `env`'s
    PROTOCOL_API_TOKENS is used if it has one, else the server's development token (returned
    in `tokens`).
    """
    temp_dir = None
    if db_path is None:
        temp_dir = tempfile.mkdtemp(prefix="protocol-server-")
        db_path = str(Path(temp_dir) / "protocol.sqlite3")
    port = free_port()
    child_env = dict(os.environ)
    # Tests and tools start from empty accounts unless they ask for the example objects.
    child_env.setdefault("PROTOCOL_EXAMPLE_OBJECTS", "0")
    child_env.update(env or {})
    child_env.update(HOST=_HOST, PORT=str(port), PROTOCOL_DB=db_path, PYTHONUNBUFFERED="1")
    if tokens:
        child_env["PROTOCOL_API_TOKENS"] = ",".join(tokens)
    elif env is not None and "PROTOCOL_API_TOKENS" in env:
        tokens = tuple(t.strip() for t in env["PROTOCOL_API_TOKENS"].split(",") if t.strip())
    else:
        child_env.pop("PROTOCOL_API_TOKENS", None)  # not inherited from the caller either
        tokens = (DEV_TOKEN,)
    # A temporary file, not a pipe: nobody reads the output while tests run, and a full pipe
    # would block the server.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by RunningServer._cleanup
    process = subprocess.Popen(
        [sys.executable, "-m", "protocol_server"],
        env=child_env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = RunningServer(
        base_url=f"http://{_HOST}:{port}",
        tokens=tuple(tokens),
        db_path=db_path,
        process=process,
        _log=log,
        _temp_dir=temp_dir,
    )
    try:
        _wait_until_ready(server, port, timeout)
    except BaseException:
        server.kill()
        raise
    return server


@contextmanager
def running_server(
    tokens: Sequence[str] = ("token-a", "token-b"),
    db_path: str | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 15.0,
) -> Iterator[RunningServer]:
    """`start_server` as a context manager that always stops the server."""
    server = start_server(tokens=tokens, db_path=db_path, env=env, timeout=timeout)
    try:
        yield server
    finally:
        server.stop()


def free_port() -> int:
    """A loopback port nothing listens on. Binding port 0 lets the kernel pick one; the tiny
    window before the server binds it again is acceptable for tests and benchmarks."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((_HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_until_ready(server: RunningServer, port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        code = server.process.poll()
        if code is not None:
            raise ServerStartError(
                f"The Protocol API server exited with status {code} before answering "
                f"on {server.base_url}. Its output:\n{server.output()}"
            )
        if _answers_http(port):
            return
        if time.monotonic() > deadline:
            raise ServerStartError(
                f"The Protocol API server did not answer on {server.base_url} within "
                f"{timeout:g} s. Its output so far:\n{server.output()}"
            )
        time.sleep(0.05)


def _answers_http(port: int) -> bool:
    connection = http.client.HTTPConnection(_HOST, port, timeout=1.0)
    try:
        connection.request("GET", "/")  # any HTTP answer will do, a 404 included
        connection.getresponse().read()
        return True
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()
