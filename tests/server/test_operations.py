"""Each of the five operations, against the real server."""

from __future__ import annotations

import httpx

from .helpers import CONTACT, GROUP, assert_error, create, update

NEW_CONVERSATION_DEFAULTS = {
    "pinned_message_id": None,
    "is_pinned": False,
    "is_muted": False,
    "last_active_at": None,
    "last_opened_at": None,
    "archived_at": None,
}


def test_create_with_a_contact_returns_201_location_and_the_new_conversation(
    client: httpx.Client,
) -> None:
    response = client.post("/v1/conversations", json={"contact_id": CONTACT})

    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert response.headers["location"] == f"/v1/conversations/{body['id']}"
    assert body == {
        "id": body["id"],
        "contact_id": CONTACT,
        "group_id": None,
        "created_at": body["created_at"],
        **NEW_CONVERSATION_DEFAULTS,
    }
    assert len(body["id"]) == 16 and body["id"].isascii() and body["id"].isalnum()
    assert isinstance(body["created_at"], int) and body["created_at"] > 1_700_000_000


def test_create_with_a_group(client: httpx.Client) -> None:
    body = create(client, group_id=GROUP)

    assert body["group_id"] == GROUP
    assert body["contact_id"] is None


def test_created_ids_are_distinct(client: httpx.Client) -> None:
    ids = {create(client)["id"] for _ in range(20)}

    assert len(ids) == 20


def test_create_needs_exactly_one_of_contact_and_group(client: httpx.Client) -> None:
    assert_error(client.post("/v1/conversations", json={}), 400, "exactly one", "none")
    both = client.post("/v1/conversations", json={"contact_id": CONTACT, "group_id": GROUP})
    assert_error(both, 400, "exactly one", "contact_id, group_id")


def test_create_rejects_a_malformed_id(client: httpx.Client) -> None:
    response = client.post("/v1/conversations", json={"contact_id": "short"})

    assert_error(response, 400, "contact_id: must be an id of 16 letters and digits, got 'short'")


def test_create_rejects_an_id_with_a_trailing_newline(client: httpx.Client) -> None:
    # Python's `$` would accept it; JSON Schema (ECMA-262) patterns do not.
    response = client.post("/v1/conversations", json={"contact_id": CONTACT + "\n"})

    assert_error(response, 400, "contact_id")


def test_get_returns_the_conversation(client: httpx.Client) -> None:
    created = create(client)

    response = client.get(f"/v1/conversations/{created['id']}")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == created


def test_get_unknown_and_impossible_ids_are_404(client: httpx.Client) -> None:
    assert_error(client.get("/v1/conversations/xgQQXg3hrtjh7AvZ"), 404, "'xgQQXg3hrtjh7AvZ'")
    assert_error(client.get("/v1/conversations/not-an-id"), 404, "'not-an-id'")
    assert_error(client.get("/v1/conversations/%00%ff"), 404)


def test_update_changes_only_the_given_attributes(client: httpx.Client) -> None:
    created = create(client)

    muted = update(client, created["id"], is_muted=True)

    assert muted == {**created, "is_muted": True}
    pinned = update(client, created["id"], pinned_message_id="mP7qRz2LwX9vB4Nc", is_pinned=True)
    assert pinned == {**muted, "pinned_message_id": "mP7qRz2LwX9vB4Nc", "is_pinned": True}
    archived = update(client, created["id"], archived_at=705200000)
    assert archived == {**pinned, "archived_at": 705200000}
    assert client.get(f"/v1/conversations/{created['id']}").json() == archived


def test_update_with_null_clears_pinned_message_and_archive(client: httpx.Client) -> None:
    created = create(client)
    update(client, created["id"], pinned_message_id="mP7qRz2LwX9vB4Nc", archived_at=705200000)

    cleared = update(client, created["id"], pinned_message_id=None, archived_at=None)

    assert cleared == created


def test_update_with_an_empty_body_changes_nothing(client: httpx.Client) -> None:
    created = update(client, create(client)["id"], is_muted=True)
    path = f"/v1/conversations/{created['id']}"

    assert client.put(path, json={}).json() == created
    assert client.put(path, content=b"").json() == created
    empty_form = client.put(
        path, content=b"", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert empty_form.json() == created


def test_update_rejects_null_for_booleans_and_unknown_attributes_changing_nothing(
    client: httpx.Client,
) -> None:
    created = create(client)
    path = f"/v1/conversations/{created['id']}"

    assert_error(client.put(path, json={"is_muted": None}), 400, "is_muted", "got null")
    unknown = client.put(path, json={"is_muted": True, "contact_id": CONTACT})
    assert_error(unknown, 400, "Unknown attribute 'contact_id'")
    assert_error(client.put(path, json={"archived_at": -1}), 400, "archived_at", "got -1")
    assert client.get(path).json() == created


def test_thousands_of_unknown_attributes_get_a_short_message(client: httpx.Client) -> None:
    path = f"/v1/conversations/{create(client)['id']}"
    body = {f"u{n}": 0 for n in range(6000)}  # about 54 KB, under the body limit

    error = assert_error(client.put(path, json=body), 400, "'u0', 'u1'", "and 5995 more")

    assert len(error["message"]) < 300


def test_update_unknown_id_is_404(client: httpx.Client) -> None:
    response = client.put("/v1/conversations/xgQQXg3hrtjh7AvZ", json={"is_muted": True})

    assert_error(response, 404, "xgQQXg3hrtjh7AvZ")


def test_delete_returns_204_with_an_empty_body_then_the_id_is_gone_everywhere(
    client: httpx.Client,
) -> None:
    kept = create(client)
    deleted = create(client)
    path = f"/v1/conversations/{deleted['id']}"

    response = client.delete(path)

    assert response.status_code == 204
    assert response.content == b""
    assert_error(client.get(path), 404)
    assert_error(client.put(path, json={"is_muted": True}), 404)
    assert_error(client.delete(path), 404)
    assert [c["id"] for c in client.get("/v1/conversations").json()["data"]] == [kept["id"]]
