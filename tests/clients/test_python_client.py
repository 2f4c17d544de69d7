"""The generated Python client (`protocol_api`) against the real reference server.

Retries and timeouts need a server that fails on purpose; those tests use the scripted stdlib
server from conftest.py (not our code), everything else runs against `protocol_server`.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from protocol_api import (
    ApiClient,
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    AsyncApiClient,
    AuthenticationError,
    BadRequestError,
    Conversation,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    SyncCursorPage,
)
from protocol_api._base_client import retry_delay
from protocol_server.harness import RunningServer

CONTACT = "WAz8eIbvDR60rouK"
CONVERSATION = {
    "id": "xgQQXg3hrtjh7AvZ",
    "contact_id": CONTACT,
    "group_id": None,
    "pinned_message_id": None,
    "is_pinned": False,
    "is_muted": False,
    "last_active_at": None,
    "last_opened_at": None,
    "created_at": 692233200,
    "archived_at": None,
}


# A scripted stdlib server, for what a correct server never does (503s, slow answers).


@dataclass
class Reply:
    status: int
    body: object = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Recorded:
    method: str
    path: str
    body: bytes
    headers: dict[str, str]


class ScriptedServer:
    """Answers each request with the next scripted reply (the last one repeats)."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []
        self.requests: list[Recorded] = []
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                scripted.requests.append(
                    Recorded(self.command, self.path, self.rfile.read(length), dict(self.headers))
                )
                index = min(len(scripted.requests), len(scripted.replies)) - 1
                reply = scripted.replies[index]
                time.sleep(reply.delay)
                payload = b"" if reply.body is None else json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    server = ScriptedServer()
    yield server
    server.close()


@pytest.fixture
def make_client() -> Iterator[Callable[..., ApiClient]]:
    """ApiClient(...), closed after the test (an open socket is a ResourceWarning, an error)."""
    made: list[ApiClient] = []

    def make(*args: Any, **kwargs: Any) -> ApiClient:
        made.append(ApiClient(*args, **kwargs))
        return made[-1]

    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(server: RunningServer, token: str, make_client: Callable[..., ApiClient]) -> ApiClient:
    return make_client(token, base_url=server.base_url, timeout=10)


