"""Media types in the three generated clients: one-feature specs (tests/fixtures/specs/features/)
whose bodies are a form, a file's bytes, text, a JSON array or multipart with a file and a text
part, and whose answers are bytes, text or empty. Each is generated and type-checked (mypy --strict, tsc --strict, php -l), and
each operation is called once, in each language, against a mock that records the request and
answers as the spec declares: a client that type-checks but sends the wrong Content-Type,
Accept or body, or reads the answer wrongly, fails here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl

import pytest

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / "tests" / "fixtures" / "specs" / "features"
PROGRAMS = Path(__file__).resolve().parent / "media"
SPECS = (
    "form_body",
    "binary_body_and_response",
    "text_body_and_response",
    "array_body",
    "openapi_30_file_upload",
)
NPM_NAMES = {
    "form_body": "notes-api",
    "binary_body_and_response": "images-api",
    "text_body_and_response": "echo-api",
    "array_body": "tags-api",
    "openapi_30_file_upload": "files-api",
}
PNG = bytes.fromhex("89504e470d0a1a0a") + bytes(range(32))


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes


class Mock:
    """Answers each feature's operations as its spec declares, and records every request."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        mock = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {name.lower(): value for name, value in self.headers.items()}
                with mock._lock:
                    mock.requests.append(Recorded(self.command, self.path, headers, body))
                content_type = headers.get("content-type", "")
                status, media_type, answer = mock.answer(
                    self.command, self.path, content_type, body
                )
                self.send_response(status)
                if media_type:
                    self.send_header("Content-Type", media_type)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            do_GET = do_POST = do_PUT = _handle

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"

    @staticmethod
    def answer(method: str, path: str, content_type: str, body: bytes) -> tuple[int, str, bytes]:
        if (method, path) == ("POST", "/notes"):
            title = dict(parse_qsl(body.decode())).get("title", "")
            return 201, "application/json", json.dumps({"id": "n1", "title": title}).encode()
        if (method, path) == ("PUT", "/images/logo.png"):
            return 204, "", b""
        if (method, path) == ("GET", "/images/logo.png"):
            return 200, "image/png", PNG
        if (method, path) == ("POST", "/echo"):
            return 200, "text/plain; charset=utf-8", body.decode().upper().encode()
        if (method, path) == ("POST", "/tags"):
            return 200, "application/json", json.dumps({"count": len(json.loads(body))}).encode()
        if (method, path) == ("POST", "/files"):
            found = [p.get_payload(decode=True) for p in _parts(content_type, body)]
            size = len(found[0]) if found and isinstance(found[0], bytes) else -1
            return 201, "application/json", json.dumps({"id": "f1", "size": size}).encode()
        return 404, "application/json", b'{"error": "no such operation"}'

    def take(self) -> list[Recorded]:
        with self._lock:
            taken, self.requests = self.requests, []
        return taken

    def serve(self) -> None:
        self._server.serve_forever(poll_interval=0.05)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="module")
