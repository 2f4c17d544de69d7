"""The engine serves a spec it was never written for: the two-resource fixture, end to end.

Its resources differ from the conversations API in every way the engine must read from the
spec: id patterns and lengths, PATCH for update, an ascending order by name, cursor and page-size
parameters of other names, a forward-only list, an enum filter, an `is-set` filter, number and
array attributes, defaults.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from protocol_server.harness import RunningServer, running_server
from protocol_spec import PROJECT_ROOT

SPEC = PROJECT_ROOT / "tests" / "fixtures" / "specs" / "two_resources.yaml"
TOKENS = tuple(f"two-{n}" for n in range(20))


def assert_error(response: httpx.Response, status: int, *fragments: str) -> dict[str, Any]:
    """The fixture's error object: `type` as its responses' `const` says, no documentation."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body == {"type": "invalid_request", "message": body["message"]}
    for fragment in fragments:
        assert fragment in body["message"]
    return body


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with running_server(tokens=TOKENS, env={"PROTOCOL_SPEC": str(SPEC)}) as running:
        yield running


_tokens = iter(TOKENS)


@pytest.fixture
def client(server: RunningServer) -> Iterator[httpx.Client]:
    token = next(_tokens)
    with httpx.Client(
        base_url=server.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=10
    ) as client:
        yield client


def widget(client: httpx.Client, **attributes: Any) -> dict[str, Any]:
    response = client.post("/v1/widgets", json=attributes)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_widgets_crud_with_defaults_assigned_ids_numbers_and_arrays(client: httpx.Client) -> None:
    created = widget(client, name="sprocket", tags=["a", "b"], size=2.5)
    assert re.fullmatch(r"[a-z0-9]{8}", created["id"])  # the fixture's own pattern
    assert created == {
        "id": created["id"],
        "name": "sprocket",
        "color": "red",  # the default
        "size": 2.5,
        "tags": ["a", "b"],
        "created_at": created["created_at"],
        "retired_at": None,
    }
    assert isinstance(created["created_at"], int)
    assert "location" not in created  # no Location header declared for widgets
    path = f"/v1/widgets/{created['id']}"
    assert client.get(path).json() == created
    updated = client.put(path, json={"size": None, "retired_at": 5})
    assert updated.status_code == 200
    assert updated.json() == {**created, "size": None, "retired_at": 5}
    assert client.get(path).json() == updated.json()
    assert client.delete(path).status_code == 204
    assert_error(client.get(path), 404, f"No widget with id '{created['id']}'.")
    assert_error(client.get("/v1/widgets/TOOLONGID"), 404, "No widget")


def test_widget_bodies_are_checked_against_their_own_schemas(client: httpx.Client) -> None:
    assert_error(client.post("/v1/widgets", json={}), 400, "name")
    assert_error(client.post("/v1/widgets", json={"name": "x", "color": "pink"}), 400, "color")
    assert_error(client.post("/v1/widgets", json={"name": "x", "size": -1}), 400, "size")
    created = widget(client, name="x")
    assert_error(client.put(f"/v1/widgets/{created['id']}", json={"color": "blue"}), 400, "color")


def test_conversations_use_patch_and_their_own_id_length(client: httpx.Client) -> None:
    created = client.post("/v1/conversations", json={"title": "hello"}).json()
    assert re.fullmatch(r"[A-Za-z0-9]{12}", created["id"])
    assert created["starred"] is False
    path = f"/v1/conversations/{created['id']}"
    patched = client.patch(path, json={"starred": True, "title": None})
    assert patched.status_code == 200
    assert patched.json() == {**created, "starred": True, "title": None}
    assert_error(client.put(path, json={}), 405, "use GET, HEAD, DELETE, PATCH")
    by_form = client.post("/v1/conversations", data={"title": "null"})
    assert by_form.status_code == 201 and by_form.json()["title"] is None


def test_widgets_list_by_name_with_their_own_cursor_and_page_size(client: httpx.Client) -> None:
    names = ["delta", "alpha", "echo", "bravo", "charlie"]
    ids = {name: widget(client, name=name)["id"] for name in names}
    first = client.get("/v1/widgets", params={"page_size": 2}).json()
    assert [w["name"] for w in first["data"]] == ["alpha", "bravo"]
    assert first["has_more"] is True
    walked = [w["name"] for w in first["data"]]
    cursor = first["data"][-1]["id"]
    while True:
        page = client.get("/v1/widgets", params={"page_size": 2, "after": cursor}).json()
        walked += [w["name"] for w in page["data"]]
        if not page["has_more"]:
            break
        cursor = page["data"][-1]["id"]
    assert walked == sorted(names)
    assert len(client.get("/v1/widgets").json()["data"]) == 5  # default page size 20
    assert_error(client.get("/v1/widgets", params={"page_size": 51}), 400, "page_size")
    assert_error(client.get("/v1/widgets", params={"limit": 2}), 400, "Unknown query parameter")
    assert_error(client.get("/v1/widgets", params={"after": "zzzzzzzz"}), 400, "after")
    assert ids  # every name was created


