"""Authentication (401) and isolation between accounts."""

from __future__ import annotations

import base64
from collections.abc import Callable

import httpx
import pytest

from protocol_server.harness import RunningServer

from .helpers import assert_error, create

CHALLENGE = 'Bearer realm="protocol"'
OPERATIONS = [
    ("GET", "/v1/conversations"),
    ("POST", "/v1/conversations"),
    ("GET", "/v1/conversations/xgQQXg3hrtjh7AvZ"),
    ("PUT", "/v1/conversations/xgQQXg3hrtjh7AvZ"),
    ("DELETE", "/v1/conversations/xgQQXg3hrtjh7AvZ"),
]


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer wrong-token",
        "Token server-test-token-0",
        "server-test-token-0",
        basic("user", "wrong-token"),
        "Basic not-base64!",
        "Basic " + base64.b64encode(b"no-colon").decode(),
        basic("server-test-token-0", ""),
    ],
)
def test_missing_unknown_or_malformed_credentials_get_401(
    server: RunningServer, method: str, path: str, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}

    response = httpx.request(
        method, server.base_url + path, headers=headers, json={"contact_id": "WAz8eIbvDR60rouK"}
    )

    assert_error(response, 401)
    assert response.headers["www-authenticate"] == CHALLENGE


def test_401_messages_say_what_to_send(server: RunningServer) -> None:
    missing = httpx.get(f"{server.base_url}/v1/conversations")
    assert_error(missing, 401, "Authorization: Bearer {token}")
    unknown = httpx.get(
        f"{server.base_url}/v1/conversations", headers={"Authorization": "Bearer nope"}
    )
    assert_error(unknown, 401, "not valid")


def test_basic_auth_with_the_token_as_password_works(
    server: RunningServer, client: httpx.Client
) -> None:
    created = create(client)
    token = client.headers["authorization"].removeprefix("Bearer ")

    response = httpx.get(
        f"{server.base_url}/v1/conversations/{created['id']}",
        headers={"Authorization": basic("anything", token)},
    )

    assert response.status_code == 200
    assert response.json() == created
    with_httpx_auth = httpx.get(f"{server.base_url}/v1/conversations", auth=("me", token))
    assert [c["id"] for c in with_httpx_auth.json()["data"]] == [created["id"]]


def test_bearer_scheme_is_case_insensitive(server: RunningServer, client: httpx.Client) -> None:
    token = client.headers["authorization"].removeprefix("Bearer ")

    response = httpx.get(
        f"{server.base_url}/v1/conversations", headers={"Authorization": f"bearer {token}"}
    )

    assert response.status_code == 200


def test_accounts_never_see_each_others_conversations(
    new_client: Callable[[], httpx.Client],
) -> None:
    alice, bob = new_client(), new_client()
    alices = create(alice)
    bobs = create(bob)
    path = f"/v1/conversations/{alices['id']}"

    assert_error(bob.get(path), 404)
    assert_error(bob.put(path, json={"is_muted": True}), 404)
    assert_error(bob.delete(path), 404)
    assert [c["id"] for c in bob.get("/v1/conversations").json()["data"]] == [bobs["id"]]
    assert_error(bob.get("/v1/conversations", params={"starting_after": alices["id"]}), 400)
    assert_error(bob.get("/v1/conversations", params={"ending_before": alices["id"]}), 400)
    # Alice's conversation is untouched by all of that.
    assert alice.get(path).json() == alices
    assert [c["id"] for c in alice.get("/v1/conversations").json()["data"]] == [alices["id"]]
