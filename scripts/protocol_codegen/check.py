"""`check`: is `generated/` exactly what the spec and templates produce? Compared in memory."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from protocol_codegen.write import files_on_disk, split_by_target

__all__ = ["Drift", "find_drift"]


@dataclass(frozen=True)
class Drift:
    kind: Literal["stale", "missing", "extra"]
    path: str  # relative to generated/


def find_drift(files: Mapping[str, str], out_dir: Path, targets: Sequence[str]) -> list[Drift]:
    """Differences between the rendered `files` and the target folders under `out_dir`."""
    drift: list[Drift] = []
    for name, expected in split_by_target(files, targets).items():
        actual = files_on_disk(out_dir / name, name)
        for path in sorted(set(expected) | set(actual)):
            if path not in actual:
                drift.append(Drift("missing", path))
            elif path not in expected:
                drift.append(Drift("extra", path))
            elif actual[path] != expected[path].encode("utf-8"):
                drift.append(Drift("stale", path))
    return drift
