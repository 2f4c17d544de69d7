"""The no-op key of `make generate` (`protocol_codegen.cache`): a hit answers without importing
the generator; every kind of input change, and every change to `generated/`, is a miss that
runs the generator in full (and so repairs the tree).

The project is copied to a temporary folder and run from there (PYTHONPATH first), so that
the copy's spec, templates, code and generated/ are the ones the key covers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import protocol_codegen
import protocol_spec
from protocol_codegen import cache, cli
from protocol_codegen.formatting import PINNED_TOOLS
from protocol_codegen.targets._jinja import TEMPLATES_DIR
from protocol_spec import DEFAULT_SPEC, PROJECT_ROOT

# Imported by every full run, never by the no-op answer.
GENERATOR_MODULE = "datamodel_code_generator"


def test_the_key_covers_the_folders_the_generator_reads() -> None:
    code = set(cache._CODE)
    assert Path(protocol_codegen.__file__).parent in code
    assert Path(protocol_spec.__file__).parent in code
    assert TEMPLATES_DIR in code
    assert DEFAULT_SPEC.parent in code
    assert (cache.DEFAULT_SPEC, cache.DEFAULT_OUT) == (DEFAULT_SPEC, cli.DEFAULT_OUT)
    assert cache.STAMP.is_relative_to(PROJECT_ROOT)


class Copy:
    """A copy of the project with its own generated/ and stamp."""

    def __init__(self, root: Path, extra_path: Path) -> None:
        self.root = root
        self.extra_path = extra_path  # a sys.path entry for fake distributions

    def run(self) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(self.extra_path), str(self.root / "scripts")]),
        }
        return subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "protocol_codegen", "generate"],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    def generate(self) -> tuple[bool, str]:
        """(whether the generator ran in full, what the command printed)."""
        done = self.run()
        imports = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
        errors = [line for line in done.stderr.splitlines() if not line.startswith("import time:")]
        assert done.returncode == 0, "\n".join(errors) or done.stdout
        ran = any(line.rstrip().endswith(f" {GENERATOR_MODULE}") for line in imports)
        return ran, done.stdout

    def edit(self, relative: str, change: Callable[[str], str]) -> None:
        path = self.root / relative
        path.write_text(change(path.read_text()))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Copy:
    root = tmp_path_factory.mktemp("project")
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "node_modules", "vendor")
    for folder in ("scripts", "templates", "spec", "generated"):
        shutil.copytree(PROJECT_ROOT / folder, root / folder, ignore=skip)
    extra = tmp_path_factory.mktemp("site")
    copy = Copy(root, extra)
    ran, _ = copy.generate()  # the copy's first run leaves its key
    assert ran
    return copy


def _python_file(project: Copy) -> Path:
    return project.root / "generated" / "python" / "protocol_api" / "models.py"


def test_an_unchanged_project_is_answered_without_the_generator(project: Copy) -> None:
    ran, printed = project.generate()
    assert not ran
    assert printed.startswith("generated is up to date (")


@pytest.mark.parametrize(
    ("what", "relative", "change"),
    [
        ("the spec", "spec/openapi.yaml", lambda text: text + "\n# a reviewer's note\n"),
        ("another file in spec/", "spec/x-protocol.schema.json", lambda text: text + "\n"),
        ("a template", "templates/python/README.md.jinja", lambda text: text + "\n"),
        ("the generator", "scripts/protocol_codegen/pipeline.py", lambda text: text + "\n# x\n"),
        ("the loader", "scripts/protocol_spec/build.py", lambda text: text + "\n# x\n"),
    ],
)
def test_an_input_change_runs_the_generator(
    project: Copy, what: str, relative: str, change: Callable[[str], str]
) -> None:
    original = (project.root / relative).read_text()
    project.edit(relative, change)
    try:
        ran, _ = project.generate()
        assert ran, f"a change to {what} was answered from the key"
        assert not project.generate()[0], "the full run left no key for the next one"
    finally:
        (project.root / relative).write_text(original)
    assert project.generate()[0], "undoing the change was answered from the stale key"


def test_a_hand_edit_under_generated_is_repaired(project: Copy) -> None:
    models = _python_file(project)
    original = models.read_text()
    models.write_text(original.replace("class ", "class Edited", 1))
    assert project.generate()[0]
    assert models.read_text() == original


def test_a_deleted_generated_file_is_restored(project: Copy) -> None:
    models = _python_file(project)
    original = models.read_text()
    models.unlink()
    assert project.generate()[0]
    assert models.read_text() == original


def test_a_stray_file_under_generated_is_removed(project: Copy) -> None:
    stray = project.root / "generated" / "python" / "stray.py"
    stray.write_text("x = 1\n")
    assert project.generate()[0]
    assert not stray.exists()


def test_another_tool_version_is_not_answered_from_the_key(project: Copy) -> None:
    # Another ruff, found first on sys.path: the generator runs, and refuses it.
    pinned = PINNED_TOOLS["ruff"]
    other = f"{pinned}.post1"
    fake = project.extra_path / f"ruff-{other}.dist-info"
    fake.mkdir()
    (fake / "METADATA").write_text(f"Metadata-Version: 2.1\nName: ruff\nVersion: {other}\n")
    try:
        done = project.run()
        assert done.returncode == 1
        assert f"ruff {other} (want {pinned})" in done.stderr
    finally:
        shutil.rmtree(fake)
    assert not project.generate()[0], "the pinned tools are back: the last good key holds"


def test_a_failed_run_leaves_the_last_good_key(project: Copy) -> None:
    spec = project.root / "spec" / "openapi.yaml"
    original = spec.read_text()
    spec.write_text(original.replace("openapi: 3.1", "openapi: 9.9", 1))
    try:
        failed = project.run()
        assert failed.returncode == 1 and "nothing was generated" in failed.stderr
    finally:
        spec.write_text(original)
    # generated/ was left as it was, and it is what the restored spec gives.
    assert not project.generate()[0]