def mock() -> Iterator[Mock]:
    server = Mock()
    thread = threading.Thread(target=server.serve, name="media-mock", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("media-sdks")
    for name in SPECS:
        result = subprocess.run(
            [sys.executable, "-m", "protocol_codegen", "generate"]
            + ["--spec", str(FEATURES / f"{name}.yaml"), "--out", str(out / name)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    return out


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300
    )
    assert result.returncode == 0, f"{command} exited {result.returncode}:\n" + (
        result.stdout + result.stderr
    )
    return result.stdout


def _results(output: str) -> dict[str, object]:
    found: dict[str, object] = json.loads(output.strip().splitlines()[-1])
    return found


# What every language must send for each feature, and what its calls must return.
def _check_sent(feature: str, requests: list[Recorded]) -> None:
    assert requests, "no request was made"
    for request in requests:
        headers = request.headers
        if feature == "form_body":
            assert (request.method, request.path) == ("POST", "/notes")
            assert headers["content-type"] == "application/x-www-form-urlencoded"
            assert parse_qsl(request.body.decode()) == [
                ("title", "Buy milk"),
                ("pinned", "true"),
                ("tags", "a"),
                ("tags", "b"),
            ]
            assert headers["accept"] == "application/json"
        elif feature == "binary_body_and_response" and request.method == "PUT":
            assert headers["content-type"] == "image/png"
            assert request.body == PNG
        elif feature == "binary_body_and_response":
            assert headers["accept"] == "image/png", "never application/json for bytes"
        elif feature == "text_body_and_response":
            assert headers["content-type"] == "text/plain"
            assert request.body == b"Hello"
            assert headers["accept"] == "text/plain"
        elif feature == "array_body":
            assert headers["content-type"] == "application/json"
            assert json.loads(request.body) == ["urgent", "travel"]
        else:
            assert headers["content-type"].startswith("multipart/form-data; boundary=")
            parts = _parts(headers["content-type"], request.body)
            described = [
                (
                    part.get_param("name", header="content-disposition"),
                    part.get_filename(),
                    part.get_content_type(),
                    part.get_payload(decode=True),
                )
                for part in parts
            ]
            assert described == [
                ("file", "a.txt", "text/plain", b"hello"),
                ("name", None, "text/plain", b"greeting"),
            ]


def _parts(content_type: str, body: bytes) -> list[Message]:
    """The parts of a multipart body (none when it is not one)."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    parts = message.get_payload() if message.is_multipart() and not message.defects else []
    return [part for part in parts if isinstance(part, Message)] if isinstance(parts, list) else []


EXPECTED: dict[str, dict[str, object]] = {
    "form_body": {"create": "Buy milk"},
    "binary_body_and_response": {"put": None, "get": PNG.hex()},
    "text_body_and_response": {"echo": "HELLO"},
    "array_body": {"add": 2},
    "openapi_30_file_upload": {"upload": 5},  # the size of the file part the mock got
}


def _expected(feature: str, *, with_async: bool) -> dict[str, object]:
    expected = dict(EXPECTED[feature])
    if with_async:  # the Python program calls the async client too (not the PUT)
        expected |= {f"async_{k}": v for k, v in EXPECTED[feature].items() if k != "put"}
    return expected


# -- Python ------------------------------------------------------------------------------------


def test_python_packages_pass_mypy_strict(generated: Path) -> None:
    packages = [
        str(package)
        for name in SPECS
        for package in (generated / name / "python").iterdir()
        if (package / "__init__.py").is_file()
    ]
    assert len(packages) == len(SPECS)
    _run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", *packages], generated)


@pytest.mark.parametrize("feature", SPECS)
def test_python_sends_and_reads_each_media_type(generated: Path, mock: Mock, feature: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(generated / feature / "python")}
    output = _run([sys.executable, str(PROGRAMS / "media.py"), feature, mock.base_url], ROOT, env)
    _check_sent(feature, mock.take())
    assert _results(output) == _expected(feature, with_async=True)


# -- TypeScript --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def js_project(generated: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("js-media")
    for name, npm_name in NPM_NAMES.items():
        (project / "node_modules").mkdir(exist_ok=True)
        (project / "node_modules" / npm_name).symlink_to(generated / name / "typescript")
    shutil.copy(PROGRAMS / "media.mjs", project / "media.mjs")
    return project


def test_typescript_packages_and_calls_pass_tsc_strict(
    tsc: Path, generated: Path, js_project: Path
) -> None:
    config = json.loads((Path(__file__).parent / "js" / "tsconfig.json").read_text())
    config["compilerOptions"].pop("paths")
    config["compilerOptions"]["typeRoots"] = [str(ROOT / "node_modules" / "@types")]
    config["include"] = [str(generated / name / "typescript" / "**" / "*") for name in SPECS]
    config["include"].append("media.mjs")
    (js_project / "tsconfig.json").write_text(json.dumps(config))
    _run([str(tsc), "--strict", "--noEmit", "-p", "tsconfig.json"], js_project)


@pytest.mark.parametrize("feature", SPECS)
def test_typescript_sends_and_reads_each_media_type(
    node: str, js_project: Path, mock: Mock, feature: str
) -> None:
    output = _run([node, "media.mjs", feature, mock.base_url], js_project)
    _check_sent(feature, mock.take())
    assert _results(output) == _expected(feature, with_async=False)


# -- PHP ---------------------------------------------------------------------------------------


def test_php_packages_pass_php_lint(php: str, generated: Path) -> None:
    for name in SPECS:
        for source in sorted((generated / name / "php").rglob("*.php")):
            _run([php, "-l", str(source)], ROOT)


@pytest.mark.parametrize("feature", SPECS)
def test_php_sends_and_reads_each_media_type(
    php: str, generated: Path, mock: Mock, feature: str, tmp_path: Path
) -> None:
    autoload = str(generated / feature / "php" / "autoload.php")
    command = [php, str(PROGRAMS / "media.php"), autoload, feature, mock.base_url, str(tmp_path)]
    output = _run(command, ROOT)
    _check_sent(feature, mock.take())
    assert _results(output) == _expected(feature, with_async=False)
