"""Each SDK sends what the spec says: every operation of every spec of the corpus that
generates (tests/corpus/corpus.py: the peers' specs and our one-feature specs, media types,
unions, parameter styles and security schemes included) called once with each SDK against
Prism's validating mock (`@stoplight/prism-cli`, pinned in package.json), which answers 422 to a
parameter or body sent in the wrong shape, 415 to the wrong media type and 401 to missing or
misplaced credentials. An SDK that type-checks but sends the wrong request fails here, and so
does one that cannot read the answer Prism makes from the spec's examples.

The values are the samples' (`protocol_codegen.samples.example_values`: examples, then
placeholders of the schema's type), with every optional parameter too, so each style is
exercised. Each call is wrapped so that one refused request does not hide the next: the table
(`make corpus`) counts the operations accepted per language.

One Prism process per spec, shared by the three languages; `make test` runs SAMPLE, `make
corpus` (CORPUS=all) every spec. Prism does not check cookie parameters (only cookie API keys):
what the clients put in the `Cookie` header, and the OAuth2 token's fetch and refresh, are checked
on recorded requests (the tests at the end of this module).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from protocol_codegen.languages import php, python, typescript
from protocol_codegen.policy import AUTH_REFRESH_MARGIN, auth_policy
from protocol_codegen.samples import CallValues, FilePath, example_value, example_values
from protocol_server.harness import free_port
from protocol_spec import load_api, load_api_unchecked
from protocol_spec.model import Api, Operation, Parameter
from tests.token_server import TokenServer

from .corpus import EVERYTHING, FEATURES, LENIENT, REFUSED, ROOT, SPECS, name, row

SAMPLE = {"params_deep_object.yaml", "security_api_key_cookie.yaml", "form_body.yaml"}
CASES = [s for s in SPECS if name(s) not in REFUSED and (EVERYTHING or name(s) in SAMPLE)]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
# What each credential argument is set to (through its environment variable).
SECRETS = {
    "token": "t0k3n",
    "username": "user",
    "password": "pa55",
    "api_key": "k3y",
    "client_id": "client",
    "client_secret": "s3cret",
}
# Requests refused where the SDK sends what the spec says: spec -> (the operations, why).
# Each is a strict xfail that only this refusal satisfies: another failure of the same spec
# fails the test, and so does the day Prism accepts these (then remove the entry).
KNOWN_REFUSALS = {
    "params_space_delimited.yaml": (
        {"listThings"},
        (
            "Prism 5.14.2 splits a spaceDelimited value on a literal `%20` after decoding the "
            "query, so it refuses `colors=red%20blue`, the request of its own example; "
            "test_cookie_header_and_delimited_parameters_go_out_as_declared checks what is sent"
        ),
    ),
    "openapi-python-client/3.1_specific.openapi.yaml": (
        {"postConstByPath"},
        (
            "Prism 5.14.2 looks a query parameter up by its percent-encoded name: `required query` "
            "is found only when sent as `required%2520query` (checked with curl), so it refuses "
            "the right request `?required%20query=...` as missing the parameter"
        ),
    ),
    "openapi-python-client/openapi_3.1_enums.yaml": (
        {"getUserList"},
        (
            "the spec requires the query array `an_enum_value_with_only_null` whose items may only "
            "be null, which no query string carries (Prism reads an empty value as missing): no "
            "client can send a request that validates"
        ),
    ),
}


class KnownRefusal(Exception):
    """Only the requests of KNOWN_REFUSALS were refused."""


# What each wrapped call prints: `@@ok <n>` or `@@failed <n> <why>`, n its operation's index.
_OUTCOME = re.compile(r"^@@(ok|failed) (\d+)(.*)$", re.MULTILINE)
# Prism makes its answers from the schemas (`--dynamic`, seeded so the run repeats) for the
# specs whose examples do not validate (on purpose), and for the one whose responses have none
# (the filters' fixture: static answers would be `"string"` where ids have a pattern).
DYNAMIC = set(LENIENT) | {"filters_membership_and_windows.yaml"}


class Mocked:
    def __init__(self, spec: Path, api: Api, out: Path, base_url: str, log: Path) -> None:
        self.spec, self.api, self.out, self.base_url, self.log = spec, api, out, base_url, log
        policy = auth_policy(api)
        self.variables = [variable for _, variable in policy.arguments]
        # Operations that need no credentials are called a second time by a client that has none.
        self.open = [op for op in api.operations if not policy.requirements(op)]
        for op in api.operations:  # the files the calls upload, in the scripts' folder
            for _, value in call_values(api, op).body or ():
                if isinstance(value, FilePath):
                    (out / value).write_bytes(b"\x89PNG\r\n\x1a\n uploaded by a test\n")

    def env(self, credentials: bool = True) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in self.variables}
        env[self.api.settings.base_url_env] = self.base_url
        if credentials:
            for argument, variable in auth_policy(self.api).arguments:
                env[variable] = next(v for k, v in SECRETS.items() if argument.endswith(k))
        return env

    def run(
        self, language: str, write: Callable[[list[Operation]], str], file: str, command: list[str]
    ) -> None:
        """Calls every operation with credentials, and, when some need none, those without;
        records how many were accepted, and fails naming every refused call."""
        seen = row(self.spec)
        seen.called = len(self.api.operations)
        if not self.api.operations:  # webhooks only, or no paths: nothing to call
            seen.accepted[language] = 0
            return
        runs = [(self.out / file, self.env(), list(self.api.operations))]
        if self.open:
            runs.append((self.out / f"open_{file}", self.env(credentials=False), self.open))
        failed: dict[str, str] = {}
        for path, env, operations in runs:
            path.write_text(write(operations))
            if language == "python":
                env["PYTHONPATH"] = str(self.out / "python")
            result = subprocess.run(
                [*command, str(path)],
                cwd=self.out,
                env=env,
                capture_output=True,
                text=True,
                check=False,
                timeout=300,
            )
            outcomes = {
                int(m.group(2)): (m.group(1), m.group(3).strip())
                for m in _OUTCOME.finditer(result.stdout)
            }
            for index, op in enumerate(operations):
                outcome, why = outcomes.get(index, ("failed", "not reached"))
                if outcome != "ok":
                    failed.setdefault(op.operation_id, why or "?")
            if result.returncode != 0:
                failed.setdefault("(script)", (result.stdout + result.stderr)[-2000:])
        seen.accepted[language] = sum(op.operation_id not in failed for op in self.api.operations)
        known, why = KNOWN_REFUSALS.get(name(self.spec), (set(), ""))
        unexpected = {op: reason for op, reason in failed.items() if op not in known}
        log = self.log.read_text().splitlines()
        refusals = [line for line in log if "[VALIDATOR]" in line and "error" in line]
        assert not unexpected, "\n".join(
            [*(f"{op}: {reason}" for op, reason in unexpected.items()), "Prism:", *refusals[-20:]]
        )
        if failed:
            raise KnownRefusal(f"{sorted(failed)}: {why}")


def _wait_for(port: int, process: subprocess.Popen[str], log: Path) -> None:
    import socket

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Prism exited: {log.read_text()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"Prism did not listen within 60 s: {log.read_text()}")


def _param(spec: Path) -> object:
    known = KNOWN_REFUSALS.get(name(spec))
    marks = [pytest.mark.xfail(strict=True, raises=KnownRefusal, reason=known[1])] if known else []
    return pytest.param(spec, marks=marks, id=name(spec))


@pytest.fixture(scope="module", params=[_param(spec) for spec in CASES])
def mocked(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Mocked]:
    if not PRISM.exists():
        pytest.fail("Prism is missing: run `npm ci` (it is pinned in package.json)")
    spec: Path = request.param
    out = tmp_path_factory.mktemp(spec.stem) / "generated"
    command = [sys.executable, "-m", "protocol_codegen", "generate", "--spec", str(spec)]
    if name(spec) in LENIENT:
        command.append("--lenient")
    generated = subprocess.run(
        [*command, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert generated.returncode == 0, generated.stderr
    api = load_api_unchecked(spec, lenient=name(spec) in LENIENT)[0]  # generated above
    log = out.parent / "prism.log"
    if not api.operations:  # Prism refuses a document without operations
        log.write_text("")
        yield Mocked(spec, api, out, "http://127.0.0.1:9", log)
        return
    port = free_port()
    dynamic = ["--dynamic", "--seed", "1"] if name(spec) in DYNAMIC else []
    with log.open("w") as sink:
        process = subprocess.Popen(
            [str(PRISM), "mock", *dynamic, "--host", "127.0.0.1", "-p", str(port), str(spec)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        _wait_for(port, process, log)
        yield Mocked(spec, api, out, f"http://127.0.0.1:{port}", log)
    finally:
        process.terminate()
        process.wait(timeout=10)


def call_values(api: Api, op: Operation) -> CallValues:
    """The samples' values (`example_values`), with every optional parameter too, so each
    style is exercised."""

    def value(p: Parameter) -> object:
        """Its example, else its default, else a placeholder moved within its bounds."""
        if p.has_example:
            return p.example
        if p.has_default:
            return p.default
        placeholder = example_value(api, p.type, p.name)
        low, high = p.constraints.minimum, p.constraints.maximum
        if isinstance(placeholder, int | float) and not isinstance(placeholder, bool):
            if low is not None and placeholder < low:
                placeholder = type(placeholder)(low)
            if high is not None and placeholder > high:
                placeholder = type(placeholder)(high)
        return placeholder

    def every(params: tuple[Parameter, ...]) -> tuple[tuple[Parameter, object], ...]:
        return tuple((p, value(p)) for p in params if p is not op.idempotency_key)

    sample = example_values(api, op)
    return CallValues(
        sample.path,
        every(op.query_params),
        sample.body,
        sample.whole,
        headers=every(op.header_params),
        cookies=every(op.cookie_params),
    )


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _indent(code: str, by: str) -> str:
    return by + code.replace("\n", "\n" + by)


def test_python_sends_what_the_spec_says(mocked: Mocked) -> None:
    api = mocked.api
    client = api.settings.client_class

    def write(operations: list[Operation]) -> str:
        lines = [f"from {api.settings.python_package} import {client}", f"client = {client}()"]
        for index, op in enumerate(operations):
            lines += [
                "try:",
                _indent(python.LANGUAGE.call(api, op, call_values(api, op)), "    "),
                f"    print('@@ok {index}')",
                "except Exception as error:",
                f"    print('@@failed {index}', repr(error)[:1000].replace('\\n', ' '))",
            ]
        return "\n".join(lines) + "\n"

    mocked.run("python", write, "calls.py", [sys.executable])


def test_typescript_sends_what_the_spec_says(mocked: Mocked) -> None:
    node = shutil.which("node")
    assert node is not None, "Node.js 20 is missing: install it (see README, On a fresh machine)"
    api = mocked.api
    client = api.settings.client_class
    index = json.dumps((mocked.out / "typescript" / "index.js").as_uri())

    def write(operations: list[Operation]) -> str:
        lines = [
            "import fs from 'node:fs';",
            f"import {{ {client} }} from {index};",
            f"const client = new {client}();",
        ]
        for n, op in enumerate(operations):
            lines += [
                "try {",
                _indent(typescript.LANGUAGE.call(api, op, call_values(api, op)) + ";", "  "),
                f"  console.log('@@ok {n}');",
                "} catch (error) {",
                f"  console.log('@@failed {n}', String(error).slice(0, 1000).replaceAll('\\n', ' '));",
                "}",
            ]
        return "\n".join(lines) + "\n"

    mocked.run("typescript", write, "calls.mjs", [node])


def test_php_sends_what_the_spec_says(mocked: Mocked) -> None:
    php_cli = shutil.which("php")
    assert php_cli is not None, "php-cli is missing: install it (apt-get install php-cli)"
    api = mocked.api
    client = f"\\{api.settings.php_namespace}\\{api.settings.client_class}"
    autoload = php.string_literal(str(mocked.out / "php" / "autoload.php"))

    def write(operations: list[Operation]) -> str:
        lines = ["<?php", f"require {autoload};", f"$client = new {client}();"]
        for index, op in enumerate(operations):
            lines += [
                "try {",
                _indent(php.LANGUAGE.call(api, op, call_values(api, op)) + ";", "    "),
                f'    echo "@@ok {index}\\n";',
                "} catch (\\Throwable $error) {",
                f"    echo '@@failed {index} ', str_replace(\"\\n\", ' ', substr(get_class($error) . ': ' . $error->getMessage(), 0, 1000)), \"\\n\";",
                "}",
            ]
        return "\n".join(lines) + "\n"

    mocked.run("php", write, "calls.php", [php_cli])


# -- what Prism cannot see: the requests themselves, recorded ------------------------------


Generate = Callable[[str], tuple[Api, Path]]


@pytest.fixture(scope="module")
def generate(tmp_path_factory: pytest.TempPathFactory) -> Generate:
    """Generates a spec of FEATURES once for the module's tests."""
    done: dict[str, tuple[Api, Path]] = {}

    def generated(spec: str) -> tuple[Api, Path]:
        if spec not in done:
            done[spec] = _generated(spec, tmp_path_factory.mktemp("recorded"))
        return done[spec]

    return generated


