"""Specs others wrote (tests/fixtures/corpus/) and one-feature specs of our own
(tests/fixtures/specs/features/): each generates three SDKs that type-check, or is refused with
every reason at once, each located and with a fix, and never with a traceback.

`make test` runs a sample (SAMPLE); `make corpus` (CORPUS=all) runs every spec, and type-checks
every one it generates, times our generator against openapi-python-client on each spec (in
.bench-venv/, which it installs as `make bench` does), and writes the corpus table
(tests/corpus/corpus.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .corpus import EVERYTHING, LENIENT, REFUSED, ROOT, SIMPLIFIED, SPECS, Row, name, row

# What `make test` runs: one 3.0 and one 3.1 document of each source, a refusal, and the
# one-feature specs whose names datamodel-code-generator would otherwise derive differently.
SAMPLE = {
    "oai/v3.0-petstore.yaml",
    "oai/v3.1-webhook-example.yaml",
    "openapi-python-client/baseline_openapi_3.1.yaml",
    "generator_names.yaml",
    "no_component_schemas.yaml",
    "lenient_default_and_example.yaml",
}
TYPE_CHECKED_IN_SAMPLE = {"oai/v3.0-petstore.yaml", "generator_names.yaml"}
TIMEOUT = float(os.environ.get("CORPUS_TIMEOUT", "300"))
_LOCATED = re.compile(r"^\S+:\d+: ", re.MULTILINE)


CASES = [s for s in SPECS if EVERYTHING or name(s) in SAMPLE]


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, check=False, timeout=TIMEOUT
    )


@pytest.fixture(scope="session")
def anchor() -> Path | None:
    """openapi-python-client, which `make corpus` times ours against (None under `make test`)."""
    if not EVERYTHING:
        return None
    from protocol_bench.environment import prepare_generators

    return prepare_generators(print) / "openapi-python-client"


@pytest.mark.parametrize("spec", CASES, ids=name)
def test_spec_generates_or_says_every_reason(
    spec: Path, tmp_path: Path, anchor: Path | None
) -> None:
    out = tmp_path / "generated"
    command = [sys.executable, "-m", "protocol_codegen", "generate", "--spec", str(spec)]
    key = name(spec)
    seen = row(spec)
    seen.operations = _operations(spec)
    if anchor is not None:
        _time_the_anchor(anchor, spec, tmp_path / "anchor", seen)
    if key in LENIENT:
        command.append("--lenient")
    started = time.perf_counter()
    result = _run([*command, "--out", str(out)], ROOT)
    seconds = time.perf_counter() - started
    assert "Traceback" not in result.stderr, result.stderr
    if key in REFUSED:
        seen.generated = f"refused, {REFUSED[key]} problems (corpus README)"
        assert result.returncode == 1
        assert f"{REFUSED[key]} problem(s) in the spec" in result.stderr, result.stderr
        located = _LOCATED.findall(result.stderr)
        assert len(located) == REFUSED[key], result.stderr
        assert result.stderr.count("\n  fix: ") == REFUSED[key]
        assert not out.exists(), "nothing is written for a refused spec"
        return
    if key in LENIENT:
        strict = _run(command[:-1] + ["--out", str(tmp_path / "strict")], ROOT)
        assert strict.returncode == 1, "strict by default"
        assert f"{LENIENT[key]} problem(s) in the spec" in strict.stderr, strict.stderr
        warnings = re.findall(r"^warning: \S+:\d+: ", result.stderr, re.MULTILINE)
        assert len(warnings) == LENIENT[key], result.stderr
    assert result.returncode == 0, result.stderr
    seen.generated = "yes" if key not in LENIENT else "yes (--lenient)"
    seen.ours_seconds = seconds
    loose = re.search(r"^(\d+) schema construct\(s\) typed loosely", result.stderr, re.MULTILINE)
    seen.simplified = int(loose.group(1)) if loose else 0
    assert seen.simplified == SIMPLIFIED.get(key, 0), result.stderr
    assert {p.name for p in out.iterdir()} >= {"python", "typescript", "php", "openapi.json"}
    assert_named_after_the_api(spec, out)
    if EVERYTHING or key in TYPE_CHECKED_IN_SAMPLE:
        _type_check(out, seen)


def _operations(spec: Path) -> int:
    """The document's operations (webhooks aside), as published; a path item may be a `$ref`
    into the same document."""
    import yaml

    text = spec.read_text()
    document = json.loads(text) if spec.suffix == ".json" else yaml.safe_load(text)
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}

    def resolved(item: object) -> object:
        if not (isinstance(item, dict) and str(item.get("$ref", "")).startswith("#/")):
            return item
        target: object = document
        for part in str(item["$ref"])[2:].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            target = target.get(key) if isinstance(target, dict) else None
        return target

    paths = document.get("paths") or {}
    items = [resolved(item) for item in paths.values()]
    return sum(1 for item in items if isinstance(item, dict) for key in item if key in methods)


def _time_the_anchor(anchor: Path, spec: Path, out: Path, seen: Row) -> None:
    """openapi-python-client on the same spec, timed as ours is (its post-hooks call `ruff`
    from PATH: its own venv's bin first)."""
    from protocol_bench.measure import users_environment

    command = [str(anchor), "generate", "--path", str(spec), "--output-path", str(out)]
    started = time.perf_counter()
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
        env=users_environment(anchor.parent),
    )
    seen.anchor_seconds = time.perf_counter() - started
    warnings = sum(line.startswith("WARNING") for line in done.stdout.splitlines())
    if done.returncode != 0:
        seen.anchor = f"failed, exit {done.returncode}"
    else:
        seen.anchor = "ok" if not warnings else f"{warnings} warning(s)"


