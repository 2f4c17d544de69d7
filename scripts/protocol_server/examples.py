"""The spec's example objects, given to every account once (`PROTOCOL_EXAMPLE_OBJECTS`, on by
default), so the samples of the reference page run as printed on a fresh account.

The objects are those the examples of each resource's get and list responses show, and the
objects embedded in them, under the examples' ids. Each account gets them
once: an account that deleted them does not get them back at the next start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from protocol_server.plan import Plan, Served
from protocol_server.storage import ACCOUNT, encode, quote
from protocol_spec.model import Role

__all__ = [
    "Row",
    "example_objects",
    "give_examples",
]

Row = dict[str, Any]
_GIVEN_TABLE = "_protocol_examples_given"


def example_objects(plan: Plan) -> list[tuple[Served, Row]]:
    """(resource, row as stored) of every example object, first example of an id winning."""
    by_name = {s.resource.name: s for s in plan.served}
    found: dict[tuple[str, str], tuple[Served, Row]] = {}

    def add(served: Served, example: Any) -> None:
        if not isinstance(example, dict) or not isinstance(example.get(served.id_attribute), str):
            return
        key = (served.resource.name, example[served.id_attribute])
        if key in found:
            return
        row: Row = {}
        for f in served.model.fields:
            value = example.get(f.name)
            reference = f.reference
            target = by_name.get(reference.resource) if reference else None
            if reference is not None and reference.embedded and target is not None:
                objects = value if isinstance(value, list) else [] if value is None else [value]
                for nested in objects:
                    add(target, nested)
                ids = [o.get(target.id_attribute) for o in objects if isinstance(o, dict)]
                value = ids if reference.many else (ids[0] if ids else None)
            elif f.inverse is not None or f.file == "url":
                value = None  # kept in step, or built when shown: never stored
            row[f.name] = value
        found[key] = (served, row)

    roles: tuple[Role, ...] = ("get", "list")
    for served in plan.served:
        for role in roles:
            operation = served.resource.operation(role)
            success = operation.success if operation is not None else None
            page = operation.pagination if operation is not None else None
            for example in success.examples if success is not None else ():
                if page is None:
                    add(served, example.value)
                elif isinstance(example.value, dict):
                    for item in example.value.get(page.items_field) or []:
                        add(served, item)
    return list(found.values())


def give_examples(
    db: sqlite3.Connection, accounts: Iterable[str], objects: Sequence[tuple[Served, Row]]
) -> int:
    """Give the example objects to each account that never had them (call inside a write
    transaction); returns how many accounts got them. An id an older table keeps unique across
    accounts is skipped for the accounts after the first."""
    db.execute(f"CREATE TABLE IF NOT EXISTS {_GIVEN_TABLE} ({ACCOUNT} TEXT PRIMARY KEY)")
    given = 0
    for account in accounts:
        if db.execute(f"SELECT 1 FROM {_GIVEN_TABLE} WHERE {ACCOUNT} = ?", (account,)).fetchone():
            continue
        for served, row in objects:
            layout = served.layout
            names = [ACCOUNT, *(quote(c.attribute) for c in layout.columns)]
            db.execute(
                f"INSERT OR IGNORE INTO {quote(layout.table)} ({', '.join(names)}) "
                f"VALUES ({', '.join('?' * len(names))})",
                (account, *(encode(c.kind, row.get(c.attribute)) for c in layout.columns)),
            )
        db.execute(f"INSERT INTO {_GIVEN_TABLE} ({ACCOUNT}) VALUES (?)", (account,))
        given += 1
    return given
