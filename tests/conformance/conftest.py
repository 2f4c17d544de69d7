"""Fixtures: the reference application, served in-process (optionally behind one fault)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
import uvicorn

from protocol_server.app import application

from .faults import OTHER_TOKEN, OWNER_TOKEN, Fault, FaultyApp

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "openapi.yaml"


@contextmanager
def serve(fault: Fault, db_path: Path) -> Iterator[str]:
    """The reference application behind `fault`, on a free loopback port, for the duration."""
    inner, store = application(SPEC, str(db_path), (OWNER_TOKEN, OTHER_TOKEN))
    app = FaultyApp(inner, fault)
    # proto=IPPROTO_TCP so that asyncio sets TCP_NODELAY (otherwise each keep-alive answer waits
    # ~40 ms for a delayed ACK).
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="off"))
    thread = threading.Thread(
        target=lambda: asyncio.run(server.serve(sockets=[listener])), daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the in-process server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
        store.close()


@pytest.fixture
def serve_fault(tmp_path: Path) -> Iterator[Callable[[Fault], AbstractContextManager[str]]]:
    """`serve_fault(fault)` as a context manager bound to this test's temporary database."""
    counter = iter(range(1000))

    @contextmanager
    def start(fault: Fault) -> Iterator[str]:
        with serve(fault, tmp_path / f"db-{next(counter)}.sqlite3") as base_url:
            yield base_url

    yield start
