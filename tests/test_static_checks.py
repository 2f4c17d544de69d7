"""Static checks as tests, so `make test` fails on code that ruff or mypy --strict rejects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHECKS = {
    "ruff-check": ["-m", "ruff", "check", "scripts", "tests"],
    "ruff-format": ["-m", "ruff", "format", "--check", "scripts", "tests"],
    "mypy-tools": [
        "-m",
        "mypy",
        "--strict",
        "scripts/protocol_codegen",
        "scripts/protocol_server",
        "scripts/protocol_conformance",
        "scripts/protocol_spec",
        "scripts/protocol_review",
        "scripts/protocol_bench",
    ],
    "mypy-generated-python": ["-m", "mypy", "--strict", "generated/python/protocol_api"],
    # The golden tree of the two-resource fixture is generated code too.
    "mypy-golden-python": [
        "-m",
        "mypy",
        "--strict",
        "tests/golden/two_resources/python/protocol_api",
    ],
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_static_check_passes(name: str) -> None:
    result = subprocess.run(
        [sys.executable, *CHECKS[name]], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{name} failed:\n{result.stdout}\n{result.stderr}"
