"""Specs others wrote (tests/fixtures/corpus/) and one-feature specs of our own
(tests/fixtures/specs/features/): each generates three SDKs that type-check, or is refused with
every reason at once, each located and with a fix, and never with a traceback.

`make test` runs a sample (SAMPLE); `make corpus` (CORPUS=all) runs every spec, and type-checks
every one it generates.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
FEATURES = ROOT / "tests" / "fixtures" / "specs" / "features"
SPECS = sorted(
    [p for p in CORPUS.glob("*/*") if p.suffix in (".yaml", ".yml", ".json")]
    + sorted(FEATURES.glob("*.yaml"))
)
# Refused as published (see tests/fixtures/corpus/README.md): how many problems each reports.
REFUSED = {
    "openapi-python-client/baseline_openapi_3.0.json": 5,
    "openapi-python-client/baseline_openapi_3.1.yaml": 4,
}
# Generated with --lenient, which turns what JSON Schema says SHOULD into warnings: how many.
LENIENT = {"lenient_default_and_example.yaml": 2}
# Schema constructs typed loosely (README, "Simplified constructs"): none but in the spec of
# them, every peer's spec typed exactly.
SIMPLIFIED = {"simplified_constructs.yaml": 4}
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
EVERYTHING = os.environ.get("CORPUS") == "all"
TIMEOUT = float(os.environ.get("CORPUS_TIMEOUT", "300"))
_LOCATED = re.compile(r"^\S+:\d+: ", re.MULTILINE)


def _name(spec: Path) -> str:
    return spec.relative_to(CORPUS if spec.is_relative_to(CORPUS) else FEATURES).as_posix()


CASES = [s for s in SPECS if EVERYTHING or _name(s) in SAMPLE]


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, check=False, timeout=TIMEOUT
    )


@pytest.mark.parametrize("spec", CASES, ids=_name)
def test_spec_generates_or_says_every_reason(spec: Path, tmp_path: Path) -> None:
    out = tmp_path / "generated"
    command = [sys.executable, "-m", "protocol_codegen", "generate", "--spec", str(spec)]
    result = _run([*command, "--out", str(out)], ROOT)
    assert "Traceback" not in result.stderr, result.stderr
    name = _name(spec)
    if name in REFUSED:
        assert result.returncode == 1
        assert f"{REFUSED[name]} problem(s) in the spec" in result.stderr, result.stderr
        located = _LOCATED.findall(result.stderr)
        assert len(located) == REFUSED[name], result.stderr
        assert result.stderr.count("\n  fix: ") == REFUSED[name]
        assert not out.exists(), "nothing is written for a refused spec"
        return
    if name in LENIENT:
        assert result.returncode == 1, "strict by default"
        assert f"{LENIENT[name]} problem(s) in the spec" in result.stderr, result.stderr
        result = _run([*command, "--lenient", "--out", str(out)], ROOT)
        warnings = re.findall(r"^warning: \S+:\d+: ", result.stderr, re.MULTILINE)
        assert len(warnings) == LENIENT[name], result.stderr
    assert result.returncode == 0, result.stderr
    loose = re.search(r"^(\d+) schema construct\(s\) typed loosely", result.stderr, re.MULTILINE)
    assert (int(loose.group(1)) if loose else 0) == SIMPLIFIED.get(name, 0), result.stderr
    assert {p.name for p in out.iterdir()} >= {"python", "typescript", "php", "openapi.json"}
    assert_named_after_the_api(spec, out)
    if EVERYTHING or name in TYPE_CHECKED_IN_SAMPLE:
        _type_check(out)


def _type_check(out: Path) -> None:
    (package,) = [p.name for p in (out / "python").iterdir() if (p / "__init__.py").is_file()]
    mypy = _run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", package], out / "python"
    )
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
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
    assert checked.returncode == 0, checked.stdout + checked.stderr
    php = shutil.which("php")
    assert php is not None, "php-cli is missing: install it (apt-get install php-cli)"
    for source in sorted((out / "php").rglob("*.php")):
        linted = _run([php, "-l", str(source)], out / "php")
        assert linted.returncode == 0, linted.stdout + linted.stderr


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
