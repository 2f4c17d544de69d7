"""Every sample on the reference page, run as printed against a fresh account of the reference
server, for the project's spec: the whole Protocol API (five resources that refer to each other).
(tests/fixtures/specs/whole_api.yaml is the same API; it is not run twice.)

The server gives each account the spec's example objects (PROTOCOL_EXAMPLE_OBJECTS=1), so the
samples need no id of ours: each resource's samples run in the page's order (list, create, get,
update, delete) on an account of their own, one account per language and resource, with nothing
in them replaced but the token and the base URL. A recording proxy (recording_proxy.py) between
the samples and the server shows the test the very request each sample made and the answer it
got, whatever the language; before each sample, the runner sends the proxy a marker, so each
request is told to the sample that made it. Per language and resource, one process:
- curl: the samples as a bash script, with the proxy's URL for the base URL and the token for
  `{token}`;
- JavaScript: each sample an ES module (Node imports them in turn), the spec's npm package
  resolving to the generated TypeScript package as an installed package would;
- Python: each sample run in a fresh namespace by the venv's Python, the generated package first
  on the path;
- PHP: each sample required in turn after the generated package's autoload.php.
The SDK samples get the token as the variable `token` (`$token`) and the base URL from
PROTOCOL_BASE_URL. Each sample must have made exactly its operation's request, sent the values
it shows, and got the success status with an answer that matches the response schema. The
packages are the project's generated/ tree.

Samples that cannot run yet because of a gap of the SDKs (KNOWN_GAPS) are expected to fail,
strictly: once the gap is closed they pass, and the test says to take them off the list.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from protocol_codegen import samples as renderer
from protocol_codegen.languages import LANGUAGES, samples_for
from protocol_server.harness import running_server
from protocol_spec import PROJECT_ROOT, load_api
from protocol_spec.model import Api, Operation, Resource
from tests.sample_files import UPLOADED, file_values, place_files

from .conftest import find_curl, find_node, find_php
from .recording_proxy import MARK_PATH, Exchange, RecordingProxy, recording_proxy

SPECS = {
    "spec": PROJECT_ROOT / "spec" / "openapi.yaml",
}
APIS = {name: load_api(path) for name, path in SPECS.items()}
MULTIPART = "multipart/form-data"
# What a sample that uploads a file finds at the path it names.

# (spec, language, operationId or "*") -> why its samples cannot run as printed yet. Each is
# fixed on another branch; these tests then pass and must leave this list (strict xfail).
KNOWN_GAPS: dict[tuple[str, str, str], str] = {}

NODE_RUNNER = """\
import { pathToFileURL } from 'node:url';
for (const [index, file] of process.argv.slice(2).entries()) {
  await fetch(`${process.env.PROTOCOL_BASE_URL}/%(mark)s/${index}`);
  try {
    await import(pathToFileURL(file).href);
  } catch (error) {
    console.error(`${file}: ${error}`);
    process.exitCode = 1;
  }
}
"""
PYTHON_RUNNER = """\
import os, sys, traceback, urllib.request
status = 0
for index, path in enumerate(sys.argv[1:]):
    urllib.request.urlopen(f"{os.environ['PROTOCOL_BASE_URL']}/%(mark)s/{index}").close()
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
foreach (array_slice($argv, 2) as $index => $file) {
    file_get_contents(getenv('PROTOCOL_BASE_URL') . '/%(mark)s/' . $index);
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
    samples: list[list[Exchange]]  # the requests of each sample, in order
    output: str


@dataclass
class Target:
    """One spec: its model, its generated packages, its server behind the recording proxy."""

    name: str
    api: Api
    generated: Path
    proxy: RecordingProxy
    workdir: Path
    runs: dict[tuple[str, str], Run] = field(default_factory=dict)  # (language, resource)


def _token(language: str, resource: Resource) -> str:
    return f"samples-{language}-{resource.name}"


@pytest.fixture(scope="module")
def targets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Target]]:
    """The target of a spec, started when a test first needs it."""
    with ExitStack() as stack:
        started: dict[str, Target] = {}

        def target(name: str) -> Target:
            if name not in started:
                started[name] = _start(name, stack, tmp_path_factory.mktemp(name))
            return started[name]

        yield target