def _generated(spec: str, tmp: Path) -> tuple[Api, Path]:
    out = tmp / Path(spec).stem
    command = [sys.executable, "-m", "protocol_codegen", "generate", "--spec", str(FEATURES / spec)]
    generated = subprocess.run(
        [*command, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert generated.returncode == 0, generated.stderr
    return load_api(FEATURES / spec), out


def _scripts(api: Api, out: Path, operations: list[Operation]) -> list[list[str]]:
    """One program per language (two in Python: the sync and the async client) calling
    `operations` in order, twice over."""
    calls = [op for op in operations for _ in range(2)]
    client = api.settings.client_class
    py = [f"from {api.settings.python_package} import {client}", f"client = {client}()"]
    py += [python.LANGUAGE.call(api, op, call_values(api, op)) for op in calls]
    # The async client, whose credentials (and token fetches) are awaited.
    aio = [f"import asyncio\nfrom {api.settings.python_package} import Async{client}\n"]
    aio += ["async def main() -> None:", f"    client = Async{client}()"]
    aio += [
        "    await " + python.LANGUAGE.call(api, op, call_values(api, op)).replace("\n", "\n    ")
        for op in calls
    ]
    aio += ["", "asyncio.run(main())"]
    index = json.dumps((out / "typescript" / "index.js").as_uri())
    js = [f"import {{ {client} }} from {index};", f"const client = new {client}();"]
    js += [typescript.LANGUAGE.call(api, op, call_values(api, op)) + ";" for op in calls]
    autoload = php.string_literal(str(out / "php" / "autoload.php"))
    php_client = f"\\{api.settings.php_namespace}\\{client}"
    ph = ["<?php", f"require {autoload};", f"$client = new {php_client}();"]
    ph += [php.LANGUAGE.call(api, op, call_values(api, op)) + ";" for op in calls]
    runs = []
    for file, lines, command in (
        ("recorded.py", py, [sys.executable]),
        ("recorded_async.py", aio, [sys.executable]),
        ("recorded.mjs", js, [shutil.which("node") or "node"]),
        ("recorded.php", ph, [shutil.which("php") or "php"]),
    ):
        (out / file).write_text("\n".join(lines) + "\n")
        runs.append([*command, str(out / file)])
    return runs


def _record(
    spec: str, generate: Generate, expires_in: int = 3600
) -> list[list[tuple[str, str, dict[str, str]]]]:
    """What each language sent, calling every operation of `spec` twice (with credentials)."""
    api, out = generate(spec)
    sent = []
    for command in _scripts(api, out, list(api.operations)):
        recorder = TokenServer(expires_in)
        try:
            env = {k: v for k, v in os.environ.items() if not k.startswith("PROTOCOL_")}
            env[api.settings.base_url_env] = recorder.base_url
            env["PYTHONPATH"] = str(out / "python")
            for argument, variable in auth_policy(api).arguments:
                env[variable] = next(v for k, v in SECRETS.items() if argument.endswith(k))
            _run(command, out, env)
        finally:
            recorder.close()
        sent.append(recorder.requests)
    return sent


def test_cookie_header_and_delimited_parameters_go_out_as_declared(generate: Generate) -> None:
    for requests in _record("params_header_cookie.yaml", generate):
        method, path, headers = requests[0]
        assert (method, path) == ("GET", "/things/abc?version=latest")
        assert headers["cookie"] == "session=s123"
        assert (headers["x-request-id"], headers["x-tags"]) == ("req-42", "red,green")
    for requests in _record("params_space_delimited.yaml", generate):
        assert requests[0][1] == "/things?colors=red%20blue"


def test_oauth2_token_is_fetched_once_and_kept(generate: Generate) -> None:
    for requests in _record("security_oauth2_client_credentials.yaml", generate):
        tokens = [r for r in requests if r[1] == "/oauth/token"]
        calls = [r for r in requests if r[1].startswith("/things")]
        # One token for both calls of the secured operation; the two calls of the token
        # operation (security: []) itself are sent without credentials.
        assert len(calls) == 2 and len(tokens) == 3, requests
        method, _, headers = tokens[0]
        assert method == "POST" and headers["authorization"] == "Basic Y2xpZW50OnMzY3JldA=="
        assert headers["body"] in (
            "grant_type=client_credentials&scope=things%3Aread",
            "grant_type=client_credentials&scope=things:read",
        )
        assert all(headers["authorization"] == "Bearer tok1" for _, _, headers in calls)
        assert all("authorization" not in headers for _, _, headers in tokens[1:])


def test_oauth2_token_is_fetched_again_before_it_expires(generate: Generate) -> None:
    margin = int(AUTH_REFRESH_MARGIN)
    for requests in _record("security_oauth2_client_credentials.yaml", generate, margin):
        calls = [r for r in requests if r[1].startswith("/things")]
        # A token that expires within the margin is never reused: each call fetches one.
        assert [h["authorization"] for _, _, h in calls] == ["Bearer tok1", "Bearer tok3"]
