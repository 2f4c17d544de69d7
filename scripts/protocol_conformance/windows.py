"""Time windows (`x-protocol-filter` `match: since` / `before`): where a value lies on a
window's line, which side of a bound it is on, and the bounds just beyond a set of values.

`since` keeps what is at or after its bound (>=, the boundary included), `before` what is
strictly before it (<, the boundary excluded); numbers compare as numbers, RFC 3339 date-times
as instants to the millisecond, and a null is in no window (docs/spec.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

__all__ = ["bounds_beyond", "in_window", "ordinal"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _moment(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.upper())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def ordinal(value: Any) -> float | None:
    """Where a value lies on a window's line: a number itself, an RFC 3339 date-time its
    instant in whole milliseconds since the epoch; None for anything else (in no window)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    moment = _moment(value) if isinstance(value, str) else None
    return float((moment - _EPOCH) // timedelta(milliseconds=1)) if moment else None


def in_window(match: str, held: Any, bound: Any) -> bool:
    """`since`: the attribute at or after the bound (>=); `before`: strictly before it (<).
    A null (or unordered) attribute is in no window."""
    at, edge = ordinal(held), ordinal(bound)
    if at is None or edge is None:
        return False
    return at >= edge if match == "since" else at < edge


def bounds_beyond(values: Sequence[Any], numeric: bool) -> list[Any]:
    """A bound just before the lowest of `values` and one just after the highest (by one, or
    one second for date-times, written in UTC): every value lies on each side of one of them."""
    if numeric:
        points = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        return [min(points) - 1, max(points) + 1] if points else []
    moments = [m for v in values if isinstance(v, str) and (m := _moment(v)) is not None]
    if not moments:
        return []
    second = timedelta(seconds=1)
    return [
        m.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        for m in (min(moments) - second, max(moments) + second)
    ]
