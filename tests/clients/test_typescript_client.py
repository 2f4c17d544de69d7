"""The generated JavaScript/TypeScript client (generated/typescript/).

- `tsc --strict --noEmit` over the generated declarations and JavaScript, plus usage.ts, whose
  `@ts-expect-error` lines assert that the types reject what the spec forbids;
- Node's own test runner (`node --test`) running tests/clients/js/client.test.mjs against the
  reference server: the reference's calls, pagination, errors, retries and timeouts;
- the fixture spec with a second resource type-checks too, with no template change.

They need Node 20+ and the pinned TypeScript (`npm ci` at the project root). Without them they
are skipped, each with what to install; with PROTOCOL_REQUIRE_TOOLCHAINS=1 (set by .ci/run) they
fail instead.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import install_package

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated" / "typescript"
JS_TESTS = Path(__file__).resolve().parent / "js"
TSC = ROOT / "node_modules" / ".bin" / "tsc"
FIXTURE_SPEC = ROOT / "tests" / "fixtures" / "specs" / "two_resources.yaml"


def _run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} exited {result.returncode}:\n{output}"
    )
    return output


def test_generated_package_passes_tsc_strict(tsc: Path) -> None:
    _run([tsc, "--strict", "--noEmit", "-p", JS_TESTS / "tsconfig.json"], cwd=ROOT)


def test_package_json_declares_an_es_module_with_types() -> None:
    manifest = json.loads((GENERATED / "package.json").read_text())
    assert manifest["name"] == "@example/protocol-api"
    assert manifest["type"] == "module"
    assert manifest["exports"]["."] == {"types": "./index.d.ts", "default": "./index.js"}
    assert "dependencies" not in manifest, "the client has no runtime dependencies"


def test_node_test_runner_passes_against_the_reference_server(
    node: str, fresh_server_env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    install_package(GENERATED, tmp_path)
    test_file = JS_TESTS / "client.test.mjs"
    shutil.copy(test_file, tmp_path / test_file.name)
    result = subprocess.run(
        [node, "--test", "--test-reporter=spec", test_file.name],
        cwd=tmp_path,
        env=fresh_server_env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    with capsys.disabled():
        print(f"\n--- node --test {test_file.relative_to(ROOT)} ---\n{output.rstrip()}\n---")
    expected = len(re.findall(r"^test\(", test_file.read_text(), flags=re.MULTILINE))
    counts = {
        key: int(value)
        for key, value in re.findall(
            r"^ℹ (pass|fail|skipped|todo) (\d+)$", output, flags=re.MULTILINE
        )
    }
    assert result.returncode == 0, f"node --test failed:\n{output}"
    assert counts == {"pass": expected, "fail": 0, "skipped": 0, "todo": 0}, output


def test_fixture_with_a_second_resource_type_checks(tsc: Path, tmp_path: Path) -> None:
    from protocol_codegen.pipeline import render_targets
    from protocol_spec import load_api

    files = render_targets(load_api(FIXTURE_SPEC), ["typescript"])
    for relative, text in files.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text)
    client = files["typescript/client.d.ts"]
    assert "readonly widgets: Widgets;" in client
    assert "typescript/resources/widgets.d.ts" in files
    config = json.loads((JS_TESTS / "tsconfig.json").read_text())
    config["compilerOptions"].pop("paths")
    # Outside the project, Node's types are found where npm ci put them.
    config["compilerOptions"]["typeRoots"] = [str(ROOT / "node_modules" / "@types")]
    config["include"] = ["typescript/**/*"]
    (tmp_path / "tsconfig.json").write_text(json.dumps(config))
    _run([tsc, "--strict", "--noEmit", "-p", tmp_path / "tsconfig.json"], cwd=tmp_path)
