"""Each client's README, executed: its examples, in order, as one program per language, against
the reference server (PROTOCOL_BASE_URL and a token set, the spec's example ids replaced by ids
of conversations the test made). A README that shows a call the package does not have, or a
call that fails, fails here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from protocol_codegen import samples
from protocol_server.harness import RunningServer, free_port, running_server
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


def blocks(readme: Path, language: str, *, receiver: bool = False) -> list[str]:
    """The README's examples; the webhook receiver (a server of its own, whose first lines
    name its file `receiver.*`) apart from the rest."""
    found = re.findall(rf"```{language}\n(.*?)```", readme.read_text(), flags=re.DOTALL)
    found = [code for code in found if ("receiver." in "".join(code.splitlines()[:2])) == receiver]
    assert found, f"{readme} has no {language} {'receiver' if receiver else 'examples'}"
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


# -- the webhook receivers ------------------------------------------------------------------

WEBHOOK_SECRET = "readme-receiver-secret"


def _delivery() -> tuple[bytes, list[str]]:
    """The first webhook's example body (an event of the spec), and what a receiver that
    parsed it prints: its type and its object's id."""
    op, event = API.webhooks[0], API.webhook_events[0]
    assert op.body is not None and event.type == op.path
    media = op.body.content_types[0]
    value = op.body.examples[media][0].value
    return json.dumps(value).encode(), [event.type, value[event.payload]["id"]]


def _sign(body: bytes, secret: str) -> dict[str, str]:
    signing = API.webhook_signing
    assert signing is not None and signing.scheme == "hmac-sha256-hex", "the spec's scheme"
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {signing.signature_header: digest, "content-type": "application/json"}


def _post_until_up(url: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    deadline = time.monotonic() + 20
    while True:
        try:
            return httpx.post(url, content=body, headers=headers, timeout=5)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _real_delivery(receiver_url: str, printed_to: Path) -> list[str]:
    """A real delivery: the reference server, told to send this account's events to the
    receiver, makes an object; the receiver must print the event's type and the object's id."""
    token = "receiver-account"
    env = {
        "PROTOCOL_WEBHOOKS": f"{token}={receiver_url}",
        "PROTOCOL_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }
    event = API.webhook_events[0]
    resource = next(r for r in API.resources if r.name == event.resource)
    create = resource.operation("create")
    assert event.action == "created" and create is not None and create.body is not None
    body = create.body.examples[create.body.content_types[0]][0].value
    with running_server(tokens=(token,), env=env) as server:
        made = httpx.post(
            server.base_url + create.path,
            json=body,
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert made.status_code == create.success_status, made.text
        expected = [event.type, made.json()["id"]]
        deadline = time.monotonic() + 20
        while not all(text in printed_to.read_text() for text in expected):
            assert time.monotonic() < deadline, printed_to.read_text()
            time.sleep(0.1)
    return expected


def judge_receiver(command: list[str], cwd: Path, port: int) -> str:
    """Start the README's receiver, send it a genuine delivery, a tampered one, one signed with
    another secret and an unsigned one; only the first is accepted. Then the reference server
    delivers a real event to it, which it verifies and parses. Returns what it printed."""
    env = {
        **os.environ,
        "PORT": str(port),
        "PROTOCOL_API_TOKEN": "receiver-token",
        "PROTOCOL_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "PYTHONUNBUFFERED": "1",  # the Python receiver prints as it goes, into a file here
    }
    body, printed = _delivery()
    url = f"http://127.0.0.1:{port}/"
    printed_to = cwd / "receiver-output.txt"
    with (
        printed_to.open("w") as sink,
        subprocess.Popen(
            command, cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT
        ) as receiver,
    ):
        try:
            genuine = _post_until_up(url, body, _sign(body, WEBHOOK_SECRET))
            tampered = httpx.post(url, content=body + b" ", headers=_sign(body, WEBHOOK_SECRET))
            other = httpx.post(url, content=body, headers=_sign(body, "another secret"))
            unsigned = httpx.post(url, content=body, headers={"content-type": "application/json"})
            real = _real_delivery(url, printed_to)
        finally:
            receiver.terminate()
            receiver.wait(timeout=10)
    output = printed_to.read_text()
    assert genuine.status_code == 204, output
    assert [r.status_code for r in (tampered, other, unsigned)] == [400, 400, 400], output
    assert all(text in output for text in [*printed, *real]), output
    assert output.count("refused") == 3, output
    return output


def test_python_readme_receiver(tmp_path: Path) -> None:
    (tmp_path / "receiver.py").write_text(
        blocks(ROOT / "generated" / "python" / "README.md", "python", receiver=True)[0]
    )
    judge_receiver([sys.executable, "receiver.py"], tmp_path, free_port())


def test_javascript_readme_receiver(node: str, tmp_path: Path) -> None:
    install_package(ROOT / "generated" / "typescript", tmp_path)
    readme = ROOT / "generated" / "typescript" / "README.md"
    (tmp_path / "receiver.mjs").write_text(blocks(readme, "javascript", receiver=True)[0])
    judge_receiver([node, "receiver.mjs"], tmp_path, free_port())


def test_php_readme_receiver(php: str, tmp_path: Path) -> None:
    code = blocks(ROOT / "generated" / "php" / "README.md", "php", receiver=True)[0]
    autoload = ROOT / "generated" / "php" / "autoload.php"
    code = code.replace("__DIR__ . '/vendor/autoload.php'", repr(str(autoload)))
    (tmp_path / "receiver.php").write_text(code)
    port = free_port()
    judge_receiver([php, "-S", f"127.0.0.1:{port}", "receiver.php"], tmp_path, port)
