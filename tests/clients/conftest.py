"""Fixtures for the client tests: the real reference server, one per session, and a fresh
account (token) per test so that tests never see each other's conversations."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from protocol_server.harness import RunningServer, running_server

REQUIRE_TOOLCHAINS = "PROTOCOL_REQUIRE_TOOLCHAINS"

ROOT = Path(__file__).resolve().parents[2]
# The clients' mechanics (requests, retries, errors, pages, install) are tested against a server
# of a small fixed spec, the conversations-only API the project started from: the generated
# clients are the whole API's, whose conversations are that spec's word for word. Tests of the
# whole API (READMEs, uploads) name their spec in PROTOCOL_SPEC.
CONVERSATIONS_SPEC = ROOT / "tests" / "fixtures" / "specs" / "conversations.yaml"

TOKEN_POOL = tuple(f"client-test-token-{n}" for n in range(100))
_unused_tokens = itertools.cycle(TOKEN_POOL)


@pytest.fixture(scope="package", autouse=True)
def conversations_spec() -> Iterator[None]:
    """Every server these tests start serves CONVERSATIONS_SPEC unless the test names another."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PROTOCOL_SPEC", str(CONVERSATIONS_SPEC))
        yield


@pytest.fixture(scope="package")
def server(conversations_spec: None) -> Iterator[RunningServer]:
    with running_server(tokens=TOKEN_POOL) as running:
        yield running


@pytest.fixture(scope="module")
def fresh_server_env(conversations_spec: None) -> Iterator[dict[str, str]]:
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


TSC = ROOT / "node_modules" / ".bin" / "tsc"


@pytest.fixture(scope="session")
def node(missing_toolchain: Callable[[str, str], NoReturn]) -> str:
    path = shutil.which("node")
    if path is None:
        missing_toolchain("Node.js 20 or later", "install it, e.g. `apt-get install nodejs npm`")
    assert path is not None
    version = subprocess.run(
        [path, "--version"], check=False, capture_output=True, text=True
    ).stdout.strip()
    match = re.match(r"v(\d+)", version)
    major = int(match.group(1)) if match else 0
    if major < 20:
        missing_toolchain(f"Node.js 20 or later (found {version})", "install a newer nodejs")
    return path


@pytest.fixture(scope="session")
def tsc(node: str, missing_toolchain: Callable[[str, str], NoReturn]) -> Path:
    if not TSC.exists():
        missing_toolchain("the pinned TypeScript compiler", "run `npm ci` at the project root")
    return TSC


@pytest.fixture(scope="session")
def php(missing_toolchain: Callable[[str, str], NoReturn]) -> str:
    path = shutil.which("php")
    if path is None:
        missing_toolchain("PHP 8.1 or later", "install it, e.g. `apt-get install php-cli`")
    assert path is not None
    probe = "echo PHP_VERSION_ID >= 80100 && extension_loaded('json') ? 'ok' : PHP_VERSION;"
    answer = subprocess.run(
        [path, "-r", probe], check=False, capture_output=True, text=True
    ).stdout.strip()
    if answer != "ok":
        missing_toolchain(
            f"PHP 8.1 or later with the json extension (found {answer})", "install php-cli"
        )
    return path


def install_package(package: Path, into: Path) -> None:
    """Make `@example/protocol-api` resolve from `into` as an installed package would."""
    scope = into / "node_modules" / "@example"
    scope.mkdir(parents=True)
    (scope / "protocol-api").symlink_to(package, target_is_directory=True)
