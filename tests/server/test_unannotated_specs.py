"""What a spec written without our vocabulary gets from the server (docs/server.md, "A spec
without annotations"), each rule against a real server over HTTP."""

from __future__ import annotations

import re
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


def _implied(tmp_path: Path) -> Path:
    """two_resources.yaml with its ids not annotated: the conversation's a string with a pattern,
    the widget's an integer; and a widget `note` that is optional everywhere, with no default."""
    text = TWO_RESOURCES.read_text()
    assigned = "          readOnly: true\n          x-protocol-assigned: unique-id\n"
    conversation_id = "          pattern: '^[A-Za-z0-9]{12}$'\n"
    widget_id = "          type: string\n          pattern: '^[a-z0-9]{8}$'\n"
    retired = "        retired_at:\n          description: When the widget was retired;"
    name = "        name:\n          description: What to call the widget.\n"
    note = "        note:\n          type: string\n"
    replacements = [
        (conversation_id + assigned, conversation_id + "          readOnly: true\n"),
        (widget_id + assigned, "          type: integer\n          readOnly: true\n"),
        (retired, note + retired),
        (name, note + name),
    ]
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    spec = tmp_path / "implied.yaml"
    spec.write_text(text)
    return spec


def test_an_id_not_annotated_is_assigned_by_the_server(tmp_path: Path) -> None:
    """Integers are numbered per account and resource, never reused; strings are drawn from
    their pattern, as `x-protocol-assigned: unique-id` would."""
    with running_server(env={"PROTOCOL_SPEC": str(_implied(tmp_path))}) as server:
        a = httpx.Client(base_url=server.base_url, headers={"Authorization": "Bearer token-a"})
        b = httpx.Client(base_url=server.base_url, headers={"Authorization": "Bearer token-b"})
        made = [a.post("/v1/widgets", json={"name": f"w{n}"}) for n in range(3)]
        assert [r.status_code for r in made] == [201] * 3, made[-1].text
        assert [r.json()["id"] for r in made] == [1, 2, 3]
        assert b.post("/v1/widgets", json={"name": "other"}).json()["id"] == 1
        assert a.get("/v1/widgets/2").json()["name"] == "w1"
        assert a.delete("/v1/widgets/3").status_code == 204
        assert a.post("/v1/widgets", json={"name": "w3"}).json()["id"] == 4
        refused = a.post("/v1/widgets", json={"name": "w5", "id": 9})
        assert refused.status_code == 400, refused.text
        conversation = a.post("/v1/conversations", json={"title": "hi"})
        assert conversation.status_code == 201, conversation.text
        assert re.fullmatch(r"[A-Za-z0-9]{12}", conversation.json()["id"])
        a.close()
        b.close()


def test_an_optional_attribute_create_leaves_out_is_absent(tmp_path: Path) -> None:
    with running_server(env={"PROTOCOL_SPEC": str(_implied(tmp_path))}) as server:
        client = httpx.Client(base_url=server.base_url, headers={"Authorization": "Bearer token-a"})
        bare = client.post("/v1/widgets", json={"name": "bare"}).json()
        assert "note" not in bare and bare["size"] is None  # absent, where null is not allowed
        noted = client.post("/v1/widgets", json={"name": "noted", "note": "hi"}).json()
        assert noted["note"] == "hi"
        assert "note" not in client.get(f"/v1/widgets/{bare['id']}").json()
        listed = client.get("/v1/widgets").json()["data"]
        assert [("note" in w) for w in listed] == [False, True]
        client.close()


PETSTORE_EXPANDED = FIXTURES / "corpus" / "oai" / "v3.0-petstore-expanded.yaml"


def test_a_published_spec_is_served_whole_list_open_and_numbered() -> None:
    """OpenAPI Initiative's petstore-expanded, as published: no security (one account, no
    token read), a list that is a top-level array with no pagination (the whole list, its
    parameters accepted and not applied), integer ids the server numbers, `Error` bodies."""
    env = {"PROTOCOL_SPEC": str(PETSTORE_EXPANDED)}
    with running_server(env=env) as server:
        pets = httpx.Client(base_url=server.base_url)
        assert pets.post("/pets", json={"name": "rex"}).json() == {"name": "rex", "id": 1}
        tom = pets.post("/pets", json={"name": "tom", "tag": "cat"})
        assert tom.status_code == 200 and tom.json() == {"name": "tom", "tag": "cat", "id": 2}
        everyone = [{"name": "rex", "id": 1}, {"name": "tom", "tag": "cat", "id": 2}]
        assert pets.get("/pets").json() == everyone
        # Not applied: neither the tags nor the limit (no annotation says what they mean).
        assert pets.get("/pets", params={"tags": ["dog", "bird"], "limit": 1}).json() == everyone
        with_token = {"Authorization": "Bearer anything"}
        assert pets.get("/pets/2", headers=with_token).json()["name"] == "tom"
        assert pets.delete("/pets/1").status_code == 204
        gone = pets.get("/pets/1")
        assert gone.status_code == 404 and gone.json() == {
            "code": 404,
            "message": gone.json()["message"],
        }
        assert pets.get("/pets/99999999999999999999").status_code == 404  # beyond int64
        too_big = pets.get("/pets", params={"limit": 2**31})  # beyond its int32 format
        assert too_big.status_code == 400 and too_big.json()["code"] == 400
        assert pets.get("/pets", params={"limit": "many"}).status_code == 400
        # NewPet allows other properties: accepted, not kept (whatever their value).
        extra = pets.post("/pets", json={"name": "odd", "colour": -(2**100), "": [1]})
        assert extra.status_code == 200 and extra.json() == {"name": "odd", "id": 3}
        pets.close()
        output = server.output()
    assert "  serves:   /pets, /pets/{id}\n" in output
    assert (
        "  unpaged:  GET /pets answers the first 1000 objects by id; its parameters tags, limit "
        "are accepted, not applied\n" in output
    )
    assert "the spec declares no security: every request is served, in one account" in output
    assert "not served" not in output
