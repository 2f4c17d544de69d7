"""Shared by the review tests: the corpus, a review of one case, temporary git repositories."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

from protocol_review.review import Review, review_sides
from protocol_review.sides import SpecSide, reviewable_api
from protocol_spec import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "tests" / "fixtures" / "review"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
SPEC = PROJECT_ROOT / "spec" / "openapi.yaml"


@functools.cache
def _side(data: bytes, role: str, label: str) -> SpecSide:
    # Most cases share their before.yaml: load each distinct text once per test session.
    api, sdk_problem = reviewable_api(data, label, label, role)
    return SpecSide(role, label, label, None, api, data, sdk_problem)


@functools.cache
def review_case(name: str) -> Review:
    """The review of one corpus case, with labels that do not depend on the checkout."""
    case = CORPUS / name
    ignore = case / "review-ignore.yaml"
    before, after = case / "before.yaml", case / "after.yaml"
    return review_sides(
        _side(before.read_bytes(), "base", "before.yaml"),
        _side(after.read_bytes(), "new", "after.yaml"),
        ignore if ignore.exists() else None,
    )


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.test",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.test",
    }
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip()


def commit_spec(repo: Path, text: str, message: str) -> str:
    """Write spec/openapi.yaml in `repo`, commit it, return the commit id."""
    spec = repo / "spec" / "openapi.yaml"
    spec.parent.mkdir(parents=True, exist_ok=True)
    spec.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def new_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    return path


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m protocol_review`, as `make review` runs it."""
    return subprocess.run(
        [sys.executable, "-m", "protocol_review", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
