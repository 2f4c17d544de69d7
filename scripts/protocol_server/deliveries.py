"""Deliver the outbox's events to their receivers, in the background, signed.

One thread of its own (never the event loop, never the API's writer): it takes due deliveries
from the database in small batches, sends each with its own HTTP client (bounded timeout, the
answer's body read at most `_MAX_ANSWER_BYTES`), and records the outcome. A 2xx answer is done;
anything else (an error status, a timeout, a refused connection) is retried after the next delay
of the schedule (`WebhookConfig.retry`), with the same bytes and event id; after the last delay
the delivery is abandoned (kept, with its last error). Per receiver, an object's events go in
the order they were written: an event waits while an earlier one of the same object is pending.
Pending deliveries are in the database, so a restarted server resumes them.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import http.client
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from protocol_server.auth import account_of
from protocol_server.outbox import DELIVERIES_TABLE, OUTBOX_TABLE, Outbox
from protocol_server.plan import Plan
from protocol_server.store import Store
from protocol_server.webhook_config import WebhookConfig, WebhookConfigError
from protocol_spec.model import WebhookSigning

__all__ = [
    "KEEP_DELIVERED_SECONDS",
    "Attempt",
    "Deliverer",
    "Post",
    "http_post",
    "signature_headers",
    "signing_key",
    "start_webhooks",
]

_BATCH = 16  # deliveries sent at once (one thread each), and the most held in memory
_MAX_ANSWER_BYTES = 65536
_IDLE_WAIT = 1.0  # seconds between looks at the database when nothing wakes the thread
_USER_AGENT = "protocol-server-webhooks"
# Delivered events are kept this long (for inspection), then pruned, at most once a minute.
KEEP_DELIVERED_SECONDS = 7 * 24 * 3600
_PRUNE_EVERY = 60.0


@dataclass(frozen=True)
class Attempt:
    url: str
    headers: Mapping[str, str]
    body: bytes
    event_id: str


# (attempt, timeout) -> the answer's status; raises OSError / HTTPException when none came.
Post = Callable[[Attempt, float], int]


def http_post(attempt: Attempt, timeout: float) -> int:
    parts = urlsplit(attempt.url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname or "", parts.port, timeout=timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", target, body=attempt.body, headers=dict(attempt.headers))
        answer = connection.getresponse()
        answer.read(_MAX_ANSWER_BYTES)
        return answer.status
    finally:
        connection.close()


def signing_key(signing: WebhookSigning, secret: str) -> bytes:
    """The HMAC key: a Standard Webhooks secret `whsec_<base64>` is its decoded bytes; any other
    secret is its UTF-8 bytes."""
    if signing.scheme == "standard-webhooks" and secret.startswith("whsec_"):
        try:
            return base64.b64decode(secret[len("whsec_") :], validate=True)
        except binascii.Error:
            raise WebhookConfigError(
                "PROTOCOL_WEBHOOK_SECRET starts with whsec_ but the rest is not base64; give "
                "whsec_ followed by the base64 of the key."
            ) from None
    return secret.encode("utf-8")


def signature_headers(
    signing: WebhookSigning | None, key: bytes, event_id: str, body: bytes, now: int
) -> dict[str, str]:
    """The headers that sign one attempt under the declared scheme."""
    if signing is None:
        return {}
    if signing.scheme == "standard-webhooks":
        signed = f"{event_id}.{now}.".encode() + body
        digest = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        id_header, timestamp_header, signature_header = signing.headers
        return {id_header: event_id, timestamp_header: str(now), signature_header: f"v1,{digest}"}
    return {signing.signature_header: hmac.new(key, body, hashlib.sha256).hexdigest()}


@dataclass(frozen=True)
class _Due:
    seq: int
    receiver: str
    attempts: int
    event_id: str
    body: bytes


class Deliverer:
    """The background sender; `start()` after the store is open, `stop()` before closing it."""

    def __init__(
        self,
        store: Store,
        outbox: Outbox,
        config: WebhookConfig,
        signing: WebhookSigning | None,
        post: Post = http_post,
    ) -> None:
        if signing is not None and outbox.receivers and config.secret is None:
            raise WebhookConfigError(
                "PROTOCOL_WEBHOOKS is set but PROTOCOL_WEBHOOK_SECRET is not: the spec signs "
                f"deliveries ({signing.scheme}); set the secret the receivers verify with."
            )
        self.store = store
        self.outbox = outbox
        self.config = config
        self.signing = signing
        self.key = signing_key(signing, config.secret) if signing and config.secret else b""
        self.post = post
        self._receivers = tuple(r.url for r in outbox.receivers)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pool = ThreadPoolExecutor(max_workers=_BATCH, thread_name_prefix="protocol-webhook")
        self._pruned = 0.0  # time.monotonic() of the last pruning

    def start(self) -> None:
        if not self._receivers:
            return
        self._thread = threading.Thread(target=self._run, name="protocol-deliverer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop after the attempts in flight (each bounded by the attempt timeout)."""
        self._stop.set()
        self.outbox.wake.set()
        if self._thread is not None:
            self._thread.join(timeout=self.config.timeout + 5)
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.outbox.wake.clear()
            try:
                if time.monotonic() - self._pruned > _PRUNE_EVERY:
                    self.store.transaction(_prune)
                    self._pruned = time.monotonic()
                # Reads on the reader connection: no write lock taken from the API's writes.
                batch = self.store.read(lambda db: self._due(db, time.time()))
                if batch:
                    outcomes = list(self._pool.map(self._attempt, batch))
                    self.store.transaction(
                        functools.partial(self._settle, batch=batch, outcomes=outcomes)
                    )
                    continue
                wait = self.store.read(self._next_wait)
            except Exception:  # noqa: BLE001 - the store closed under us, or a full disk: retry
                wait = _IDLE_WAIT
            self.outbox.wake.wait(wait)

    def _attempt(self, due: _Due) -> str | None:
        """None when delivered, else what went wrong."""
        headers = {
            "content-type": "application/json",
            "user-agent": _USER_AGENT,
            **signature_headers(self.signing, self.key, due.event_id, due.body, int(time.time())),
        }
        try:
            status = self.post(
                Attempt(due.receiver, headers, due.body, due.event_id), self.config.timeout
            )
        except (OSError, http.client.HTTPException, ValueError) as error:
            return f"{type(error).__name__}: {error}"[:500]
        return None if 200 <= status < 300 else f"answered {status}"

    # -- the database (reads in store.read, writes in store.transaction) ------------------

    def _pending(self, *, due_by: float | None, limit: int) -> tuple[str, list[Any]]:
        marks = ", ".join("?" * len(self._receivers))
        due = "AND d.due <= ? " if due_by is not None else ""
        sql = (
            f"SELECT d.seq, d.receiver, d.attempts, o.event_id, o.body, d.due "
            f"FROM {DELIVERIES_TABLE} d JOIN {OUTBOX_TABLE} o ON o.seq = d.seq "
            f"WHERE d.status = 0 {due}AND d.receiver IN ({marks}) AND NOT EXISTS ("
            f"SELECT 1 FROM {DELIVERIES_TABLE} e JOIN {OUTBOX_TABLE} p ON p.seq = e.seq "
            "WHERE e.status = 0 AND e.receiver = d.receiver AND p.object_key = o.object_key "
            f"AND e.seq < d.seq) ORDER BY {'d.seq' if due_by is not None else 'd.due'} LIMIT ?"
        )
        values: list[Any] = [*([due_by] if due_by is not None else []), *self._receivers, limit]
        return sql, values

    def _due(self, db: Any, now: float) -> list[_Due]:
        sql, values = self._pending(due_by=now, limit=_BATCH)
        return [_Due(r[0], r[1], r[2], r[3], bytes(r[4])) for r in db.execute(sql, values)]

    def _next_wait(self, db: Any) -> float:
        sql, values = self._pending(due_by=None, limit=1)
        row = db.execute(sql, values).fetchone()
        if row is None:
            return _IDLE_WAIT
        due: float = row[5]
        return min(max(due - time.time(), 0.01), _IDLE_WAIT)

    def _settle(self, db: Any, *, batch: Sequence[_Due], outcomes: Sequence[str | None]) -> None:
        now = time.time()
        for due, error in zip(batch, outcomes, strict=True):
            if error is None:
                db.execute(
                    f"UPDATE {DELIVERIES_TABLE} SET status = 1, attempts = attempts + 1, "
                    "last_error = NULL WHERE seq = ? AND receiver = ?",
                    (due.seq, due.receiver),
                )
                continue
            retries = self.config.retry
            abandoned = due.attempts >= len(retries)
            delay = 0.0 if abandoned else retries[due.attempts]
            db.execute(
                f"UPDATE {DELIVERIES_TABLE} SET status = ?, attempts = attempts + 1, due = ?, "
                "last_error = ? WHERE seq = ? AND receiver = ?",
                (2 if abandoned else 0, now + delay, error, due.seq, due.receiver),
            )


