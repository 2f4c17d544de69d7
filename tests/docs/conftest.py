"""What the docs tests need from the machine: curl, Node 20 with `npm ci` done, PHP 8.1+ and
Chromium. Where one is missing its tests are skipped, saying what to install; with
PROTOCOL_REQUIRE_TOOLCHAINS=1 (set by .ci/run) they fail instead, as the client tests do."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import NoReturn

import pytest

from protocol_spec import PROJECT_ROOT

REQUIRE_TOOLCHAINS = "PROTOCOL_REQUIRE_TOOLCHAINS"
PLAYWRIGHT = PROJECT_ROOT / "node_modules" / "playwright-core" / "package.json"


def missing_toolchain(what: str, install: str) -> NoReturn:
    """Skip with what is missing and how to install it; fail instead where it is required (CI)."""
    if os.environ.get(REQUIRE_TOOLCHAINS) == "1":
        pytest.fail(
            f"{what} is not installed: {install}. {REQUIRE_TOOLCHAINS}=1 requires it.",
            pytrace=False,
        )
    pytest.skip(f"{what} is not installed ({install})")


def find_curl() -> str:
    path = shutil.which("curl")
    if path is None:
        missing_toolchain("curl", "install it, e.g. `apt-get install curl`")
    return path


def find_node() -> str:
    path = shutil.which("node")
    if path is None:
        missing_toolchain("Node.js 20 or later", "install it, e.g. `apt-get install nodejs npm`")
    version = subprocess.run(
        [path, "--version"], check=False, capture_output=True, text=True
    ).stdout.strip()
    match = re.match(r"v(\d+)", version)
    if match is None or int(match.group(1)) < 20:
        missing_toolchain(f"Node.js 20 or later (found {version})", "install a newer nodejs")
    return path


def find_php() -> str:
    path = shutil.which("php")
    if path is None:
        missing_toolchain("PHP 8.1 or later", "install it, e.g. `apt-get install php-cli`")
    probe = "echo PHP_VERSION_ID >= 80100 && extension_loaded('json') ? 'ok' : PHP_VERSION;"
    answer = subprocess.run(
        [path, "-r", probe], check=False, capture_output=True, text=True
    ).stdout.strip()
    if answer != "ok":
        missing_toolchain(f"PHP 8.1 or later with json (found {answer})", "install php-cli")
    return path


def find_chromium() -> str:
    """The system's Chromium (test frameworks' browser downloads are not used)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        missing_toolchain("Chromium", "install it, e.g. `apt-get install chromium`")
    if not PLAYWRIGHT.exists():
        missing_toolchain("playwright-core", "run `npm ci` at the project root")
    return path