def _start(name: str, stack: ExitStack, workdir: Path) -> Target:
    api = APIS[name]
    generated = PROJECT_ROOT / "generated"
    tokens = tuple(_token(lang.key, r) for lang in LANGUAGES for r in api.resources)
    env = {"PROTOCOL_SPEC": str(SPECS[name]), "PROTOCOL_EXAMPLE_OBJECTS": "1"}
    server = stack.enter_context(running_server(tokens=tokens, env=env))
    proxy = stack.enter_context(recording_proxy(server.base_url))
    return Target(name, api, generated, proxy, workdir)


def _run(target: Target, language: str, resource: Resource) -> Run:
    """Run the resource's samples in `language` once; later calls reuse the result."""
    tool = TOOLCHAINS[language]()  # skips (or fails, in CI) every test of a missing language
    key = (language, resource.name)
    if key not in target.runs:
        api, token = target.api, _token(language, resource)
        folder = target.workdir / language / resource.name
        folder.mkdir(parents=True)
        sources = [samples_for(api, op).text(language) for op in resource.operations]
        if language == "curl":
            sources = [s.replace(api.default_base_url, target.proxy.base_url) for s in sources]
            sources = [s.replace(renderer.CURL_TOKEN, token) for s in sources]
        for op in resource.operations:
            place_files(api, [op], folder, target.workdir)
        env = {**os.environ, "PROTOCOL_BASE_URL": target.proxy.base_url}
        env["PROTOCOL_API_TOKEN"] = token
        target.proxy.take()
        result = RUNNERS[language](tool, folder, sources, env, target)
        exchanges = target.proxy.take()
        output = f"exit status {result.returncode}\n{result.stdout}{result.stderr}"
        target.runs[key] = Run(_by_sample(exchanges), output)
    return target.runs[key]


def _by_sample(exchanges: list[Exchange]) -> list[list[Exchange]]:
    """The exchanges after each marker, the marker's number telling the sample."""
    samples: list[list[Exchange]] = []
    for exchange in exchanges:
        if exchange.path.startswith(f"/{MARK_PATH}/"):
            assert exchange.path == f"/{MARK_PATH}/{len(samples)}", "markers out of order"
            samples.append([])
        else:
            assert samples, f"a request before the first sample: {exchange.target}"
            samples[-1].append(exchange)
    return samples


def _run_curl(
    curl: str, folder: Path, sources: list[str], env: dict[str, str], target: Target
) -> subprocess.CompletedProcess[str]:
    env = {**env, "PATH": f"{Path(curl).parent}{os.pathsep}{env.get('PATH', '')}"}
    mark = f"{target.proxy.base_url}/{MARK_PATH}"
    script = folder / "samples.sh"
    script.write_text(
        "".join(
            f"curl -sS -o /dev/null {mark}/{index}\n{source}echo\n"
            for index, source in enumerate(sources)
        )
    )
    return _execute(["bash", str(script)], folder, env)


def _run_node(
    node: str, folder: Path, sources: list[str], env: dict[str, str], target: Target
) -> subprocess.CompletedProcess[str]:
    package = folder / "node_modules" / target.api.settings.npm_package
    package.parent.mkdir(parents=True)
    package.symlink_to(target.generated / "typescript", target_is_directory=True)
    prelude = "const token = process.env.PROTOCOL_API_TOKEN;\n"
    files = _write(folder, sources, ".mjs", prelude)
    (folder / "run.mjs").write_text(NODE_RUNNER % {"mark": MARK_PATH})
    return _execute([node, "run.mjs", *files], folder, env)


def _run_python(
    python: str, folder: Path, sources: list[str], env: dict[str, str], target: Target
) -> subprocess.CompletedProcess[str]:
    files = _write(folder, sources, ".py", "")
    (folder / "run.py").write_text(PYTHON_RUNNER % {"mark": MARK_PATH})
    env = {**env, "PYTHONPATH": str(target.generated / "python")}
    return _execute([python, "run.py", *files], folder, env)


def _run_php(
    php: str, folder: Path, sources: list[str], env: dict[str, str], target: Target
) -> subprocess.CompletedProcess[str]:
    files = _write(folder, sources, ".php", "<?php\n")
    (folder / "run.php").write_text(PHP_RUNNER % {"mark": MARK_PATH})
    autoload = target.generated / "php" / "autoload.php"
    return _execute([php, "run.php", str(autoload), *files], folder, env)


def _write(folder: Path, sources: list[str], suffix: str, prelude: str) -> list[str]:
    names = []
    for index, source in enumerate(sources):
        path = folder / f"sample{index}{suffix}"
        path.write_text(prelude + source)
        names.append(str(path))
    return names


