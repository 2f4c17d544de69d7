"""Each client's README, executed: its examples, in order, as one program per language, against
the reference server (PROTOCOL_BASE_URL and a token set, the spec's example ids replaced by ids
of conversations the test made). A README that shows a call the package does not have, or a
call that fails, fails here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from protocol_codegen import samples
from protocol_server.harness import RunningServer, running_server
from protocol_spec import DEFAULT_SPEC, load_api

from .conftest import ROOT, install_package

TOKENS = ("readme-python", "readme-javascript", "readme-php")
API = load_api(DEFAULT_SPEC)
# The ids the examples use, as the samples renderer takes them from the spec.
EXAMPLE_IDS = sorted(
    {
        value
        for op in API.operations
        for value in samples.example_values(API, op).path_values.values()
    }
)


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with running_server(tokens=TOKENS) as running:
        yield running


def blocks(readme: Path, language: str) -> list[str]:
    found = re.findall(rf"```{language}\n(.*?)```", readme.read_text(), flags=re.DOTALL)
    assert found, f"{readme} has no {language} examples"
    return found


def with_real_ids(code: str, server: RunningServer, token: str) -> str:
    """Each example id in the code, replaced by the id of a new conversation of `token`'s."""
    for example in EXAMPLE_IDS:
        while example in code:
            made = httpx.post(
                f"{server.base_url}/v1/conversations",
                json={"contact_id": "WAz8eIbvDR60rouK"},
                headers={"Authorization": f"Bearer {token}"},
            ).json()
            code = code.replace(example, made["id"], 1)
    return code


def environment(server: RunningServer, token: str) -> dict[str, str]:
    return {**os.environ, "PROTOCOL_BASE_URL": server.base_url, "PROTOCOL_API_TOKEN": token}


def run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}{done.stderr}"
    return done.stdout


def test_python_readme(server: RunningServer, tmp_path: Path) -> None:
    code = "\n".join(blocks(ROOT / "generated" / "python" / "README.md", "python"))
    program = tmp_path / "readme.py"
    program.write_text(
        "import os\ntoken = os.environ['PROTOCOL_API_TOKEN']\n"
        + with_real_ids(code, server, TOKENS[0])
    )
    output = run([sys.executable, str(program)], tmp_path, environment(server, TOKENS[0]))
    assert "404 invalid_request" in output  # the errors example caught what it says it catches


def test_javascript_readme(node: str, server: RunningServer, tmp_path: Path) -> None:
    install_package(ROOT / "generated" / "typescript", tmp_path)
    code = "\n".join(blocks(ROOT / "generated" / "typescript" / "README.md", "javascript"))
    program = tmp_path / "readme.mjs"
    program.write_text(
        "const token = process.env.PROTOCOL_API_TOKEN\n" + with_real_ids(code, server, TOKENS[1])
    )
    output = run([node, str(program)], tmp_path, environment(server, TOKENS[1]))
    assert "404 invalid_request" in output


def test_php_readme(php: str, server: RunningServer, tmp_path: Path) -> None:
    code = "\n".join(blocks(ROOT / "generated" / "php" / "README.md", "php"))
    program = tmp_path / "readme.php"
    autoload = ROOT / "generated" / "php" / "autoload.php"
    program.write_text(
        f"<?php\nrequire '{autoload}';\n$token = getenv('PROTOCOL_API_TOKEN');\n"
        + with_real_ids(code, server, TOKENS[2])
    )
    output = run([php, str(program)], tmp_path, environment(server, TOKENS[2]))
    assert "404 invalid_request" in output
