"""Fixtures for the reference server tests: one real server for the session, a fresh account
(token) per test so tests never see each other's conversations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from protocol_server.harness import RunningServer, running_server

from .helpers import CONVERSATIONS_SPEC, TOKEN_POOL, standard_webhooks_spec, unused_token


@pytest.fixture(scope="package", autouse=True)
def conversations_spec() -> Iterator[None]:
    """Every server these tests start serves the conversations fixture spec unless the test
    names another (PROTOCOL_SPEC in its env): the mechanics stay put while spec/openapi.yaml
    grows."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PROTOCOL_SPEC", str(CONVERSATIONS_SPEC))
        yield


@pytest.fixture(scope="package")
def server(conversations_spec: None) -> Iterator[RunningServer]:
    with running_server(tokens=TOKEN_POOL) as running:
        yield running


@pytest.fixture
def new_client(server: RunningServer) -> Iterator[Callable[[], httpx.Client]]:
    """Make clients, each authenticated as an account no other test uses."""
    clients: list[httpx.Client] = []

    def make() -> httpx.Client:
        token = unused_token()
        client = httpx.Client(
            base_url=server.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(new_client: Callable[[], httpx.Client]) -> httpx.Client:
    return new_client()


@pytest.fixture
def server_for_concurrency() -> Iterator[RunningServer]:
    with running_server(tokens=("durable-a", "durable-b")) as running:
        yield running


@pytest.fixture
def standard_spec(tmp_path: Path) -> Path:
    """The spec with Standard Webhooks signatures instead of the Protocol API's own."""
    return standard_webhooks_spec(CONVERSATIONS_SPEC, tmp_path)
