"""JSON and form-encoded bodies mean the same: same results, same rejections."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .helpers import CONTACT, assert_error, create

FORM = {"content-type": "application/x-www-form-urlencoded"}
JSON = {"content-type": "application/json"}

# (form body, the equivalent JSON body)
SAME_MEANING = [
    ("is_muted=true", {"is_muted": True}),
    ("is_muted=false&is_pinned=true", {"is_muted": False, "is_pinned": True}),
    ("archived_at=705200000", {"archived_at": 705200000}),
    ("archived_at=705200000.0", {"archived_at": 705200000.0}),
    ("archived_at=null", {"archived_at": None}),
    ("pinned_message_id=mP7qRz2LwX9vB4Nc", {"pinned_message_id": "mP7qRz2LwX9vB4Nc"}),
    ("pinned_message_id=null&archived_at=null", {"pinned_message_id": None, "archived_at": None}),
]

# (form body, the equivalent JSON body, what the message must say): both are 400.
SAME_REJECTION = [
    ("is_muted=yes", {"is_muted": "yes"}, "is_muted: must be true or false, got 'yes'"),
    ("is_muted=1", {"is_muted": "1"}, "is_muted: must be true or false, got '1'"),
    ("is_muted=0", {"is_muted": "0"}, "is_muted: must be true or false, got '0'"),
    ("is_pinned=", {"is_pinned": ""}, "is_pinned: must be true or false, got ''"),
    ("is_pinned=null", {"is_pinned": "null"}, "is_pinned: must be true or false"),
    ("archived_at=2.5e-42", {"archived_at": "2.5e-42"}, "archived_at: must be an integer"),
    ("archived_at=2.5", {"archived_at": 2.5}, "archived_at: must be an integer"),
    ("archived_at=7.50", {"archived_at": 7.5}, "archived_at: must be an integer"),
    ("archived_at=1e3", {"archived_at": "1e3"}, "archived_at: must be an integer"),
    ("archived_at=0x10", {"archived_at": "0x10"}, "archived_at: must be an integer"),
    ("archived_at=-1", {"archived_at": -1}, "from 0 to 253402300799 or null, got -1"),
    ("archived_at=253402300800", {"archived_at": 253402300800}, "archived_at"),
    ("pinned_message_id=short", {"pinned_message_id": "short"}, "pinned_message_id: must be"),
    # An empty value is the empty string, not null (the spec says so, and fuzzers agree).
    ("archived_at=", {"archived_at": ""}, "archived_at: must be an integer"),
    ("pinned_message_id=", {"pinned_message_id": ""}, "pinned_message_id: must be"),
    ("colour=blue", {"colour": "blue"}, "Unknown attribute 'colour'"),
]


def put_form(client: httpx.Client, conversation_id: str, body: str) -> httpx.Response:
    return client.put(f"/v1/conversations/{conversation_id}", content=body, headers=FORM)


def comparable(conversation: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in conversation.items() if k not in ("id", "created_at")}


@pytest.mark.parametrize(("form", "json_body"), SAME_MEANING)
def test_form_and_json_updates_give_the_same_conversation(
    client: httpx.Client, form: str, json_body: dict[str, Any]
) -> None:
    by_form, by_json = create(client), create(client)
    for conversation in (by_form, by_json):  # start from a state every update changes
        client.put(
            f"/v1/conversations/{conversation['id']}",
            json={"pinned_message_id": "aaaaaaaaaaaaaaaa", "archived_at": 1, "is_muted": True},
        )

    form_response = put_form(client, by_form["id"], form)
    json_response = client.put(f"/v1/conversations/{by_json['id']}", json=json_body)

    assert form_response.status_code == json_response.status_code == 200, form_response.text
    assert comparable(form_response.json()) == comparable(json_response.json())
    for name, value in json_body.items():
        assert form_response.json()[name] == value


@pytest.mark.parametrize(("form", "json_body", "message"), SAME_REJECTION)
def test_form_and_json_reject_the_same_bodies(
    client: httpx.Client, form: str, json_body: dict[str, Any], message: str
) -> None:
    conversation = create(client)

    assert_error(put_form(client, conversation["id"], form), 400, message)
    json_response = client.put(f"/v1/conversations/{conversation['id']}", json=json_body)
    assert_error(json_response, 400, message.split(", got")[0])
    assert client.get(f"/v1/conversations/{conversation['id']}").json() == conversation


def test_create_by_form(client: httpx.Client) -> None:
    response = client.post("/v1/conversations", content=f"contact_id={CONTACT}", headers=FORM)

    assert response.status_code == 201
    assert response.json()["contact_id"] == CONTACT
    assert client.get(response.headers["location"]).json() == response.json()


def test_create_by_form_with_null_is_rejected(client: httpx.Client) -> None:
    # contact_id is not nullable: the word null is just a malformed id.
    response = client.post("/v1/conversations", content="contact_id=null", headers=FORM)

    assert_error(response, 400, "contact_id: must be an id of 16 letters and digits, got 'null'")


def test_json_integers_written_as_floats(client: httpx.Client) -> None:
    conversation = create(client)
    path = f"/v1/conversations/{conversation['id']}"

    accepted = client.put(path, content=b'{"archived_at": 705200000.0}', headers=JSON)
    assert accepted.status_code == 200
    assert '"archived_at":705200000}' in accepted.text  # stored and served as an integer
    assert client.get(path).text == accepted.text
    assert_error(client.put(path, json={"archived_at": 2.5}), 400, "got 2.5")
    assert_error(client.put(path, json={"archived_at": True}), 400, "got true")
    assert_error(client.put(path, content=b'{"archived_at": 1e400}', headers=JSON), 400)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"is_muted": true', "not valid JSON"),
        (b'{"is_muted": NaN}', "NaN"),
        (b'{"archived_at": Infinity}', "Infinity"),
        (b'{"is_muted": true, "is_muted": false}', "'is_muted' appears more than once"),
        (b"[]", "must be a JSON object"),
        (b'"is_muted"', "must be a JSON object"),
        (b"null", "must be a JSON object"),
        (b'{"is_muted": "\xff"}', "UTF-8"),
        (b"[" * 5000 + b"]" * 5000, "JSON"),
        (b'{"archived_at": 1' + b"0" * 5000 + b"}", "JSON"),
    ],
)
def test_malformed_json_is_400(client: httpx.Client, body: bytes, message: str) -> None:
    conversation = create(client)

    response = client.put(f"/v1/conversations/{conversation['id']}", content=body, headers=JSON)

    assert_error(response, 400, message)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("is_muted=true&is_muted=false", "'is_muted' appears more than once"),
        ("is_muted=true&", "malformed"),
        ("is_muted", "malformed"),
        ("is_muted=%ff", "UTF-8"),
        ("=true", "Unknown attribute ''"),
        ("&".join(f"k{n}=1" for n in range(101)), "malformed"),
    ],
)
def test_malformed_forms_are_400(client: httpx.Client, body: str, message: str) -> None:
    conversation = create(client)

    assert_error(put_form(client, conversation["id"], body), 400, message)


def test_undecodable_form_bytes_are_400(client: httpx.Client) -> None:
    conversation = create(client)

    response = client.put(
        f"/v1/conversations/{conversation['id']}", content=b"is_muted=\xff", headers=FORM
    )

    assert_error(response, 400, "UTF-8")


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/x-www-form-urlencoded; charset=UTF-8",
    ],
)
def test_media_type_parameters_and_case(client: httpx.Client, content_type: str) -> None:
    conversation = create(client)
    body = b'{"is_muted": true}' if "json" in content_type.lower() else b"is_muted=true"

    response = client.put(
        f"/v1/conversations/{conversation['id']}",
        content=body,
        headers={"content-type": content_type},
    )

    assert response.status_code == 200, response.text
    assert response.json()["is_muted"] is True
