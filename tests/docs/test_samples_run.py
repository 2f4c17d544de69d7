"""Every sample on the reference page, executed against the reference server.

One server for the module, behind a recording proxy (recording_proxy.py) so that the test sees
the very request each sample made and the answer it got, whatever the language. Per language,
one process runs the five samples in the page's order (list, create, get, update, delete):
- curl: the samples as a bash script, with the proxy's URL for the base URL and a token for
  `{token}`;
- JavaScript: each sample an ES module (Node imports them in turn), `@example/protocol-api`
  resolving to generated/typescript as an installed package would;
- Python: each sample run in a fresh namespace by the venv's Python (`protocol_api` installed);
- PHP: each sample required in turn after generated/php/autoload.php.
The SDK samples get the token as the variable `token` (`$token`) and the base URL from
PROTOCOL_BASE_URL; in every language the example ids are replaced by the id of a conversation
the test created. Each sample must have made its operation's request, sent the values the
sample shows, and got the success status with an answer that matches the response schema.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl

import httpx
import pytest

from protocol_codegen import samples as renderer
from protocol_codegen.languages import LANGUAGES, samples_for
from protocol_server.harness import running_server
from protocol_spec import PROJECT_ROOT, load_api
from protocol_spec.model import Api, Operation

from .conftest import find_curl, find_node, find_php
from .recording_proxy import Exchange, RecordingProxy, recording_proxy

SPEC = PROJECT_ROOT / "spec" / "openapi.yaml"
TYPESCRIPT_PACKAGE = PROJECT_ROOT / "generated" / "typescript"
PHP_AUTOLOAD = PROJECT_ROOT / "generated" / "php" / "autoload.php"
API = load_api(SPEC)
OPERATIONS = API.operations
TOKEN = "docs-samples-token"

NODE_RUNNER = """\
import { pathToFileURL } from 'node:url';
for (const file of process.argv.slice(2)) {
  try {
    await import(pathToFileURL(file).href);
  } catch (error) {
    console.error(`${file}: ${error}`);
    process.exitCode = 1;
  }
}
"""
PYTHON_RUNNER = """\
import os, sys, traceback
status = 0
for path in sys.argv[1:]:
    with open(path) as sample:
        code = compile(sample.read(), path, "exec")
    try:
        exec(code, {"__name__": "__sample__", "token": os.environ["PROTOCOL_API_TOKEN"]})
    except Exception:
        traceback.print_exc()
        status = 1
sys.exit(status)
"""
PHP_RUNNER = """\
<?php
require $argv[1];
$status = 0;
foreach (array_slice($argv, 2) as $file) {
    try {
        (static function (string $token, string $file): void {
            require $file;
        })(getenv('PROTOCOL_API_TOKEN'), $file);
    } catch (\\Throwable $error) {
        fwrite(STDERR, $file . ': ' . get_class($error) . ': ' . $error->getMessage() . "\\n");
        $status = 1;
    }
}
exit($status);
"""


@dataclass
class Run:
    exchanges: list[Exchange]
    output: str
    returncode: int
    ids: dict[str, str]  # example id -> the id the test created


@dataclass
class Reference:
    server_url: str
    proxy: RecordingProxy
    workdir: Path
    runs: dict[str, Run] = field(default_factory=dict)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reference]:
    with running_server(tokens=(TOKEN,)) as server, recording_proxy(server.base_url) as proxy:
        yield Reference(server.base_url, proxy, tmp_path_factory.mktemp("samples"))


def _run(reference: Reference, language: str) -> Run:
    """Run the language's five samples once for the module; later calls reuse the result."""
    tool = TOOLCHAINS[language]()  # skips (or fails, in CI) every test of a missing language
    if language not in reference.runs:
        folder = reference.workdir / language
        folder.mkdir()
        ids = _created_ids(reference)
        sources = [_substitute(samples_for(API, op).text(language), ids) for op in OPERATIONS]
        if language == "curl":
            sources = [s.replace(API.default_base_url, reference.proxy.base_url) for s in sources]
            sources = [s.replace(renderer.CURL_TOKEN, TOKEN) for s in sources]
        env = {**os.environ, "PROTOCOL_BASE_URL": reference.proxy.base_url}
        env["PROTOCOL_API_TOKEN"] = TOKEN
        reference.proxy.take()  # what the set-up did is not the samples'
        result = RUNNERS[language](tool, folder, sources, env)
        output = f"{result.stdout}{result.stderr}"
        reference.runs[language] = Run(reference.proxy.take(), output, result.returncode, ids)
    return reference.runs[language]


