"""`python -m protocol_review` end to end, in temporary git repositories: exit statuses 0, 1
and 2, the environment variables `make review` passes, acknowledgements, the release record,
and the call CI makes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from protocol_spec import PROJECT_ROOT

from .helpers import CORPUS, commit_spec, git, new_repo, run_cli

BASE_TEXT = (CORPUS / "identical" / "before.yaml").read_text(encoding="utf-8")
REMOVED_TEXT = (CORPUS / "parameter-removed" / "after.yaml").read_text(encoding="utf-8")
ADDED_TEXT = (CORPUS / "parameter-added" / "after.yaml").read_text(encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = new_repo(tmp_path / "repo")
    commit_spec(repo, BASE_TEXT, "the first spec")
    return repo


def spec_of(repo: Path) -> Path:
    return repo / "spec" / "openapi.yaml"


def review(
    repo: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_cli("--spec", str(spec_of(repo)), *args, cwd=repo, env=env)


def assert_no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout


def test_nothing_changed_exits_0(repo: Path) -> None:
    done = review(repo)
    assert done.returncode == 0, done.stderr
    assert "review of spec/openapi.yaml against spec/openapi.yaml@HEAD" in done.stdout
    assert "summary: no contract change" in done.stdout


def test_a_breaking_change_in_the_working_tree_exits_1(repo: Path) -> None:
    spec_of(repo).write_text(REMOVED_TEXT, encoding="utf-8")
    done = review(repo)
    assert done.returncode == 1
    assert "spec/openapi.yaml@HEAD:51:11 breaking parameter-removed" in done.stdout


def test_compatible_changes_only_exit_0(repo: Path) -> None:
    spec_of(repo).write_text(
        ADDED_TEXT.replace(
            "          required: true\n          description: The account",
            "          description: The account",
        ),
        encoding="utf-8",
    )
    done = review(repo)
    assert done.returncode == 0, done.stdout
    assert "compatible parameter-added" in done.stdout


def test_base_and_format_come_from_the_environment(repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD")
    commit_spec(repo, REMOVED_TEXT, "remove the label filter")
    assert review(repo).returncode == 0  # HEAD is the working tree
    done = review(repo, env={"BASE": first, "FORMAT": "json"})
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert document["base"]["ref"] == first
    assert document["exit_status"] == 1
    assert review(repo, "--base", first, "--head", "HEAD").returncode == 1
    assert review(repo, env={"BASE": "", "FORMAT": ""}).returncode == 0  # empty = not given


def test_unknown_ref_exits_2(repo: Path) -> None:
    done = review(repo, "--base", "no-such-branch")
    assert done.returncode == 2
    assert "no commit, branch or tag named 'no-such-branch'" in done.stderr
    assert_no_traceback(done)


def test_unknown_format_exits_2(repo: Path) -> None:
    done = review(repo, env={"FORMAT": "xml"})
    assert done.returncode == 2
    assert (
        "unknown format 'xml'; use one of: text, markdown, json, sarif, github, junit"
        in done.stderr
    )
    assert_no_traceback(done)


def test_new_spec_that_does_not_load_exits_2_naming_the_side(repo: Path) -> None:
    spec_of(repo).write_text(
        BASE_TEXT.replace("  /v1/widgets:\n", "  /v1/widgets:\n  x: [\n"), encoding="utf-8"
    )
    done = review(repo)
    assert done.returncode == 2
    assert done.stderr.startswith(
        "protocol_review: the new spec (spec/openapi.yaml) cannot be reviewed:\nspec/openapi.yaml:"
    )
    assert_no_traceback(done)


def test_base_spec_that_does_not_load_exits_2_naming_the_side(repo: Path) -> None:
    broken = BASE_TEXT.replace(
        "$ref: '#/components/schemas/WidgetList'", "$ref: '#/components/schemas/Nowhere'"
    )
    commit_spec(repo, broken, "a broken spec")
    spec_of(repo).write_text(BASE_TEXT, encoding="utf-8")
    done = review(repo)
    assert done.returncode == 2
    assert "the base spec (spec/openapi.yaml@HEAD) cannot be reviewed:" in done.stderr
    assert "spec/openapi.yaml@HEAD:" in done.stderr and "Nowhere" in done.stderr
    assert_no_traceback(done)


def test_spec_missing_at_the_base_ref_exits_2(repo: Path) -> None:
    other = repo / "spec" / "other.yaml"
    other.write_text(BASE_TEXT, encoding="utf-8")
    done = run_cli("--spec", str(other), cwd=repo)
    assert done.returncode == 2
    assert "spec/other.yaml does not exist at HEAD" in done.stderr


def test_major_version_bump_acknowledges(repo: Path) -> None:
    spec_of(repo).write_text(
        REMOVED_TEXT.replace("version: 1.2.0", "version: 2.0.0"), encoding="utf-8"
    )
    done = review(repo)
    assert done.returncode == 0, done.stdout
    assert "[acknowledged: info.version 1.2.0 -> 2.0.0 (a major release)]" in done.stdout


def test_review_ignore_file_beside_the_spec_acknowledges(repo: Path) -> None:
    spec_of(repo).write_text(REMOVED_TEXT, encoding="utf-8")
    ignore = repo / "spec" / "review-ignore.yaml"
    ignore.write_text(
        "ignore:\n"
        + "".join(
            f"  - rule: {rule}\n    pointer: /paths/~1v1~1widgets/get/parameters/3\n"
            "    reason: the filter never worked.\n"
            for rule in ("parameter-removed", "sdk-parameter-removed")
        ),
        encoding="utf-8",
    )
    done = review(repo)
    assert done.returncode == 0, done.stdout
    assert "[acknowledged: spec/review-ignore.yaml: the filter never worked.]" in done.stdout


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "ignore:\n  - rule: parameter-removed\n    pointer: /x\n",
            "review-ignore.yaml:2: entry 1: missing or not text: reason",
        ),
        (
            "ignore:\n  - rule: parameter-removed\n    pointer: x\n    reason: r\n",
            "review-ignore.yaml:3: entry 1: a JSON pointer starts with '/'",
        ),
        (
            "ignored: []\n",
            "review-ignore.yaml:1: the file must be a mapping with one key, `ignore`",
        ),
        ("ignore: [\n", "is not valid YAML"),
    ],
)
def test_a_malformed_ignore_file_exits_2(repo: Path, text: str, problem: str) -> None:
    (repo / "spec" / "review-ignore.yaml").write_text(text, encoding="utf-8")
    done = review(repo)
    assert done.returncode == 2
    assert problem in done.stderr
    assert_no_traceback(done)


def test_an_explicit_ignore_file_that_is_missing_exits_2(repo: Path) -> None:
    done = review(repo, "--ignore-file", str(repo / "nowhere.yaml"))
    assert done.returncode == 2
    assert "cannot read the review-ignore file" in done.stderr


def test_base_file_compares_two_files(repo: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(BASE_TEXT, encoding="utf-8")
    spec_of(repo).write_text(REMOVED_TEXT, encoding="utf-8")
    done = review(repo, "--base-file", str(old))
    assert done.returncode == 1
    assert f"{old.as_posix()}:51:11 breaking parameter-removed" in done.stdout


def test_help_names_the_formats_the_environment_and_exit_statuses() -> None:
    done = run_cli("--help", cwd=PROJECT_ROOT)
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    for word in (
        "text | markdown | json | sarif | github | junit",
        "env BASE",
        "env FORMAT",
        "Exit status: 0",
        "1 something breaks",
        "2 the review cannot be made",
    ):
        assert word in text, word


# -- releases and CI ------------------------------------------------------------------------


def _with_release(repo: Path, commit: str) -> None:
    (repo / "spec" / "RELEASE").write_text(f"# the last release\n{commit}\n", encoding="utf-8")


def test_release_review_catches_a_break_spread_over_several_commits(repo: Path) -> None:
    released = git(repo, "rev-parse", "HEAD")
    _with_release(repo, released)
    commit_spec(repo, REMOVED_TEXT, "remove the label filter")
    commit_spec(repo, REMOVED_TEXT.replace("Widgets.", "Widgets, reworded."), "reword")
    assert review(repo).returncode == 0  # against HEAD only the wording changed
    done = review(repo, "--release")
    assert done.returncode == 1
    assert f"spec/openapi.yaml@{released}:51:11 breaking parameter-removed" in done.stdout


def test_release_commit_missing_from_a_shallow_clone_is_fetched(repo: Path, tmp_path: Path) -> None:
    released = git(repo, "rev-parse", "HEAD")
    _with_release(repo, released)
    commit_spec(repo, REMOVED_TEXT, "remove the label filter")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    assert (
        subprocess.run(
            ["git", "-C", str(clone), "cat-file", "-e", f"{released}^{{commit}}"],
            check=False,
            capture_output=True,
        ).returncode
        != 0
    )
    done = review(clone, "--release")
    assert done.returncode == 1, done.stderr
    assert "breaking parameter-removed" in done.stdout


def test_release_commit_that_cannot_be_found_exits_2(repo: Path) -> None:
    _with_release(repo, "0123456789abcdef0123456789abcdef01234567")
    done = review(repo, "--release")
    assert done.returncode == 2
    assert "the release commit 0123456789abcdef0123456789abcdef01234567 named by" in done.stderr
    assert "fetching it from origin failed" in done.stderr
    assert_no_traceback(done)


def test_release_record_without_a_commit_exits_2(repo: Path) -> None:
    (repo / "spec" / "RELEASE").write_text("# nothing yet\n", encoding="utf-8")
    done = review(repo, "--release")
    assert done.returncode == 2
    assert "names no commit" in done.stderr


def test_ci_runs_the_release_review_and_the_project_passes_it() -> None:
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nmake review-release\n" in ci
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "review-release: setup" in makefile and "-m protocol_review --release\n" in makefile
    # What that step runs, on this checkout: the project's spec against its last release.
    done = run_cli("--release", cwd=PROJECT_ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ci_call_works_in_a_fresh_clone(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(PROJECT_ROOT), str(clone)], check=True)
    done = run_cli("--release", "--spec", str(clone / "spec" / "openapi.yaml"), cwd=clone)
    # The clone has the committed spec and RELEASE of this branch's HEAD.
    assert done.returncode == 0, done.stdout + done.stderr
    assert "review of spec/openapi.yaml against spec/openapi.yaml@" in done.stdout


def test_fail_on_potentially_breaking_turns_them_into_exit_1() -> None:
    case = CORPUS / "properties-removed-by-kind"
    # Only potentially-breaking and compatible wire findings; its SDK impact breaks, so look at
    # the wire alone through the JSON counts.
    args = ("--base-file", str(case / "before.yaml"), "--spec", str(case / "after.yaml"))
    lenient = json.loads(run_cli(*args, "--format", "json", cwd=PROJECT_ROOT).stdout)
    strict = run_cli(
        *args, "--format", "json", cwd=PROJECT_ROOT, env={"FAIL_ON": "potentially-breaking"}
    )
    document = json.loads(strict.stdout)
    assert lenient["counts"]["potentially_breaking"] == 3
    assert document["counts"]["blocking"] == lenient["counts"]["blocking"] + 3
    assert document["fail_on"] == "potentially-breaking" and strict.returncode == 1


def test_unknown_fail_on_exits_2() -> None:
    done = run_cli("--fail-on", "sometimes", cwd=PROJECT_ROOT)
    assert done.returncode == 2
    assert "unknown FAIL_ON 'sometimes'; use one of: breaking, potentially-breaking" in done.stderr


def test_two_valid_30_documents_the_generator_refuses_never_exit_2() -> None:
    case = CORPUS / "sdk-generator-refuses"
    args = ("--base-file", str(case / "before.yaml"), "--spec", str(case / "after.yaml"))
    done = run_cli(*args, cwd=PROJECT_ROOT)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "sdk-impact-not-computed Python: the SDK impact is not computed" in done.stdout


def test_make_review_takes_a_spec_and_a_base_file_from_the_environment(tmp_path: Path) -> None:
    """`make review SPEC=new.yaml BASE=old.yaml`: two files of others (an oasdiff pair, a
    published corpus spec), outside any git repository."""
    pair = PROJECT_ROOT / "tests" / "fixtures" / "oasdiff" / "pairs"
    pair = pair / "checker-request_property_added_base--revision2"
    new, old = pair / "revision.yaml", pair / "base.yaml"
    done = run_cli(cwd=tmp_path, env={"SPEC": str(new), "BASE": str(old)})
    assert done.returncode == 1, done.stderr
    assert f"review of {new} against {old}" in done.stdout
    assert f"{new}:17:17 breaking request-property-added-required" in done.stdout
    petstore = PROJECT_ROOT / "tests" / "fixtures" / "corpus" / "oai" / "v3.0-petstore.yaml"
    same = run_cli(cwd=tmp_path, env={"SPEC": str(petstore), "BASE": str(petstore)})
    assert same.returncode == 0, same.stderr
    assert "summary: no contract change" in same.stdout
    assert_no_traceback(same)
