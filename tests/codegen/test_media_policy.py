"""The media policy (protocol_codegen/policy.py): which declared media type a body goes out as,
how the answer is read and what Accept asks for, decided once for the three clients."""

from __future__ import annotations

from pathlib import Path

import pytest

from protocol_codegen.policy import (
    MEDIA_POLICY,
    ResponseMedia,
    download_operation,
    request_media,
    response_media,
    whole_body,
)
from protocol_spec import load_api
from protocol_spec.model import Api, Operation

ROOT = Path(__file__).resolve().parents[2]
WHOLE_API = ROOT / "tests" / "fixtures" / "specs" / "whole_api.yaml"

SPEC = """\
openapi: 3.1.0
info: {title: Media API, version: 1.0.0}
paths:
  /a:
    post:
      operationId: jsonOrForm
      tags: [media]
      requestBody:
        content:
          application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Named'}}
          application/json: {schema: {$ref: '#/components/schemas/Named'}}
      responses:
        '200':
          description: Either.
          content:
            text/csv: {schema: {type: string}}
            application/problem+json: {schema: {$ref: '#/components/schemas/Named'}}
  /b:
    post:
      operationId: fileInJsonOrMultipart
      tags: [media]
      requestBody:
        content:
          application/json: {schema: {$ref: '#/components/schemas/WithFile'}}
          multipart/form-data: {schema: {$ref: '#/components/schemas/WithFile'}}
      responses:
        '204': {description: Nothing.}
  /c:
    post:
      operationId: formOrMultipart
      tags: [media]
      requestBody:
        content:
          multipart/form-data: {schema: {$ref: '#/components/schemas/Named'}}
          application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Named'}}
      responses:
        '200':
          description: A report.
          content:
            text/csv: {schema: {type: string}}
  /d:
    post:
      operationId: anyBytes
      tags: [media]
      requestBody:
        content:
          application/octet-stream: {}
      responses:
        '200':
          description: A picture.
          content:
            image/png: {}
            image/webp: {}
components:
  schemas:
    Named:
      type: object
      properties:
        name: {type: string}
    WithFile:
      type: object
      properties:
        file: {type: string, format: binary}
        note: {type: string}
"""


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Api:
    spec = tmp_path_factory.mktemp("media") / "media.yaml"
    spec.write_text(SPEC)
    return load_api(spec)


def _op(api: Api, operation_id: str) -> Operation:
    return next(op for op in api.operations if op.operation_id == operation_id)


def test_json_is_preferred_unless_an_attribute_is_a_file(api: Api) -> None:
    sent = request_media(_op(api, "jsonOrForm"))
    assert sent is not None and (sent.kind, sent.content_type) == ("json", "application/json")
    sent = request_media(_op(api, "fileInJsonOrMultipart"))
    assert sent is not None
    assert (sent.kind, sent.content_type, sent.files) == (
        "multipart",
        "multipart/form-data",
        ("file",),
    )


def test_a_form_is_preferred_to_multipart_without_files(api: Api) -> None:
    sent = request_media(_op(api, "formOrMultipart"))
    assert sent is not None and sent.kind == "form"


def test_a_body_without_an_object_schema_is_one_argument_of_bytes(api: Api) -> None:
    op = _op(api, "anyBytes")
    sent = request_media(op)
    assert sent is not None and (sent.kind, sent.whole) == ("binary", True)
    whole = whole_body(op)
    assert whole is not None and (whole.name, whole.type.format) == ("body", "binary")


def test_accept_asks_for_what_the_client_reads(api: Api) -> None:
    json = ResponseMedia("json", "application/problem+json")
    assert response_media(_op(api, "jsonOrForm")) == json
    assert response_media(_op(api, "formOrMultipart")) == ResponseMedia("text", "text/csv")
    assert response_media(_op(api, "anyBytes")) == ResponseMedia("binary", "image/png, image/webp")
    empty = response_media(_op(api, "fileInJsonOrMultipart"))
    assert empty.kind == "empty"


def test_uploads_served_back_get_a_download_method() -> None:
    api = load_api(WHOLE_API)
    downloads = {resource.name: download_operation(api, resource) for resource in api.resources}
    assert [name for name, op in downloads.items() if op is not None] == ["attachments"]
    download = downloads["attachments"]
    assert download is not None
    assert (download.method_name, download.http_method) == ("download", "GET")
    assert download.path == "/v1/attachments/{id}/file"
    assert response_media(download) == ResponseMedia("binary", MEDIA_POLICY.download_accept)
