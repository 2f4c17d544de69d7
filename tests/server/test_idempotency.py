"""Idempotency-Key on create: the same key and request get the first answer and create nothing new."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import httpx

from protocol_server.harness import running_server

from .helpers import CONTACT, GROUP, assert_error

KEY = "Idempotency-Key"


def listed(client: httpx.Client) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = client.get("/v1/conversations", params={"limit": 100}).json()[
        "data"
    ]
    return data


def test_the_same_key_and_request_replay_the_first_answer(client: httpx.Client) -> None:
    first = client.post("/v1/conversations", json={"contact_id": CONTACT}, headers={KEY: "k-1"})
    again = client.post("/v1/conversations", json={"contact_id": CONTACT}, headers={KEY: "k-1"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert [c["id"] for c in listed(client)] == [first.json()["id"]]


def test_json_and_form_with_the_same_attributes_are_one_request(client: httpx.Client) -> None:
    first = client.post("/v1/conversations", json={"group_id": GROUP}, headers={KEY: "k-2"})
    as_form = client.post("/v1/conversations", data={"group_id": GROUP}, headers={KEY: "k-2"})
    assert as_form.status_code == 201
    assert as_form.json() == first.json()
    assert len(listed(client)) == 1


def test_the_same_key_with_another_request_is_422_naming_the_key(client: httpx.Client) -> None:
    client.post("/v1/conversations", json={"contact_id": CONTACT}, headers={KEY: "k-3"})
    reused = client.post("/v1/conversations", json={"group_id": GROUP}, headers={KEY: "k-3"})
    assert_error(reused, 422, "Idempotency-Key 'k-3' was already used with another request")
    assert len(listed(client)) == 1


def test_without_a_key_or_with_another_key_each_create_is_new(client: httpx.Client) -> None:
    for headers in ({}, {}, {KEY: "k-4"}, {KEY: "k-5"}):
        assert client.post("/v1/conversations", json={"contact_id": CONTACT}, headers=headers)
    assert len(listed(client)) == 4


def test_keys_belong_to_one_account(new_client: Any) -> None:
    one, other = new_client(), new_client()
    mine = one.post("/v1/conversations", json={"contact_id": CONTACT}, headers={KEY: "shared"})
    theirs = other.post("/v1/conversations", json={"group_id": GROUP}, headers={KEY: "shared"})
    assert theirs.status_code == 201
    assert theirs.json()["id"] != mine.json()["id"]


def test_a_key_must_be_1_to_255_characters(client: httpx.Client) -> None:
    for bad in ("", "k" * 256):
        response = client.post(
            "/v1/conversations", json={"contact_id": CONTACT}, headers={KEY: bad}
        )
        assert_error(response, 400, "Idempotency-Key: must be a string of 1 to 255 characters")
    assert listed(client) == []


def test_concurrent_retries_with_one_key_make_one_conversation(client: httpx.Client) -> None:
    answers: list[httpx.Response] = []
    start = threading.Barrier(8)

    def send() -> None:
        with httpx.Client(base_url=str(client.base_url), headers=client.headers) as own:
            start.wait()
            answers.append(
                own.post("/v1/conversations", json={"contact_id": CONTACT}, headers={KEY: "race"})
            )

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {answer.status_code for answer in answers} == {201}
    assert len({answer.json()["id"] for answer in answers}) == 1
    assert len(listed(client)) == 1


def test_keys_survive_a_restart_and_expire_after_24_hours(tmp_path: Path) -> None:
    db = str(tmp_path / "protocol.sqlite3")
    headers = {"Authorization": "Bearer kept", KEY: "across-restarts"}
    body = {"contact_id": CONTACT}
    with running_server(tokens=("kept",), db_path=db) as server:
        first = httpx.post(f"{server.base_url}/v1/conversations", json=body, headers=headers)
    with running_server(tokens=("kept",), db_path=db) as server:
        again = httpx.post(f"{server.base_url}/v1/conversations", json=body, headers=headers)
    assert again.json() == first.json()
    with sqlite3.connect(db) as connection:  # the key was recorded more than 24 hours ago
        connection.execute("UPDATE _protocol_idempotency SET created_at = created_at - 86401")
    with running_server(tokens=("kept",), db_path=db) as server:
        later = httpx.post(f"{server.base_url}/v1/conversations", json=body, headers=headers)
    assert later.status_code == 201 and later.json()["id"] != first.json()["id"]
