"""How the command line names paths and says that nothing changed (stdlib only: the no-op
answer in `__main__` prints it before the generator is imported)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["shown", "up_to_date"]


def shown(path: Path) -> str:
    """`path` relative to the working directory when inside it, as the user would type it."""
    resolved = path.resolve()
    return (
        str(resolved.relative_to(Path.cwd())) if resolved.is_relative_to(Path.cwd()) else str(path)
    )


def up_to_date(out: Path, file_count: int, elapsed: float) -> str:
    return f"{shown(out)} is up to date ({file_count} files, {elapsed:.2f}s)"
