"""The `format` of a value the server stores, checked, so no client later refuses what the
server kept: `uri` (absolute, with a scheme and, for http(s), a host), `email`, `date-time`
(RFC 3339); and the OpenAPI integer formats `int32` and `int64` as the ranges they name.
Other formats are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from protocol_server.errors import ApiError
from protocol_server.requests import format_value
from protocol_spec.model import Field, TypeRef

__all__ = ["INTEGER_RANGES", "check_formats", "check_integer_format", "check_value_format"]

# The ranges of OpenAPI's integer formats (a value beyond them is refused with 400).
INTEGER_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_DATE_TIME = re.compile(
    r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)"
    r"(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)"
)
_WORDS = {
    "uri": "an absolute URL such as https://example.com/a.jpg",
    "email": "an email address such as name@example.com",
    "date-time": "an RFC 3339 date-time such as 1991-12-08T23:00:00Z",
}


def check_integer_format(name: str, type_ref: TypeRef, value: Any) -> bool:
    """Whether an integer `value` is within its `int32`/`int64` format (or an array's items
    within theirs); other values and formats are not this check's."""
    if isinstance(value, list) and type_ref.items is not None:
        return all(check_integer_format(name, type_ref.items, v) for v in value)
    bounds = INTEGER_RANGES.get(str(type_ref.format))
    if bounds is None or not isinstance(value, int) or isinstance(value, bool):
        return True
    return bounds[0] <= value <= bounds[1]


def check_formats(fields: tuple[Field, ...], given: Mapping[str, Any]) -> None:
    """400 naming the first attribute whose value does not have its declared format."""
    for f in fields:
        if f.name in given and not check_integer_format(f.name, f.type, given[f.name]):
            low, high = INTEGER_RANGES[str(f.type.format or _item_format(f.type))]
            raise ApiError(
                400,
                f"{f.name}: must be an integer from {low} to {high} ({f.type.format or _item_format(f.type)}).",
            )
        if f.name in given:
            for value in _values(f.type, given[f.name]):
                if not _valid(str(f.type.format or _item_format(f.type)), value):
                    words = _WORDS[str(f.type.format or _item_format(f.type))]
                    raise ApiError(400, f"{f.name}: must be {words}, got {format_value(value)}.")


def check_value_format(name: str, type_ref: TypeRef, value: Any) -> None:
    """400 naming the parameter when its value does not have its declared format."""
    kind = type_ref.format
    if kind in _WORDS and isinstance(value, str) and not _valid(str(kind), value):
        raise ApiError(400, f"{name}: must be {_WORDS[str(kind)]}, got {format_value(value)}.")


def _item_format(type_ref: TypeRef) -> str | None:
    return type_ref.items.format if type_ref.items is not None else None


def _values(type_ref: TypeRef, value: Any) -> list[str]:
    formats = type_ref.format or _item_format(type_ref)
    if formats not in _WORDS:
        return []
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]


def _valid(kind: str, value: str) -> bool:
    if kind == "email":
        return _EMAIL.fullmatch(value) is not None
    if kind == "date-time":
        return _DATE_TIME.fullmatch(value) is not None
    if any(c.isspace() for c in value) or any(ord(c) < 32 for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if not parts.scheme or _SCHEME.fullmatch(parts.scheme) is None:
        return False
    needs_host = parts.scheme.lower() in ("http", "https")
    return bool(parts.netloc and parts.hostname) if needs_host else bool(parts.netloc or parts.path)