def _prune(db: Any) -> None:
    """Forget events delivered (or abandoned) long ago, so that the outbox does not grow
    without bound; pending ones are never pruned."""
    db.execute(
        f"DELETE FROM {DELIVERIES_TABLE} WHERE status != 0 AND due < ?",
        (time.time() - KEEP_DELIVERED_SECONDS,),
    )
    db.execute(
        f"DELETE FROM {OUTBOX_TABLE} WHERE created_at < ? AND seq NOT IN "
        f"(SELECT seq FROM {DELIVERIES_TABLE})",
        (time.time() - KEEP_DELIVERED_SECONDS,),
    )


def start_webhooks(
    plan: Plan,
    store: Store,
    config: WebhookConfig,
    tokens: Sequence[str],
    post: Post = http_post,
) -> Deliverer:
    """Attach the outbox to `store` and start delivering (stop the result before closing the
    store). With no receiver configured, nothing is recorded and no thread runs."""
    tables = {served.resource.name: served.layout.table for served in plan.served}
    outbox = Outbox(plan.api, config.receivers, tables)
    outbox.bind_accounts({token: account_of(store.account_key, token) for token in tokens})
    deliverer = Deliverer(store, outbox, config, plan.api.webhook_signing, post)
    if outbox.active:
        store.changes = outbox
    deliverer.start()
    return deliverer
