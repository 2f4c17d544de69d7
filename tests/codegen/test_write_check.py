"""Writing generated/ (all or nothing, no-op when identical) and checking it for drift."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from protocol_codegen.check import Drift, find_drift
from protocol_codegen.write import write_generated
from protocol_spec import PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "specs" / "two_resources.yaml"
FILES = {"python/pkg/a.py": "a = 1\n", "python/pkg/sub/b.py": "b = 2\n", "python/README": "x\n"}


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*") if p.is_file()}


def test_write_creates_the_tree_and_leaves_no_scratch_behind(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    result = write_generated(FILES, out, ["python"])
    assert result.written == ("python",)
    assert _tree(out) == FILES
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_identical_output_is_a_no_op(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    write_generated(FILES, out, ["python"])
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    inode = (out / "python").stat().st_ino
    result = write_generated(FILES, out, ["python"])
    assert result.written == () and result.unchanged == ("python",)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    assert (out / "python").stat().st_ino == inode


def test_rewrite_removes_stale_files_and_keeps_other_targets(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    write_generated(FILES, out, ["python"])
    (out / "python" / "pkg" / "old.py").write_text("stale\n")
    (out / "typescript").mkdir()
    (out / "typescript" / "index.ts").write_text("export {}\n")
    (out / "python" / "pkg.egg-info").mkdir()  # build metadata from `pip install -e`
    changed = {**FILES, "python/pkg/a.py": "a = 2\n"}
    write_generated(changed, out, ["python"])
    assert _tree(out / "python") == {
        path.removeprefix("python/"): text for path, text in changed.items()
    }
    assert (out / "typescript" / "index.ts").read_text() == "export {}\n"
    assert (out / "python" / "pkg.egg-info").is_dir()


def test_find_drift_names_stale_missing_and_extra_files(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    write_generated(FILES, out, ["python"])
    (out / "python" / "pkg" / "a.py").write_text("a = 'edited by hand'\n")
    (out / "python" / "README").unlink()
    (out / "python" / "extra.py").write_text("\n")
    (out / "python" / "pkg" / "__pycache__").mkdir()
    (out / "python" / "pkg" / "__pycache__" / "a.pyc").write_bytes(b"\0")
    assert find_drift(FILES, out, ["python"]) == [
        Drift("missing", "python/README"),
        Drift("extra", "python/extra.py"),
        Drift("stale", "python/pkg/a.py"),
    ]


# A target that owns one file at the top of generated/, beside one that owns a folder.
WITH_FILE = {**FILES, "bundle.json": '{"a": 1}\n'}
BOTH = ["python", "bundle.json"]


def test_a_target_may_own_one_file_at_the_top(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    result = write_generated(WITH_FILE, out, BOTH)
    assert result.written == ("python", "bundle.json")
    assert _tree(out) == WITH_FILE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]
    assert find_drift(WITH_FILE, out, BOTH) == []


def test_an_identical_file_is_not_rewritten(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    write_generated(WITH_FILE, out, BOTH)
    stat = (out / "bundle.json").stat()
    result = write_generated(WITH_FILE, out, BOTH)
    assert result.written == () and result.unchanged == ("python", "bundle.json")
    after = (out / "bundle.json").stat()
    assert (after.st_ino, after.st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)


def test_a_changed_file_is_swapped_in_and_nothing_else_moves(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    write_generated(WITH_FILE, out, BOTH)
    (out / "other.json").write_text("not ours\n")
    folder = (out / "python").stat().st_ino
    changed = {**WITH_FILE, "bundle.json": '{"a": 2}\n'}
    result = write_generated(changed, out, BOTH)
    assert result.written == ("bundle.json",)
    assert (out / "bundle.json").read_text() == '{"a": 2}\n'
    assert (out / "python").stat().st_ino == folder
    assert (out / "other.json").read_text() == "not ours\n"


def test_drift_of_a_file_target_is_named(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    assert find_drift(WITH_FILE, out, ["bundle.json"]) == [Drift("missing", "bundle.json")]
    write_generated(WITH_FILE, out, BOTH)
    (out / "bundle.json").write_text("{}\n")
    assert find_drift(WITH_FILE, out, BOTH) == [Drift("stale", "bundle.json")]


def test_a_failed_write_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "generated"
    write_generated(WITH_FILE, out, BOTH)
    before = _tree(out)
    original = Path.write_bytes

    def failing(path: Path, data: bytes) -> int:
        if path.name == "bundle.json":
            raise OSError("disk full")
        return original(path, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    changed = {**WITH_FILE, "python/pkg/a.py": "a = 3\n", "bundle.json": "{}\n"}
    with pytest.raises(OSError, match="disk full"):
        write_generated(changed, out, BOTH)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_a_target_rendering_outside_what_it_owns_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from protocol_codegen import pipeline
    from protocol_codegen.errors import GeneratorError
    from protocol_spec import load_api

    monkeypatch.setitem(pipeline.TARGETS, "bundle.json", lambda api: {"bundle.json.bak": "x"})
    with pytest.raises(GeneratorError, match="outside what it owns"):
        pipeline.render_targets(load_api(FIXTURE), ["bundle.json"])


def _cli(*args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "protocol_codegen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_cli_generate_then_check_then_no_op(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    spec = ["--spec", str(FIXTURE), "--out", str(out)]
    missing = _cli("check", *spec)
    assert missing.returncode == 1
    assert "missing: " in missing.stderr and "resources/widgets.py" in missing.stderr
    assert "Run `make generate`" in missing.stderr

    first = _cli("generate", *spec)
    assert first.returncode == 0, first.stderr
    assert "wrote" in first.stdout
    assert _cli("check", *spec).returncode == 0
    again = _cli("generate", *spec)
    assert again.returncode == 0 and "is up to date" in again.stdout

    (out / "python" / "protocol_api" / "_client.py").write_text("# edited\n")
    stale = _cli("check", *spec)
    assert stale.returncode == 1
    assert "stale: " in stale.stderr and "protocol_api/_client.py" in stale.stderr


def test_cli_bad_spec_prints_located_errors_and_leaves_output_alone(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    assert _cli("generate", "--spec", str(FIXTURE), "--out", str(out)).returncode == 0
    before = _tree(out)
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        FIXTURE.read_text().replace("operationId: getWidget", "operationId: searchWidgets")
    )
    result = _cli("generate", "--spec", str(bad), "--out", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{bad}:" in result.stderr  # file and line
    assert "/paths/~1v1~1widgets~1{id}/get/operationId" in result.stderr
    assert "give each operation its own operationId" in result.stderr  # the fix
    assert _tree(out) == before


@pytest.mark.parametrize("command", ["generate", "check"])
def test_cli_missing_spec_file_is_an_error_not_a_traceback(command: str, tmp_path: Path) -> None:
    result = _cli(command, "--spec", str(tmp_path / "nope.yaml"), "--out", str(tmp_path / "g"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "nope.yaml" in result.stderr
    assert not (tmp_path / "g").exists()


def test_cli_docs_writes_only_the_page_and_prints_its_path(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    spec = ["--spec", str(FIXTURE), "--out", str(out)]
    first = _cli("docs", *spec)
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"{(out / 'docs' / 'index.html').resolve()}\n"
    assert "wrote" in first.stderr
    assert sorted(p.name for p in out.iterdir()) == ["docs"]
    again = _cli("docs", *spec)
    assert again.stdout == first.stdout and "up to date" in again.stderr
    everything = _cli("generate", *spec)
    assert f"wrote {out / 'openapi.json'}\n" in everything.stdout  # a file: no trailing slash
    assert f"wrote {out / 'python'}/\n" in everything.stdout
    assert f"wrote {out / 'docs'}/" not in everything.stdout  # already up to date
