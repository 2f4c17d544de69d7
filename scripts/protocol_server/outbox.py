"""The webhook outbox: every change of an object that a webhook reports is written as an event,
with one delivery per receiver of its account, in the same transaction as the change itself.

So an event exists if and only if its change was committed: nothing is sent for a change that
rolled back, and nothing is lost when the server is killed after answering (deliveries.py sends
what is pending, at start-up too). The event's body is rendered once, here: every attempt sends
the same bytes with the same event id.

What an event holds comes from the model (`Api.webhook_events`): the webhook's body has the
attribute holding the object (`WebhookEvent.payload`), one whose enum lists the event's type,
and an id attribute whose pattern says how ids look.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from protocol_server.webhook_config import Receiver
from protocol_spec.model import Api, Body, WebhookEvent
from protocol_spec.semantics import id_format

__all__ = [
    "DELIVERIES_TABLE",
    "OUTBOX_TABLE",
    "Action",
    "EventShape",
    "Outbox",
    "create_outbox_tables",
]

OUTBOX_TABLE = "_protocol_outbox"
DELIVERIES_TABLE = "_protocol_deliveries"

Action = Literal["created", "updated", "deleted"]

# An event id when the webhook's id attribute has no `^[<alphabet>]{<n>}$` pattern.
_DEFAULT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_DEFAULT_ID_LENGTH = 16


def create_outbox_tables(db: sqlite3.Connection) -> bool:
    """Create the outbox's tables when missing (inside the migration's transaction); True when
    they were created."""
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (OUTBOX_TABLE,)
    ).fetchone()
    if exists:
        return False
    db.execute(
        f"CREATE TABLE {OUTBOX_TABLE} (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
        "event_id TEXT NOT NULL, account TEXT NOT NULL, object_key TEXT NOT NULL, "
        "body BLOB NOT NULL, created_at REAL NOT NULL)"
    )
    # status: 0 pending, 1 delivered, 2 abandoned (the retry schedule ran out).
    db.execute(
        f"CREATE TABLE {DELIVERIES_TABLE} (seq INTEGER NOT NULL, receiver TEXT NOT NULL, "
        "status INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0, "
        "due REAL NOT NULL, last_error TEXT, PRIMARY KEY (seq, receiver))"
    )
    db.execute(f"CREATE INDEX {DELIVERIES_TABLE}_pending ON {DELIVERIES_TABLE} (status, due, seq)")
    return True


@dataclass(frozen=True)
class EventShape:
    """How one webhook's body is written: which attribute holds what."""

    event: WebhookEvent
    id_attribute: str | None
    type_attribute: str | None
    alphabet: str
    id_length: int

    @classmethod
    def of(cls, event: WebhookEvent, body: Body | None) -> EventShape:
        id_attribute = type_attribute = None
        alphabet, length = _DEFAULT_ALPHABET, _DEFAULT_ID_LENGTH
        for f in body.fields if body is not None else ():
            if f.name == event.payload:
                continue
            if event.type in f.type.values:
                type_attribute = f.name
            elif f.type.kind == "string" and id_attribute is None:
                id_attribute = f.name
                found = id_format(f.constraints.pattern)
                if found is not None:
                    alphabet, length = found.alphabet, found.length
        return cls(event, id_attribute, type_attribute, alphabet, length)

    def new_id(self) -> str:
        return "".join(secrets.choice(self.alphabet) for _ in range(self.id_length))

    def body(self, event_id: str, row: Mapping[str, Any]) -> bytes:
        fields: dict[str, Any] = {}
        if self.id_attribute is not None:
            fields[self.id_attribute] = event_id
        if self.type_attribute is not None:
            fields[self.type_attribute] = self.event.type
        fields[self.event.payload] = dict(row)
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Outbox:
    """Records events inside the store's write transactions (Store.changes), and wakes the
    deliverer once they are committed."""

    def __init__(self, api: Api, receivers: Sequence[Receiver], tables: Mapping[str, str]) -> None:
        """`tables`: the table of each resource (its Resource.name), as the store names it."""
        self.receivers = tuple(receivers)
        self.accounts: dict[str, str | None] = {}  # receiver URL -> its account (None: all)
        webhooks = {op.path: op for op in api.webhooks}
        self._shapes: dict[tuple[str, str], EventShape] = {}
        for event in api.webhook_events:
            table = tables.get(event.resource)
            if table is not None:
                operation = webhooks.get(event.type)
                body = operation.body if operation is not None else None
                self._shapes[(table, event.action)] = EventShape.of(event, body)
        self.wake = threading.Event()  # set after a commit that wrote events
        # Events recorded in the open transaction. Only a commit that wrote some wakes the
        # deliverer: its own bookkeeping commits too, and waking on those made it spin.
        self._recorded = False

    def bind_accounts(self, account_of: Mapping[str, str]) -> None:
        """Each receiver's account, from its token (`account_of`: token -> account)."""
        self.accounts = {
            r.url: (account_of[r.token] if r.token is not None else None) for r in self.receivers
        }

    @property
    def active(self) -> bool:
        return bool(self.receivers) and bool(self._shapes)

    def record(
        self,
        db: sqlite3.Connection,
        table: str,
        id_attribute: str,
        account: str,
        action: Action,
        row: Mapping[str, Any],
    ) -> None:
        """Write the event of this change and its deliveries (call inside the transaction)."""
        shape = self._shapes.get((table, action))
        if shape is None or not self.receivers:
            return
        targets = [url for url, owner in self.accounts.items() if owner in (None, account)]
        if not targets:
            return
        event_id = shape.new_id()
        now = time.time()
        cursor = db.execute(
            f"INSERT INTO {OUTBOX_TABLE} (event_id, account, object_key, body, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (event_id, account, f"{table}/{row[id_attribute]}", shape.body(event_id, row), now),
        )
        db.executemany(
            f"INSERT INTO {DELIVERIES_TABLE} (seq, receiver, due) VALUES (?, ?, ?)",
            [(cursor.lastrowid, url, now) for url in targets],
        )
        self._recorded = True

    def committed(self) -> None:
        """Wake the deliverer when the commit wrote events (the store calls this under its
        write lock, so the flag belongs to that one transaction)."""
        if self._recorded:
            self._recorded = False
            self.wake.set()

    def rolled_back(self) -> None:
        self._recorded = False
