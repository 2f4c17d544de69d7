"""Relations between resources, served from the model: references checked, deletes that cascade,
clear or refuse, objects created alongside, values kept in step, objects embedded in responses.

Everything here works on one SQLite connection inside the store's write transaction (or its
reader, for responses), so a request's effects on every table commit or roll back together.
Which attribute refers to what comes from the model's `Field.reference`, `alongside`, `inverse`
and `file`; there is no resource-specific code.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from protocol_server.errors import ApiError
from protocol_server.plan import Served
from protocol_server.storage import ACCOUNT, TableLayout, decode, encode, quote
from protocol_spec.model import Field

__all__ = [
    "Changed",
    "Link",
    "Relations",
    "Row",
    "initial_value",
]

Row = dict[str, Any]
# The store's change log (`Store.changed`): told of every object these writes create, change or
# delete, inside their transaction, so that webhooks report cascades and values kept in step too.
Changed = Callable[
    [sqlite3.Connection, TableLayout, str, Literal["created", "updated", "deleted"], Row], None
]
# The (resource, id) pairs a delete has reached, so a cycle of cascades ends.
_Reached = set[tuple[str, str]]
_MAX_DEPTH = 4


def initial_value(f: Field, given: Mapping[str, Any], now: int) -> Any:
    """What a new object's attribute holds: assigned, given in the body, or its default."""
    if f.assigned == "unique-id" and f.id_format is not None:
        return "".join(secrets.choice(f.id_format.alphabet) for _ in range(f.id_format.length))
    if f.assigned == "creation-time":
        return now
    if f.name in given:
        return given[f.name]
    return f.initial()[1]


@dataclass(frozen=True)
class Link:
    """`owner`'s attribute `field` names objects of `target`."""

    owner: Served
    field: Field
    target: Served

    @property
    def column(self) -> str:
        return quote(self.field.name)


