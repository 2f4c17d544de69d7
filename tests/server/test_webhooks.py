"""The reference server delivers webhooks: an event per change, written with the change (an
outbox), in order per object, signed, retried with the same id on the configured schedule,
resumed after SIGKILL, to the account's receivers only, never slowing the API."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import socket
import sqlite3
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from protocol_conformance.receiver import Delivery, Receiver
from protocol_conformance.signatures import problem
from protocol_server.deliveries import KEEP_DELIVERED_SECONDS
from protocol_server.harness import RunningServer, running_server, start_server
from protocol_server.outbox import DELIVERIES_TABLE, OUTBOX_TABLE, Outbox
from protocol_server.plan import plan
from protocol_server.store import Store
from protocol_server.webhook_config import WebhookConfig, WebhookConfigError
from protocol_spec import load_api

from .helpers import CONVERSATIONS_SPEC, create, update

SECRET = "webhook-test-secret"
TOKENS = ("hook-a", "hook-b")
API = load_api(CONVERSATIONS_SPEC)
EVENTS = {(e.resource, e.action): e for e in API.webhook_events}
WAIT = 10.0


def env_for(*receivers: str, retry: str = "0.2,0.4,0.8", **extra: str) -> dict[str, str]:
    return {
        "PROTOCOL_WEBHOOKS": ",".join(receivers),
        "PROTOCOL_WEBHOOK_SECRET": SECRET,
        "PROTOCOL_WEBHOOK_RETRY": retry,
        **extra,
    }


_clients: list[httpx.Client] = []


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    yield
    while _clients:
        _clients.pop().close()


def client_for(server: RunningServer, token: str = TOKENS[0]) -> httpx.Client:
    client = httpx.Client(
        base_url=server.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    _clients.append(client)
    return client


def body(delivery: Delivery) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(delivery.body)
    return parsed


def arrived(receiver: Receiver, count: int) -> list[Delivery]:
    assert receiver.wait_for(lambda found: len(found) >= count, WAIT), receiver.deliveries()
    return receiver.deliveries()


def test_every_change_is_delivered_in_order_signed_with_its_object(tmp_path: Path) -> None:
    with Receiver() as receiver, running_server(tokens=TOKENS, env=env_for(receiver.url)) as server:
        client = client_for(server)
        sent: list[float] = []
        sent.append(time.time())
        created = create(client)
        sent.append(time.time())
        first = update(client, created["id"], is_muted=True)
        sent.append(time.time())
        second = update(client, created["id"], is_pinned=True)
        sent.append(time.time())
        assert client.delete(f"/v1/conversations/{created['id']}").status_code == 204
        got = arrived(receiver, 4)
    kinds = [EVENTS["conversations", a] for a in ("created", "updated", "updated", "deleted")]
    assert [body(d)["type"] for d in got] == [e.type for e in kinds]
    payloads = [body(d)[e.payload] for d, e in zip(got, kinds, strict=True)]
    assert payloads == [created, first, second, second]  # a delete reports the object as it was
    assert len({body(d)["id"] for d in got}) == 4
    for delivery in got:
        wanted = hmac.new(SECRET.encode(), delivery.body, hashlib.sha256).hexdigest()
        assert delivery.headers["x-protocol-signature"] == wanted
        assert delivery.status == 204
    latencies = [d.received_at - t for d, t in zip(got, sent, strict=True)]
    print(f"delivery latency: {[round(x * 1000, 1) for x in latencies]} ms")


def test_a_refused_delivery_comes_again_with_the_same_id_on_the_schedule() -> None:
    with (
        Receiver() as receiver,
        running_server(tokens=TOKENS, env=env_for(receiver.url, retry="0.3,0.6,1.2")) as server,
    ):
        receiver.refuse(3)
        create(client_for(server))
        got = arrived(receiver, 4)
    assert [d.status for d in got] == [500, 500, 500, 204]
    assert len({d.body for d in got}) == 1  # the same bytes, so the same event id
    gaps = [later.received_at - earlier.received_at for earlier, later in itertools.pairwise(got)]
    print(f"redelivery gaps: {[round(g, 3) for g in gaps]} s (schedule 0.3, 0.6, 1.2)")
    for gap, delay in zip(gaps, (0.3, 0.6, 1.2), strict=True):
        assert gap >= delay - 0.05, gaps  # never sooner than the schedule says


def test_abandons_after_the_last_retry(tmp_path: Path) -> None:
    with (
        Receiver() as receiver,
        running_server(tokens=TOKENS, env=env_for(receiver.url, retry="0.1")) as server,
    ):
        receiver.refuse(100)
        create(client_for(server))
        arrived(receiver, 2)
        time.sleep(0.6)  # room for a third attempt that must not come
        assert len(receiver.deliveries()) == 2


def delivered_after_kill(db: Path, lose_pending: bool = False) -> tuple[bool, str]:
    """Create while the receiver refuses, SIGKILL the server, start it again on the same
    database with the receiver accepting: (the refused event arrived, why not). With
    `lose_pending`, the pending deliveries are wiped in between: a server that kept them in
    memory, the broken variant this must catch."""
    with Receiver() as receiver:
        env = env_for(receiver.url, retry=",".join(["0.3"] * 50))
        receiver.refuse(10_000)
        server = start_server(tokens=TOKENS, db_path=str(db), env=env)
        try:
            created = create(client_for(server))
            arrived(receiver, 1)
        finally:
            server.kill()
        if lose_pending:
            with sqlite3.connect(db) as wiped:
                wiped.execute(f"DELETE FROM {DELIVERIES_TABLE} WHERE status = 0")
        refused = receiver.deliveries()
        receiver.refuse(0)
        with running_server(tokens=TOKENS, db_path=str(db), env=env):
            receiver.wait_for(lambda found: found[-1].status == 204, 3.0)
        delivered = [d for d in receiver.deliveries() if d.status == 204]
    if len(delivered) != 1:
        return False, f"{len(delivered)} deliveries after the restart"
    if delivered[0].body != refused[0].body or body(delivered[0])["payload"] != created:
        return False, "another event arrived after the restart"
    return True, ""


def test_pending_deliveries_resume_after_sigkill(tmp_path: Path) -> None:
    assert delivered_after_kill(tmp_path / "db.sqlite3") == (True, "")


def test_an_event_lost_across_a_restart_is_caught(tmp_path: Path) -> None:
    assert delivered_after_kill(tmp_path / "db.sqlite3", lose_pending=True)[0] is False


def test_an_accounts_events_go_only_to_its_receivers() -> None:
    with Receiver() as mine, Receiver() as theirs, Receiver() as everyone:
        receivers = (f"{TOKENS[0]}={mine.url}", f"{TOKENS[1]}={theirs.url}", everyone.url)
        with running_server(tokens=TOKENS, env=env_for(*receivers)) as server:
            own = create(client_for(server, TOKENS[0]))
            other = create(client_for(server, TOKENS[1]))
            arrived(everyone, 2)
            arrived(mine, 1)
            arrived(theirs, 1)
            time.sleep(0.3)  # a stray delivery would have come by now
        assert [body(d)["payload"]["id"] for d in mine.deliveries()] == [own["id"]]
        assert [body(d)["payload"]["id"] for d in theirs.deliveries()] == [other["id"]]


def test_a_hanging_receiver_does_not_slow_the_api() -> None:
    # A socket that accepts connections (the kernel's backlog) and never answers.
    with socket.socket() as hanging:
        hanging.bind(("127.0.0.1", 0))
        hanging.listen(64)
        url = f"http://127.0.0.1:{hanging.getsockname()[1]}/"
        timeout = 5.0
        env = env_for(url, PROTOCOL_WEBHOOK_TIMEOUT=str(timeout))
        with running_server(tokens=TOKENS, env=env) as server:
            client = client_for(server)
            started = time.monotonic()
            for _ in range(10):
                create(client)
            elapsed = time.monotonic() - started
    # Waiting on one attempt would have taken its whole timeout.
    assert elapsed < timeout, elapsed


def test_standard_webhooks_deliveries_verify(standard_spec: Path) -> None:
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    env = env_for("", PROTOCOL_SPEC=str(standard_spec))
    env["PROTOCOL_WEBHOOK_SECRET"] = secret
    signing = load_api(standard_spec).webhook_signing
    assert signing is not None and signing.scheme == "standard-webhooks"
    with Receiver() as receiver:
        env["PROTOCOL_WEBHOOKS"] = receiver.url
        with running_server(tokens=TOKENS, env=env) as server:
            created = create(client_for(server))
            (delivery,) = arrived(receiver, 1)
    assert problem(signing, secret, delivery.headers, delivery.body, time.time()) is None
    assert delivery.headers["webhook-id"] == body(delivery)["id"]
    assert body(delivery)["payload"] == created


def test_receivers_are_checked_at_start_up() -> None:
    with pytest.raises(WebhookConfigError, match="not one of PROTOCOL_API_TOKENS"):
        WebhookConfig.from_env({"PROTOCOL_WEBHOOKS": "nobody=http://x/"}, TOKENS)
    with pytest.raises(WebhookConfigError, match="is not a receiver"):
        WebhookConfig.from_env({"PROTOCOL_WEBHOOKS": "ftp://x/"}, TOKENS)
    with pytest.raises(WebhookConfigError, match="PROTOCOL_WEBHOOK_RETRY"):
        WebhookConfig.from_env({"PROTOCOL_WEBHOOK_RETRY": "1,soon"}, TOKENS)
    config = WebhookConfig.from_env(
        {"PROTOCOL_WEBHOOKS": f"http://all/, {TOKENS[1]}=http://b/?x=1"}, TOKENS
    )
    assert [(r.url, r.token) for r in config.receivers] == [
        ("http://all/", None),
        ("http://b/?x=1", TOKENS[1]),
    ]


def test_a_server_with_receivers_and_no_secret_does_not_start() -> None:
    from protocol_server.harness import ServerStartError

    with pytest.raises(ServerStartError, match="PROTOCOL_WEBHOOK_SECRET is not"):
        start_server(tokens=TOKENS, env={"PROTOCOL_WEBHOOKS": "http://127.0.0.1:9/"})


def test_latency_figures() -> None:
    """Change-to-receipt latency over 50 creates (printed for the report, bounded loosely)."""
    with Receiver() as receiver, running_server(tokens=TOKENS, env=env_for(receiver.url)) as server:
        client = client_for(server)
        sent: dict[str, float] = {}
        for _ in range(50):
            started = time.time()
            sent[create(client)["id"]] = started
        got = arrived(receiver, 50)
    latencies = sorted(d.received_at - sent[body(d)["payload"]["id"]] for d in got)
    median, p99 = statistics.median(latencies), latencies[int(0.99 * (len(latencies) - 1))]
    print(f"latency over 50: median {median * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
    assert p99 < WAIT


def test_delivered_events_are_pruned_after_the_keep_window(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    with Receiver() as receiver:
        env = env_for(receiver.url)
        with running_server(tokens=TOKENS, db_path=str(db), env=env) as server:
            create(client_for(server))
            create(client_for(server))
            arrived(receiver, 2)
        receiver.refuse(10_000)
        with running_server(tokens=TOKENS, db_path=str(db), env=env) as server:
            create(client_for(server))  # pending: refused, retried
            arrived(receiver, 3)
        aged = time.time() - KEEP_DELIVERED_SECONDS - 60
        with sqlite3.connect(db) as database:
            database.execute(f"UPDATE {DELIVERIES_TABLE} SET due = ? WHERE status = 1", (aged,))
            database.execute(f"UPDATE {OUTBOX_TABLE} SET created_at = ?", (aged,))
        with running_server(tokens=TOKENS, db_path=str(db), env=env):
            time.sleep(0.5)  # the deliverer prunes as it starts
        with sqlite3.connect(db) as database:
            kept = database.execute(f"SELECT status FROM {DELIVERIES_TABLE}").fetchall()
            events = database.execute(f"SELECT COUNT(*) FROM {OUTBOX_TABLE}").fetchone()[0]
    assert kept == [(0,)] and events == 1  # the pending one stays


def test_objects_created_alongside_and_cascaded_deletes_are_delivered_too() -> None:
    """A contact comes with its conversation, and deleting it deletes that conversation (the
    whole API's relations): each object's own event is delivered, and no `updated` event of the
    contact comes before its `created`."""
    whole_api = str(Path(__file__).parents[1] / "fixtures" / "specs" / "whole_api.yaml")
    env = env_for(f"{TOKENS[0]}={{url}}", PROTOCOL_SPEC=whole_api)
    with Receiver() as receiver:
        env["PROTOCOL_WEBHOOKS"] = env["PROTOCOL_WEBHOOKS"].replace("{url}", receiver.url)
        with running_server(tokens=TOKENS, env=env) as server:
            client = client_for(server)
            answer = client.post(
                "/v1/contacts", data={"username": "KevinMcCallister", "phone_number": "1-800"}
            )
            assert answer.status_code == 201, answer.text
            contact = answer.json()
            assert client.delete(f"/v1/contacts/{contact['id']}").status_code == 204
            got = [body(d) for d in arrived(receiver, 4)]
    seen = [(event["type"], event["payload"]["id"]) for event in got]
    conversation = contact["conversation_id"]
    assert sorted(seen) == sorted(
        [
            ("contact.created", contact["id"]),
            ("conversation.created", conversation),
            ("contact.deleted", contact["id"]),
            ("conversation.deleted", conversation),
        ]
    ), seen
    created = next(e for e in got if e["type"] == "contact.created")
    assert created["payload"]["conversation_id"] == conversation
    # In order per object: each object's creation before its deletion.
    for object_id in (contact["id"], conversation):
        actions = [kind.split(".")[1] for kind, found in seen if found == object_id]
        assert actions == ["created", "deleted"], seen


def test_only_a_commit_that_wrote_events_wakes_the_deliverer(tmp_path: Path) -> None:
    """The deliverer's own bookkeeping commits too: waking it on those made it spin, a core
    busy for as long as the server ran with a receiver."""
    served = plan(API)
    store = Store(str(tmp_path / "protocol.sqlite3"), served.layouts)
    try:
        config = WebhookConfig.from_env(env_for(f"{TOKENS[0]}=http://127.0.0.1:9/hook"), TOKENS)
        tables = {s.resource.name: s.layout.table for s in served.served}
        outbox = Outbox(API, config.receivers, tables)
        outbox.bind_accounts({TOKENS[0]: "account-a"})
        store.changes = outbox
        layout = served.served[0].layout
        row = {layout.id_attribute: "abc"}

        store.transaction(lambda db: db.execute(f"SELECT count(*) FROM {DELIVERIES_TABLE}"))
        assert not outbox.wake.is_set()  # a commit that wrote no event

        def refused(db: sqlite3.Connection) -> None:
            outbox.record(db, layout.table, layout.id_attribute, "account-a", "created", row)
            raise ValueError("refused")

        with pytest.raises(ValueError, match="refused"):
            store.transaction(refused)
        store.transaction(lambda db: None)
        assert not outbox.wake.is_set()  # the event was rolled back with its transaction

        store.transaction(
            lambda db: outbox.record(
                db, layout.table, layout.id_attribute, "account-a", "created", row
            )
        )
        assert outbox.wake.is_set()
    finally:
        store.close()
