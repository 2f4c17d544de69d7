"""The generated PHP client (generated/php/).

- `php -l` on every generated PHP file;
- tests/clients/php/client_test.php (plain PHP with assertions) against the reference server:
  the reference's calls, pagination, errors, retries and timeouts;
- the fixture spec with a second resource lints too, with no template change.

They need PHP 8.1+ (`php-cli`, with its json extension). Without it they are skipped, each
with what to install; with PROTOCOL_REQUIRE_TOOLCHAINS=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated" / "php"
PHP_TESTS = Path(__file__).resolve().parent / "php"
FIXTURE_SPEC = ROOT / "tests" / "fixtures" / "specs" / "two_resources.yaml"
GENERATED_PHP_FILES = sorted(p.relative_to(GENERATED).as_posix() for p in GENERATED.rglob("*.php"))


def _lint(php: str, path: Path) -> None:
    result = subprocess.run([php, "-l", str(path)], check=False, capture_output=True, text=True)
    assert result.returncode == 0, f"php -l {path}:\n{result.stdout}{result.stderr}"


def test_there_are_generated_php_files() -> None:
    assert "src/ApiClient.php" in GENERATED_PHP_FILES, "run `make generate` first"


@pytest.mark.parametrize("relative", GENERATED_PHP_FILES)
def test_generated_file_passes_php_lint(php: str, relative: str) -> None:
    _lint(php, GENERATED / relative)


def test_composer_json_declares_the_package() -> None:
    manifest = json.loads((GENERATED / "composer.json").read_text())
    assert manifest["name"] == "protocol/sdk"
    assert manifest["autoload"] == {"psr-4": {"Protocol\\": "src/"}}
    assert set(manifest["require"]) == {"php", "ext-json"}, "nothing beyond PHP's own extensions"


def test_php_client_passes_against_the_reference_server(
    php: str, fresh_server_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    script = PHP_TESTS / "client_test.php"
    result = subprocess.run(
        [php, str(script)],
        cwd=ROOT,
        env=fresh_server_env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    with capsys.disabled():
        print(f"\n--- php {script.relative_to(ROOT)} ---\n{output.rstrip()}\n---")
    expected = len(re.findall(r"^test\(", script.read_text(), flags=re.MULTILINE))
    closing = re.search(r"^(\d+) passed, (\d+) failed$", output, flags=re.MULTILINE)
    assert result.returncode == 0, f"php {script.name} exited {result.returncode}:\n{output}"
    assert closing is not None, f"no closing 'N passed, N failed' line:\n{output}"
    assert (int(closing[1]), int(closing[2])) == (expected, 0), output


def test_fixture_with_a_second_resource_lints(php: str, tmp_path: Path) -> None:
    from protocol_codegen.pipeline import render_targets
    from protocol_spec import load_api

    files = render_targets(load_api(FIXTURE_SPEC), ["php"])
    assert "php/src/Resources/Widgets.php" in files
    assert "public readonly Widgets $widgets;" in files["php/src/ApiClient.php"]
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        if path.suffix == ".php":
            _lint(php, path)
