"""Objects in SQLite: one table per resource (see storage.py), every row owned by one account.

Concurrency and durability, chosen deliberately:
- WAL journal: readers never block the writer and the writer never blocks readers.
- synchronous=FULL: COMMIT returns only after the WAL is fsynced, so a write the server has
  acknowledged survives SIGKILL (and power loss).
- One writer connection behind a threading.Lock. Writes run off the event loop (the fsync must
  not stall it; the app uses one dedicated writer thread), one at a time, each as
  BEGIN IMMEDIATE ... COMMIT. Serialising writes in the process means they never race for
  SQLite's write lock, so no "database is locked" and no lost update, and a partial update reads
  and writes its row in one transaction. busy_timeout (5 s) only matters when another process
  (a second server, the sqlite3 shell) holds the file's write lock; BEGIN IMMEDIATE takes the
  lock up front, so that wait applies instead of a deferred transaction failing at its first
  write.
- One reader connection, used on the event loop for short indexed queries (behind its own lock,
  so a misuse from another thread waits instead of corrupting state).
- `:memory:` has a single connection (a second one would see another, empty database), shared by
  reads and writes behind one lock.
- At start-up the tables are migrated to the spec's resources (migrations.py), in one write
  transaction, before anything is served.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

from protocol_server.errors import ProtocolServerError
from protocol_server.migrations import IDEMPOTENCY_TABLE, migrate
from protocol_server.storage import ACCOUNT, TableLayout, decode, encode, quote
from protocol_server.token_key import load_token_key

__all__ = [
    "IDEMPOTENCY_WINDOW_SECONDS",
    "ChangeLog",
    "Condition",
    "CursorNotFound",
    "IdempotencyConflict",
    "IdempotencyKey",
    "Page",
    "Row",
    "Store",
]

_BUSY_TIMEOUT_MS = 5000

T = TypeVar("T")
Row = dict[str, Any]


class CursorNotFound(ProtocolServerError):
    """The cursor is not one of the account's objects that match the list's conditions."""


class IdempotencyConflict(ProtocolServerError):
    """The idempotency key was used, within the window, with another request."""


# How long a key's first answer is replayed (the spec's description of the header says so).
IDEMPOTENCY_WINDOW_SECONDS = 24 * 3600


@dataclass(frozen=True)
class IdempotencyKey:
    scope: str  # the operation, e.g. "POST /v1/things"
    key: str  # as the client sent it
    fingerprint: str  # what the request meant (canonical JSON of what was parsed)


@dataclass(frozen=True)
class Condition:
    """One filter of a list: the attribute equals a value, or is (not) null; an array attribute
    contains the value; the attribute is at or after (`since`: >=) or strictly before
    (`before`: <) the value (a text attribute holds RFC 3339 date-times, compared as instants)."""

    attribute: str
    test: Literal["equals", "set", "unset", "sql", "contains", "since", "before"]
    value: Any = (
        None  # for "sql": (an SQL condition, its values), e.g. a filter through a reference
    )


class ChangeLog(Protocol):
    """What sees every change inside its write transaction (the webhook outbox, outbox.py)."""

    def record(
        self,
        db: sqlite3.Connection,
        table: str,
        id_attribute: str,
        account: str,
        action: Literal["created", "updated", "deleted"],
        row: Row,
    ) -> None: ...

    def committed(self) -> None:
        """After every COMMIT, under the write lock (whether or not it recorded a change)."""

    def rolled_back(self) -> None:
        """After every ROLLBACK, under the write lock: what was recorded since is void."""


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    more: bool  # more rows lie beyond the page, in the direction of travel


class Store:
    def __init__(
        self, path: str, layouts: Sequence[TableLayout], token_key: str | None = None
    ) -> None:
        """Open (or create) the database and migrate it to `layouts`; `migrations` lists what
        that changed. `account_key` keys the accounts' hashes: `token_key` (PROTOCOL_TOKEN_KEY)
        when given, else the key file beside the database (token_key.py)."""
        self.path = path
        self._in_memory = path == ":memory:"
        if not self._in_memory:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            _owner_only(path)
        self.account_key = load_token_key(path, token_key)
        self.changes: ChangeLog | None = None  # told of every create, update and delete
        # How responses show a stored row (embedded objects, inverse lists, file URLs): the
        # change log records what the API would show, so an event's payload is the object.
        self.show: Callable[[sqlite3.Connection, TableLayout, str, Row], Row] | None = None
        self._writer = self._connect()
        self._write_lock = threading.Lock()
        try:
            self.migrations = self._write(lambda db: migrate(db, layouts, self.account_key))
        except BaseException:
            self._writer.close()
            raise
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

    def get(self, layout: TableLayout, account: str, object_id: Any) -> Row | None:
        with self._reading() as db:
            return _fetch(db, layout, account, object_id)

    def list(
        self,
        layout: TableLayout,
        account: str,
        conditions: Sequence[Condition],
        order: Sequence[tuple[str, bool]],
        limit: int,
        after: Any = None,
        before: Any = None,
    ) -> Page:
        """One page in `order` ((attribute, descending) pairs ending with a unique key).

        `after`/`before` are ids: the page starts after (or ends before) that object, which must
        match `conditions`. `more` looks one row past the page (limit + 1).
        """
        where, values = _where(layout, account, conditions)
        cursor_id = after if after is not None else before
        backward = before is not None and after is None
        with self._reading() as db:
            keyset, keys = "", list[Any]()
            if cursor_id is not None:
                columns = ", ".join(quote(attribute) for attribute, _ in order)
                found = db.execute(
                    f"SELECT {columns} FROM {quote(layout.table)} WHERE {where} AND "
                    f"{quote(layout.id_attribute)} = ?",
                    (*values, encode(layout.column(layout.id_attribute).kind, cursor_id)),
                ).fetchone()
                if found is None:
                    raise CursorNotFound(cursor_id)
                keyset, keys = _beyond(order, list(found), backward)
            direction = [(a, d != backward) for a, d in order]
            order_by = ", ".join(f"{quote(a)} {'DESC' if d else 'ASC'}" for a, d in direction)
            rows = db.execute(
                f"SELECT {_columns(layout)} FROM {quote(layout.table)} WHERE {where}{keyset} "
                f"ORDER BY {order_by} LIMIT ?",
                (*values, *keys, limit + 1),
            ).fetchall()
        page = [_decoded(layout, row) for row in rows[:limit]]
        if backward:
            page.reverse()
        return Page(rows=page, more=len(rows) > limit)

    def transaction(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """`work` in one write transaction (call from a worker thread, or before serving; the
        deliverer's bookkeeping too)."""
        return self._write(work)

    def read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """`work` on the reader connection (short reads that span several tables)."""
        with self._reading() as db:
            return work(db)

    # Writes (call from a worker thread: each commit waits for fsync) -------------------------

    def insert(
        self,
        layout: TableLayout,
        account: str,
        new_object: Callable[[], Row],
        idempotency: IdempotencyKey | None = None,
        within: Callable[[sqlite3.Connection, Row], None] | None = None,
    ) -> tuple[Row, bool]:
        """Store the object `new_object()` makes; on an id collision, ask for another one.

        With an idempotency key, the same key and request within the window returns the object
        first created (and True: a replay) instead of creating another; the same key with
        another request raises IdempotencyConflict. The key is looked up, the object inserted
        and the key recorded in one transaction, so concurrent retries make one object.
        """

        def insert_row(db: sqlite3.Connection) -> tuple[Row, bool]:
            if idempotency is not None:
                replayed = _replay(db, account, idempotency)
                if replayed is not None:
                    return replayed, True
            row = _insert(db)
            if within is not None:
                within(db, row)
                found = _fetch(db, layout, account, row[layout.id_attribute])
                assert found is not None
                row = found
            self.changed(db, layout, account, "created", row)
            if idempotency is not None:
                db.execute(
                    f"INSERT INTO {IDEMPOTENCY_TABLE} ({ACCOUNT}, scope, key, fingerprint, "
                    "response, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        account,
                        idempotency.scope,
                        idempotency.key,
                        idempotency.fingerprint,
                        json.dumps(row, ensure_ascii=False),
                        int(time.time()),
                    ),
                )
            return row, False

        def _insert(db: sqlite3.Connection) -> Row:
            while True:
                row = new_object()
                if row.get(layout.id_attribute) is None and layout.numbered:
                    row[layout.id_attribute] = _next_number(db, layout, account)
                names = [ACCOUNT, *(quote(a) for a in layout.attributes)]
                marks = ", ".join("?" * len(names))
                values = [encode(c.kind, row.get(c.attribute)) for c in layout.columns]
                try:
                    db.execute(
                        f"INSERT INTO {quote(layout.table)} ({', '.join(names)}) VALUES ({marks})",
                        (account, *values),
                    )
                except sqlite3.IntegrityError:  # a drawn id already taken: draw another
                    continue
                stored = _fetch(db, layout, account, row[layout.id_attribute])
                assert stored is not None
                return stored

        return self._write(insert_row)

    def update(
        self,
        layout: TableLayout,
        account: str,
        object_id: Any,
        changes: Mapping[str, Any],
        within: Callable[[sqlite3.Connection, Mapping[str, Any]], Mapping[str, Any]] | None = None,
    ) -> Row | None:
        """`within(db, changes)`, when given, runs first in the transaction (only when the object
        exists) and returns the changes to make."""

        def update_row(db: sqlite3.Connection) -> Row | None:
            nonlocal changes
            if within is not None:
                if _fetch(db, layout, account, object_id) is None:
                    return None
                changes = within(db, changes)
            if changes:
                assignments = ", ".join(f"{quote(name)} = ?" for name in changes)
                values = [encode(layout.column(n).kind, v) for n, v in changes.items()]
                db.execute(
                    f"UPDATE {quote(layout.table)} SET {assignments} WHERE {ACCOUNT} = ? AND "
                    f"{quote(layout.id_attribute)} = ?",
                    (*values, account, object_id),
                )
            updated = _fetch(db, layout, account, object_id)
            if updated is not None:
                self.changed(db, layout, account, "updated", updated)
            return updated

        return self._write(update_row)

    def delete(
        self,
        layout: TableLayout,
        account: str,
        object_id: Any,
        within: Callable[[sqlite3.Connection], None] | None = None,
    ) -> Row | None:
        """Delete the object; returns it as it was, or None when there was none. `within(db)`
        runs first in the same transaction (what the delete does to other objects)."""

        def delete_row(db: sqlite3.Connection) -> Row | None:
            found = _fetch(db, layout, account, object_id)
            if found is not None:
                shown = self._shown(db, layout, account, found)  # as it was, before the cascade
                if within is not None:
                    within(db)
                db.execute(
                    f"DELETE FROM {quote(layout.table)} WHERE {ACCOUNT} = ? AND "
                    f"{quote(layout.id_attribute)} = ?",
                    (account, object_id),
                )
                if self.changes is not None:
                    self.changes.record(
                        db, layout.table, layout.id_attribute, account, "deleted", shown
                    )
            return found

        return self._write(delete_row)

    def changed(
        self,
        db: sqlite3.Connection,
        layout: TableLayout,
        account: str,
        action: Literal["created", "updated", "deleted"],
        row: Row,
    ) -> None:
        """Tell the change log of a change, inside its transaction (a cascaded delete calls
        this for every row it removes)."""
        if self.changes is not None:
            shown = self._shown(db, layout, account, row)
            self.changes.record(db, layout.table, layout.id_attribute, account, action, shown)

    def _shown(self, db: sqlite3.Connection, layout: TableLayout, account: str, row: Row) -> Row:
        return self.show(db, layout, account, row) if self.show is not None else row

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

    def _write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        with self._write_lock:
            self._writer.execute("BEGIN IMMEDIATE")
            try:
                result = work(self._writer)
                self._writer.execute("COMMIT")
            except BaseException:
                if self._writer.in_transaction:
                    self._writer.execute("ROLLBACK")
                if self.changes is not None:
                    self.changes.rolled_back()
                raise
            # Under the lock: the change log pairs what it recorded with this commit.
            if self.changes is not None:
                self.changes.committed()
        return result

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._read_lock:
            yield self._reader


