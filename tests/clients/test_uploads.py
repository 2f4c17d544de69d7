"""Uploads and downloads in the three generated clients of the whole API
(tests/fixtures/specs/whole_api.yaml), against the real reference server: a file passed each way
its ecosystem passes files goes out as `multipart/form-data` with its file name and media type,
comes back byte for byte from `download`, and a retried upload sends its whole body again.

The clients are generated from the fixture spec into a temporary directory; each language's
program (tests/clients/uploads/) prints what the server stored, the test judges it, and a proxy
in between (tests/clients/flaky_proxy.py) records every attempt and, for the retry tests, fails
the first one with 503 or a connection reset.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from protocol_server.harness import RunningServer, running_server

from .conftest import install_package
from .flaky_proxy import Attempt, Failure, flaky_proxy

ROOT = Path(__file__).resolve().parents[2]
WHOLE_API = ROOT / "tests" / "fixtures" / "specs" / "whole_api.yaml"
PROGRAMS = Path(__file__).resolve().parent / "uploads"
TOKEN = "upload-test-token"
DATA_SIZE = 256 * 64 + len(b"%PDF-1.4 end")  # the programs' file: bytes 0-255 repeated, a tail
TSCONFIG = Path(__file__).resolve().parent / "js" / "tsconfig.json"

PDF = {"filename": "invoice.pdf", "file_type": "application/pdf", "file_size": DATA_SIZE}
SAME = {"same_bytes": True}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("whole-api-sdks")
    result = subprocess.run(
        [sys.executable, "-m", "protocol_codegen", "generate", "--spec", str(WHOLE_API)]
        + ["--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with running_server(tokens=(TOKEN,), env={"PROTOCOL_SPEC": str(WHOLE_API)}) as running:
        yield running


def _run(command: list[str], env: dict[str, str], cwd: Path) -> dict[str, dict[str, object]]:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, f"{command} exited {result.returncode}:\n" + (
        result.stdout + result.stderr
    )
    found: dict[str, dict[str, object]] = json.loads(result.stdout.strip().splitlines()[-1])
    return found


def _python(generated: Path, base_url: str, work: Path, *mode: str) -> dict[str, dict[str, object]]:
    env = {
        **os.environ,
        "PYTHONPATH": str(generated / "python"),
        "BASE_URL": base_url,
        "TOKEN": TOKEN,
    }
    return _run([sys.executable, str(PROGRAMS / "uploads.py"), str(work), *mode], env, work)


def _uploads(attempts: list[Attempt]) -> list[Attempt]:
    return [a for a in attempts if a.method == "POST" and a.path == "/v1/attachments"]


def _downloads(attempts: list[Attempt]) -> list[Attempt]:
    return [a for a in attempts if a.method == "GET" and a.path.endswith("/file")]


def _assert_multipart_with_file(attempt: Attempt, filename: str, media_type: str) -> None:
    assert attempt.headers["content-type"].startswith("multipart/form-data; boundary="), attempt
    head = f'name="file"; filename="{filename}"\r\nContent-Type: {media_type}\r\n\r\n'.encode()
    assert head in attempt.body, attempt.body[:300]


def test_python_uploads_each_kind_of_file_and_downloads_it(
    generated: Path, server: RunningServer, tmp_path: Path
) -> None:
    with flaky_proxy(server.base_url, "503", methods=frozenset()) as proxy:
        results = _python(generated, proxy.base_url, tmp_path)
        attempts = proxy.take()
    assert results == {
        "path": {**PDF, **SAME},
        "bytes": {
            "filename": "upload",
            "file_type": "application/octet-stream",
            "file_size": DATA_SIZE,
            **SAME,
        },
        "tuple": {"filename": "notes.txt", "file_type": "text/plain", "file_size": 6, **SAME},
        "file_object": {**PDF, **SAME},
        "async_path": {**PDF, **SAME},
    }
    uploads = _uploads(attempts)
    assert len(uploads) == 5
    _assert_multipart_with_file(uploads[0], "invoice.pdf", "application/pdf")
    _assert_multipart_with_file(uploads[2], "notes.txt", "text/plain")
    downloads = _downloads(attempts)
    assert len(downloads) == 5
    assert {a.headers["accept"] for a in downloads} == {"*/*"}, "a download accepts any type"


@pytest.mark.parametrize("failure", ["503", "reset"])
def test_python_retried_upload_sends_the_whole_body_again(
    generated: Path, server: RunningServer, tmp_path: Path, failure: Failure
) -> None:
    with flaky_proxy(server.base_url, failure) as proxy:
        results = _python(generated, proxy.base_url, tmp_path, "retry")
        uploads = _uploads(proxy.take())
    _assert_resent_whole(uploads)
    assert results == {"retried": {**PDF, **SAME}}


def _boundary(attempt: Attempt) -> bytes:
    return attempt.headers["content-type"].partition("boundary=")[2].encode()


# -- TypeScript --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def js_project(generated: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the generated package installed and the upload program beside it."""
    project = tmp_path_factory.mktemp("js-uploads")
    install_package(generated / "typescript", project)
    shutil.copy(PROGRAMS / "uploads.mjs", project / "uploads.mjs")
    return project


