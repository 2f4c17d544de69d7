"""Conversations in SQLite: one table, every row owned by one account.

Concurrency and durability, chosen deliberately:
- WAL journal: readers never block the writer and the writer never blocks readers.
- synchronous=FULL: COMMIT returns only after the WAL is fsynced, so a write the server has
  acknowledged survives SIGKILL (and power loss).
- One writer connection behind a threading.Lock. Writes run off the event loop (the fsync must
  not stall it; the app uses one dedicated writer thread), one at a time, each as
  BEGIN IMMEDIATE ... COMMIT. Serialising
  writes in the process means they never race for SQLite's write lock, so no "database is
  locked" and no lost update, and a partial update reads and writes its row in one transaction.
  busy_timeout (5 s) only matters when another process (a second server, the sqlite3 shell)
  holds the file's write lock; BEGIN IMMEDIATE takes the lock up front, so that wait applies
  instead of a deferred transaction failing at its first write.
- One reader connection, used on the event loop for short indexed queries (behind its own lock,
  so a misuse from another thread waits instead of corrupting state).
- `:memory:` has a single connection (a second one would see another, empty database), shared by
  reads and writes behind one lock.
"""

from __future__ import annotations

import secrets
import sqlite3
import string
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["ConversationFilters", "CursorNotFound", "Page", "Store"]

_ID_ALPHABET = string.ascii_letters + string.digits
_BUSY_TIMEOUT_MS = 5000
_SCHEMA_VERSION = 1
_COLUMNS = (
    "id",
    "contact_id",
    "group_id",
    "pinned_message_id",
    "is_pinned",
    "is_muted",
    "last_active_at",
    "last_opened_at",
    "created_at",
    "archived_at",
)
_UPDATABLE = frozenset({"pinned_message_id", "is_pinned", "is_muted", "archived_at"})
_BOOLEAN_COLUMNS = frozenset({"is_pinned", "is_muted"})
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM conversations"

T = TypeVar("T")
Conversation = dict[str, Any]


class CursorNotFound(LookupError):
    """The cursor is not one of the account's conversations matching the list's filters."""