def _owner_only(path: str) -> None:
    """The database, its WAL and shared memory readable by their owner only: created so (SQLite
    gives the -wal and -shm files the database's mode), or tightened when they exist."""
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    except OSError:
        return  # sqlite3 says what is wrong with the path, in the caller's words
    for name in (path, path + "-wal", path + "-shm"):
        try:
            os.chmod(name, 0o600)
        except OSError:
            pass  # absent (the WAL before the first write), or not ours to change


def _replay(db: sqlite3.Connection, account: str, idempotency: IdempotencyKey) -> Row | None:
    """The first answer to this key, or None when the key is new (or its window is over)."""
    db.execute(
        f"DELETE FROM {IDEMPOTENCY_TABLE} WHERE created_at < ?",
        (int(time.time()) - IDEMPOTENCY_WINDOW_SECONDS,),
    )
    found = db.execute(
        f"SELECT fingerprint, response FROM {IDEMPOTENCY_TABLE} "
        f"WHERE {ACCOUNT} = ? AND scope = ? AND key = ?",
        (account, idempotency.scope, idempotency.key),
    ).fetchone()
    if found is None:
        return None
    if found[0] != idempotency.fingerprint:
        raise IdempotencyConflict(idempotency.key)
    row: Row = json.loads(found[1])
    return row


