"""Listing: order, filters, limit and cursor pagination in both directions."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from protocol_server.harness import RunningServer

from .helpers import GROUP, assert_error, create, unused_token, update

OTHER_GROUP = "Hy6dR2wM3nA0lU4S"


def list_page(client: httpx.Client, **params: Any) -> tuple[list[str], bool]:
    response = client.get("/v1/conversations", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"has_more", "data"}
    return [conversation["id"] for conversation in body["data"]], body["has_more"]


def newest_first(conversations: list[dict[str, Any]]) -> list[str]:
    ordered = sorted(conversations, key=lambda c: (c["created_at"], c["id"]), reverse=True)
    return [conversation["id"] for conversation in ordered]


@pytest.fixture(scope="module")
def seven_client(server: RunningServer) -> Iterator[httpx.Client]:
    """An account holding seven conversations over two seconds: ties on created_at, and
    distinct seconds too. Shared by the tests that only read it (the setup sleeps ~1 s)."""
    with httpx.Client(
        base_url=server.base_url, headers={"Authorization": f"Bearer {unused_token()}"}
    ) as client:
        yield client


@pytest.fixture(scope="module")
def seven_ids(seven_client: httpx.Client) -> list[str]:
    first = [create(seven_client) for _ in range(4)]
    time.sleep(1.0 - time.time() % 1.0 + 0.01)  # into the next second
    second = [create(seven_client) for _ in range(3)]
    everything = first + second
    seconds = [c["created_at"] for c in everything]
    assert len(set(seconds)) >= 2 and len(set(seconds)) < len(seconds)
    return newest_first(everything)


@pytest.fixture
def client_and_seven(
    seven_client: httpx.Client, seven_ids: list[str]
) -> tuple[httpx.Client, list[str]]:
    return seven_client, seven_ids


def test_list_is_newest_first_with_id_descending_among_ties(
    client_and_seven: tuple[httpx.Client, list[str]],
) -> None:
    client, seven = client_and_seven
    assert list_page(client) == (seven, False)


def test_walk_forward_with_limit_2(client_and_seven: tuple[httpx.Client, list[str]]) -> None:
    client, seven = client_and_seven
    pages = []
    ids, has_more = list_page(client, limit=2)
    pages.append((ids, has_more))
    while has_more:
        ids, has_more = list_page(client, limit=2, starting_after=ids[-1])
        pages.append((ids, has_more))

    assert pages == [
        (seven[0:2], True),
        (seven[2:4], True),
        (seven[4:6], True),
        (seven[6:7], False),
    ]


def test_walk_back_with_limit_2(client_and_seven: tuple[httpx.Client, list[str]]) -> None:
    client, seven = client_and_seven
    pages = []
    ids, has_more = list_page(client, limit=2, starting_after=seven[5])
    assert (ids, has_more) == (seven[6:7], False)
    while True:
        ids, has_more = list_page(client, limit=2, ending_before=ids[0])
        pages.append((ids, has_more))
        if not has_more:
            break

    assert pages == [(seven[4:6], True), (seven[2:4], True), (seven[0:2], False)]


def test_has_more_is_exact_at_the_edges(client_and_seven: tuple[httpx.Client, list[str]]) -> None:
    client, seven = client_and_seven
    assert list_page(client, limit=7) == (seven, False)
    assert list_page(client, limit=6) == (seven[:6], True)
    assert list_page(client, limit=3, starting_after=seven[3]) == (seven[4:7], False)
    assert list_page(client, limit=2, starting_after=seven[3]) == (seven[4:6], True)
    assert list_page(client, limit=3, ending_before=seven[3]) == (seven[0:3], False)
    assert list_page(client, limit=2, ending_before=seven[3]) == (seven[1:3], True)
    assert list_page(client, starting_after=seven[6]) == ([], False)
    assert list_page(client, ending_before=seven[0]) == ([], False)


def test_limit_defaults_to_10_and_goes_up_to_100(client: httpx.Client) -> None:
    created = newest_first([create(client) for _ in range(12)])

    assert list_page(client) == (created[:10], True)
    assert list_page(client, limit=100) == (created, False)
    assert list_page(client, limit=1) == (created[:1], True)
    assert list_page(client, limit="3.0") == (created[:3], True)  # an integer, as in JSON


@pytest.mark.parametrize("limit", ["0", "101", "-1", "2.5", "2.5e-42", "abc", "", "1e1", " 5"])
def test_bad_limits_are_400(client: httpx.Client, limit: str) -> None:
    response = client.get("/v1/conversations", params={"limit": limit})

    assert_error(response, 400, f"limit: must be an integer from 1 to 100, got {limit!r}")


@pytest.fixture
def varied(client: httpx.Client) -> dict[str, dict[str, Any]]:
    """One conversation per interesting state, by name."""
    plain = create(client)
    muted = create(client)
    update(client, muted["id"], is_muted=True)
    pinned = create(client)
    update(client, pinned["id"], is_pinned=True)
    archived = create(client)
    update(client, archived["id"], archived_at=705200000)
    grouped = create(client, group_id=GROUP)
    other_group = create(client, group_id=OTHER_GROUP)
    conversations = {
        "plain": plain,
        "muted": muted,
        "pinned": pinned,
        "archived": archived,
        "grouped": grouped,
        "other_group": other_group,
    }
    return {
        name: client.get(f"/v1/conversations/{c['id']}").json() for name, c in conversations.items()
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"muted": "true"}, {"muted"}),
        ({"muted": "false"}, {"plain", "pinned", "archived", "grouped", "other_group"}),
        ({"pinned": "true"}, {"pinned"}),
        ({"pinned": "false"}, {"plain", "muted", "archived", "grouped", "other_group"}),
        ({"archived": "true"}, {"archived"}),
        ({"archived": "false"}, {"plain", "muted", "pinned", "grouped", "other_group"}),
        ({"group_id": GROUP}, {"grouped"}),
        ({"group_id": "Zz9zZz9zZz9zZz9z"}, set()),
        (
            {"muted": "false", "archived": "false", "pinned": "false"},
            {"plain", "grouped", "other_group"},
        ),
        ({}, {"plain", "muted", "pinned", "archived", "grouped", "other_group"}),
    ],
)
def test_filters(
    client: httpx.Client,
    varied: dict[str, dict[str, Any]],
    params: dict[str, str],
    expected: set[str],
) -> None:
    ids, has_more = list_page(client, **params)

    wanted = [c for name, c in varied.items() if name in expected]
    assert ids == newest_first(wanted)
    assert has_more is False


def test_filters_combine_with_pagination(client: httpx.Client) -> None:
    muted = []
    for n in range(5):
        conversation = create(client)
        if n % 2 == 0:
            muted.append(update(client, conversation["id"], is_muted=True))
    expected = newest_first(muted)

    first, more = list_page(client, muted="true", limit=2)
    second, more_after = list_page(client, muted="true", limit=2, starting_after=first[-1])

    assert (first, more) == (expected[:2], True)
    assert (second, more_after) == (expected[2:], False)


@pytest.mark.parametrize("name", ["muted", "archived", "pinned"])
@pytest.mark.parametrize("value", ["1", "0", "yes", "True", "", "null"])
def test_bad_boolean_filters_are_400(client: httpx.Client, name: str, value: str) -> None:
    response = client.get("/v1/conversations", params={name: value})

    assert_error(response, 400, f"{name}: must be true or false, got {value!r}")


def test_bad_group_id_is_400(client: httpx.Client) -> None:
    response = client.get("/v1/conversations", params={"group_id": "nope"})

    assert_error(response, 400, "group_id: must be an id of 16 letters and digits")


def test_both_cursors_are_400(client: httpx.Client) -> None:
    one, two = create(client), create(client)
    params = {"starting_after": one["id"], "ending_before": two["id"]}

    assert_error(client.get("/v1/conversations", params=params), 400, "not both")


@pytest.mark.parametrize("cursor", ["starting_after", "ending_before"])
def test_unknown_cursor_is_400(client: httpx.Client, cursor: str) -> None:
    create(client)

    unknown = client.get("/v1/conversations", params={cursor: "xgQQXg3hrtjh7AvZ"})
    assert_error(unknown, 400, cursor, "'xgQQXg3hrtjh7AvZ'")
    malformed = client.get("/v1/conversations", params={cursor: "short"})
    assert_error(malformed, 400, cursor, "16 letters and digits")


def test_a_deleted_conversation_is_no_cursor(client: httpx.Client) -> None:
    gone = create(client)
    create(client)
    client.delete(f"/v1/conversations/{gone['id']}")

    response = client.get("/v1/conversations", params={"starting_after": gone["id"]})

    assert_error(response, 400, "starting_after")


def test_a_cursor_must_match_the_filters(client: httpx.Client) -> None:
    unmuted = create(client)
    update(client, create(client)["id"], is_muted=True)

    response = client.get(
        "/v1/conversations", params={"muted": "true", "starting_after": unmuted["id"]}
    )

    assert_error(response, 400, "starting_after", "filters")
    assert list_page(client, muted="false", starting_after=unmuted["id"]) == ([], False)


def test_unknown_and_repeated_query_parameters_are_400(client: httpx.Client) -> None:
    assert_error(client.get("/v1/conversations?page=2"), 400, "Unknown query parameter 'page'")
    assert_error(client.get("/v1/conversations?limit=1&limit=2"), 400, "'limit'", "more than once")
    assert_error(client.get("/v1/conversations?limit"), 400, "malformed")
    assert_error(client.get("/v1/conversations?group_id=%ff"), 400, "UTF-8")