class Relations:
    def __init__(
        self,
        served: Sequence[Served],
        download_url: Callable[[Served, str], str],
        changed: Changed | None = None,
    ) -> None:
        self.served = {s.resource.name: s for s in served}
        self.download_url = download_url
        self.changed = changed
        self.outgoing: dict[str, list[Link]] = {name: [] for name in self.served}
        self.incoming: dict[str, list[Link]] = {name: [] for name in self.served}
        for owner in served:
            for f in owner.model.fields:
                target_name = f.reference.resource if f.reference else None
                target = self.served.get(target_name or "")
                if target is not None:
                    link = Link(owner, f, target)
                    self.outgoing[owner.resource.name].append(link)
                    self.incoming[target.resource.name].append(link)

    # -- requests --------------------------------------------------------------------------

    def check_ids(self, db: sqlite3.Connection, account: str, served: Served, given: Row) -> None:
        """Every id the request gives names one of the account's objects, else 400."""
        for f in served.model.fields:
            if f.name not in given or given[f.name] is None:
                continue
            target_name = (
                f.reference.resource if f.reference else f.inverse.resource if f.inverse else None
            )
            target = self.served.get(target_name or "")
            if target is None:
                continue
            value = given[f.name]
            for object_id in value if isinstance(value, list) else [value]:
                if _fetch(db, target, account, object_id) is None:
                    raise ApiError(
                        400,
                        f"{f.name}: none of your {target.resource.name} has "
                        f"{target.id_attribute} {_shown(object_id)}; give the id of one of yours.",
                    )

    def after_insert(
        self,
        db: sqlite3.Connection,
        account: str,
        served: Served,
        row: Row,
        inverse: Row,
        now: int,
        creating: tuple[str, Any] | None = None,
    ) -> None:
        """What creating `row` does to other objects, in the same transaction. `creating` is an
        object this transaction is creating too: its own `created` event tells its values, so
        the values kept in step on it are no `updated` event before it."""
        object_id = row[served.id_attribute]
        for link in self.outgoing[served.resource.name]:
            value = row.get(link.field.name)
            if value is None or link.field.reference is None or link.field.reference.many:
                continue
            if link.field.reference.touch is not None:  # the target's last activity, say
                self._set(db, link.target, account, value, {link.field.reference.touch: now})
            for kept in link.target.model.fields:  # the target's alongside value, in step
                back = kept.reference.resource if kept.reference else None
                if kept.alongside == link.field.name and back == served.resource.name:
                    cursor = db.execute(
                        f"UPDATE {quote(link.target.layout.table)} SET {quote(kept.name)} = ? "
                        f"WHERE {ACCOUNT} = ? AND {quote(link.target.id_attribute)} = ? AND "
                        f"{quote(kept.name)} IS NULL",
                        (object_id, account, value),
                    )
                    if cursor.rowcount and (link.target.resource.name, value) != creating:
                        self._tell_updated(db, link.target, account, value)
        for f in served.model.fields:
            target = self.served.get(f.reference.resource) if f.reference else None
            if f.alongside is not None and target is not None:
                created = self.insert(
                    db,
                    account,
                    target,
                    {f.alongside: object_id},
                    now,
                    (served.resource.name, object_id),
                )
                _set(db, served, account, object_id, {f.name: created[target.id_attribute]})
        self._point(db, account, served, object_id, inverse, detach=False)

    def before_update(
        self,
        db: sqlite3.Connection,
        account: str,
        served: Served,
        object_id: str,
        changes: Row,
        inverse: Row,
        now: int,
    ) -> Row:
        """The column changes of an update, after re-pointing the inverse lists it gives."""
        self._point(db, account, served, object_id, inverse, detach=True)
        stamped = {f.name: now for f in served.model.fields if f.assigned == "update-time"}
        return {**changes, **stamped}

    def insert(
        self,
        db: sqlite3.Connection,
        account: str,
        served: Served,
        given: Row,
        now: int,
        creating: tuple[str, Any] | None = None,
    ) -> Row:
        """A new object of `served` made by the server (created alongside another)."""
        layout = served.layout
        while True:
            row = {f.name: initial_value(f, given, now) for f in served.model.fields}
            names = [ACCOUNT, *(quote(c.attribute) for c in layout.columns)]
            values = [encode(c.kind, row.get(c.attribute)) for c in layout.columns]
            try:
                db.execute(
                    f"INSERT INTO {quote(layout.table)} ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' * len(names))})",
                    (account, *values),
                )
            except sqlite3.IntegrityError:  # a drawn id already taken: draw another
                continue
            self.after_insert(db, account, served, row, {}, now, creating)
            self._tell(db, served, account, "created", row[served.id_attribute])
            return row

    def _point(
        self,
        db: sqlite3.Connection,
        account: str,
        served: Served,
        object_id: str,
        inverse: Row,
        *,
        detach: bool,
    ) -> None:
        """Point the objects an inverse list names at this object (detaching the others)."""
        for f in served.model.fields:
            target = self.served.get(f.inverse.resource) if f.inverse else None
            if f.inverse is None or target is None or f.name not in inverse:
                continue
            column = quote(f.inverse.attribute)
            table, key = quote(target.layout.table), quote(target.id_attribute)
            touched: list[Any] = []
            if detach:
                touched += [
                    found
                    for (found,) in db.execute(
                        f"SELECT {key} FROM {table} WHERE {ACCOUNT} = ? AND {column} = ?",
                        (account, object_id),
                    )
                ]
                db.execute(
                    f"UPDATE {table} SET {column} = NULL WHERE {ACCOUNT} = ? AND {column} = ?",
                    (account, object_id),
                )
            for named in inverse[f.name] or []:
                db.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {ACCOUNT} = ? AND {key} = ?",
                    (object_id, account, named),
                )
                touched.append(named)
            for changed_id in dict.fromkeys(touched):
                self._tell_updated(db, target, account, changed_id)

    # -- deletes ---------------------------------------------------------------------------

    def before_delete(
        self,
        db: sqlite3.Connection,
        account: str,
        served: Served,
        object_id: str,
        deleted: list[tuple[Served, Row]],
    ) -> None:
        """Cascade, clear or refuse for everything referring to the object (the store then
        deletes the object itself); `deleted` collects every object deleted, itself included."""
        row = _fetch(db, served, account, object_id)
        if row is not None:
            deleted.append((served, row))
        self._referrers(
            db, account, served, [object_id], {(served.resource.name, object_id)}, deleted
        )

    def _referrers(
        self,
        db: sqlite3.Connection,
        account: str,
        served: Served,
        ids: list[str],
        reached: _Reached,
        deleted: list[tuple[Served, Row]],
    ) -> None:
        for link in self.incoming[served.resource.name]:
            reference = link.field.reference
            assert reference is not None
            owner = link.owner
            rows = _referring(db, link, account, ids)
            rows = [r for r in rows if (owner.resource.name, r[owner.id_attribute]) not in reached]
            if not rows:
                continue
            if reference.on_delete == "refuse":
                raise ApiError(
                    409,
                    f"{served.resource.singular.capitalize()} {_shown(ids[0])} is still named by "
                    f"the {link.field.name} of {owner.resource.singular} "
                    f"{_shown(rows[0][owner.id_attribute])}; delete or change that first.",
                )
            if reference.on_delete == "clear":
                for r in rows:
                    value = r[link.field.name]
                    kept = [v for v in value if v not in ids] if reference.many else None
                    self._set(db, owner, account, r[owner.id_attribute], {link.field.name: kept})
                continue
            doomed = [r[owner.id_attribute] for r in rows]
            if self.changed is not None:
                for r in rows:
                    self.changed(db, owner.layout, account, "deleted", r)
            reached |= {(owner.resource.name, d) for d in doomed}
            deleted += [(owner, r) for r in rows]
            self._referrers(db, account, owner, doomed, reached, deleted)
            db.execute(
                f"DELETE FROM {quote(owner.layout.table)} WHERE {ACCOUNT} = ? AND "
                f"{quote(owner.id_attribute)} IN ({', '.join('?' * len(doomed))})",
                (account, *doomed),
            )

    # -- the change log ----------------------------------------------------------------------

    def _set(
        self, db: sqlite3.Connection, served: Served, account: str, object_id: Any, values: Row
    ) -> None:
        """Change another object's values and tell the change log."""
        _set(db, served, account, object_id, values)
        self._tell_updated(db, served, account, object_id)

    def _tell_updated(
        self, db: sqlite3.Connection, served: Served, account: str, object_id: Any
    ) -> None:
        self._tell(db, served, account, "updated", object_id)

    def _tell(
        self,
        db: sqlite3.Connection,
        served: Served,
        account: str,
        action: Literal["created", "updated", "deleted"],
        object_id: Any,
    ) -> None:
        if self.changed is not None:
            row = _fetch(db, served, account, object_id)
            if row is not None:
                self.changed(db, served.layout, account, action, row)

    # -- responses -------------------------------------------------------------------------

    def shown(
        self, db: sqlite3.Connection, account: str, served: Served, row: Row, depth: int = 0
    ) -> Row:
        """The object as responses show it: embedded objects, inverse lists, file URLs. An id
        that names nothing (kept from an older database) shows as null, or is left out.
        Schemas that embed each other in a circle stop at _MAX_DEPTH, showing ids."""
        shown = dict(row)
        if depth > _MAX_DEPTH:
            return shown
        deeper = depth + 1
        object_id = row[served.id_attribute]
        for f in served.model.fields:
            reference, inverse = f.reference, f.inverse
            target = self.served.get(
                reference.resource if reference else inverse.resource if inverse else ""
            )
            if f.file == "url":
                shown[f.name] = self.download_url(served, object_id)
            elif reference is not None and target is not None and not reference.embedded:
                value = row.get(f.name)
                named = value if isinstance(value, list) else [] if value is None else [value]
                kept = [i for i in named if _fetch(db, target, account, i) is not None]
                shown[f.name] = kept if reference.many else (kept[0] if kept else None)
            elif reference is not None and reference.embedded and target is not None:
                value = row.get(f.name)
                ids = value if isinstance(value, list) else [] if value is None else [value]
                found = [o for i in ids if (o := _fetch(db, target, account, i)) is not None]
                if reference.many:
                    shown[f.name] = [self.shown(db, account, target, o, deeper) for o in found]
                else:
                    shown[f.name] = (
                        self.shown(db, account, target, found[0], deeper) if found else None
                    )
            elif inverse is not None and target is not None:
                rows = db.execute(
                    f"SELECT {target.layout.select_list} FROM {quote(target.layout.table)} "
                    f"WHERE {ACCOUNT} = ? AND {quote(inverse.attribute)} = ? ORDER BY rowid",
                    (account, object_id),
                ).fetchall()
                shown[f.name] = [
                    self.shown(db, account, target, _decoded(target.layout, r), deeper)
                    for r in rows
                ]
        # The schema's order; an optional attribute with no value that cannot be null (create
        # left it out, and it has no default) is left out, as its schema allows.
        return {
            f.name: shown.get(f.name)
            for f in served.model.fields
            if shown.get(f.name) is not None or f.nullable or f.required
        }

    def through(
        self, served: Served, account: str, through: str, attribute: str, value: Any
    ) -> tuple[str, list[Any]]:
        """The SQL condition of a filter through a reference, and its values."""
        f = served.model.field(through)
        assert f is not None and f.reference is not None
        target = self.served[f.reference.resource]
        clause = (
            f"{quote(through)} IN (SELECT {quote(target.id_attribute)} FROM "
            f"{quote(target.layout.table)} WHERE {ACCOUNT} = ? AND {quote(attribute)} = ?)"
        )
        return (
            clause,
            [account, encode(target.layout.column(attribute).kind, value)],
        )


