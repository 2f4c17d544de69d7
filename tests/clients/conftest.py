"""Fixtures for the client tests: the real reference server, one per session, and a fresh
account (token) per test so that tests never see each other's conversations."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from protocol_server.harness import RunningServer, running_server

TOKEN_POOL = tuple(f"client-test-token-{n}" for n in range(100))
_unused_tokens = itertools.cycle(TOKEN_POOL)


@pytest.fixture(scope="session")
def server() -> Iterator[RunningServer]:
    with running_server(tokens=TOKEN_POOL) as running:
        yield running


@pytest.fixture
def token(server: RunningServer) -> str:
    """A token whose account no other test uses, so every test starts with no conversations."""
    return next(_unused_tokens)
