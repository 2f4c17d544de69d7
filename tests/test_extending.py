"""Adding things takes the places ARCHITECTURE.md lists, and no others.

Each test copies the project into a temporary folder, adds a toy one of its kind by editing only
the places ARCHITECTURE.md names for that kind, and then runs the copy's own code and tests
(`PYTHONPATH` puts the copy's `scripts/` first, and `PROJECT_ROOT` follows the code). The
languages and the conformance checks have tests of their own beside their packages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from protocol_spec import PROJECT_ROOT

ARCHITECTURE = (PROJECT_ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "golden", "node_modules")
    for name in ("scripts", "spec", "templates", "docs", "tests"):
        shutil.copytree(PROJECT_ROOT / name, root / name, ignore=skip)
    for name in ("pyproject.toml", "README.md", "ARCHITECTURE.md"):
        shutil.copy2(PROJECT_ROOT / name, root / name)
    return root


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root / "scripts")}
    return subprocess.run(
        [sys.executable, *args],
        cwd=root,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _places(heading: str) -> str:
    return ARCHITECTURE.split(f"### {heading}\n", 1)[1].split("\n### ", 1)[0]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: the anchor {old!r} is not there exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- an x-protocol- extension -------------------------------------------------------------

TOY_EXTENSION = "x-protocol-toy-note"


def test_a_toy_extension_takes_the_places_the_architecture_names(tmp_path: Path) -> None:
    places = _places("An `x-protocol-` extension")
    for place in ("spec/x-protocol.schema.json", "docs/spec.md", "tests/fixtures/bad_specs/"):
        assert place in places
    root = _copy(tmp_path)

    # 1. Its definition.
    schema_file = root / "spec" / "x-protocol.schema.json"
    vocabulary = json.loads(schema_file.read_text(encoding="utf-8"))
    vocabulary["$defs"][TOY_EXTENSION] = {
        "description": "A note for the reader of the spec, on an operation.",
        "x-on": ["operation"],
        "type": "string",
        "minLength": 1,
        "examples": ["read me"],
    }
    schema_file.write_text(json.dumps(vocabulary, indent=2) + "\n", encoding="utf-8")
    # 2. (Its meaning: a note has none that a tool reads, so the model needs no field.)
    # 3. Its documentation, with an example, at the end of the vocabulary section of docs/spec.md.
    doc = root / "docs" / "spec.md"
    doc.write_text(
        doc.read_text(encoding="utf-8")
        + f"\n`{TOY_EXTENSION}` (on an operation): a note.\n\n```yaml\n{TOY_EXTENSION}: read me\n```\n",
        encoding="utf-8",
    )
    # 4. A use in the fixture spec.
    _edit(
        root / "tests" / "fixtures" / "specs" / "two_resources.yaml",
        "operationId: searchWidgets\n",
        f"operationId: searchWidgets\n      {TOY_EXTENSION}: widgets are listed newest first\n",
    )

    # The copy's own vocabulary tests now cover it: documented, its example valid, used.
    tests = _run(
        root, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/spec/test_vocabulary.py"
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr

    # The spec that uses it loads; a misuse is refused with file:line, pointer and fix.
    probe = (
        "import sys\nfrom pathlib import Path\n"
        "from protocol_spec import SpecErrors, load_api\n"
        "try:\n    load_api(Path(sys.argv[1]))\n"
        "except SpecErrors as errors:\n    print(errors.render()); sys.exit(1)\n"
        "print('loaded')\n"
    )
    fixture = root / "tests" / "fixtures" / "specs" / "two_resources.yaml"
    loaded = _run(root, "-c", probe, str(fixture))
    assert loaded.stdout.strip() == "loaded", loaded.stdout + loaded.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        fixture.read_text(encoding="utf-8").replace(
            f"{TOY_EXTENSION}: widgets are listed newest first", f"{TOY_EXTENSION}: ''"
        ),
        encoding="utf-8",
    )
    refused = _run(root, "-c", probe, str(bad))
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "bad.yaml:" in refused.stdout and f"/{TOY_EXTENSION}:" in refused.stdout
    assert "fix:" in refused.stdout and "Traceback" not in refused.stderr


def test_an_undocumented_extension_fails_the_copys_tests(tmp_path: Path) -> None:
    # The documentation place is enforced, not optional: leave it out and the tests say so.
    root = _copy(tmp_path)
    schema_file = root / "spec" / "x-protocol.schema.json"
    vocabulary = json.loads(schema_file.read_text(encoding="utf-8"))
    vocabulary["$defs"][TOY_EXTENSION] = {"x-on": ["operation"], "type": "string"}
    schema_file.write_text(json.dumps(vocabulary, indent=2) + "\n", encoding="utf-8")
    tests = _run(
        root, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/spec/test_vocabulary.py"
    )
    assert tests.returncode == 1
    assert TOY_EXTENSION in tests.stdout


# --- a review rule ----------------------------------------------------------------------------

TOY_RULE = "lint-toy-summary-period"


def test_a_toy_review_rule_takes_the_places_the_architecture_names(tmp_path: Path) -> None:
    places = _places("A review rule")
    for place in (
        "protocol_review/rules.py",
        "lint.py",
        "docs/review.md",
        "tests/fixtures/review/",
    ):
        assert place in places
    root = _copy(tmp_path)
    review = root / "scripts" / "protocol_review"
    pytest_args = ("-m", "pytest", "-q", "-p", "no:cacheprovider")

    # 1. Its declaration.
    _edit(
        review / "rules.py",
        '    ("lint-summary", "an operation has no summary"),\n',
        '    ("lint-summary", "an operation has no summary"),\n'
        f'    ("{TOY_RULE}", "an operation\'s summary ends with a period"),\n',
    )
    # 2. Where it is found: a lint of the new spec.
    _edit(
        review / "lint.py",
        "def _operation(op: Operation, declared: set[str], add: _Add) -> None:\n",
        "def _operation(op: Operation, declared: set[str], add: _Add) -> None:\n"
        "    if op.summary.endswith('.'):\n"
        f"        add('{TOY_RULE}', f'the summary of {{op.label}} ends with a period.', op.pointer)\n",
    )
    # 3. The rule table, regenerated by the command the docs name.
    table = _run(root, "-m", "protocol_review", "--list-rules")
    assert table.returncode == 0, table.stderr
    doc = root / "docs" / "review.md"
    before_table, rest = doc.read_text(encoding="utf-8").split("<!-- rules:start -->\n", 1)
    after_table = rest.split("<!-- rules:end -->", 1)[1]
    doc.write_text(
        f"{before_table}<!-- rules:start -->\n{table.stdout}<!-- rules:end -->{after_table}",
        encoding="utf-8",
    )
    # Without a corpus case the copy's tests say the rule is never exercised.
    every_rule = "tests/review/test_corpus.py::test_every_rule_is_exercised_by_the_corpus"
    missing = _run(root, *pytest_args, every_rule)
    assert missing.returncode == 1 and TOY_RULE in missing.stdout, missing.stdout[-3000:]

    # 4. A corpus case that exercises it, its expected report written by UPDATE_GOLDEN.
    corpus = root / "tests" / "fixtures" / "review"
    case = corpus / "toy-summary-period"
    case.mkdir()
    before = (corpus / "identical" / "before.yaml").read_text(encoding="utf-8")
    (case / "before.yaml").write_text(before, encoding="utf-8")
    summary = next(line for line in before.splitlines() if line.strip().startswith("summary: "))
    (case / "after.yaml").write_text(before.replace(summary, summary + ".", 1), encoding="utf-8")
    written = subprocess.run(
        [sys.executable, *pytest_args, "tests/review/test_corpus.py", "-k", case.name],
        check=False,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root / "scripts"), "UPDATE_GOLDEN": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert written.returncode == 0, written.stdout[-3000:]
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert TOY_RULE in expected and "ends with a period" in expected

    # With those four places, the copy's review tests pass as they are.
    # (The whole corpus is not run here: a report names its ignore file by its path.)
    corpus_tests = ("tests/review/test_corpus.py", "-k", f"{case.name} or every_rule")
    tests = _run(root, *pytest_args, "tests/review/test_readme.py", *corpus_tests)
    assert tests.returncode == 0, tests.stdout[-3000:]