def _columns(layout: TableLayout) -> str:
    return layout.select_list


def _fetch(db: sqlite3.Connection, layout: TableLayout, account: str, object_id: Any) -> Row | None:
    row = db.execute(
        f"SELECT {_columns(layout)} FROM {quote(layout.table)} WHERE {ACCOUNT} = ? AND "
        f"{quote(layout.id_attribute)} = ?",
        (account, object_id),
    ).fetchone()
    return _decoded(layout, row) if row else None


def _decoded(layout: TableLayout, row: Sequence[Any]) -> Row:
    record = dict(zip(layout.attributes, row, strict=True))
    for attribute, kind in layout.converted:  # text and numbers are stored as they are
        record[attribute] = decode(kind, record[attribute])
    return record


def _where(
    layout: TableLayout, account: str, conditions: Sequence[Condition]
) -> tuple[str, list[Any]]:
    clauses, values = [f"{ACCOUNT} = ?"], list[Any]([account])
    for condition in conditions:
        column = quote(condition.attribute)
        if condition.test == "set":
            clauses.append(f"{column} IS NOT NULL")
        elif condition.test == "unset":
            clauses.append(f"{column} IS NULL")
        elif condition.test == "sql":
            clause, clause_values = condition.value
            clauses.append(clause)
            values += clause_values
        elif condition.test == "contains":  # an array kept as JSON text; true is 1 in SQL
            clauses.append(f"EXISTS (SELECT 1 FROM json_each({column}) WHERE value = ?)")
            held = condition.value
            values.append(int(held) if isinstance(held, bool) else held)
        elif condition.test in ("since", "before"):
            beyond = ">=" if condition.test == "since" else "<"
            if layout.column(condition.attribute).kind == "text":  # RFC 3339: as instants
                clauses.append(f"julianday(upper({column})) {beyond} julianday(upper(?))")
            else:
                clauses.append(f"{column} {beyond} ?")
            values.append(condition.value)
        else:
            clauses.append(f"{column} = ?")
            values.append(encode(layout.column(condition.attribute).kind, condition.value))
    return " AND ".join(clauses), values


