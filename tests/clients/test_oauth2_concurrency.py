"""Calls made at once share one OAuth2 token fetch: eight threads on the sync Python client,
eight tasks on the async one, eight promises on the TypeScript client, each finding no token,
against a token endpoint slow enough that they all wait on it together. Without the shared
fetch each call fetches its own token (eight fetches; PHP calls one at a time).

The clients are generated from tests/fixtures/specs/features/security_oauth2_client_credentials.yaml."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from protocol_codegen.languages import python, typescript
from protocol_codegen.policy import auth_policy
from protocol_codegen.samples import CallValues
from protocol_spec import load_api
from protocol_spec.model import Api, Operation
from tests.token_server import TokenServer

ROOT = Path(__file__).resolve().parents[2]
SPEC = (
    ROOT / "tests" / "fixtures" / "specs" / "features" / "security_oauth2_client_credentials.yaml"
)
CALLS = 8
TOKEN_DELAY = 0.5  # seconds the token endpoint takes, so that every call finds the fetch under way


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Api, Path]:
    out = tmp_path_factory.mktemp("oauth2") / "sdk"
    command = [sys.executable, "-m", "protocol_codegen", "generate", "--spec", str(SPEC)]
    result = subprocess.run(
        [*command, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return load_api(SPEC), out


@pytest.fixture
def token_server() -> Iterator[TokenServer]:
    served = TokenServer(delay=TOKEN_DELAY)
    yield served
    served.close()


def _secured(api: Api) -> Operation:
    policy = auth_policy(api)
    return next(op for op in api.operations if policy.requirements(op))


def _values(api: Api, operation: Operation) -> CallValues:
    """No arguments: the operation's only parameter is optional."""
    every = (*operation.path_params, *operation.query_params, *operation.header_params)
    assert all(not p.required for p in every), operation.operation_id
    return CallValues(path=(), query=(), body=None)


def _env(api: Api, out: Path, base_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROTOCOL_")}
    env[api.settings.base_url_env] = base_url
    env["PYTHONPATH"] = str(out / "python")
    for argument, variable in auth_policy(api).arguments:
        env[variable] = "client" if argument.endswith("id") else "s3cret"
    return env


def _run(program: Path, command: str, env: dict[str, str]) -> None:
    result = subprocess.run(
        [command, str(program)], capture_output=True, text=True, timeout=60, check=False, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _python_programs(api: Api, out: Path) -> dict[str, str]:
    operation = _secured(api)
    call = python.LANGUAGE.call(api, operation, _values(api, operation))
    client = api.settings.client_class
    package = api.settings.python_package
    threaded = f"""
from concurrent.futures import ThreadPoolExecutor
from {package} import {client}

client = {client}()
barrier = __import__("threading").Barrier({CALLS})

def one(_: int) -> None:
    barrier.wait()
    {call}

with ThreadPoolExecutor({CALLS}) as pool:
    list(pool.map(one, range({CALLS})))
"""
    tasks = f"""
import asyncio
from {package} import Async{client}

async def main() -> None:
    client = Async{client}()

    async def one() -> None:
        await {call}

    await asyncio.gather(*(one() for _ in range({CALLS})))

asyncio.run(main())
"""
    return {"threads.py": threaded, "tasks.py": tasks}


@pytest.mark.parametrize("program", ["threads.py", "tasks.py"])
def test_python_calls_at_once_share_one_token_fetch(
    generated: tuple[Api, Path], token_server: TokenServer, program: str
) -> None:
    api, out = generated
    path = out / program
    path.write_text(_python_programs(api, out)[program])
    _run(path, sys.executable, _env(api, out, token_server.base_url))
    assert len(token_server.token_requests()) == 1
    sent = [headers.get("authorization") for _, _, headers in token_server.other_requests()]
    assert sent == ["Bearer tok1"] * CALLS


def test_typescript_calls_at_once_share_one_token_fetch(
    generated: tuple[Api, Path], token_server: TokenServer, node: str
) -> None:
    api, out = generated
    operation = _secured(api)
    call = typescript.LANGUAGE.call(api, operation, _values(api, operation))
    client = api.settings.client_class
    index = json.dumps((out / "typescript" / "index.js").as_uri())
    path = out / "promises.mjs"
    path.write_text(
        f"import {{ {client} }} from {index};\n"
        f"const client = new {client}();\n"
        f"await Promise.all(Array.from({{ length: {CALLS} }}, async () => {call}));\n"
    )
    _run(path, node, _env(api, out, token_server.base_url))
    assert len(token_server.token_requests()) == 1
    sent = [headers.get("authorization") for _, _, headers in token_server.other_requests()]
    assert sent == ["Bearer tok1"] * CALLS
