"""Stage 4: put rendered files under `generated/`, all or nothing, and only when they changed.

Each target owns one folder (`generated/python/`, ...) or one file at the top of `generated/`
(`generated/openapi.json`): whatever has the target's name. A changed folder or file is written
completely into a scratch directory next to `generated/`, then swapped in by rename, so a
failure at any point leaves the old tree in place. What other targets own is never touched.
"""

from __future__ import annotations

import fnmatch
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "IGNORED",
    "WriteResult",
    "files_on_disk",
    "ignored",
    "owns",
    "split_by_target",
    "write_generated",
]

# Not ours, yet found inside generated trees: caches, build metadata, installed dependencies.
# They are ignored by comparisons and carried over (top level of a target folder) on a swap.
IGNORED = (
    "__pycache__",
    "*.egg-info",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "node_modules",
    "vendor",
)


@dataclass(frozen=True)
class WriteResult:
    written: tuple[str, ...]  # targets whose folder (or file) was replaced
    unchanged: tuple[str, ...]  # targets whose output was already identical
    file_count: int


def ignored(name: str) -> bool:
    """Whether a file or folder of that name is one of the IGNORED, never ours."""
    return any(fnmatch.fnmatch(name, pattern) for pattern in IGNORED)


def owns(target: str, path: str) -> bool:
    """Whether `path` (relative to `generated/`) is the target's: in the folder named after
    it, or the one file named after it."""
    return path == target or path.startswith(target + "/")


def files_on_disk(root: Path, prefix: str) -> dict[str, bytes]:
    """Every file under `root` (ignored names skipped), keyed `prefix/relative/path`; when
    `root` is a file, that file, keyed `prefix`."""
    found: dict[str, bytes] = {}
    if root.is_file():
        return {prefix: root.read_bytes()}
    if not root.is_dir():
        return found
    stack = [root]
    while stack:
        folder = stack.pop()
        for entry in folder.iterdir():
            if ignored(entry.name):
                continue
            if entry.is_dir():
                stack.append(entry)
            else:
                found[f"{prefix}/{entry.relative_to(root).as_posix()}"] = entry.read_bytes()
    return found


def split_by_target(files: Mapping[str, str], targets: Sequence[str]) -> dict[str, dict[str, str]]:
    return {
        name: {path: text for path, text in files.items() if owns(name, path)} for name in targets
    }


def write_generated(files: Mapping[str, str], out_dir: Path, targets: Sequence[str]) -> WriteResult:
    by_target = split_by_target(files, targets)
    changed = [
        name
        for name in targets
        if files_on_disk(out_dir / name, name)
        != {path: text.encode("utf-8") for path, text in by_target[name].items()}
    ]
    unchanged = tuple(name for name in targets if name not in changed)
    if changed:
        out_dir.mkdir(parents=True, exist_ok=True)
        _swap_in(by_target, changed, out_dir)
    return WriteResult(tuple(changed), unchanged, len(files))


def _swap_in(by_target: dict[str, dict[str, str]], changed: list[str], out_dir: Path) -> None:
    scratch = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        (scratch / "new").mkdir()
        (scratch / "old").mkdir()
        for name in changed:  # every new folder is complete before anything moves
            for path, text in by_target[name].items():
                target = scratch / "new" / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(text.encode("utf-8"))
        for name in changed:
            current, new = out_dir / name, scratch / "new" / name
            if current.is_dir() and new.is_dir():
                for entry in current.iterdir():
                    if ignored(entry.name) and not (new / entry.name).exists():
                        entry.rename(new / entry.name)
            if current.exists():
                current.rename(scratch / "old" / name)
            if new.exists():  # a target that renders nothing leaves nothing
                new.rename(current)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
