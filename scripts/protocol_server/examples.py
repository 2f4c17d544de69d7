"""The spec's example objects, given to every account once (`PROTOCOL_EXAMPLE_OBJECTS`, on by
default), so the samples of the reference page run as printed on a fresh account.

The objects are those the examples of each resource's get and list responses show, and the
objects embedded in them, under the examples' ids. Each account gets them
once: an account that deleted them does not get them back at the next start.

An example object whose file the server serves back (an attribute marked `x-protocol-file:
url`) gets bytes too, made from what its example says of the file: as many bytes as its size
attribute (within the upload limit), a well-formed document of its media type where we know
one (`application/pdf`), else lines of text naming the file. The same example gives the same
bytes, to every account.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from protocol_server.engine import MAX_BODY_BYTES
from protocol_server.plan import Plan, Served
from protocol_server.storage import ACCOUNT, encode, quote
from protocol_server.uploads import FileStore
from protocol_spec.model import Role

__all__ = [
    "Row",
    "example_file",
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
    db: sqlite3.Connection,
    accounts: Iterable[str],
    objects: Sequence[tuple[Served, Row]],
    files: FileStore | None = None,
) -> int:
    """Give the example objects to each account that never had them (call inside a write
    transaction), with their files' bytes where the server serves a file back (into `files`);
    returns how many accounts got them. An id an older table keeps unique across accounts is
    skipped for the accounts after the first."""
    db.execute(f"CREATE TABLE IF NOT EXISTS {_GIVEN_TABLE} ({ACCOUNT} TEXT PRIMARY KEY)")
    given = 0
    for account in accounts:
        if db.execute(f"SELECT 1 FROM {_GIVEN_TABLE} WHERE {ACCOUNT} = ?", (account,)).fetchone():
            continue
        for served, row in objects:
            layout = served.layout
            names = [ACCOUNT, *(quote(c.attribute) for c in layout.columns)]
            inserted = db.execute(
                f"INSERT OR IGNORE INTO {quote(layout.table)} ({', '.join(names)}) "
                f"VALUES ({', '.join('?' * len(names))})",
                (account, *(encode(c.kind, row.get(c.attribute)) for c in layout.columns)),
            ).rowcount
            data = example_file(served, row) if files is not None and inserted else None
            if files is not None and data is not None:
                staged = files.stage(data)
                files.place(staged, account, served.resource.name, row[served.id_attribute])
        db.execute(f"INSERT INTO {_GIVEN_TABLE} ({ACCOUNT}) VALUES (?)", (account,))
        given += 1
    return given


# -- files -------------------------------------------------------------------------------------


def example_file(served: Served, row: Row) -> bytes | None:
    """The bytes of an example object's file, when the server serves its file back (None
    otherwise): the size its example gives (within the upload limit), of its media type."""
    fields = served.model.fields
    if not any(f.file == "url" for f in fields):
        return None
    by_role = {f.file: f for f in fields if f.file is not None}
    name = str(row.get(by_role["name"].name) or "") if "name" in by_role else ""
    name = name or str(row.get(served.id_attribute) or "file")
    media_type = str(row.get(by_role["media-type"].name) or "") if "media-type" in by_role else ""
    size_field = by_role.get("size")
    limit = MAX_BODY_BYTES
    if size_field is not None and size_field.constraints.maximum is not None:
        limit = int(size_field.constraints.maximum)
    size = row.get(size_field.name) if size_field is not None else None
    text = _text(name, size if isinstance(size, int) else 0)
    if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= limit:
        size = len(text)
    if media_type.lower() == "application/pdf":
        document = _pdf(name, size)
        if document is not None:
            return document
    return (text * (size // len(text) + 1))[:size]


def _text(name: str, size: int) -> bytes:
    printable = "".join(c if c.isprintable() else "?" for c in name)
    return f"Placeholder of {printable}, {size} bytes.\n".encode()


def _pdf(name: str, size: int) -> bytes | None:
    """A one-page PDF of exactly `size` bytes (a comment line pads it), or None when `size` is
    too small for one."""
    title = "".join(c for c in name if c.isascii() and c.isprintable() and c not in "()\\")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        f"<< /Title ({title}) /Producer (protocol_server example objects) >>".encode(),
    ]

    def build(padding: int) -> bytes:
        out = bytearray(b"%PDF-1.4\n")
        if padding:  # a comment line of `padding` bytes, its newline included
            line = b"% placeholder " * (padding // 14 + 1)
            out += line[: padding - 1] + b"\n"
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\n" % (len(objects) + 1)
        out += b"startxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)

    padding = size - len(build(0))
    if padding == 0:
        return build(0)
    for _ in range(3):  # the offsets' digits grow with the padding: settle in a step or two
        if padding < 2:
            return None
        document = build(padding)
        if len(document) == size:
            return document
        padding -= len(document) - size
    return None