def _node(node: str, project: Path, base_url: str, *mode: str) -> dict[str, dict[str, object]]:
    env = {**os.environ, "BASE_URL": base_url, "TOKEN": TOKEN}
    return _run([node, "uploads.mjs", str(project), *mode], env, project)


def test_typescript_package_and_upload_program_pass_tsc_strict(
    tsc: Path, generated: Path, js_project: Path
) -> None:
    """`Uploadable` takes a File, a Blob, a Buffer, fs.openAsBlob's Blob and a read stream;
    `download` gives a Uint8Array; the generated JavaScript type-checks too."""
    config = json.loads(TSCONFIG.read_text())
    config["compilerOptions"].pop("paths")
    config["compilerOptions"]["typeRoots"] = [str(ROOT / "node_modules" / "@types")]
    config["include"] = [str(generated / "typescript" / "**" / "*"), "uploads.mjs"]
    (js_project / "tsconfig.json").write_text(json.dumps(config))
    result = subprocess.run(
        [str(tsc), "--strict", "--noEmit", "-p", "tsconfig.json"],
        cwd=js_project,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_typescript_uploads_each_kind_of_file_and_downloads_it(
    node: str, js_project: Path, server: RunningServer
) -> None:
    with flaky_proxy(server.base_url, "503", methods=frozenset()) as proxy:
        results = _node(node, js_project, proxy.base_url)
        attempts = proxy.take()
    octets = {"filename": "upload", "file_type": "application/octet-stream"}
    assert results == {
        "file": {**PDF, **SAME},
        "blob": {"filename": "upload", "file_type": "text/plain", "file_size": 6, **SAME},
        "buffer": {**octets, "file_size": DATA_SIZE, **SAME},
        "open_as_blob": {**octets, "file_size": DATA_SIZE, **SAME},
        "read_stream": {**PDF, **SAME},
    }
    uploads = _uploads(attempts)
    assert len(uploads) == 5
    _assert_multipart_with_file(uploads[0], "invoice.pdf", "application/pdf")
    _assert_multipart_with_file(uploads[2], "upload", "application/octet-stream")
    assert {a.headers["accept"] for a in _downloads(attempts)} == {"*/*"}


@pytest.mark.parametrize("failure", ["503", "reset"])
def test_typescript_retried_upload_sends_the_whole_body_again(
    node: str, js_project: Path, server: RunningServer, failure: Failure
) -> None:
    with flaky_proxy(server.base_url, failure) as proxy:
        results = _node(node, js_project, proxy.base_url, "retry")
        uploads = _uploads(proxy.take())
    _assert_resent_whole(uploads)
    assert results == {"retried": {**PDF, **SAME}}


# -- PHP ---------------------------------------------------------------------------------------


def _php(
    php: str, generated: Path, base_url: str, work: Path, *mode: str
) -> dict[str, dict[str, object]]:
    env = {**os.environ, "BASE_URL": base_url, "TOKEN": TOKEN}
    autoload = str(generated / "php" / "autoload.php")
    return _run([php, str(PROGRAMS / "uploads.php"), autoload, str(work), *mode], env, work)


def test_php_uploads_each_kind_of_file_and_downloads_it(
    php: str, generated: Path, server: RunningServer, tmp_path: Path
) -> None:
    with flaky_proxy(server.base_url, "503", methods=frozenset()) as proxy:
        results = _php(php, generated, proxy.base_url, tmp_path)
        attempts = proxy.take()
    assert results == {
        "path": {**PDF, **SAME},
        "stream": {**PDF, **SAME},
        "upload_file": {"filename": "notes.txt", "file_type": "text/plain", "file_size": 6, **SAME},
        "bytes": {
            "filename": "upload",
            "file_type": "application/octet-stream",
            "file_size": DATA_SIZE,
            **SAME,
        },
    }
    uploads = _uploads(attempts)
    assert len(uploads) == 4
    _assert_multipart_with_file(uploads[1], "invoice.pdf", "application/pdf")
    assert {a.headers["accept"] for a in _downloads(attempts)} == {"*/*"}


@pytest.mark.parametrize("failure", ["503", "reset"])
def test_php_retried_upload_sends_the_whole_body_again(
    php: str, generated: Path, server: RunningServer, tmp_path: Path, failure: Failure
) -> None:
    with flaky_proxy(server.base_url, failure) as proxy:
        results = _php(php, generated, proxy.base_url, tmp_path, "retry")
        uploads = _uploads(proxy.take())
    _assert_resent_whole(uploads)
    assert results == {"retried": {**PDF, **SAME}}


def _assert_resent_whole(uploads: list[Attempt]) -> None:
    """The first attempt failed, the second carried the same whole body with the same key."""
    assert [a.failed for a in uploads] == [True, False]
    first, second = uploads
    assert len(second.body) > DATA_SIZE, "the retry carries the whole file"
    assert second.body.replace(_boundary(second), b"") == first.body.replace(_boundary(first), b"")
    assert second.headers["idempotency-key"] == first.headers["idempotency-key"]


# -- the samples -------------------------------------------------------------------------------


def test_the_upload_samples_run_as_printed(
    generated: Path, server: RunningServer, tmp_path: Path, node: str, php: str
) -> None:
    """The upload's samples (the reference page's, the READMEs') open a file the way each
    language does and upload it as a file part: curl `-F file=@path`, Python `open(path,
    "rb")`, JavaScript `fs.createReadStream(path)`, PHP `fopen($path, 'rb')`."""
    from protocol_codegen.languages import LANGUAGES, samples_for
    from protocol_codegen.samples import FilePath, example_values
    from protocol_spec import load_api

    api = load_api(WHOLE_API)
    create = next(op for op in api.operations if op.operation_id == "createAttachment")
    samples = samples_for(api, create)
    (path,) = [v for _, v in example_values(api, create).body or () if isinstance(v, FilePath)]
    assert samples.text("curl").splitlines()[-1].strip() == f"-F file=@{path}"
    (tmp_path / path).write_bytes(b"%PDF-1.4 sample")
    package = tmp_path / "node_modules" / api.settings.npm_package
    package.parent.mkdir(parents=True, exist_ok=True)
    package.symlink_to(generated / "typescript", target_is_directory=True)
    with flaky_proxy(server.base_url, "503", methods=frozenset()) as proxy:
        env = {
            **os.environ,
            api.settings.base_url_env: proxy.base_url,
            "TOKEN": TOKEN,
            "PYTHONPATH": str(generated / "python"),
        }
        for language in LANGUAGES:
            source = samples.text(language.key)
            if language.key == "curl":
                source = source.replace(api.default_base_url, proxy.base_url)
                command = ["bash", "-c", "set -e\n" + source.replace("{token}", TOKEN)]
            elif language.key == "javascript":
                (tmp_path / "sample.mjs").write_text(f"const token = process.env.TOKEN;\n{source}")
                command = [node, "sample.mjs"]
            elif language.key == "python":
                prelude = "import os\ntoken = os.environ['TOKEN']\n"
                command = [sys.executable, "-c", prelude + source]
            else:
                autoload = generated / "php" / "autoload.php"
                (tmp_path / "sample.php").write_text(
                    f"<?php\nrequire {json.dumps(str(autoload))};\n$token = getenv('TOKEN');\n"
                    + source.removeprefix("<?php\n")
                )
                command = [php, "sample.php"]
            result = subprocess.run(
                command,
                cwd=tmp_path,
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert result.returncode == 0, f"{language.label}:\n{source}\n{result.stderr}"
        uploads = _uploads(proxy.take())
    assert len(uploads) == len(LANGUAGES)
    for upload in uploads:
        _assert_multipart_with_file(upload, path, "application/pdf")
        assert upload.body.count(b"%PDF-1.4 sample") == 1


# -- what is not a file --------------------------------------------------------------------------


def test_python_refuses_what_is_not_a_file_saying_what_to_pass(tmp_path: Path) -> None:
    from protocol_api import APIError
    from protocol_api._base_client import read_file

    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(APIError, match=r"str is not a file \(for a path, pass pathlib.Path"):
        read_file(str(tmp_path / "notes.txt"))  # type: ignore[arg-type]
    with (
        (tmp_path / "notes.txt").open() as text,
        pytest.raises(APIError, match=r"open it in binary mode \('rb'\)"),
    ):
        read_file(text)  # type: ignore[arg-type]
    with pytest.raises(APIError, match=r"Cannot read the file .*missing.pdf"):
        read_file(tmp_path / "missing.pdf")
    # The media type comes from the policy's table, whatever the machine's mimetypes say.
    assert read_file(("Photo.PNG", b"x")) == ("Photo.PNG", b"x", "image/png")
    assert read_file(b"x") == ("upload", b"x", "application/octet-stream")


def test_typescript_refuses_what_is_not_a_file_saying_what_to_pass(
    node: str, js_project: Path
) -> None:
    # Refused before any request: the base URL is never reached.
    results = _node(node, js_project, "http://127.0.0.1:9", "refused")
    assert results["path_string"]["refused"] is True
    assert "pass fs.createReadStream(path)" in str(results["path_string"]["message"])
    assert results["number"]["refused"] is True
    assert "number is not a file" in str(results["number"]["message"])


def test_php_refuses_what_is_not_a_file_saying_what_to_pass(
    php: str, generated: Path, tmp_path: Path
) -> None:
    results = _php(php, generated, "http://127.0.0.1:9", tmp_path, "refused")
    assert results["missing_path"]["refused"] is True
    assert "Cannot read the file" in str(results["missing_path"]["message"])
    assert "UploadFile" in str(results["missing_path"]["message"])
    assert results["number"]["refused"] is True
    assert "int is not a file" in str(results["number"]["message"])