def _execute(
    command: list[str], folder: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, timeout=120, check=False
    )


Runner = Callable[[str, Path, list[str], dict[str, str], Target], subprocess.CompletedProcess[str]]
TOOLCHAINS: dict[str, Callable[[], str]] = {
    "curl": find_curl,
    "javascript": find_node,
    "python": lambda: sys.executable,  # the venv's, with pydantic and httpx
    "php": find_php,
}
RUNNERS: dict[str, Runner] = {
    "curl": _run_curl,
    "javascript": _run_node,
    "python": _run_python,
    "php": _run_php,
}

CASES = [
    pytest.param(name, language.key, resource, op, id=f"{name}-{language.key}-{op.operation_id}")
    for name, api in APIS.items()
    for language in LANGUAGES
    for resource in api.resources
    for op in resource.operations
]


@pytest.mark.parametrize(("spec", "language", "resource", "operation"), CASES)
def test_sample_runs_as_printed_on_a_fresh_account(
    request: pytest.FixtureRequest,
    targets: Callable[[str], Target],
    spec: str,
    language: str,
    resource: Resource,
    operation: Operation,
) -> None:
    gap = KNOWN_GAPS.get((spec, language, operation.operation_id)) or KNOWN_GAPS.get(
        (spec, language, "*")
    )
    if gap is not None:
        request.applymarker(pytest.mark.xfail(reason=gap, strict=True))
    target = targets(spec)
    run = _run(target, language, resource)
    index = resource.operations.index(operation)
    assert len(run.samples) == len(resource.operations), run.output
    exchanges = run.samples[index]
    sample = samples_for(target.api, operation).text(language)
    assert len(exchanges) == 1, (
        f"the sample made {len(exchanges)} requests, one expected:\n{sample}\n"
        + "".join(f"  {e.method} {e.target} -> {e.status}\n" for e in exchanges)
        + run.output
    )
    (exchange,) = exchanges
    values = renderer.example_values(target.api, operation)
    assert (exchange.method, exchange.path) == (
        operation.http_method,
        renderer.example_path(operation, values),
    )
    assert exchange.status == operation.success_status, (
        f"{sample}\n-> {exchange.status} {exchange.response_body.decode()}\n{run.output}"
    )
    _check_sent(target.api, language, operation, values, exchange)
    _check_answer(target.api, operation, exchange)


def _check_sent(
    api: Api,
    language: str,
    operation: Operation,
    values: renderer.CallValues,
    exchange: Exchange,
) -> None:
    """The request carried what the sample shows: its query and its body's values."""
    query = values.query if language == "curl" else values.sdk_query
    assert parse_qsl(exchange.query) == [(p.name, _form_text(value)) for p, value in query]
    if values.body is None:
        assert exchange.request_body == b""
        return
    body = exchange.request_body.decode("utf-8", "replace")
    content_type = exchange.content_type
    if content_type.startswith(MULTIPART):
        files = file_values(api, operation)
        parts = _parts(content_type, exchange.request_body)
        assert sorted(parts) == sorted(name for name, _ in values.body)
        for name, value in values.body:
            part = parts[name]
            sent = part.get_payload(decode=True)
            if renderer.as_text(value) in files:  # the file's bytes, under a file name
                assert part.get_filename(), f"the part {name!r} has no file name"
                assert sent in (UPLOADED, renderer.as_text(value).encode()), sent
            else:
                assert sent == _form_text(value).encode()
    elif content_type.startswith(renderer.FORM):
        sent_form = {key: value for key, value in parse_qsl(body, keep_blank_values=True)}
        assert sent_form == {name: _form_text(value) for name, value in values.body}
    else:
        assert content_type.startswith(renderer.JSON), content_type
        assert json.loads(body) == dict(values.body)
    assert operation.body is not None
    scalars = all(not isinstance(value, list | dict) for _, value in values.body)
    if language == "curl" and scalars and renderer.FORM in operation.body.content_types:
        assert content_type == renderer.FORM  # the reference's curl sends forms, as the seed does


def _parts(content_type: str, body: bytes) -> dict[str, Message]:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    payload = message.get_payload()
    assert message.is_multipart() and isinstance(payload, list), "not a multipart body"
    return {str(p.get_param("name", header="content-disposition")): p for p in payload}


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
