"""Start-up: the harness, the banner, configuration errors, the development token, :memory:."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from protocol_server.config import DEV_TOKEN
from protocol_server.harness import ServerStartError, running_server, start_server


def test_banner_says_where_it_listens_and_access_logs_stay_off() -> None:
    with running_server(tokens=("t1", "t2")) as server:
        httpx.get(f"{server.base_url}/v1/conversations", headers={"Authorization": "Bearer t1"})
        output = server.output()

    assert f"Protocol API reference server listening on {server.base_url}\n" in output
    assert "2 token(s) from PROTOCOL_API_TOKENS" in output
    assert "GET /v1/conversations" not in output  # no access log line


def test_without_tokens_the_development_token_is_announced_and_works() -> None:
    with running_server(tokens=()) as server:
        assert server.tokens == (DEV_TOKEN,)
        response = httpx.get(
            f"{server.base_url}/v1/conversations",
            headers={"Authorization": f"Bearer {DEV_TOKEN}"},
        )
        output = server.output()

    assert response.status_code == 200
    assert "WARNING: PROTOCOL_API_TOKENS is not set" in output
    assert f"Bearer {DEV_TOKEN}" in output


def test_in_memory_database() -> None:
    with running_server(db_path=":memory:") as server:
        headers = {"Authorization": f"Bearer {server.tokens[0]}"}
        created = httpx.post(
            f"{server.base_url}/v1/conversations",
            json={"contact_id": "WAz8eIbvDR60rouK"},
            headers=headers,
        ).json()
        fetched = httpx.get(f"{server.base_url}/v1/conversations/{created['id']}", headers=headers)

    assert fetched.json() == created


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PROTOCOL_SPEC": "/nonexistent/openapi.yaml"}, "the spec file does not exist"),
        ({"PROTOCOL_API_TOKENS": " , "}, "lists no token"),
        ({"PROTOCOL_ACCESS_LOG": "yes"}, "PROTOCOL_ACCESS_LOG must be 0 or 1"),
        (
            {"PROTOCOL_HEADER_TIMEOUT": "0"},
            "PROTOCOL_HEADER_TIMEOUT must be a number of seconds above 0 (default 10.0)",
        ),
        (
            {"PROTOCOL_MAX_CONNECTIONS": "many"},
            "PROTOCOL_MAX_CONNECTIONS must be a whole number above 0 (default 1000)",
        ),
    ],
)
def test_a_server_that_cannot_start_raises_with_its_output(
    env: dict[str, str], message: str
) -> None:
    tokens = () if "PROTOCOL_API_TOKENS" in env else ("t",)
    with pytest.raises(ServerStartError) as raised:
        start_server(tokens=tokens, env=env).stop()  # stop: no leak if it starts

    assert "exited with status 2" in str(raised.value)
    assert message in str(raised.value)


def test_help_lists_every_variable_with_its_default_as_the_readme_does() -> None:
    from protocol_spec import PROJECT_ROOT

    result = subprocess.run(
        [sys.executable, "-m", "protocol_server", "--help"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    config = (PROJECT_ROOT / "scripts" / "protocol_server" / "config.py").read_text()
    variables = set(re.findall(r'"(PROTOCOL_[A-Z_]+)"', config))
    readme = (PROJECT_ROOT / "README.md").read_text()

    assert {"PROTOCOL_TOKEN_KEY", "PROTOCOL_MAX_HEADER_BYTES", "PROTOCOL_BODY_TIMEOUT"} <= variables
    for variable in sorted(variables):
        assert variable in result.stdout
        assert f"`{variable}`" in readme
    for name, default in (("PROTOCOL_HEADER_TIMEOUT", 10), ("PROTOCOL_MAX_CONNECTIONS", 1000)):
        line = next(line for line in result.stdout.splitlines() if name in line)
        assert f"(default {default})" in line


def test_an_unwritable_database_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")

    with pytest.raises(ServerStartError) as raised:
        start_server(db_path=str(blocker / "protocol.sqlite3")).stop()

    assert "cannot open the database" in str(raised.value)
    assert "Traceback" not in str(raised.value)


def test_a_port_in_use_is_a_clear_error() -> None:
    with running_server() as server:
        port = server.base_url.rsplit(":", 1)[1]
        result = subprocess.run(
            [sys.executable, "-m", "protocol_server"],
            env={"PORT": port, "PROTOCOL_DB": ":memory:", "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_stop_is_graceful_and_kill_is_immediate() -> None:
    server = start_server()
    server.stop()
    assert server.process.returncode == -signal.SIGTERM
    assert "Traceback" not in server.output()

    server = start_server()
    server.kill()
    assert server.process.returncode == -9


def test_the_listening_socket_is_tcp_so_asyncio_sets_nodelay() -> None:
    # Without proto=IPPROTO_TCP asyncio skips TCP_NODELAY and each response stalls ~40 ms.
    from protocol_server.__main__ import _listen

    listener = _listen("127.0.0.1", 0)
    try:
        assert listener.proto == socket.IPPROTO_TCP
    finally:
        listener.close()


def test_ctrl_c_stops_without_a_traceback() -> None:
    server = start_server()
    server.process.send_signal(signal.SIGINT)
    server.process.wait(timeout=10)
    server.stop()

    assert server.process.returncode == 130
    assert "Protocol API reference server stopped." in server.output()
    assert "Traceback" not in server.output()


def test_a_spec_the_engine_cannot_serve_stops_start_up_with_file_line_and_fix() -> None:
    from protocol_spec import PROJECT_ROOT

    spec = PROJECT_ROOT / "tests" / "fixtures" / "specs" / "unannotated.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "protocol_server"],
        env={
            "PROTOCOL_SPEC": str(spec),
            "PROTOCOL_DB": ":memory:",
            "PORT": "1",
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    problems = [line for line in lines if line.startswith(f"{spec}:")]
    fixes = [line for line in lines if line.startswith("  fix: ")]
    assert len(problems) == len(fixes) == 4
    assert (
        f"{spec}:75: /paths/~1v1~1notes~1{{id}}~1archive/post: POST /v1/notes/{{id}}/archive "
        in (result.stderr)
    )
    assert f"{spec}:17: /paths/~1v1~1notes/get: GET /v1/notes has no `x-protocol-pagination`" in (
        result.stderr
    )
    # Errors without a declared `type` are no reason any more: their bodies follow the
    # declared error schema (test_unannotated_specs.py).
    assert "the whole spec:" not in lines and "error `type`" not in result.stderr
    notes = lines.index(
        "resource 'notes' (GET /v1/notes, POST /v1/notes, GET /v1/notes/{id}, "
        "POST /v1/notes/{id}/archive):"
    )
    assert "has no `x-protocol-pagination`" in "\n".join(lines[notes:])
    assert (
        lines[-1]
        == f"protocol_server: cannot serve {spec}: 4 problem(s) above, each with what to change."
    )


def test_a_resource_left_out_is_named_with_its_operations_and_reasons() -> None:
    from protocol_spec import PROJECT_ROOT

    spec = PROJECT_ROOT / "tests" / "fixtures" / "specs" / "partly_served.yaml"
    with running_server(env={"PROTOCOL_SPEC": str(spec)}) as server:
        response = httpx.get(
            f"{server.base_url}/v1/notes", headers={"Authorization": "Bearer token-a"}
        )
        output = server.output()
    assert response.status_code == 404
    assert "  serves:   /v1/conversations, /v1/conversations/{id}\n" in output
    assert (
        "  not served: resource 'notes' (GET /v1/notes, POST /v1/notes, GET /v1/notes/{id}, "
        "POST /v1/notes/{id}/archive):\n"
        f"    {spec}:192: /paths/~1v1~1notes~1{{id}}~1archive/post: POST /v1/notes/{{id}}/archive "
        "is not a list, create, get, update or delete"
    ) in output
    assert "\n      fix: add `x-protocol-pagination: {items: ..." in output
