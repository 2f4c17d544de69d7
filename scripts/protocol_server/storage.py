"""How a resource's objects are kept in SQLite: one table per resource, one column per attribute.

The layout is derived from the resource's schema alone: the table is named after the resource,
each attribute is a column named after it, and the column's kind follows the attribute's type.
Internal columns start with `_`, which no attribute name the engine serves may do.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any, Literal

from protocol_spec.model import Field, Model, TypeRef

__all__ = [
    "ACCOUNT",
    "SQL_TYPES",
    "Column",
    "Kind",
    "TableLayout",
    "decode",
    "encode",
    "kind_of",
    "quote",
]

# The account that owns each row: a keyed hash of its token (token_key.py).
ACCOUNT = "_account"

Kind = Literal["text", "integer", "boolean", "number", "json"]
SQL_TYPES: dict[Kind, str] = {
    "text": "TEXT",
    "integer": "INTEGER",
    "boolean": "INTEGER",
    # NUMERIC keeps 2 an integer and 2.5 a real, so what was sent is what is read back.
    "number": "NUMERIC",
    "json": "TEXT",
}


def kind_of(type_ref: TypeRef) -> Kind:
    if type_ref.kind in ("string", "enum"):
        return "text"
    if type_ref.kind in ("integer", "boolean", "number"):
        return type_ref.kind
    return "json"  # arrays, objects and anything else: kept as JSON text


@dataclass(frozen=True)
class Column:
    attribute: str
    kind: Kind
    nullable: bool
    default: Any  # what rows that existed before the column get; None when nothing
    has_default: bool


@dataclass(frozen=True)
class TableLayout:
    """The table of one resource: its name, its key column and its attribute columns."""

    table: str
    id_attribute: str
    columns: tuple[Column, ...]
    sort_columns: tuple[tuple[str, bool], ...] = ()  # (attribute, descending) for the index

    @classmethod
    def of(
        cls,
        table: str,
        model: Model,
        id_attribute: str,
        sort_columns: tuple[tuple[str, bool], ...] = (),
    ) -> TableLayout:
        # Values the server derives when it shows an object (a list kept in step, a file's URL)
        # have no column.
        stored = [f for f in model.fields if f.inverse is None and f.file != "url"]
        return cls(table, id_attribute, tuple(_column(f) for f in stored), sort_columns)

    def column(self, attribute: str) -> Column:
        return next(column for column in self.columns if column.attribute == attribute)

    @functools.cached_property
    def numbered(self) -> bool:
        """The id is an integer: the server numbers new objects when nothing else gives one."""
        return self.column(self.id_attribute).kind == "integer"

    @functools.cached_property
    def attributes(self) -> tuple[str, ...]:
        return tuple(column.attribute for column in self.columns)

    @functools.cached_property
    def converted(self) -> tuple[tuple[str, Kind], ...]:
        """(attribute, kind) of the columns whose SQLite value is not the attribute's value."""
        return tuple((c.attribute, c.kind) for c in self.columns if c.kind in _CONVERTED)

    @functools.cached_property
    def select_list(self) -> str:
        """The attribute columns, quoted, in order: what a SELECT of whole objects names."""
        return ", ".join(quote(attribute) for attribute in self.attributes)


_CONVERTED: frozenset[Kind] = frozenset({"boolean", "json"})


def _column(f: Field) -> Column:
    # A reference to one object is stored as the id, even where responses embed the object.
    single_reference = f.reference is not None and not f.reference.many
    kind: Kind = "text" if single_reference else kind_of(f.type)
    return Column(f.name, kind, f.nullable, f.default, f.has_default)


def quote(identifier: str) -> str:
    """An SQL identifier, quoted: attribute names come from the spec."""
    return '"' + identifier.replace('"', '""') + '"'


def encode(kind: Kind, value: Any) -> Any:
    if value is None:
        return None
    if kind == "boolean":
        return int(bool(value))
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def decode(kind: Kind, value: Any) -> Any:
    if value is None:
        return None
    if kind == "boolean":
        return bool(value)
    if kind == "json":
        return json.loads(value)
    return value