def _beyond(
    order: Sequence[tuple[str, bool]], cursor: list[Any], backward: bool
) -> tuple[str, list[Any]]:
    """The rows that come after the cursor's keys in `order` (before them when `backward`):
    (k1 beyond v1) OR (k1 = v1 AND k2 beyond v2) OR ..., which works for mixed directions."""
    if len({descending for _, descending in order}) == 1:
        # One direction: a row-value comparison, which SQLite answers from the index.
        beyond = "<" if order[0][1] != backward else ">"
        columns = ", ".join(quote(attribute) for attribute, _ in order)
        marks = ", ".join("?" * len(order))
        return f" AND ({columns}) {beyond} ({marks})", list(cursor)
    alternatives, values = [], []
    for index, (attribute, descending) in enumerate(order):
        beyond = "<" if descending != backward else ">"
        equal = [f"{quote(a)} = ?" for a, _ in order[:index]]
        alternatives.append("(" + " AND ".join([*equal, f"{quote(attribute)} {beyond} ?"]) + ")")
        values += [*cursor[:index], cursor[index]]
    return f" AND ({' OR '.join(alternatives)})", values


_SEQUENCES_TABLE = "_protocol_sequences"


def _next_number(db: sqlite3.Connection, layout: TableLayout, account: str) -> int:
    """The next id of an integer id the server assigns: 1, 2, ... per account and resource,
    never given twice (a deleted object's id included), in the insert's transaction."""
    db.execute(
        f"CREATE TABLE IF NOT EXISTS {_SEQUENCES_TABLE} ({ACCOUNT} TEXT NOT NULL, "
        "resource TEXT NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (" + ACCOUNT + ", resource))"
    )
    found = db.execute(
        f"SELECT last FROM {_SEQUENCES_TABLE} WHERE {ACCOUNT} = ? AND resource = ?",
        (account, layout.table),
    ).fetchone()
    if found is None:  # the objects already there (examples) come first
        found = db.execute(
            f"SELECT COALESCE(MAX({quote(layout.id_attribute)}), 0) FROM {quote(layout.table)} "
            f"WHERE {ACCOUNT} = ?",
            (account,),
        ).fetchone()
    number = int(found[0]) + 1
    db.execute(
        f"INSERT INTO {_SEQUENCES_TABLE} ({ACCOUNT}, resource, last) VALUES (?, ?, ?) "
        f"ON CONFLICT ({ACCOUNT}, resource) DO UPDATE SET last = excluded.last",
        (account, layout.table, number),
    )
    return number
