"""Data survives restarts and SIGKILL; concurrent writers lose nothing."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import httpx

from protocol_server.harness import RunningServer, running_server, start_server

from .helpers import CONTACT, GROUP

TOKENS = ("durable-a", "durable-b")


def client_for(server: RunningServer, token: str = TOKENS[0]) -> httpx.Client:
    return httpx.Client(
        base_url=server.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )


def all_conversations(client: httpx.Client) -> list[dict[str, Any]]:
    conversations: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 100}
    while True:
        body = client.get("/v1/conversations", params=params).json()
        conversations += body["data"]
        if not body["has_more"]:
            return conversations
        params["starting_after"] = body["data"][-1]["id"]


def test_data_survives_a_restart(tmp_path: Path) -> None:
    db_path = str(tmp_path / "protocol.sqlite3")
    with running_server(tokens=TOKENS, db_path=db_path) as server, client_for(server) as client:
        kept = client.post("/v1/conversations", json={"contact_id": CONTACT}).json()
        changed = client.put(
            f"/v1/conversations/{kept['id']}", json={"is_muted": True, "archived_at": 7}
        ).json()
        gone = client.post("/v1/conversations", json={"group_id": GROUP}).json()
        assert client.delete(f"/v1/conversations/{gone['id']}").status_code == 204

    with running_server(tokens=TOKENS, db_path=db_path) as server, client_for(server) as client:
        assert client.get(f"/v1/conversations/{kept['id']}").json() == changed
        assert client.get(f"/v1/conversations/{gone['id']}").status_code == 404
        assert all_conversations(client) == [changed]
        with client_for(server, TOKENS[1]) as other:
            assert all_conversations(other) == []


def test_every_acknowledged_write_survives_sigkill(tmp_path: Path) -> None:
    """Writers run flat out; the server is SIGKILLed mid-stream; every write that got its
    response before the kill is there after a restart."""
    db_path = str(tmp_path / "protocol.sqlite3")
    server = start_server(tokens=TOKENS, db_path=db_path)
    created: list[list[str]] = [[] for _ in range(8)]
    last_archived_at: dict[str, int] = {}
    enough = threading.Barrier(9)

    def write(slot: int) -> None:
        with client_for(server) as client:
            mine = client.post("/v1/conversations", json={"contact_id": CONTACT}).json()["id"]
            created[slot].append(mine)
            n = 0
            try:
                while True:
                    n += 1
                    response = client.post("/v1/conversations", json={"group_id": GROUP})
                    assert response.status_code == 201
                    created[slot].append(response.json()["id"])
                    response = client.put(f"/v1/conversations/{mine}", json={"archived_at": n})
                    assert response.status_code == 200
                    last_archived_at[mine] = n
                    if n == 10:
                        enough.wait()
            except httpx.TransportError:
                return  # the server is gone; whatever was acknowledged is recorded

    threads = [threading.Thread(target=write, args=(slot,)) for slot in range(8)]
    for thread in threads:
        thread.start()
    enough.wait(timeout=30)  # every writer has been acknowledged at least 10 times
    server.kill()
    for thread in threads:
        thread.join(timeout=30)

    acknowledged = {cid for ids in created for cid in ids}
    assert len(acknowledged) >= 8 * 11
    with (
        running_server(tokens=TOKENS, db_path=db_path) as restarted,
        client_for(restarted) as client,
    ):
        stored = {c["id"]: c for c in all_conversations(client)}
    assert acknowledged <= set(stored)
    for conversation_id, n in last_archived_at.items():
        # The update in flight at the kill may or may not have committed; none is lost.
        assert stored[conversation_id]["archived_at"] in (n, n + 1)


def test_concurrent_writers_lose_nothing(server_for_concurrency: RunningServer) -> None:
    server = server_for_concurrency
    with client_for(server) as client:
        shared = client.post("/v1/conversations", json={"contact_id": CONTACT}).json()["id"]
    statuses: list[int] = []
    created: list[str] = []
    lock = threading.Lock()
    # Each thread owns one attribute of the shared conversation: partial updates from
    # different threads must never overwrite each other's attribute.
    own_change = [
        lambda n: {"is_muted": n % 2 == 0},
        lambda n: {"is_pinned": n % 2 == 0},
        lambda n: {"archived_at": n},
        lambda n: {"pinned_message_id": f"msg{n:013d}"},
    ]
    rounds = 12

    def work(thread: int) -> None:
        token = TOKENS[0] if thread < 8 else TOKENS[1]  # threads 0-3 update alice's row
        with client_for(server, token) as client:
            for n in range(1, rounds + 1):
                response = client.post("/v1/conversations", json={"contact_id": CONTACT})
                with lock:
                    statuses.append(response.status_code)
                    if response.status_code == 201:
                        created.append(response.json()["id"])
                if thread < len(own_change):
                    change = own_change[thread](n)
                    response = client.put(f"/v1/conversations/{shared}", json=change)
                    with lock:
                        statuses.append(response.status_code)
                response = client.get("/v1/conversations", params={"limit": 5})
                with lock:
                    statuses.append(response.status_code)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert all(status in (200, 201) for status in statuses), sorted(set(statuses))
    assert len(created) == len(set(created)) == 16 * rounds
    with client_for(server, TOKENS[0]) as alice, client_for(server, TOKENS[1]) as bob:
        alices = {c["id"] for c in all_conversations(alice)}
        bobs = {c["id"] for c in all_conversations(bob)}
        final = alice.get(f"/v1/conversations/{shared}").json()
    assert len(alices) == 8 * rounds + 1 and len(bobs) == 8 * rounds
    assert alices | bobs == set(created) | {shared}
    last = rounds
    assert final["is_muted"] == (last % 2 == 0)
    assert final["is_pinned"] == (last % 2 == 0)
    assert final["archived_at"] == last
    assert final["pinned_message_id"] == f"msg{last:013d}"