def test_widget_filters_equals_on_an_enum_and_is_set(client: httpx.Client) -> None:
    red = widget(client, name="r")
    blue = widget(client, name="b", color="blue")
    retired = widget(client, name="old", color="blue")
    client.put(f"/v1/widgets/{retired['id']}", json={"retired_at": 1})

    def names(**params: Any) -> list[str]:
        response = client.get("/v1/widgets", params=params)
        assert response.status_code == 200, response.text
        return [w["name"] for w in response.json()["data"]]

    assert names(color="blue") == ["b", "old"]
    assert names(color="red") == ["r"]
    assert names(retired="true") == ["old"]
    assert names(retired="false") == ["b", "r"]
    assert names(retired="false", color="blue") == ["b"]
    assert_error(client.get("/v1/widgets", params={"color": "pink"}), 400, "color")
    assert red["id"] and blue["id"]


def test_conversations_walk_both_ways_newest_first(client: httpx.Client) -> None:
    made = [client.post("/v1/conversations", json={}).json()["id"] for _ in range(5)]
    everything = client.get("/v1/conversations", params={"limit": 100}).json()["data"]
    order = [c["id"] for c in everything]
    assert sorted(order) == sorted(made)
    # created in the same second: ties are broken by id, descending
    expected = sorted(everything, key=lambda c: (c["created_at"], c["id"]), reverse=True)
    assert order == [c["id"] for c in expected]
    back = client.get("/v1/conversations", params={"limit": 2, "ending_before": order[-1]}).json()
    assert [c["id"] for c in back["data"]] == order[-3:-1]
    assert back["has_more"] is True
    starred = client.patch(f"/v1/conversations/{order[0]}", json={"starred": True}).json()
    only = client.get("/v1/conversations", params={"starred": "true"}).json()["data"]
    assert only == [starred]


def test_accounts_are_isolated_on_both_resources(server: RunningServer) -> None:
    def as_(token: str) -> httpx.Client:
        return httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {token}"})

    with as_(next(_tokens)) as owner, as_(next(_tokens)) as other:
        mine = widget(owner, name="mine")
        conversation = owner.post("/v1/conversations", json={}).json()
        for path in (f"/v1/widgets/{mine['id']}", f"/v1/conversations/{conversation['id']}"):
            assert other.get(path).status_code == 404
            assert other.delete(path).status_code == 404
            assert owner.get(path).status_code == 200
        assert other.put(f"/v1/widgets/{mine['id']}", json={"name": "x"}).status_code == 404
        assert other.get("/v1/widgets").json()["data"] == []
        assert other.get("/v1/conversations").json()["data"] == []
        assert_error(other.get("/v1/widgets", params={"after": mine["id"]}), 400, "after")


def test_unknown_paths_name_the_fixture_paths(client: httpx.Client) -> None:
    error = assert_error(client.get("/v1/gadgets"), 404, "No such path")
    assert "/v1/widgets, /v1/widgets/{id}" in error["message"]
    assert "documentation_url" not in error  # the fixture's Error schema has no externalDocs


def test_a_required_body_may_be_empty_but_not_missing(client: httpx.Client) -> None:
    """`requestBody.required: true`: `{}` or an empty form is a body (here a valid one: create
    needs no attribute); no body at all is refused, as schemathesis expects."""
    missing = assert_error(client.post("/v1/conversations"), 400, "needs a request body")
    assert "application/json or application/x-www-form-urlencoded" in missing["message"]
    assert client.post("/v1/conversations", json={}).status_code == 201
    form = {"content-type": "application/x-www-form-urlencoded"}
    assert client.post("/v1/conversations", content=b"", headers=form).status_code == 201
    made = widget(client, name="w")
    assert_error(client.put(f"/v1/widgets/{made['id']}"), 400, "needs a request body")


def test_integers_beyond_64_bits_are_refused_not_a_500(tmp_path: Path) -> None:
    """A spec may allow any integer; SQLite keeps 64 bits. Beyond that the answer is a 400 that
    says the server's limit, in a body and in a filter, never a 500."""
    unbounded = tmp_path / "unbounded.yaml"
    bound = "          minimum: 0\n          maximum: 253402300799\n"
    assert bound in SPEC.read_text()  # retired_at's bounds, whose maximum goes
    unbounded.write_text(SPEC.read_text().replace(bound, "          minimum: 0\n"))
    with (
        running_server(tokens=TOKENS[:1], env={"PROTOCOL_SPEC": str(unbounded)}) as running,
        httpx.Client(
            base_url=running.base_url, headers={"Authorization": f"Bearer {TOKENS[0]}"}
        ) as client,
    ):
        created = widget(client, name="big", color="red")
        huge = 2**64
        answer = client.put(f"/v1/widgets/{created['id']}", json={"retired_at": huge})
        assert_error(answer, 400, "retired_at", str(huge), str(2**63 - 1))
        assert client.get(f"/v1/widgets/{created['id']}").json()["retired_at"] is None
        negative = client.put(f"/v1/widgets/{created['id']}", json={"retired_at": -huge})
        assert negative.status_code == 400  # the spec's minimum of 0, as before