def test_the_references_five_calls_as_written(
    server: RunningServer, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROTOCOL_BASE_URL", server.base_url)
    client = ApiClient(token)
    try:
        _five_calls(client)
    finally:
        client.close()


def _five_calls(client: ApiClient) -> None:

    created = client.conversations.create(contact_id="WAz8eIbvDR60rouK")
    assert isinstance(created, Conversation)
    assert created.contact_id == CONTACT and created.group_id is None
    assert (created.is_pinned, created.is_muted, created.archived_at) == (False, False, None)

    page = client.conversations.list()
    assert isinstance(page, SyncCursorPage)
    assert [c.id for c in page.data] == [created.id] and page.has_more is False

    assert client.conversations.get(created.id) == created
    updated = client.conversations.update(created.id, is_muted=True)
    assert updated.is_muted is True and updated.id == created.id
    assert client.conversations.delete(created.id) is None
    with pytest.raises(NotFoundError):
        client.conversations.get(created.id)


def test_token_from_environment_and_missing_token(
    server: RunningServer,
    token: str,
    monkeypatch: pytest.MonkeyPatch,
    make_client: Callable[..., ApiClient],
) -> None:
    monkeypatch.setenv("PROTOCOL_API_TOKEN", token)
    assert make_client(base_url=server.base_url).conversations.list().data == []
    monkeypatch.delenv("PROTOCOL_API_TOKEN")
    with pytest.raises(APIError, match="PROTOCOL_API_TOKEN"):
        make_client(base_url=server.base_url)


def test_base_url_defaults_to_the_spec_server(
    monkeypatch: pytest.MonkeyPatch, make_client: Callable[..., ApiClient]
) -> None:
    monkeypatch.delenv("PROTOCOL_BASE_URL", raising=False)
    assert make_client("t").base_url == "https://api.protocol.chat"
    assert make_client("t", base_url="http://x.test/").base_url == "http://x.test"


def test_not_found_carries_status_type_and_message(client: ApiClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.conversations.get("AAAAAAAAAAAAAAAA")
    error = caught.value
    assert error.status_code == 404
    assert error.type == "invalid_request"
    assert "AAAAAAAAAAAAAAAA" in error.message
    assert isinstance(error.body, dict) and error.body["type"] == "invalid_request"
    assert "404 invalid_request" in str(error) and "GET " in str(error)


def test_unknown_token_is_an_authentication_error(
    server: RunningServer, make_client: Callable[..., ApiClient]
) -> None:
    client = make_client("not-a-known-token", base_url=server.base_url)
    with pytest.raises(AuthenticationError) as caught:
        client.conversations.list()
    assert caught.value.status_code == 401 and caught.value.type == "invalid_request"


def test_invalid_request_is_a_bad_request_error(client: ApiClient) -> None:
    with pytest.raises(BadRequestError) as caught:
        client.conversations.list(limit=1000)
    assert caught.value.status_code == 400 and "limit" in caught.value.message


def test_iterating_a_page_follows_the_cursor(client: ApiClient) -> None:
    ids = [client.conversations.create(contact_id=CONTACT).id for _ in range(7)]
    page = client.conversations.list(limit=3)
    assert len(page.data) == 3 and page.has_more
    assert sorted(c.id for c in page) == sorted(ids)  # every conversation, once
    assert [len(p.data) for p in page.iter_pages()] == [3, 3, 1]
    newest_first = [c.id for c in client.conversations.list(limit=100).data]
    assert [c.id for c in page] == newest_first


def test_filters_travel_with_the_cursor(client: ApiClient) -> None:
    conversations = [client.conversations.create(contact_id=CONTACT) for _ in range(5)]
    muted = {c.id for c in conversations[:3]}
    for conversation_id in muted:
        client.conversations.update(conversation_id, is_muted=True)
    assert {c.id for c in client.conversations.list(limit=1, muted=True)} == muted
    assert len(list(client.conversations.list(limit=2, muted=False))) == 2


def test_update_sends_null_for_none_and_nothing_for_omitted(client: ApiClient) -> None:
    created = client.conversations.create(contact_id=CONTACT)
    archived = client.conversations.update(created.id, archived_at=705200000)
    assert archived.archived_at == 705200000
    muted = client.conversations.update(created.id, is_muted=True)  # archived_at left out
    assert muted.archived_at == 705200000 and muted.is_muted
    cleared = client.conversations.update(created.id, archived_at=None)
    assert cleared.archived_at is None and cleared.is_muted


def test_request_bodies_are_json_with_only_given_attributes(
    scripted: ScriptedServer, make_client: Callable[..., ApiClient]
) -> None:
    scripted.replies = [Reply(200, CONVERSATION)]
    client = make_client("t", base_url=scripted.base_url)
    client.conversations.update("xgQQXg3hrtjh7AvZ", archived_at=None)
    client.conversations.update("xgQQXg3hrtjh7AvZ")
    first, second = scripted.requests
    assert first.headers["Content-Type"] == "application/json"
    assert first.headers["Authorization"] == "Bearer t"
    assert json.loads(first.body) == {"archived_at": None}
    assert json.loads(second.body) == {}
    assert first.path == "/v1/conversations/xgQQXg3hrtjh7AvZ"


def test_path_parameters_are_escaped(
    scripted: ScriptedServer, make_client: Callable[..., ApiClient]
) -> None:
    scripted.replies = [Reply(200, CONVERSATION)]
    make_client("t", base_url=scripted.base_url).conversations.get("../x?y")
    assert scripted.requests[0].path == "/v1/conversations/..%2Fx%3Fy"


def test_query_booleans_are_lower_case(
    scripted: ScriptedServer, make_client: Callable[..., ApiClient]
) -> None:
    scripted.replies = [Reply(200, {"has_more": False, "data": []})]
    make_client("t", base_url=scripted.base_url).conversations.list(muted=True, archived=False)
    assert scripted.requests[0].path == "/v1/conversations?muted=true&archived=false"


def test_async_client_has_the_same_surface(server: RunningServer, token: str) -> None:
    async def scenario() -> None:
        async with AsyncApiClient(token, base_url=server.base_url) as client:
            created = [await client.conversations.create(contact_id=CONTACT) for _ in range(5)]
            page = await client.conversations.list(limit=2)
            assert len(page.data) == 2 and page.has_more
            seen = [c.id async for c in page]
            assert sorted(seen) == sorted(c.id for c in created)
            assert [len(p.data) async for p in page.iter_pages()] == [2, 2, 1]
            first = created[0].id
            assert (await client.conversations.get(first)).id == first
            assert (await client.conversations.update(first, is_pinned=True)).is_pinned
            await client.conversations.delete(first)
            with pytest.raises(NotFoundError):
                await client.conversations.get(first)

    asyncio.run(scenario())


# -- retries and timeouts (scripted server) --------------------------------------------------


def test_idempotent_request_is_retried_after_503_honouring_retry_after(
    scripted: ScriptedServer, make_client: Callable[..., ApiClient]
) -> None:
    scripted.replies = [
        Reply(503, {"type": "api_error", "message": "busy"}, {"Retry-After": "0"}),
        Reply(200, CONVERSATION),
    ]
    client = make_client("t", base_url=scripted.base_url, max_retries=2)
    started = time.perf_counter()
    assert client.conversations.get("xgQQXg3hrtjh7AvZ").id == CONVERSATION["id"]
    assert len(scripted.requests) == 2
    assert time.perf_counter() - started < 0.4  # Retry-After: 0 beat the 0.5 s backoff


def test_429_is_retried_and_gives_up_after_max_retries(
    scripted: ScriptedServer, make_client: Callable[..., ApiClient]
) -> None:
    scripted.replies = [
        Reply(429, {"type": "api_error", "message": "slow down"}, {"Retry-After": "0"})
    ]
    client = make_client("t", base_url=scripted.base_url, max_retries=2)
    with pytest.raises(RateLimitError) as caught:
        client.conversations.list()
    assert caught.value.message == "slow down"
    assert len(scripted.requests) == 3  # one try and two retries


def test_a_create_is_retried_with_the_same_idempotency_key(
    scripted: ScriptedServer, make_client: Callable[..., ApiClient]
) -> None:
    scripted.replies = [
        Reply(503, {"type": "api_error", "message": "down"}),
        Reply(201, CONVERSATION),
    ]
    client = make_client("t", base_url=scripted.base_url)
    assert client.conversations.create(contact_id=CONTACT).id == CONVERSATION["id"]
    keys = [request.headers["Idempotency-Key"] for request in scripted.requests]
    assert len(keys) == 2 and keys[0] == keys[1] and len(keys[0]) == 36  # a UUID, reused
    client.conversations.create(contact_id=CONTACT, idempotency_key="mine")
    assert scripted.requests[-1].headers["Idempotency-Key"] == "mine"
    client.conversations.create(contact_id=CONTACT)
    assert scripted.requests[-1].headers["Idempotency-Key"] not in (keys[0], "mine")


def test_a_request_that_is_not_safe_to_repeat_is_sent_once(
    scripted: ScriptedServer, make_client: Callable[..., ApiClient]
) -> None:
    from protocol_api._base_client import Call
    from protocol_api.models import Conversation

    scripted.replies = [
        Reply(503, {"type": "api_error", "message": "down"}),
        Reply(200, CONVERSATION),
    ]
    client = make_client("t", base_url=scripted.base_url)
    with pytest.raises(InternalServerError) as caught:
        client.request(Call("POST", "/v1/conversations", body={}), Conversation)
    assert caught.value.status_code == 503 and caught.value.type == "api_error"
    assert len(scripted.requests) == 1


def test_timeout_raises_api_timeout_error(
    scripted: ScriptedServer, make_client: Callable[..., ApiClient]
) -> None:
    scripted.replies = [Reply(200, CONVERSATION, delay=1.0)]
    client = make_client("t", base_url=scripted.base_url, timeout=0.2, max_retries=0)
    with pytest.raises(APITimeoutError):
        client.conversations.get("xgQQXg3hrtjh7AvZ")


def test_connection_error_after_retries(
    scripted: ScriptedServer, make_client: Callable[..., ApiClient]
) -> None:
    base_url = scripted.base_url
    scripted.close()  # nothing listens on that port any more
    client = make_client("t", base_url=base_url, max_retries=1)
    with pytest.raises(APIConnectionError) as caught:
        client.conversations.list()
    assert not isinstance(caught.value, APITimeoutError)
    scripted.httpd = _Closed()  # type: ignore[assignment]


class _Closed:
    def shutdown(self) -> None: ...
    def server_close(self) -> None: ...


def test_attributes_a_newer_server_adds_are_kept_and_wrong_types_reported(
    scripted: ScriptedServer, make_client: Callable[..., ApiClient]
) -> None:
    scripted.replies = [
        Reply(200, {**CONVERSATION, "surprise": {"nested": [1]}}),
        Reply(200, {**CONVERSATION, "is_muted": "perhaps"}),
    ]
    client = make_client("t", base_url=scripted.base_url)
    conversation = client.conversations.get("xgQQXg3hrtjh7AvZ")
    assert conversation.model_extra == {"surprise": {"nested": [1]}}
    assert conversation.surprise == {"nested": [1]}  # type: ignore[attr-defined]
    assert conversation.model_dump()["surprise"] == {"nested": [1]}
    with pytest.raises(APIResponseValidationError, match="is_muted"):
        client.conversations.get("xgQQXg3hrtjh7AvZ")


def test_enum_values_a_newer_server_adds_are_kept_as_strings() -> None:
    from protocol_api import ConversationEvent, ConversationEventType, Error, ErrorType

    known = Error.model_validate_json('{"type": "api_error", "message": "m"}')
    assert known.type is ErrorType.api_error
    newer = Error.model_validate_json('{"type": "rate_limited", "message": "m", "retry": 3}')
    assert newer.type == "rate_limited" and not isinstance(newer.type, ErrorType)
    assert newer.model_extra == {"retry": 3}
    event = ConversationEvent.model_validate(
        {"id": "evT4mQ9xLp2ZrW8k", "type": "conversation.archived", "payload": CONVERSATION}
    )
    assert event.type == "conversation.archived"
    assert ConversationEventType.conversation_created == "conversation.created"


def test_request_models_stay_strict() -> None:
    from pydantic import ValidationError

    from protocol_api import ConversationUpdate

    with pytest.raises(ValidationError):
        ConversationUpdate.model_validate({"is_muted": True, "is_starred": True})


def test_retry_delay_prefers_retry_after_then_backs_off() -> None:
    def response(**headers: str) -> httpx.Response:
        return httpx.Response(503, headers=headers)

    assert retry_delay(0, response(**{"Retry-After": "2"})) == 2.0
    in_three = email.utils.formatdate(time.time() + 3, usegmt=True)
    assert 1.5 < retry_delay(0, response(**{"Retry-After": in_three})) <= 3.0
    assert retry_delay(0, response(**{"Retry-After": "3600"})) is None  # too long: no retry
    assert 0.375 <= retry_delay(0, None) <= 0.5
    assert 0.75 <= retry_delay(1, response()) <= 1.0
    assert retry_delay(10, None) <= 8.0


def test_raw_responses_give_status_headers_and_the_parsed_result(client: ApiClient) -> None:
    raw = client.conversations.with_raw_response.create(contact_id=CONTACT)
    assert raw.status_code == 201
    assert raw.headers["location"] == f"/v1/conversations/{raw.parse().id}"
    created = raw.parse()
    assert isinstance(created, Conversation) and raw.parse() is created  # parsed once
    got = client.conversations.with_raw_response.get(created.id)
    assert (got.status_code, got.parse()) == (200, created)
    page = client.conversations.with_raw_response.list(limit=1)
    assert page.headers["content-type"] == "application/json"
    assert [c.id for c in page.parse().data] == [created.id]
    deleted = client.conversations.with_raw_response.delete(created.id)
    assert (deleted.status_code, deleted.parse()) == (204, None)
    with pytest.raises(NotFoundError):  # errors are raised, raw or not
        client.conversations.with_raw_response.get(created.id)


def test_async_raw_responses(server: RunningServer, token: str) -> None:
    async def run() -> tuple[int, str]:
        async with AsyncApiClient(token, base_url=server.base_url) as client:
            raw = await client.conversations.with_raw_response.create(group_id="Gx5cQ1vL2mZ9kT3R")
            created = raw.parse()
            await client.conversations.delete(created.id)
            return raw.status_code, created.group_id or ""

    assert asyncio.run(run()) == (201, "Gx5cQ1vL2mZ9kT3R")


def test_per_call_options_and_with_options(
    scripted: ScriptedServer, make_client: Callable[..., ApiClient]
) -> None:
    scripted.replies = [Reply(503, {"type": "api_error", "message": "down"})]
    client = make_client("t", base_url=scripted.base_url, max_retries=2)
    with pytest.raises(InternalServerError):
        client.conversations.get("xgQQXg3hrtjh7AvZ", max_retries=0, extra_headers={"X-Trace": "1"})
    assert len(scripted.requests) == 1
    assert scripted.requests[0].headers["X-Trace"] == "1"
    assert scripted.requests[0].headers["Authorization"] == "Bearer t"
    quiet = client.with_options(max_retries=0, timeout=3)
    assert (quiet.max_retries, quiet.timeout, client.max_retries) == (0, 3, 2)
    with pytest.raises(InternalServerError):
        quiet.conversations.get("xgQQXg3hrtjh7AvZ")
    assert len(scripted.requests) == 2  # no retry for the copy
    scripted.replies = [Reply(200, CONVERSATION, delay=1.0)]
    with pytest.raises(APITimeoutError):
        client.conversations.get("xgQQXg3hrtjh7AvZ", timeout=0.2, max_retries=0)


def test_pages_walk_backward_from_ending_before(client: ApiClient) -> None:
    made = [client.conversations.create(contact_id=CONTACT).id for _ in range(5)]
    newest_first = [c.id for c in client.conversations.list(limit=100)]
    assert sorted(newest_first) == sorted(made)
    oldest = newest_first[-1]
    backward = client.conversations.list(limit=2, ending_before=oldest)
    pages = [[c.id for c in page.data] for page in backward.iter_pages()]
    assert pages == [newest_first[2:4], newest_first[0:2]]
    assert [c.id for c in client.conversations.list(limit=2, ending_before=oldest)] == [
        *newest_first[2:4],
        *newest_first[0:2],
    ]
