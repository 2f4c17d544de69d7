"""A create whose answer is lost makes exactly one conversation, in every client.

A proxy in front of the reference server forwards each account's first create, lets the server
make the conversation, then drops the connection before the answer reaches the client. The
client retries with the same Idempotency-Key; the server recognises the key and answers with
the conversation it already made.
"""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from protocol_server.harness import RunningServer, running_server

from .conftest import ROOT, install_package

TOKENS = ("dropped-python", "dropped-javascript", "dropped-php")
CONTACT = "WAz8eIbvDR60rouK"


class DroppingProxy:
    """Forwards everything to `upstream`; the first POST of each token is forwarded, then its
    answer is thrown away and the client's connection closed."""

    def __init__(self, upstream: str) -> None:
        self.dropped: list[str] = []
        seen: set[str] = set()
        lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                answer = httpx.request(
                    self.command, upstream + self.path, headers=headers, content=body
                )
                token = self.headers.get("Authorization", "")
                with lock:
                    first = self.command == "POST" and token not in seen
                    seen.add(token)
                if first:
                    proxy.dropped.append(token)
                    self.close_connection = True
                    return
                self.send_response(answer.status_code)
                for key, value in answer.headers.items():
                    if key.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = do_PUT = do_DELETE = _forward

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with running_server(tokens=TOKENS) as running:
        yield running


@pytest.fixture(scope="module")
def proxy(server: RunningServer) -> Iterator[DroppingProxy]:
    dropping = DroppingProxy(server.base_url)
    yield dropping
    dropping.close()


def conversations(server: RunningServer, token: str) -> list[str]:
    answer = httpx.get(
        f"{server.base_url}/v1/conversations",
        headers={"Authorization": f"Bearer {token}"},
        params={"limit": 100},
    )
    return [conversation["id"] for conversation in answer.json()["data"]]


def test_python(server: RunningServer, proxy: DroppingProxy) -> None:
    from protocol_api import ApiClient

    with ApiClient(TOKENS[0], base_url=proxy.base_url) as client:
        created = client.conversations.create(contact_id=CONTACT)
    assert f"Bearer {TOKENS[0]}" in proxy.dropped
    assert conversations(server, TOKENS[0]) == [created.id]


def test_javascript(node: str, server: RunningServer, proxy: DroppingProxy, tmp_path: Path) -> None:
    install_package(ROOT / "generated" / "typescript", tmp_path)
    script = (
        "import ApiClient from '@example/protocol-api';"
        f"const client = new ApiClient('{TOKENS[1]}', {{ baseUrl: '{proxy.base_url}' }});"
        f"const created = await client.conversations.create({{ contact_id: '{CONTACT}' }});"
        "console.log(JSON.stringify(created));"
    )
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"Bearer {TOKENS[1]}" in proxy.dropped
    assert conversations(server, TOKENS[1]) == [json.loads(done.stdout)["id"]]


def test_php(php: str, server: RunningServer, proxy: DroppingProxy) -> None:
    script = (
        f"require '{ROOT}/generated/php/autoload.php';"
        f"$client = new \\Protocol\\ApiClient('{TOKENS[2]}', ['base_url' => '{proxy.base_url}']);"
        f"echo $client->conversations->create(['contact_id' => '{CONTACT}'])->id;"
    )
    done = subprocess.run(
        [php, "-r", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Bearer {TOKENS[2]}" in proxy.dropped
    assert conversations(server, TOKENS[2]) == [done.stdout.strip()]