def _type_check(out: Path, seen: Row) -> None:
    """mypy --strict, tsc --strict and php -l, each recorded; fails on the first that fails."""
    (package,) = [p.name for p in (out / "python").iterdir() if (p / "__init__.py").is_file()]
    mypy = _run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", package], out / "python"
    )
    seen.type_checked["python"] = mypy.returncode == 0
    tsc = ROOT / "node_modules" / ".bin" / "tsc"
    assert tsc.exists(), "the pinned TypeScript compiler is missing: run `npm ci`"
    config = {
        "compilerOptions": {
            "strict": True,
            "noEmit": True,
            "target": "es2022",
            "lib": ["es2022", "esnext.asynciterable"],
            "module": "nodenext",
            "moduleResolution": "nodenext",
            "allowJs": True,
            "checkJs": True,
            "types": ["node"],
            "typeRoots": [str(ROOT / "node_modules" / "@types")],
        },
        "include": ["**/*"],
    }
    (out / "typescript" / "tsconfig.json").write_text(json.dumps(config))
    checked = _run([str(tsc), "-p", "tsconfig.json"], out / "typescript")
    seen.type_checked["typescript"] = checked.returncode == 0
    php = shutil.which("php")
    assert php is not None, "php-cli is missing: install it (apt-get install php-cli)"
    linted = [_run([php, "-l", str(s)], out / "php") for s in sorted((out / "php").rglob("*.php"))]
    seen.type_checked["php"] = all(done.returncode == 0 for done in linted)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for done in linted:
        assert done.returncode == 0, done.stdout + done.stderr


def assert_named_after_the_api(spec: Path, out: Path) -> None:
    """Each package is named after the spec's title, so two APIs' SDKs can be told apart."""
    from protocol_spec import load_api_unchecked

    settings = load_api_unchecked(spec)[0].settings  # the run above has checked it
    assert (out / "python" / settings.python_package / "__init__.py").is_file()
    assert json.loads((out / "typescript" / "package.json").read_text())["name"] == (
        settings.npm_package
    )
    composer = json.loads((out / "php" / "composer.json").read_text())
    assert composer["name"] == settings.php_package
    namespace = settings.php_namespace
    assert list(composer["autoload"]["psr-4"]) == [namespace + "\\"]
    for source in (out / "php").rglob("*.php"):
        text = source.read_text()
        assert namespace == "Protocol" or "Protocol\\" not in text, source
        assert source.name == "autoload.php" or f"namespace {namespace}" in text, source
    client = (out / "python" / settings.python_package / "_client.py").read_text()
    assert settings.base_url_env in client
    # The credentials' variables: one prefix, per API; none for an API that declares no scheme.
    from protocol_codegen.policy import auth_policy

    auth = (out / "python" / settings.python_package / "_auth.py").read_text()
    for _, variable in auth_policy(load_api_unchecked(spec)[0]).arguments:
        assert variable.startswith(settings.env_prefix + "_") and f'"{variable}"' in auth
