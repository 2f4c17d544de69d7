"""What a spec written without our vocabulary gets from the server (docs/server.md, "A spec
without annotations"), each rule against a real server over HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import jsonschema

from protocol_server.harness import running_server

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TWO_RESOURCES = FIXTURES / "specs" / "two_resources.yaml"

# Errors declared the way most published specs do: a code and a message, no `type` const.
CODE_AND_MESSAGE = """\
    Error:
      description: The request was refused.
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/Problem'
    ServerError:
      description: The server failed.
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/Problem'
  schemas:
    Problem:
      type: object
      required: [code, message]
      properties:
        code: {type: integer, format: int32}
        message: {type: string}
        hint: {type: string}
"""
PROBLEM = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
}


def _untyped_errors(tmp_path: Path) -> Path:
    text = TWO_RESOURCES.read_text()
    start = text.index("    Error:\n      description: The request was refused.")
    end = text.index("  schemas:\n", start) + len("  schemas:\n")
    spec = tmp_path / "untyped_errors.yaml"
    spec.write_text(text[:start] + CODE_AND_MESSAGE + text[end:])
    return spec


def _error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    jsonschema.validate(body, PROBLEM)
    assert body["code"] == status
    assert "type" not in body and "hint" not in body  # the message already has a string
    return body


def test_errors_without_a_declared_type_follow_the_declared_error_schema(tmp_path: Path) -> None:
    spec = _untyped_errors(tmp_path)
    with running_server(env={"PROTOCOL_SPEC": str(spec)}) as server:
        base = server.base_url
        headers = {"Authorization": "Bearer token-a"}
        no_token = _error(httpx.get(f"{base}/v1/conversations"), 401)
        assert "token" in no_token["message"].lower()
        _error(httpx.get(f"{base}/v1/conversations/AAAAAAAAAAAA", headers=headers), 404)
        bad = httpx.post(f"{base}/v1/conversations", json={"starred": "yes"}, headers=headers)
        assert "starred" in _error(bad, 400)["message"]
        _error(httpx.delete(f"{base}/v1/conversations", headers=headers), 405)
        _error(httpx.get(f"{base}/v1/nowhere", headers=headers), 404)
        output = server.output()
    assert "error `type`" not in output


def test_errors_with_no_declared_schema_are_our_default_object(tmp_path: Path) -> None:
    text = _untyped_errors(tmp_path).read_text()
    spec = tmp_path / "no_error_schema.yaml"
    spec.write_text(
        text.replace(
            "      content:\n        application/json:\n          schema:\n"
            "            $ref: '#/components/schemas/Problem'\n",
            "",
        )
    )
    with running_server(env={"PROTOCOL_SPEC": str(spec)}) as server:
        response = httpx.get(f"{server.base_url}/v1/conversations")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/json"
    assert list(response.json()) == ["message"]
