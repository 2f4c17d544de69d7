"""The benchmark's own environment: the anchors we measure against, pinned, kept apart.

- `.bench-venv/`: openapi-python-client and datamodel-code-generator, from bench/requirements.txt
  under bench/constraints.txt;
- `bench/node_modules/`: Prism, from bench/package.json and bench/package-lock.json (`npm ci`).

Only `make bench` sets them up (a stamp of those four files makes a second run instant), and
`make corpus` the first (`prepare_generators`: it times ours against openapi-python-client on
every spec of the corpus); `make setup`, `make test` and CI never do. `wrk`, the HTTP load generator, is a system package.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import venv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from protocol_bench.errors import BenchError
from protocol_spec import PROJECT_ROOT

__all__ = ["BENCH_DIR", "BENCH_VENV", "BenchTools", "SetupFailed", "prepare", "prepare_generators"]

BENCH_DIR = PROJECT_ROOT / "bench"
BENCH_VENV = PROJECT_ROOT / ".bench-venv"
_INPUTS = ("requirements.txt", "constraints.txt", "package.json", "package-lock.json")
_STAMP = BENCH_VENV / ".installed"
_PYTHON_INPUTS = _INPUTS[:2]
_PYTHON_STAMP = BENCH_VENV / ".installed-python"


class SetupFailed(BenchError):
    """The benchmark environment cannot be made; the message says what to install or fix."""


@dataclass(frozen=True)
class BenchTools:
    bin_dir: Path  # .bench-venv/bin: the anchors' commands, and the ruff their post-hooks call
    openapi_python_client: Path
    datamodel_codegen: Path
    prism: Path
    wrk: Path


def prepare(say: Callable[[str], None]) -> BenchTools:
    """Install what is missing or out of date, then the paths of every tool; `say` reports
    progress."""
    wrk = shutil.which("wrk")
    npm = shutil.which("npm")
    missing = [name for name, found in (("wrk", wrk), ("npm", npm)) if found is None]
    if missing:
        raise SetupFailed(
            f"{' and '.join(missing)} not found; install {' and '.join(missing)} "
            "(Debian: apt-get install -y wrk nodejs npm) and run make bench again"
        )
    assert wrk is not None and npm is not None
    wanted = _digest(_INPUTS)
    if not (_STAMP.is_file() and _STAMP.read_text().strip() == wanted):
        say(f"bench: installing the anchors into {BENCH_VENV.name}/ and bench/node_modules/")
        prepare_generators(say)
        _run([npm, "ci", "--prefix", str(BENCH_DIR), "--silent", "--no-audit", "--no-fund"])
        _STAMP.write_text(wanted + "\n")
    bin_dir = BENCH_VENV / "bin"
    return BenchTools(
        bin_dir=bin_dir,
        openapi_python_client=bin_dir / "openapi-python-client",
        datamodel_codegen=bin_dir / "datamodel-codegen",
        prism=BENCH_DIR / "node_modules" / ".bin" / "prism",
        wrk=Path(wrk),
    )


def prepare_generators(say: Callable[[str], None]) -> Path:
    """Only the Python anchors (openapi-python-client, datamodel-code-generator) in
    .bench-venv/, installed when missing or out of date (no wrk or npm needed); returns its
    bin folder."""
    wanted = _digest(_PYTHON_INPUTS)
    if not (_PYTHON_STAMP.is_file() and _PYTHON_STAMP.read_text().strip() == wanted):
        say(f"bench: installing openapi-python-client into {BENCH_VENV.name}/")
        if not (BENCH_VENV / "bin" / "python").exists():
            venv.EnvBuilder(with_pip=True).create(BENCH_VENV)
        _run(
            [
                str(BENCH_VENV / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-c",
                str(BENCH_DIR / "constraints.txt"),
                "-r",
                str(BENCH_DIR / "requirements.txt"),
            ]
        )
        _PYTHON_STAMP.write_text(wanted + "\n")
    return BENCH_VENV / "bin"


def _digest(inputs: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for name in inputs:
        digest.update((BENCH_DIR / name).read_bytes())
    return digest.hexdigest()


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        raise SetupFailed(f"{' '.join(command[:4])} ... failed:\n{tail}")
