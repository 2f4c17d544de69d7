"""Each client's README, executed: each resource's section of examples as printed, after the
set-up, as one program per language on a new account of the reference server that holds the
spec's example objects (PROTOCOL_EXAMPLE_OBJECTS=1), and the later sections (errors,
pagination, retries, per-call options, raw responses) the same way. The READMEs are the
committed ones, of the project's spec: the whole Protocol API (tests/fixtures/specs/whole_api.yaml
is the same API, so it is not run twice). A README that shows a call the package does not have, or a
call that fails, fails here. Sections that an SDK gap keeps from running (KNOWN_GAPS) are
expected to fail, strictly, until the gap is closed.
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
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from protocol_server.harness import RunningServer, free_port, running_server
from protocol_spec import DEFAULT_SPEC, load_api
from protocol_spec.model import Api
from tests.sample_files import place_files

from .conftest import ROOT, install_package

API = load_api(DEFAULT_SPEC)
SPECS = {
    "spec": DEFAULT_SPEC,
}
APIS = {name: load_api(path) for name, path in SPECS.items()}
FENCES = {"python": "python", "typescript": "javascript", "php": "php"}  # target -> fence
LATER = "later"  # the later sections: errors, pagination, retries, per-call options, raw responses

# (spec, target, section or "*") -> why it cannot run as printed yet; fixed on other branches,
# these then pass and must leave this list (strict xfail).
KNOWN_GAPS: dict[tuple[str, str, str], str] = {}


def blocks(readme: Path, language: str, *, receiver: bool = False) -> list[str]:
    """The README's examples; the webhook receiver (a server of its own, whose first lines
    name its file `receiver.*`) apart from the rest."""
    found = re.findall(rf"```{language}\n(.*?)```", readme.read_text(), flags=re.DOTALL)
    found = [code for code in found if ("receiver." in "".join(code.splitlines()[:2])) == receiver]
    assert found, f"{readme} has no {language} {'receiver' if receiver else 'examples'}"
    return found


def sections(readme: Path, language: str) -> dict[str, list[str]]:
    """The README's examples by section: `setup` (before the operations), each resource's
    (`### <Resource>` under `## Operations`), then LATER; the webhook receiver left out."""
    found: dict[str, list[str]] = {}
    section, in_operations = "setup", False
    pattern = rf"^(##+) ([^\n]*)$|^```{language}\n(.*?)^```"
    for match in re.finditer(pattern, readme.read_text(), flags=re.DOTALL | re.MULTILINE):
        level, title, code = match.groups()
        if level == "##":
            in_operations = title == "Operations"
            section = "setup" if in_operations else LATER if section != "setup" else section
        elif level == "###" and in_operations:
            section = title
        elif code is not None and "receiver." not in "".join(code.splitlines()[:2]):
            found.setdefault(section, []).append(code)
    return found


@dataclass(frozen=True)
class Target:
    api: Api
    generated: Path
    server: RunningServer


def _token(spec: str, target: str, section: str) -> str:
    return f"readme-{spec}-{target}-{section.replace(' ', '-')}"


def _sections_of(api: Api) -> list[str]:
    """Each resource's section by its tag, then the later sections."""
    return [resource.name for resource in api.resources] + [LATER]


@pytest.fixture(scope="module")
def targets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Target]]:
    """A spec's packages and its reference server, started when a test first needs them."""
    with ExitStack() as stack:
        started: dict[str, Target] = {}

        def target(name: str) -> Target:
            if name not in started:
                api, generated = APIS[name], ROOT / "generated"
                tokens = tuple(
                    _token(name, t, section) for t in FENCES for section in _sections_of(api)
                )
                env = {"PROTOCOL_SPEC": str(SPECS[name]), "PROTOCOL_EXAMPLE_OBJECTS": "1"}
                server = stack.enter_context(running_server(tokens=tokens, env=env))
                started[name] = Target(api, generated, server)
            return started[name]

        yield target


def environment(server: RunningServer, token: str) -> dict[str, str]:
    return {**os.environ, "PROTOCOL_BASE_URL": server.base_url, "PROTOCOL_API_TOKEN": token}


def run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}{done.stderr}"
    return done.stdout


CASES = [
    pytest.param(spec, target, section, id=f"{spec}-{target}-{section}")
    for spec, api in APIS.items()
    for target in FENCES
    for section in _sections_of(api)
]


@pytest.mark.parametrize(("spec", "target", "section"), CASES)
def test_readme_section_runs_as_printed_on_a_new_account(
    request: pytest.FixtureRequest,
    targets: Callable[[str], Target],
    tmp_path: Path,
    spec: str,
    target: str,
    section: str,
) -> None:
    gap = KNOWN_GAPS.get((spec, target, section)) or KNOWN_GAPS.get((spec, target, "*"))
    if gap is not None:
        request.applymarker(pytest.mark.xfail(reason=gap, strict=True))
    language = FENCES[target]
    command = _TOOLS[target](request)
    chosen = targets(spec)
    package = chosen.generated / target
    found = sections(package / "README.md", language)
    titles = [" ".join(r.name.split("_")).capitalize() for r in chosen.api.resources]
    assert list(found) == ["setup", *titles, LATER], "the README's sections"
    by_tag = dict(zip(_sections_of(chosen.api), list(found.values())[1:], strict=True))
    code = "\n".join(found["setup"] + by_tag[section])
    token = _token(spec, target, section)
    env = environment(chosen.server, token)
    if target == "python":
        env["PYTHONPATH"] = str(package)
        program = tmp_path / "readme.py"
        program.write_text("import os\ntoken = os.environ['PROTOCOL_API_TOKEN']\n" + code)
    elif target == "typescript":
        install_package(package, tmp_path)
        program = tmp_path / "readme.mjs"
        program.write_text("const token = process.env.PROTOCOL_API_TOKEN\n" + code)
    else:
        program = tmp_path / "readme.php"
        autoload = package / "autoload.php"
        program.write_text(
            f"<?php\nrequire '{autoload}';\n$token = getenv('PROTOCOL_API_TOKEN');\n" + code
        )
    place_files(APIS[spec], APIS[spec].operations, tmp_path)
    output = run([command, str(program)], tmp_path, env)
    if section == LATER:
        assert "404 invalid_request" in output  # the errors example caught what it says it catches


_TOOLS: dict[str, Callable[[pytest.FixtureRequest], str]] = {
    "python": lambda request: sys.executable,
    "typescript": lambda request: str(request.getfixturevalue("node")),
    "php": lambda request: str(request.getfixturevalue("php")),
}


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
