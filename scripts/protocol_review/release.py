"""The record of the last release: `spec/RELEASE` names the commit whose spec was released,
and CI reviews the working tree against it (so a breaking change is caught however many
commits it spans).

A fresh clone normally has that commit; a shallow one may not, so it is fetched from `origin`
when missing, and the review stops with a clear message (exit status 2) when that fails.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .sides import ReviewError

__all__ = ["RELEASE_FILE_NAME", "ensure_commit", "read_release"]

RELEASE_FILE_NAME = "RELEASE"
_COMMIT = re.compile(r"^[0-9a-f]{7,40}$")


def read_release(path: Path) -> str:
    """The commit the release file names (its first line that is not a comment)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReviewError(
            f"{path}: cannot read the release record ({exc.strerror or exc}); create it with "
            "the commit of the last release (see docs/review.md, 'Cutting a release')"
        ) from None
    for number, line in enumerate(text.splitlines(), start=1):
        value = line.split("#", 1)[0].strip()
        if not value:
            continue
        if not _COMMIT.match(value):
            raise ReviewError(
                f"{path}:{number}: {value!r} is not a commit id; write the full hash of the "
                "release commit (`git rev-parse HEAD`)"
            )
        return value
    raise ReviewError(f"{path}: names no commit; write the hash of the release commit in it")


def _git(directory: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-C", str(directory), *args], capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise ReviewError(f"git is not available ({exc.strerror or exc})") from None


def ensure_commit(directory: Path, commit: str, record: str) -> None:
    """Make sure `commit` is in the repository at `directory`; fetch it from origin if not."""
    if _git(directory, "cat-file", "-e", f"{commit}^{{commit}}").returncode == 0:
        return
    fetched = _git(directory, "fetch", "--quiet", "origin", commit)
    if fetched.returncode == 0 and (
        _git(directory, "cat-file", "-e", f"{commit}^{{commit}}").returncode == 0
    ):
        return
    reason = (fetched.stderr.strip().splitlines() or ["no remote named origin"])[-1]
    raise ReviewError(
        f"the release commit {commit} named by {record} is not in this clone, and fetching it "
        f"from origin failed ({reason}); clone with full history (`git fetch --unshallow`) or "
        f"fix {record}"
    )
