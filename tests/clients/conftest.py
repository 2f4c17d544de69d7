"""Fixtures for the client tests: the real reference server, one per session, and a fresh
account (token) per test so that tests never see each other's conversations."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from typing import NoReturn

import pytest

from protocol_server.harness import RunningServer, running_server

REQUIRE_TOOLCHAINS = "PROTOCOL_REQUIRE_TOOLCHAINS"

TOKEN_POOL = tuple(f"client-test-token-{n}" for n in range(100))
_unused_tokens = itertools.cycle(TOKEN_POOL)


@pytest.fixture(scope="session")
def server() -> Iterator[RunningServer]:
    with running_server(tokens=TOKEN_POOL) as running:
        yield running


@pytest.fixture(scope="module")
def fresh_server_env() -> Iterator[dict[str, str]]:
    """The environment that points a client's test program at its own reference server.

    The TypeScript and PHP test programs get a server with a fresh database and two accounts,
    so they can assume an empty account and check isolation with the second token."""
    with running_server() as running:
        yield {
            **os.environ,
            "PROTOCOL_BASE_URL": running.base_url,
            "PROTOCOL_API_TOKEN": running.tokens[0],
            "PROTOCOL_OTHER_API_TOKEN": running.tokens[1],
        }


@pytest.fixture
def token(server: RunningServer) -> str:
    """A token whose account no other test uses, so every test starts with no conversations."""
    return next(_unused_tokens)


def _missing_toolchain(what: str, install: str) -> NoReturn:
    """Skip with what is missing and how to install it; fail instead where it is required (CI)."""
    if os.environ.get(REQUIRE_TOOLCHAINS) == "1":
        pytest.fail(
            f"{what} is not installed: {install}. {REQUIRE_TOOLCHAINS}=1 requires it.",
            pytrace=False,
        )
    pytest.skip(f"{what} is not installed ({install})")


@pytest.fixture(scope="session")
def missing_toolchain() -> Callable[[str, str], NoReturn]:
    """The TS and PHP tests need Node and PHP: CI installs them, a dev machine may not have them."""
    return _missing_toolchain
