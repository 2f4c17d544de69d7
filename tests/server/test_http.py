"""HTTP-level behaviour: unknown paths, methods, body size and media types, the error object."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from protocol_server.app import application
from protocol_server.engine import MAX_BODY_BYTES

from .helpers import CONVERSATIONS_SPEC, assert_error, create


@pytest.mark.parametrize("path", ["/", "/v1", "/v1/conversations/", "/v2/conversations", "/v1/x"])
def test_unknown_paths_are_404_error_objects(client: httpx.Client, path: str) -> None:
    assert_error(client.get(path), 404, "No such path")


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/v1/conversations", "GET, HEAD, POST"),
        ("DELETE", "/v1/conversations", "GET, HEAD, POST"),
        ("PATCH", "/v1/conversations", "GET, HEAD, POST"),
        ("OPTIONS", "/v1/conversations", "GET, HEAD, POST"),
        ("POST", "/v1/conversations/xgQQXg3hrtjh7AvZ", "GET, HEAD, PUT, DELETE"),
        ("PATCH", "/v1/conversations/xgQQXg3hrtjh7AvZ", "GET, HEAD, PUT, DELETE"),
        ("TRACE", "/v1/conversations/xgQQXg3hrtjh7AvZ", "GET, HEAD, PUT, DELETE"),
    ],
)
def test_undocumented_methods_are_405_with_allow(
    client: httpx.Client, method: str, path: str, allow: str
) -> None:
    response = client.request(method, path)

    assert_error(response, 405, method, allow)
    assert response.headers["allow"] == allow


def test_head_is_get_without_the_body(client: httpx.Client) -> None:
    conversation = create(client)
    for path in ("/v1/conversations", f"/v1/conversations/{conversation['id']}"):
        got, head = client.get(path), client.head(path)

        assert head.status_code == 200
        assert head.content == b""
        assert head.headers["content-type"] == "application/json"
        assert head.headers["content-length"] == str(len(got.content))


def test_head_of_what_get_refuses_is_the_same_status(client: httpx.Client) -> None:
    missing = client.head("/v1/conversations/xgQQXg3hrtjh7AvZ")
    unauthenticated = httpx.head(f"{client.base_url}/v1/conversations")

    assert (missing.status_code, missing.content) == (404, b"")
    assert missing.headers["content-type"] == "application/json"
    assert unauthenticated.status_code == 401
    assert "www-authenticate" in unauthenticated.headers


@pytest.mark.parametrize("method", ["POST", "PUT"])
def test_bodies_over_64_kib_are_413(client: httpx.Client, method: str) -> None:
    path = "/v1/conversations"
    if method == "PUT":
        path += "/" + create(client)["id"]
    body = b'{"is_muted": true, "padding": "' + b"x" * MAX_BODY_BYTES + b'"}'

    response = client.request(
        method, path, content=body, headers={"content-type": "application/json"}
    )

    assert_error(response, 413, "larger than 65536 bytes")


def test_a_chunked_body_over_the_limit_is_413(client: httpx.Client) -> None:
    def chunks() -> object:
        for _ in range(20):
            yield b"x" * 8192

    response = client.post(
        "/v1/conversations", content=chunks(), headers={"content-type": "application/json"}
    )

    assert_error(response, 413)


def test_a_body_at_the_limit_is_read(client: httpx.Client) -> None:
    body = b'{"contact_id": "WAz8eIbvDR60rouK"}'
    body = body[:-1] + b" " * (MAX_BODY_BYTES - len(body)) + b"}"

    response = client.post(
        "/v1/conversations", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 201


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/json-seq"],
)
def test_other_content_types_are_415(client: httpx.Client, content_type: str) -> None:
    response = client.post(
        "/v1/conversations", content=b"contact_id=x", headers={"content-type": content_type}
    )

    assert_error(response, 415, "is not supported", "application/json")


def test_a_body_without_content_type_is_415(client: httpx.Client) -> None:
    response = client.post("/v1/conversations", content=b'{"contact_id": "WAz8eIbvDR60rouK"}')

    assert_error(response, 415, "Content-Type")


def test_a_charset_other_than_utf8_is_415(client: httpx.Client) -> None:
    response = client.post(
        "/v1/conversations",
        content=b"contact_id=WAz8eIbvDR60rouK",
        headers={"content-type": "application/x-www-form-urlencoded; charset=latin-1"},
    )

    assert_error(response, 415, "Charset")


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/v1/conversations/xgQQXg3hrtjh7AvZ"), ("DELETE", "/v1/conversations/x")],
)
def test_query_parameters_on_operations_without_any_are_400(
    client: httpx.Client, method: str, path: str
) -> None:
    response = client.request(method, path + "?expand=all")

    assert_error(response, 400, "Unknown query parameter 'expand'", "accepts: none")


def test_an_unexpected_failure_is_a_500_api_error() -> None:
    # A real failure, not a stand-in: the store's connections are closed under the app.
    app, store = application(CONVERSATIONS_SPEC, ":memory:", ["token"])
    store.close()

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/v1/conversations", headers={"Authorization": "Bearer token"})

    response = asyncio.run(call())

    assert_error(response, 500, "retry later")
