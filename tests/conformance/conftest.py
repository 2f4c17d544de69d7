"""Fixtures: the reference application, served in-process (optionally behind one fault)."""

from __future__ import annotations

import asyncio
import functools
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from protocol_conformance.webhooks import WebhookSetup
from protocol_server.app import application
from protocol_server.deliveries import http_post, signing_key, start_webhooks
from protocol_server.plan import plan
from protocol_server.webhook_config import Receiver as ReceiverConfig
from protocol_server.webhook_config import WebhookConfig
from protocol_spec import Api, load_api

from .faults import OTHER_TOKEN, OWNER_TOKEN, Fault, FaultyApp

ROOT = Path(__file__).resolve().parents[2]
# The suite's mechanics (its checks' teeth, hostile servers, deployments, workers, resilience)
# are tested on a fixed one-resource spec, the conversations-only API the project started from;
# the project's spec (the whole API) has its default run (test_cli) and test_whole_api.py.
SPEC = ROOT / "tests" / "fixtures" / "specs" / "conversations.yaml"
PROJECT_SPEC = ROOT / "spec" / "openapi.yaml"
TWO_RESOURCES = ROOT / "tests" / "fixtures" / "specs" / "two_resources.yaml"
WHOLE_API = ROOT / "tests" / "fixtures" / "specs" / "whole_api.yaml"
TLS = ROOT / "tests" / "fixtures" / "tls"
# Retries of a refused delivery, short so that webhook_redelivery takes a moment.
WEBHOOK_RETRY = (0.2, 0.5, 1.0, 2.0)


@functools.cache
def spec_api(spec: Path) -> Api:
    return load_api(spec)


@contextmanager
def serve(
    fault: Fault,
    db_path: Path,
    spec: Path = SPEC,
    tls: bool = False,
    webhooks: WebhookSetup | None = None,
) -> Iterator[str]:
    """The reference application for `spec` behind `fault`, on a free loopback port; with
    `tls`, over HTTPS with the test CA's certificate, asking for a client certificate; with
    `webhooks`, delivering the owner's events to that receiver through `fault.deliver`."""
    inner, store = application(spec, str(db_path), (OWNER_TOKEN, OTHER_TOKEN))
    app = FaultyApp(inner, fault, spec_api(spec))
    deliverer = None
    if webhooks is not None:
        api = spec_api(spec)
        config = WebhookConfig(
            receivers=(ReceiverConfig(webhooks.url, OWNER_TOKEN),),
            secret=webhooks.secret,
            retry=WEBHOOK_RETRY,
        )
        if api.webhook_signing is not None and webhooks.secret is not None:
            fault.webhook_key = signing_key(api.webhook_signing, webhooks.secret)
        deliverer = start_webhooks(
            plan(api),
            store,
            config,
            (OWNER_TOKEN, OTHER_TOKEN),
            post=lambda attempt, timeout: fault.deliver(attempt, http_post, timeout),
        )
    # proto=IPPROTO_TCP so that asyncio sets TCP_NODELAY (otherwise each keep-alive answer waits
    # ~40 ms for a delayed ACK).
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    secure: dict[str, Any] = {}
    if tls:
        secure = {
            "ssl_certfile": str(TLS / "server.pem"),
            "ssl_keyfile": str(TLS / "server.key"),
            "ssl_ca_certs": str(TLS / "ca.pem"),
            "ssl_cert_reqs": ssl.CERT_REQUIRED,
        }
    server = uvicorn.Server(
        uvicorn.Config(
            app, log_level="critical", lifespan="off", timeout_graceful_shutdown=1, **secure
        )
    )
    fault.stopper = lambda: setattr(server, "should_exit", True)
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
        yield f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
        if deliverer is not None:
            deliverer.stop()
        store.close()


Serve = Callable[..., AbstractContextManager[str]]


@pytest.fixture
def serve_fault(tmp_path: Path) -> Iterator[Serve]:
    """`serve_fault(fault, spec=...)` as a context manager bound to this test's temporary
    database."""
    counter = iter(range(1000))

    @contextmanager
    def start(
        fault: Fault, spec: Path = SPEC, tls: bool = False, webhooks: WebhookSetup | None = None
    ) -> Iterator[str]:
        database = tmp_path / f"db-{next(counter)}.sqlite3"
        with serve(fault, database, spec, tls, webhooks) as base_url:
            yield base_url

    yield start