def _fetch(db: sqlite3.Connection, served: Served, account: str, object_id: Any) -> Row | None:
    layout = served.layout
    found = db.execute(
        f"SELECT {layout.select_list} FROM {quote(layout.table)} WHERE {ACCOUNT} = ? AND "
        f"{quote(served.id_attribute)} = ?",
        (account, object_id),
    ).fetchone()
    return _decoded(layout, found) if found else None


def _referring(db: sqlite3.Connection, link: Link, account: str, ids: list[str]) -> list[Row]:
    layout = link.owner.layout
    marks = ", ".join("?" * len(ids))
    assert link.field.reference is not None
    if link.field.reference.many:
        test = f"EXISTS (SELECT 1 FROM json_each({link.column}) WHERE value IN ({marks}))"
    else:
        test = f"{link.column} IN ({marks})"
    rows = db.execute(
        f"SELECT {layout.select_list} FROM {quote(layout.table)} WHERE {ACCOUNT} = ? AND {test}",
        (account, *ids),
    ).fetchall()
    return [_decoded(layout, r) for r in rows]


def _set(db: sqlite3.Connection, served: Served, account: str, object_id: Any, values: Row) -> None:
    layout = served.layout
    assignments = ", ".join(f"{quote(name)} = ?" for name in values)
    db.execute(
        f"UPDATE {quote(layout.table)} SET {assignments} WHERE {ACCOUNT} = ? AND "
        f"{quote(served.id_attribute)} = ?",
        (
            *(encode(layout.column(n).kind, v) for n, v in values.items()),
            account,
            object_id,
        ),
    )


def _decoded(layout: TableLayout, row: Sequence[Any]) -> Row:
    record = dict(zip(layout.attributes, row, strict=True))
    for attribute, kind in layout.converted:
        record[attribute] = decode(kind, record[attribute])
    return record


def _shown(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:40] + "…")
