"""Storage follows the spec: at start-up, the tables are brought in line with the resources the
spec declares, by explicit migrations recorded in the database. Nothing is ever dropped.

- a new resource gets its table; a new attribute gets its column, and the objects that already
  exist read it as its `default` (null for a nullable attribute without one);
- an attribute the spec no longer declares stops being served; its column and values stay, and
  come back if the spec declares it again;
- a resource the spec no longer declares stops being served; its table stays;
- an attribute whose type changed has its stored values converted, or start-up stops naming a
  value that cannot be converted;
- the owners of rows written before version 3 (the token's SHA-256) become keyed hashes
  (token_key.py); the key's check value is kept, so another key stops start-up instead of
  hiding every object.

Every change is a row of `_protocol_migrations` (when, which table, what), in the same
transaction as the change itself. `_protocol_columns` records the layout the data is in.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Sequence
from typing import Any

from protocol_server.errors import ProtocolServerError
from protocol_server.outbox import OUTBOX_TABLE, create_outbox_tables
from protocol_server.storage import (
    ACCOUNT,
    SQL_TYPES,
    Column,
    Kind,
    TableLayout,
    decode,
    encode,
    quote,
)
from protocol_server.token_key import account_hash, key_check

__all__ = ["IDEMPOTENCY_TABLE", "SCHEMA_VERSION", "MigrationError", "migrate"]

SCHEMA_VERSION = 3
# Version 2 and before kept each owner as the token's unsalted SHA-256.
_KEYED_VERSION = 3
_KEY_TABLE = "_protocol_token_key"
# Version 1 was the conversations-only server: one `conversations` table, owner in `account`.
_LEGACY_VERSION = 1
_COLUMNS_TABLE = "_protocol_columns"
_MIGRATIONS_TABLE = "_protocol_migrations"
IDEMPOTENCY_TABLE = "_protocol_idempotency"


class MigrationError(ProtocolServerError):
    """The database cannot be brought in line with the spec without losing data."""


def migrate(db: sqlite3.Connection, layouts: Sequence[TableLayout], key: bytes) -> list[str]:
    """Bring the schema in line with `layouts`; call inside a write transaction.

    Returns the changes made, one sentence each (empty when the data already fits the spec).
    """
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise MigrationError(
            f"the database has storage version {version}; this server writes version "
            f"{SCHEMA_VERSION}. Use the server that wrote it, or point PROTOCOL_DB at another file."
        )
    migration = _Migration(db, now=int(time.time()))
    changes = migration.run(layouts, adopt_legacy=version == _LEGACY_VERSION)
    migration.key_accounts(key, hash_owners=version < _KEYED_VERSION)
    return changes


class _Migration:
    def __init__(self, db: sqlite3.Connection, now: int) -> None:
        self.db = db
        self.now = now
        self.changes: list[str] = []

    def run(self, layouts: Sequence[TableLayout], *, adopt_legacy: bool) -> list[str]:
        self._bookkeeping()
        if adopt_legacy:
            self._adopt_legacy(layouts)
        for layout in layouts:
            if self._table_exists(layout.table):
                self._align(layout)
            else:
                self._create(layout)
            self._index(layout)
        served = {layout.table for layout in layouts}
        for (table,) in self.db.execute(
            f"SELECT DISTINCT table_name FROM {_COLUMNS_TABLE} WHERE served = 1"
        ).fetchall():
            if table not in served:
                self.db.execute(
                    f"UPDATE {_COLUMNS_TABLE} SET served = 0 WHERE table_name = ?", (table,)
                )
                self._record(
                    table, f"resource table {table} is no longer served; its rows are kept"
                )
        if create_outbox_tables(self.db):
            self._record(OUTBOX_TABLE, "created the webhook outbox and its deliveries")
        self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return self.changes

    def key_accounts(self, key: bytes, *, hash_owners: bool) -> None:
        """Record the key's check value; before version 3, turn every owner into its keyed hash."""
        self.db.execute(f"CREATE TABLE IF NOT EXISTS {_KEY_TABLE} (check_value TEXT NOT NULL)")
        found = self.db.execute(f"SELECT check_value FROM {_KEY_TABLE}").fetchone()
        if found is not None and found[0] != key_check(key):
            raise MigrationError(
                "its accounts were hashed with another token key. Restore the key it was "
                "written with (the file beside it, `<database>.key`, or PROTOCOL_TOKEN_KEY)"
            )
        if found is None:
            self.db.execute(f"INSERT INTO {_KEY_TABLE} VALUES (?)", (key_check(key),))
        if not hash_owners:
            return
        self.db.create_function(
            "protocol_account_hash", 1, lambda legacy: account_hash(key, legacy), deterministic=True
        )
        for (table,) in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall():
            if ACCOUNT not in self._physical_columns(table):
                continue
            changed = self.db.execute(
                f"UPDATE {quote(table)} SET {ACCOUNT} = protocol_account_hash({ACCOUNT})"
            ).rowcount
            if changed:
                self._record(table, f"{changed} row owner(s) of {table} now stored as keyed hashes")

    # -- bookkeeping -------------------------------------------------------------------------

    def _bookkeeping(self) -> None:
        self.db.execute(
            f"CREATE TABLE IF NOT EXISTS {_COLUMNS_TABLE} ("
            "table_name TEXT NOT NULL, attribute TEXT NOT NULL, kind TEXT NOT NULL, "
            "served INTEGER NOT NULL, PRIMARY KEY (table_name, attribute))"
        )
        self.db.execute(
            f"CREATE TABLE IF NOT EXISTS {_MIGRATIONS_TABLE} ("
            "number INTEGER PRIMARY KEY AUTOINCREMENT, applied_at INTEGER NOT NULL, "
            "table_name TEXT NOT NULL, change TEXT NOT NULL)"
        )
        # Idempotency keys: the first answer to a keyed request, kept for the replay window.
        self.db.execute(
            f"CREATE TABLE IF NOT EXISTS {IDEMPOTENCY_TABLE} ("
            f"{ACCOUNT} TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL, "
            "fingerprint TEXT NOT NULL, response TEXT NOT NULL, created_at INTEGER NOT NULL, "
            f"PRIMARY KEY ({ACCOUNT}, scope, key))"
        )
        self.db.execute(
            f"CREATE INDEX IF NOT EXISTS {IDEMPOTENCY_TABLE}_by_age "
            f"ON {IDEMPOTENCY_TABLE} (created_at)"
        )

    def _record(self, table: str, change: str) -> None:
        self.db.execute(
            f"INSERT INTO {_MIGRATIONS_TABLE} (applied_at, table_name, change) VALUES (?, ?, ?)",
            (self.now, table, change),
        )
        self.changes.append(change)

    def _recorded(self, table: str) -> dict[str, tuple[Kind, bool]]:
        rows = self.db.execute(
            f"SELECT attribute, kind, served FROM {_COLUMNS_TABLE} WHERE table_name = ?",
            (table,),
        ).fetchall()
        return {attribute: (kind, bool(served)) for attribute, kind, served in rows}

    def _remember(self, table: str, attribute: str, kind: Kind, served: bool) -> None:
        self.db.execute(
            f"INSERT INTO {_COLUMNS_TABLE} (table_name, attribute, kind, served) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (table_name, attribute) "
            "DO UPDATE SET kind = excluded.kind, served = excluded.served",
            (table, attribute, kind, int(served)),
        )

    def _table_exists(self, table: str) -> bool:
        found = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        return found is not None

    def _physical_columns(self, table: str) -> dict[str, str]:
        rows = self.db.execute(f"PRAGMA table_info({quote(table)})").fetchall()
        return {row[1]: str(row[2]).upper() for row in rows}

    # -- the legacy layout ---------------------------------------------------------------------

    def _adopt_legacy(self, layouts: Sequence[TableLayout]) -> None:
        """Version 1 kept the owner in `account` and recorded no layout: take its tables over."""
        wanted = {layout.table: layout for layout in layouts}
        tables = [
            name
            for (name,) in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_protocol\\_%' ESCAPE '\\'"
            ).fetchall()
        ]
        for table in tables:
            physical = self._physical_columns(table)
            if "account" in physical and ACCOUNT not in physical:
                self.db.execute(f"ALTER TABLE {quote(table)} RENAME COLUMN account TO {ACCOUNT}")
            for (index,) in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL",
                (table,),
            ).fetchall():
                self.db.execute(f"DROP INDEX {quote(index)}")  # an index is no data
            layout = wanted.get(table)
            for name, sql_type in physical.items():
                if name in ("account", ACCOUNT):
                    continue
                kind = _kind_for_sql(sql_type)
                if layout is not None and name in layout.attributes:
                    declared = layout.column(name).kind
                    if SQL_TYPES[declared] == sql_type:
                        kind = declared
                self._remember(table, name, kind, served=True)
            self._record(table, f"took over table {table} from storage version {_LEGACY_VERSION}")

    # -- one resource --------------------------------------------------------------------------

    def _create(self, layout: TableLayout) -> None:
        columns = [f"{ACCOUNT} TEXT NOT NULL"]
        for column in layout.columns:
            columns.append(f"{quote(column.attribute)} {SQL_TYPES[column.kind]}")
        # Ids are unique per account, so every account can hold the spec's example objects
        # under their ids. (Tables made before keep their key: ids unique across accounts.)
        columns.append(f"PRIMARY KEY ({ACCOUNT}, {quote(layout.id_attribute)})")
        self.db.execute(f"CREATE TABLE {quote(layout.table)} ({', '.join(columns)})")
        for column in layout.columns:
            self._remember(layout.table, column.attribute, column.kind, served=True)
        self._record(
            layout.table,
            f"created table {layout.table} with {', '.join(layout.attributes)}",
        )

    def _align(self, layout: TableLayout) -> None:
        recorded = self._recorded(layout.table)
        physical = self._physical_columns(layout.table)
        rows = self.db.execute(f"SELECT count(*) FROM {quote(layout.table)}").fetchone()[0]
        for column in layout.columns:
            name = column.attribute
            if name not in physical:
                self.db.execute(
                    f"ALTER TABLE {quote(layout.table)} ADD COLUMN {quote(name)} "
                    f"{SQL_TYPES[column.kind]}"
                )
                self._fill(layout, column, rows, "added")
            elif name not in recorded or not recorded[name][1]:
                old_kind = recorded[name][0] if name in recorded else _kind_for_sql(physical[name])
                self._convert(layout, column, old_kind)
                self._fill(layout, column, rows, "served again")
            elif recorded[name][0] != column.kind:
                self._convert(layout, column, recorded[name][0])
            elif not column.nullable:
                self._fill(layout, column, rows, "made non-nullable", quiet=True)
            self._remember(layout.table, name, column.kind, served=True)
        for name, (kind, served) in recorded.items():
            if served and name not in layout.attributes:
                self._remember(layout.table, name, kind, served=False)
                self._record(
                    layout.table,
                    f"{layout.table}.{name} is no longer served; its values are kept",
                )

    def _fill(
        self, layout: TableLayout, column: Column, rows: int, how: str, *, quiet: bool = False
    ) -> None:
        """Give rows without a value the column's default (null when it has none)."""
        table, name = quote(layout.table), quote(column.attribute)
        empty = self.db.execute(f"SELECT count(*) FROM {table} WHERE {name} IS NULL").fetchone()[0]
        if empty and column.has_default and column.default is not None:
            self.db.execute(
                f"UPDATE {table} SET {name} = ? WHERE {name} IS NULL",
                (encode(column.kind, column.default),),
            )
            shown = f"the default {json.dumps(column.default)}"
        elif empty and not column.nullable:
            raise MigrationError(
                f"{empty} stored object(s) of {layout.table} have no value for "
                f"'{column.attribute}', which the spec says is never null and gives no default. "
                f"Give '{column.attribute}' a `default` in the spec (existing objects get it), "
                "or make it nullable."
            )
        else:
            shown = "null"
        if not quiet or empty:
            detail = f"; {empty} existing object(s) read {shown}" if rows else ""
            self._record(layout.table, f"{how} {layout.table}.{column.attribute}{detail}")

    def _convert(self, layout: TableLayout, column: Column, old: Kind) -> None:
        """Values of another kind move to a new column of the right SQL type (SQLite keeps a
        column's type for good); the old column stays, renamed, with the values as they were."""
        if old == column.kind:
            return
        table, name = quote(layout.table), quote(column.attribute)
        if column.attribute == layout.id_attribute:
            raise MigrationError(
                f"the type of {layout.table}.{column.attribute}, the id, changed from {old} to "
                f"{column.kind}; ids cannot be converted. Change its type back."
            )
        rows = self.db.execute(
            f"SELECT rowid, {name} FROM {table} WHERE {name} IS NOT NULL"
        ).fetchall()
        converted = []
        for rowid, raw in rows:
            try:
                converted.append(
                    (encode(column.kind, _converted(decode(old, raw), column.kind)), rowid)
                )
            except ValueError:
                raise MigrationError(
                    f"{layout.table}.{column.attribute} was {old} and the spec now says "
                    f"{column.kind}, but the stored value {raw!r} cannot be converted. Change "
                    "the attribute's type back, or give the new type another attribute name."
                ) from None
        kept = f"_{column.attribute}_was_{old}_{self.now}"
        self._drop_order_indexes(layout.table)  # they may cover the renamed column
        self.db.execute(f"ALTER TABLE {table} RENAME COLUMN {name} TO {quote(kept)}")
        self.db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {SQL_TYPES[column.kind]}")
        self.db.executemany(f"UPDATE {table} SET {name} = ? WHERE rowid = ?", converted)
        self._record(
            layout.table,
            f"converted {layout.table}.{column.attribute} from {old} to {column.kind} "
            f"({len(rows)} value(s)); the {old} values stay in column {kept}",
        )

    def _drop_order_indexes(self, table: str, keep: str | None = None) -> None:
        prefix = f"{table}_order_"
        for (existing,) in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
        ).fetchall():
            if existing.startswith(prefix) and existing != keep:
                self.db.execute(f"DROP INDEX {quote(existing)}")

    def _index(self, layout: TableLayout) -> None:
        """One index per table for its list order, keyed by account; older ones are dropped."""
        if not layout.sort_columns:
            return
        keys = ", ".join(
            quote(attribute) + (" DESC" if descending else "")
            for attribute, descending in layout.sort_columns
        )
        digest = hashlib.sha256(keys.encode()).hexdigest()[:8]
        name = f"{layout.table}_order_{digest}"
        self._drop_order_indexes(layout.table, keep=name)
        self.db.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(layout.table)} ({ACCOUNT}, {keys})"
        )


def _kind_for_sql(sql_type: str) -> Kind:
    kinds: dict[str, Kind] = {"INTEGER": "integer", "NUMERIC": "number", "REAL": "number"}
    return kinds.get(sql_type, "text")


def _converted(value: Any, kind: Kind) -> Any:
    """`value` as the new kind, or ValueError when that would change what it says."""
    if kind == "json":
        return value
    if kind == "text":
        if isinstance(value, str):
            return value
        if isinstance(value, bool | int | float):
            return json.dumps(value)
        raise ValueError(value)
    if kind == "boolean":
        if isinstance(value, bool) or value in (0, 1):
            return bool(value)
        if value in ("true", "false"):
            return value == "true"
        raise ValueError(value)
    if kind == "integer":
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
            return int(value)
        if isinstance(value, str) and value.lstrip("-").isdigit():
            return int(value)
        raise ValueError(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        return float(value)
    raise ValueError(value)
