"""`python -m protocol_conformance`: the whole run, its report, its exit status, and the one-paragraph
diagnoses for servers that cannot be tested (never a traceback)."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.etree import ElementTree

import pytest

from protocol_conformance.cli import MOST_AUTO_WORKERS, auto_workers, main, parse_options

from .conftest import PROJECT_SPEC, SPEC, Serve
from .faults import OTHER_TOKEN, OWNER_TOKEN, Fault, IgnoreQuery, Request
from .variants import KNOBS, cli


def run_cli(
    *args: str, env: dict[str, str] | None = None, default_spec: bool = False
) -> subprocess.CompletedProcess[str]:
    return cli(*args, env=env, default_spec=default_spec)


@pytest.fixture(autouse=True)
def no_knobs_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """`make test BASE_URL=...` must not change what these tests run against."""
    for name in KNOBS:
        monkeypatch.delenv(name, raising=False)


def test_help_names_every_knob() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for name in KNOBS:
        assert name in result.stdout, f"--help does not mention {name}"


def test_default_run_starts_the_reference_server_and_passes(tmp_path: Path) -> None:
    """The run a user starts with no knob: the project's spec (the whole API), its server."""
    result = run_cli(env={"MAX_EXAMPLES": "10", "REPORT_DIR": str(tmp_path)}, default_spec=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(embedded reference server)" in result.stdout
    assert f"spec {PROJECT_SPEC}" in result.stdout
    assert "RESULT: PASSED" in result.stdout
    assert "Requests sent: " in result.stdout
    for heading in (
        "schemathesis checks, per check",
        "semantic checks, per operation",
        "semantic coverage (operation, check: what ran, or why not):",
    ):
        assert heading in result.stdout
    assert "Clean-up: deleted " in result.stdout and "LEFT BEHIND" not in result.stdout
    report = ElementTree.parse(tmp_path / "conformance.junit.xml").getroot()
    names = {case.get("name") for case in report.iter("testcase")}
    assert {"not_a_server_error", "use_after_free", "filter_muted", "tenant_isolation"} <= names
    assert {"webhook_delivered", "webhook_signature", "webhook_redelivery"} <= names
    assert not list(report.iter("failure")) and not list(report.iter("error"))


def test_a_broken_server_fails_with_curl_and_junit(
    serve_fault: Serve,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TOKEN", OWNER_TOKEN)
    monkeypatch.setenv("OTHER_TOKEN", OTHER_TOKEN)
    with serve_fault(IgnoreQuery(("pinned",))) as base_url:
        status = main(
            ["--base-url", base_url, "--spec", str(SPEC), "--only", "semantic"]
            + ["--report-dir", str(tmp_path)]
        )
    out = capsys.readouterr().out
    assert status == 1
    assert "[semantic] filter_pinned on GET /v1/conversations" in out
    assert "expected: with pinned=true, only objects whose is_pinned = True" in out
    assert "curl -sS -i -X GET" in out and "pinned=true" in out
    assert "RESULT: FAILED" in out
    report = ElementTree.parse(tmp_path / "conformance.junit.xml").getroot()
    failed = {
        case.get("name") for case in report.iter("testcase") if case.find("failure") is not None
    }
    # The filter itself, the filter combined with others, and `pinned=yes` not refused.
    assert failed == {"filter_pinned", "filters_combined", "invalid_requests_rejected"}


def test_same_seed_sends_the_same_requests(serve_fault: Serve) -> None:
    """Outside the stateful phase (which follows the ids the server hands out), a seed fixes the
    requests exactly."""
    from protocol_conformance.fuzz import FuzzSettings, run_fuzz
    from protocol_conformance.results import RunResults

    def requests_of_one_run() -> list[str]:
        seen: list[str] = []
        with serve_fault(Recorder(seen)) as base_url:
            settings = FuzzSettings(
                spec=SPEC,
                base_url=base_url,
                token=OWNER_TOKEN,
                other_token=None,
                seed=7,
                max_examples=10,
                request_timeout=5,
                phases=("examples", "coverage", "fuzzing"),
            )
            run_fuzz(settings, RunResults())
        return seen

    first, second = requests_of_one_run(), requests_of_one_run()
    assert len(first) > 100
    assert first == second


class Recorder(Fault):
    """No fault: writes down each request it passes on."""

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen

    def rewrite(self, request: Request) -> Request:
        self.seen.append(f"{request.method} {request.path}?{request.raw_query!r} {request.body!r}")
        return request


# -- servers that cannot be tested ---------------------------------------------------------------


def test_unreachable_server_is_diagnosed_without_traceback() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again before the run: nothing listens there
    result = run_cli("--base-url", f"http://127.0.0.1:{port}", "--token", "t")
    assert result.returncode == 2
    assert "Nothing accepts connections at" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def diagnose(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    status = main(list(args))
    err = capsys.readouterr().err
    assert status == 2, err
    assert err.startswith("conformance: ") and "Traceback" not in err
    return err


def test_unknown_host_is_diagnosed(capsys: pytest.CaptureFixture[str]) -> None:
    err = diagnose(capsys, "--base-url", "http://no-such-host.invalid", "--token", "t")
    assert "does not resolve" in err


@contextmanager
def answering(status: int, content_type: str, body: bytes) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_html_server_is_diagnosed(capsys: pytest.CaptureFixture[str]) -> None:
    with answering(200, "text/html", b"<html><body>Welcome to nginx!</body></html>") as url:
        err = diagnose(capsys, "--base-url", url, "--token", "t")
    assert "not JSON: this does not look like the Protocol API (spec/openapi.yaml)" in err
    assert "Welcome to nginx!" in err


def test_garbage_json_is_diagnosed(capsys: pytest.CaptureFixture[str]) -> None:
    with answering(200, "application/json", b"{'has_more': nope") as url:
        err = diagnose(capsys, "--base-url", url, "--token", "t")
    assert "says its answer to GET /v1/conversations is JSON, but it is not" in err


def test_hanging_server_is_diagnosed(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as listener:  # accepts connections (backlog) and never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        err = diagnose(capsys, "--base-url", url, "--token", "t", "--timeout", "0.5")
    assert "sent no answer within 0.5 s" in err


def test_wrong_token_is_diagnosed(serve_fault: Serve, capsys: pytest.CaptureFixture[str]) -> None:
    with serve_fault(Fault()) as base_url:
        err = diagnose(capsys, "--base-url", base_url, "--token", "not-a-token-of-this-server")
    assert "refused TOKEN (401" in err


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (
            (),
            {"BASE_URL": "http://127.0.0.1:9"},
            "BASE_URL is set (http://127.0.0.1:9) but TOKEN is not",
        ),
        ((), {"MAX_EXAMPLES": "lots"}, "MAX_EXAMPLES='lots' is not a whole number"),
        ((), {"TOKEN": "t"}, "TOKEN/OTHER_TOKEN are set without BASE_URL"),
        (("--workers", "0"), {}, "WORKERS must be from 1 to 64"),
        ((), {"WORKERS": "many"}, "WORKERS='many' is neither a whole number nor 'auto'"),
        (("--spec", "missing.yaml"), {}, "The spec missing.yaml does not exist"),
        (("--base-url", "http://127.0.0.1:9/v1", "--token", "t"), {}, "ends with /v1"),
        ((), {"MAX_OBJECTS": "lots"}, "MAX_OBJECTS='lots' is not a whole number"),
        (("--max-objects", "0"), {}, "MAX_OBJECTS must be at least 1"),
        ((), {"RATE_LIMIT": "fast"}, "RATE_LIMIT='fast' is neither a number"),
        ((), {"DEADLINE": "soon"}, "DEADLINE='soon' is not a number"),
        (("--deadline", "0"), {}, "DEADLINE must be a positive number of seconds"),
        ((), {"MAX_RESPONSE_BYTES": "100"}, "MAX_RESPONSE_BYTES must be at least 1024"),
        ((), {"MAX_DEPTH": "5000"}, "MAX_DEPTH must be from 2 to 900"),
        ((), {"CA_BUNDLE": "missing.pem"}, "CA_BUNDLE=missing.pem: no such file"),
        ((), {"FIXTURES": "missing.yaml"}, "FIXTURES=missing.yaml: no such file"),
        (
            ("--client-key", str(SPEC)),
            {},
            "CLIENT_KEY is set without CLIENT_CERT",
        ),
    ],
)
def test_bad_arguments_are_explained(
    args: tuple[str, ...],
    env: dict[str, str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert message in diagnose(capsys, *args)


def test_another_spec_end_to_end_with_its_own_reference_server(tmp_path: Path) -> None:
    spec = "tests/fixtures/specs/two_resources.yaml"
    result = run_cli(
        "--only", "semantic", env={"SPEC": spec, "REPORT_DIR": str(tmp_path)}
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"spec {spec}" in result.stdout and "(embedded reference server)" in result.stdout
    for operation in ("GET /v1/widgets", "PUT /v1/widgets/{id}", "PATCH /v1/conversations/{id}"):
        assert f"\n  {operation}\n" in result.stdout


def test_a_spec_the_reference_server_cannot_serve_is_explained(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = diagnose(capsys, "--spec", "tests/fixtures/specs/unannotated.yaml")
    assert "The embedded reference server can serve nothing of" in err
    assert "has no `x-protocol-pagination`" in err


def test_a_broken_spec_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "openapi.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: x}\n", encoding="utf-8")
    err = diagnose(capsys, "--spec", str(spec))
    assert f"The spec {spec} cannot be used" in err and "version" in err


def test_the_quick_default_spec_is_the_loaders() -> None:
    """cli.py finds the project's spec itself (so that --help needs no heavy import); it must be
    the one protocol_spec names."""
    from protocol_conformance import cli as conformance_cli
    from protocol_spec import DEFAULT_SPEC, PROJECT_ROOT

    assert (conformance_cli.PROJECT_ROOT, conformance_cli.DEFAULT_SPEC) == (
        PROJECT_ROOT,
        DEFAULT_SPEC,
    )


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        ((), {}, (None, True)),
        ((), {"WORKERS": "auto"}, (None, True)),
        ((), {"WORKERS": " AUTO "}, (None, True)),
        ((), {"WORKERS": "3"}, (3, False)),
        (("--workers", "auto"), {"WORKERS": "3"}, (None, True)),
        (("--workers", "2"), {"WORKERS": "auto"}, (2, False)),
    ],
)
def test_workers_default_to_one_per_core(
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    env: dict[str, str],
    expected: tuple[int | None, bool],
) -> None:
    """WORKERS=auto (the default): the cores this process may run on, at most
    MOST_AUTO_WORKERS; a number given wins."""
    for knob in KNOBS:
        monkeypatch.delenv(knob, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    options = parse_options(args)
    count, auto = expected
    assert (options.workers, options.workers_auto) == (count or auto_workers(), auto)
    assert 1 <= auto_workers() <= MOST_AUTO_WORKERS
    assert auto_workers() == min(len(os.sched_getaffinity(0)), MOST_AUTO_WORKERS)
