"""The packages, installed as their users install them, then used against the reference server:

- Python: `pip install ./generated/python` into a clean virtualenv (its dependencies at the
  versions constraints.txt pins), then a call from that interpreter;
- JavaScript: `npm pack` of generated/typescript, installed into a fresh Node 20 project,
  imported as an ES module, and type-checked from a TypeScript file with `tsc --strict`;
- PHP: `composer validate`, then `composer install` in a test project that finds the package
  through a path repository, with Packagist disabled (no network here), and a call through
  Composer's autoloader.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from protocol_server.harness import RunningServer, running_server

from .conftest import ROOT, TSC

TOKENS = ("install-python", "install-javascript", "install-php")
CONTACT = "WAz8eIbvDR60rouK"


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with running_server(tokens=TOKENS) as running:
        yield running


def run(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 300
) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"{' '.join(map(str, command))}:\n{done.stdout}{done.stderr}"
    return done.stdout


def test_pip_installs_the_python_package_into_a_clean_virtualenv(
    server: RunningServer, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    python = venv / "bin" / "python"
    # From a copy: building writes build/ and *.egg-info/ beside the sources.
    package = shutil.copytree(ROOT / "generated" / "python", tmp_path / "package")
    run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-c",
            ROOT / "constraints.txt",
            package,
        ],
        tmp_path,
    )
    program = (
        "from importlib import metadata, resources\n"
        "from protocol_api import ApiClient\n"
        "import protocol_api\n"
        f"client = ApiClient({TOKENS[0]!r})\n"
        f"created = client.conversations.create(contact_id={CONTACT!r})\n"
        "assert [c.id for c in client.conversations.list()] == [created.id]\n"
        "assert resources.files('protocol_api').joinpath('py.typed').is_file()\n"
        "assert 'pip install protocol_api' in (metadata.metadata('protocol_api').get_payload() or '')\n"
        "print(protocol_api.__file__)\n"
    )
    out = run(
        [python, "-c", program],
        tmp_path,
        {"PROTOCOL_BASE_URL": server.base_url, "PATH": "/usr/bin:/bin"},
    )
    assert out.startswith(str(venv)), "imported from the clean virtualenv, not the project's"


def test_npm_pack_installs_into_a_fresh_node_project(
    node: str, server: RunningServer, tmp_path: Path
) -> None:
    npm = shutil.which("npm")
    assert npm is not None, "npm comes with Node.js"
    packed = run(
        [
            npm,
            "pack",
            "--silent",
            "--pack-destination",
            tmp_path,
            ROOT / "generated" / "typescript",
        ],
        tmp_path,
    )
    tarball = tmp_path / packed.strip().splitlines()[-1]
    project = tmp_path / "project"
    project.mkdir()
    (project / "package.json").write_text(
        json.dumps({"name": "uses-the-client", "private": True, "type": "module"})
    )
    run([npm, "install", "--silent", "--no-audit", "--no-fund", tarball], project)
    installed = project / "node_modules" / "@example" / "protocol-api"
    assert (installed / "README.md").is_file() and not installed.is_symlink()
    (project / "main.mjs").write_text(
        "import ApiClient from '@example/protocol-api';\n"
        f"const client = new ApiClient('{TOKENS[1]}');\n"
        f"const created = await client.conversations.create({{ contact_id: '{CONTACT}' }});\n"
        "const page = await client.conversations.list();\n"
        "console.log(JSON.stringify(page.data.map((c) => c.id)), created.id);\n"
    )
    out = run(
        [node, "main.mjs"], project, {"PROTOCOL_BASE_URL": server.base_url, "PATH": "/usr/bin:/bin"}
    )
    listed, created = out.split()
    assert json.loads(listed) == [created]
    (project / "check.ts").write_text(
        "import ApiClient, { type Conversation, NotFoundError } from '@example/protocol-api';\n"
        "const client = new ApiClient('t', { maxRetries: 1 });\n"
        "export async function use(): Promise<Conversation> {\n"
        f"  const created: Conversation = await client.conversations.create({{ contact_id: '{CONTACT}' }});\n"
        "  const { response } = await client.conversations.get(created.id).withResponse();\n"
        "  if (response.status !== 200) throw new Error(`status ${response.status}`);\n"
        "  try {\n"
        "    await client.conversations.delete(created.id);\n"
        "  } catch (error) {\n"
        "    if (error instanceof NotFoundError) console.log(error.status, error.type);\n"
        "  }\n"
        "  // @ts-expect-error: the spec has no such attribute\n"
        "  await client.conversations.update(created.id, { is_starred: true });\n"
        "  return created;\n"
        "}\n"
    )
    (project / "tsconfig.json").write_text(
        json.dumps(
            {
                "compilerOptions": {
                    "strict": True,
                    "noEmit": True,
                    "target": "es2022",
                    "module": "nodenext",
                    "moduleResolution": "nodenext",
                    "types": ["node"],
                    "typeRoots": [str(ROOT / "node_modules" / "@types")],
                },
                "files": ["check.ts"],
            }
        )
    )
    run([TSC, "-p", project / "tsconfig.json"], project)


def test_composer_installs_the_php_package_through_a_path_repository(
    php: str, server: RunningServer, tmp_path: Path
) -> None:
    composer = shutil.which("composer")
    if composer is None:
        from .conftest import _missing_toolchain

        _missing_toolchain("Composer", "install it, e.g. `apt-get install composer`")
    assert composer is not None
    package = tmp_path / "package"
    shutil.copytree(ROOT / "generated" / "php", package)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "COMPOSER_HOME": str(tmp_path / "composer"),
    }
    run([composer, "validate", "--no-interaction"], package, env)
    project = tmp_path / "project"
    project.mkdir()
    (project / "composer.json").write_text(
        json.dumps(
            {
                "name": "example/uses-the-client",
                "repositories": [
                    {"type": "path", "url": str(package), "options": {"symlink": False}},
                    {"packagist.org": False},
                ],
                "require": {"protocol/sdk": "*"},
            }
        )
    )
    run([composer, "install", "--no-interaction", "--no-progress"], project, env)
    (project / "main.php").write_text(
        "<?php\nrequire __DIR__ . '/vendor/autoload.php';\n"
        f"$client = new \\Protocol\\ApiClient('{TOKENS[2]}');\n"
        f"$created = $client->conversations->create(['contact_id' => '{CONTACT}']);\n"
        "$ids = array_map(fn ($c) => $c->id, $client->conversations->list()->data);\n"
        "echo json_encode($ids), ' ', $created->id, \"\\n\";\n"
    )
    out = run([php, "main.php"], project, {**env, "PROTOCOL_BASE_URL": server.base_url})
    listed, created = out.split()
    assert json.loads(listed) == [created]
    assert (project / "vendor" / "protocol" / "sdk" / "README.md").is_file()