@dataclass(frozen=True)
class ConversationFilters:
    muted: bool | None = None
    archived: bool | None = None
    pinned: bool | None = None
    group_id: str | None = None

    def sql(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        values: list[Any] = []
        if self.muted is not None:
            clauses.append("is_muted = ?")
            values.append(int(self.muted))
        if self.archived is not None:
            clauses.append("archived_at IS NOT NULL" if self.archived else "archived_at IS NULL")
        if self.pinned is not None:
            clauses.append("is_pinned = ?")
            values.append(int(self.pinned))
        if self.group_id is not None:
            clauses.append("group_id = ?")
            values.append(self.group_id)
        return "".join(f" AND {clause}" for clause in clauses), values


@dataclass(frozen=True)
class Page:
    data: list[Conversation]
    has_more: bool


class Store:
    def __init__(self, path: str) -> None:
        self.path = path
        self._in_memory = path == ":memory:"
        if not self._in_memory:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._writer = self._connect()
        self._write_lock = threading.Lock()
        self._create_schema()
        if self._in_memory:
            self._reader, self._read_lock = self._writer, self._write_lock
        else:
            self._reader, self._read_lock = self._connect(), threading.Lock()

    def close(self) -> None:
        with self._write_lock:
            if self._reader is not self._writer:
                with self._read_lock:
                    self._reader.close()
            self._writer.close()

    # Reads -------------------------------------------------------------------------------

    def get(self, account: str, conversation_id: str) -> Conversation | None:
        with self._reading() as db:
            row = db.execute(
                f"{_SELECT} WHERE account = ? AND id = ?", (account, conversation_id)
            ).fetchone()
        return _conversation(row) if row else None

    def list(
        self,
        account: str,
        filters: ConversationFilters,
        limit: int,
        starting_after: str | None = None,
        ending_before: str | None = None,
    ) -> Page:
        """One page, newest first; `has_more` looks one row past the page (limit + 1)."""
        where, values = filters.sql()
        where = f"account = ?{where}"
        values = [account, *values]
        with self._reading() as db:
            cursor_id = starting_after or ending_before
            if cursor_id is None:
                order, keyset, keys = "DESC", "", []
            else:
                row = db.execute(
                    f"SELECT created_at, id FROM conversations WHERE {where} AND id = ?",
                    (*values, cursor_id),
                ).fetchone()
                if row is None:
                    raise CursorNotFound(cursor_id)
                # Row values compare (created_at, id) lexicographically and use the index.
                if starting_after is not None:
                    order, keyset = "DESC", " AND (created_at, id) < (?, ?)"
                else:
                    order, keyset = "ASC", " AND (created_at, id) > (?, ?)"
                keys = [row[0], row[1]]
            rows = db.execute(
                f"{_SELECT} WHERE {where}{keyset} ORDER BY created_at {order}, id {order} LIMIT ?",
                (*values, *keys, limit + 1),
            ).fetchall()
        has_more = len(rows) > limit
        page = [_conversation(row) for row in rows[:limit]]
        if order == "ASC":
            page.reverse()
        return Page(data=page, has_more=has_more)

    # Writes (call from a worker thread: each commit waits for fsync) -------------------------

    def create(self, account: str, contact_id: str | None, group_id: str | None) -> Conversation:
        def insert(db: sqlite3.Connection) -> Conversation:
            while True:
                conversation_id = "".join(secrets.choice(_ID_ALPHABET) for _ in range(16))
                try:
                    db.execute(
                        "INSERT INTO conversations (account, id, contact_id, group_id, "
                        "is_pinned, is_muted, created_at) VALUES (?, ?, ?, ?, 0, 0, ?)",
                        (account, conversation_id, contact_id, group_id, int(time.time())),
                    )
                except sqlite3.IntegrityError:  # 62**16 ids: a collision is ~impossible
                    continue
                row = db.execute(f"{_SELECT} WHERE id = ?", (conversation_id,)).fetchone()
                return _conversation(row)

        return self._write(insert)

    def update(
        self, account: str, conversation_id: str, changes: Mapping[str, Any]
    ) -> Conversation | None:
        unknown = set(changes) - _UPDATABLE
        if unknown:
            raise ValueError(f"not updatable: {sorted(unknown)}")

        def update_row(db: sqlite3.Connection) -> Conversation | None:
            if changes:
                assignments = ", ".join(f"{column} = ?" for column in changes)
                db.execute(
                    f"UPDATE conversations SET {assignments} WHERE account = ? AND id = ?",
                    (*(_to_sql(c, v) for c, v in changes.items()), account, conversation_id),
                )
            row = db.execute(
                f"{_SELECT} WHERE account = ? AND id = ?", (account, conversation_id)
            ).fetchone()
            return _conversation(row) if row else None

        return self._write(update_row)

    def delete(self, account: str, conversation_id: str) -> bool:
        def delete_row(db: sqlite3.Connection) -> bool:
            deleted = db.execute(
                "DELETE FROM conversations WHERE account = ? AND id = ?",
                (account, conversation_id),
            )
            return deleted.rowcount == 1

        return self._write(delete_row)

    # Plumbing --------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: no implicit transactions; we issue BEGIN IMMEDIATE ourselves.
        db = sqlite3.connect(
            self.path,
            isolation_level=None,
            check_same_thread=False,
            timeout=_BUSY_TIMEOUT_MS / 1000,
        )
        db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        if not self._in_memory:
            mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":
                raise RuntimeError(f"SQLite refused WAL journal mode for {self.path} ({mode}).")
        db.execute("PRAGMA synchronous = FULL")
        return db

    def _create_schema(self) -> None:
        def create(db: sqlite3.Connection) -> None:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, _SCHEMA_VERSION):
                raise RuntimeError(
                    f"{self.path} has schema version {version}; this server knows "
                    f"{_SCHEMA_VERSION}. Point PROTOCOL_DB at another file."
                )
            db.execute(
                """CREATE TABLE IF NOT EXISTS conversations (
                    id TEXT PRIMARY KEY,
                    account TEXT NOT NULL,
                    contact_id TEXT,
                    group_id TEXT,
                    pinned_message_id TEXT,
                    is_pinned INTEGER NOT NULL,
                    is_muted INTEGER NOT NULL,
                    last_active_at INTEGER,
                    last_opened_at INTEGER,
                    created_at INTEGER NOT NULL,
                    archived_at INTEGER
                )"""
            )
            db.execute(
                "CREATE INDEX IF NOT EXISTS conversations_by_account "
                "ON conversations (account, created_at, id)"
            )
            db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")

        self._write(create)

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        with self._write_lock:
            self._writer.execute("BEGIN IMMEDIATE")
            try:
                result = work(self._writer)
                self._writer.execute("COMMIT")
            except BaseException:
                if self._writer.in_transaction:
                    self._writer.execute("ROLLBACK")
                raise
            return result

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._read_lock:
            yield self._reader


def _to_sql(column: str, value: Any) -> Any:
    return int(value) if column in _BOOLEAN_COLUMNS else value


def _conversation(row: tuple[Any, ...]) -> Conversation:
    conversation = dict(zip(_COLUMNS, row, strict=True))
    for column in _BOOLEAN_COLUMNS:
        conversation[column] = bool(conversation[column])
    return conversation