def _created_ids(reference: Reference) -> dict[str, str]:
    """A fresh conversation for this language's samples to read, update and delete."""
    values = renderer.example_values(API, next(op for op in OPERATIONS if op.role == "create"))
    response = httpx.post(
        f"{reference.server_url}/v1/conversations",
        json=dict(values.body or ()),
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 201, response.text
    created = str(response.json()["id"])
    example_ids = {
        text for op in OPERATIONS for text in renderer.example_values(API, op).path_values.values()
    }
    return {example: created for example in example_ids}


def _substitute(source: str, ids: dict[str, str]) -> str:
    for example, created in ids.items():
        source = source.replace(example, created)
    return source


def _run_curl(
    curl: str, folder: Path, sources: list[str], env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    env = {**env, "PATH": f"{Path(curl).parent}{os.pathsep}{env.get('PATH', '')}"}
    script = folder / "samples.sh"
    script.write_text("".join(f"{source}echo\n" for source in sources))
    return _execute(["bash", str(script)], folder, env)


def _run_node(
    node: str, folder: Path, sources: list[str], env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    scope = folder / "node_modules" / "@example"
    scope.mkdir(parents=True)
    (scope / "protocol-api").symlink_to(TYPESCRIPT_PACKAGE, target_is_directory=True)
    prelude = "const token = process.env.PROTOCOL_API_TOKEN;\n"
    files = _write(folder, sources, ".mjs", prelude)
    (folder / "run.mjs").write_text(NODE_RUNNER)
    return _execute([node, "run.mjs", *files], folder, env)


def _run_python(
    python: str, folder: Path, sources: list[str], env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    files = _write(folder, sources, ".py", "")
    (folder / "run.py").write_text(PYTHON_RUNNER)
    return _execute([python, "run.py", *files], folder, env)


def _run_php(
    php: str, folder: Path, sources: list[str], env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    files = _write(folder, sources, ".php", "<?php\n")
    (folder / "run.php").write_text(PHP_RUNNER)
    return _execute([php, "run.php", str(PHP_AUTOLOAD), *files], folder, env)


def _write(folder: Path, sources: list[str], suffix: str, prelude: str) -> list[str]:
    names = []
    for operation, source in zip(OPERATIONS, sources, strict=True):
        name = f"{operation.operation_id}{suffix}"
        (folder / name).write_text(prelude + source)
        names.append(str(folder / name))
    return names


def _execute(
    command: list[str], folder: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, timeout=120, check=False
    )


Runner = Callable[[str, Path, list[str], dict[str, str]], subprocess.CompletedProcess[str]]
TOOLCHAINS: dict[str, Callable[[], str]] = {
    "curl": find_curl,
    "javascript": find_node,
    "python": lambda: sys.executable,  # the venv's, where protocol_api is installed
    "php": find_php,
}
RUNNERS: dict[str, Runner] = {
    "curl": _run_curl,
    "javascript": _run_node,
    "python": _run_python,
    "php": _run_php,
}


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.operation_id)
@pytest.mark.parametrize("language", [lang.key for lang in LANGUAGES])
def test_sample_succeeds_against_the_reference_server(
    reference: Reference, language: str, operation: Operation
) -> None:
    run = _run(reference, language)
    assert run.returncode == 0, f"the {language} samples failed:\n{run.output}"
    assert len(run.exchanges) == len(OPERATIONS), (
        f"the {language} samples made {len(run.exchanges)} requests, one each expected:\n"
        + "\n".join(f"  {e.method} {e.target} -> {e.status}" for e in run.exchanges)
    )
    exchange = run.exchanges[OPERATIONS.index(operation)]
    values = renderer.example_values(API, operation)
    path = _substitute(renderer.example_path(operation, values), run.ids)
    assert (exchange.method, exchange.path) == (operation.http_method, path)
    assert exchange.status == operation.success_status, exchange.response_body.decode()
    _check_sent(language, operation, values, exchange)
    _check_answer(API, operation, exchange)


def _check_sent(
    language: str, operation: Operation, values: renderer.CallValues, exchange: Exchange
) -> None:
    """The request carried what the sample shows: its query and its body's values."""
    query = values.query if language == "curl" else values.sdk_query
    assert parse_qsl(exchange.query) == [(p.name, _form_text(value)) for p, value in query]
    if values.body is None:
        assert exchange.request_body == b""
        return
    body = exchange.request_body.decode()
    if exchange.content_type.startswith("application/x-www-form-urlencoded"):
        sent = {key: value for key, value in parse_qsl(body, keep_blank_values=True)}
        assert sent == {name: _form_text(value) for name, value in values.body}
    else:
        assert exchange.content_type.startswith("application/json"), exchange.content_type
        assert json.loads(body) == dict(values.body)
    if language == "curl":  # the reference's curl sends forms, as the seed does
        assert exchange.content_type == "application/x-www-form-urlencoded"


def _check_answer(api: Api, operation: Operation, exchange: Exchange) -> None:
    success = operation.success
    assert success is not None
    if success.schema_pointer is None:
        assert exchange.response_body == b"", "a response without a schema has no body"
        return
    assert api.schemas is not None
    answer = json.loads(exchange.response_body)
    errors = [error.message for error in api.schemas.errors(success.schema_pointer, answer)]
    assert not errors, f"the answer does not match {success.schema_pointer}: {errors}"


def _form_text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)
