"""The engine filters by array membership (`match: contains`) and time windows (`match: since`
/ `before`), read from the model: tests/fixtures/specs/features/filters_membership_and_windows.yaml,
served by a real server process."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from protocol_server.harness import RunningServer, running_server
from protocol_spec import PROJECT_ROOT

SPEC = (
    PROJECT_ROOT
    / "tests"
    / "fixtures"
    / "specs"
    / "features"
    / "filters_membership_and_windows.yaml"
)
TOKENS = ("kinds-a", "kinds-b", "kinds-c")


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    with running_server(tokens=TOKENS, env={"PROTOCOL_SPEC": str(SPEC)}) as running:
        yield running


def client(server: RunningServer, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=server.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=10
    )


def made(api: httpx.Client, path: str, **attributes: Any) -> dict[str, Any]:
    response = api.post(path, json=attributes)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def names(api: httpx.Client, **params: Any) -> list[str]:
    response = api.get("/v1/events", params={"limit": 50, **params})
    assert response.status_code == 200, response.text
    return sorted(e["name"] for e in response.json()["data"])


def test_contains_keeps_the_arrays_holding_the_value(server: RunningServer) -> None:
    with client(server, "kinds-a") as api:
        red, blue = made(api, "/v1/teams", name="red"), made(api, "/v1/teams", name="blue")
        at = "2026-01-01T00:00:00Z"
        made(api, "/v1/events", name="a", happened_at=at, tags=["x", "y"], team_ids=[red["id"]])
        made(
            api,
            "/v1/events",
            name="b",
            happened_at=at,
            tags=["y"],
            team_ids=[red["id"], blue["id"]],
        )
        made(api, "/v1/events", name="c", happened_at=at)
        assert names(api, tag="x") == ["a"]
        assert names(api, tag="y") == ["a", "b"]
        assert names(api, tag="X") == [] and names(api, tag="") == []  # exact, as equals is
        assert names(api, team_id=red["id"]) == ["a", "b"]
        assert names(api, team_id=blue["id"]) == ["b"]
        assert names(api, tag="y", team_id=blue["id"]) == ["b"]


def test_a_window_keeps_since_and_leaves_out_before(server: RunningServer) -> None:
    with client(server, "kinds-b") as api:
        made(api, "/v1/events", name="early", happened_at="2026-03-01T11:30:00Z")
        # The boundary, written at +01:00: the same instant as 12:00:00Z.
        made(api, "/v1/events", name="edge", happened_at="2026-03-01T13:00:00+01:00")
        made(api, "/v1/events", name="late", happened_at="2026-03-01T12:30:00z")
        boundary = "2026-03-01T12:00:00Z"
        assert names(api, happened_since=boundary) == ["edge", "late"]
        assert names(api, happened_before=boundary) == ["early"]
        # Text comparison would put 13:00+01:00 after 12:30Z: instants do not.
        assert names(api, happened_since="2026-03-01T12:30:00Z") == ["late"]
        assert names(api, happened_before="2026-03-01T13:30:00+01:00") == ["early", "edge"]
        window = {
            "happened_since": "2026-03-01T11:30:00Z",
            "happened_before": "2026-03-01T12:30:00Z",
        }
        assert names(api, **window) == ["early", "edge"]  # [since, before)
        refused = api.get("/v1/events", params={"happened_since": "yesterday"})
        assert refused.status_code == 400, refused.text
        assert "happened_since" in refused.json()["message"]


def test_a_window_on_numbers_leaves_null_out(server: RunningServer) -> None:
    with client(server, "kinds-c") as api:
        at = "2026-01-01T00:00:00Z"
        for name, score in (("low", 5), ("mid", 10), ("none", None)):
            event = made(api, "/v1/events", name=name, happened_at=at)
            if score is not None:
                updated = api.patch(f"/v1/events/{event['id']}", json={"score": score})
                assert updated.status_code == 200, updated.text
        assert names(api, min_score=10) == ["mid"]
        assert names(api, min_score=6) == ["mid"]
        assert names(api, min_score=0) == ["low", "mid"]  # null is in no window
        created = api.get("/v1/events", params={"limit": 1}).json()["data"][0]["created_at"]
        assert names(api, created_since=created + 1) == []
        assert names(api, created_since=created - 3600) == ["low", "mid", "none"]
