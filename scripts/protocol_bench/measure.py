"""Running one command and measuring it: wall time and peak memory, and what it wrote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from protocol_bench.errors import BenchError

__all__ = ["CommandFailed", "Run", "run_measured", "tree_size", "users_environment"]


class CommandFailed(BenchError):
    """A measured command exited with an error; the message holds the end of its output."""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float  # the largest resident set of the command or of any process it waited for
    stderr: str


def users_environment(*first_on_path: Path) -> dict[str, str]:
    """This process's environment as a user's shell has it: Python writes its bytecode caches
    (sandboxes and CI often set PYTHONDONTWRITEBYTECODE, which makes every import compile);
    `first_on_path` folders go before PATH."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if first_on_path:
        env["PATH"] = os.pathsep.join([*(str(p) for p in first_on_path), env.get("PATH", "")])
    return env


def run_measured(
    command: Sequence[str], *, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> Run:
    """Run `command` to completion in `env` (default: `users_environment()`); its output is
    kept, not shown.

    It runs under a small launcher process, which times it and reads its peak memory from
    getrusage(RUSAGE_CHILDREN): a child's ru_maxrss counts the memory of the process that
    forked it until the exec, so this benchmark's own 100 MiB must not be the forking parent.
    """
    env = users_environment() if env is None else env
    with tempfile.TemporaryDirectory(prefix="protocol-bench-run-") as scratch:
        figures = Path(scratch) / "figures.json"
        errors = Path(scratch) / "stderr"
        with open(os.devnull, "wb") as devnull, errors.open("wb") as error_log:
            subprocess.run(
                [sys.executable, "-I", "-c", _LAUNCHER, str(figures), *command],
                cwd=cwd,
                env=dict(env),
                stdout=devnull,
                stderr=error_log,
                check=False,
            )
        stderr = errors.read_text(encoding="utf-8", errors="replace")
        if not figures.exists():
            raise CommandFailed(f"{command[0]} could not be started:\n{stderr[-2000:]}")
        status, seconds, peak_kib = json.loads(figures.read_text())
    if status != 0:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise CommandFailed(f"{' '.join(command)} exited with {status}:\n{tail}")
    return Run(seconds=seconds, peak_mib=peak_kib / 1024, stderr=stderr)


# argv: figures file, then the command. Writes [exit status, wall seconds, peak KiB].
_LAUNCHER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
status = subprocess.run(sys.argv[2:]).returncode
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as figures:
    json.dump([status, seconds, peak], figures)
"""


def tree_size(root: Path, suffixes: tuple[str, ...]) -> tuple[int, int]:
    """(files, lines) of the files under `root` whose names end with one of `suffixes`."""
    files = lines = 0
    for path in root.rglob("*"):
        if path.is_file() and path.name.endswith(suffixes) and "node_modules" not in path.parts:
            files += 1
            with path.open("rb") as handle:
                lines += sum(1 for _ in handle)
    return files, lines
