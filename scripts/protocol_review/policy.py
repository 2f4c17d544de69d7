"""The deprecation policy the review applies, read from others' specs as oasdiff reads them.

- `deprecated: true` with `x-sunset` (a date, `YYYY-MM-DD` or RFC 3339): what is deprecated may
  be removed once the sunset date has passed (or at once when no date is declared); removed
  before it, or without having been deprecated, it breaks clients.
- `x-stability-level` (`draft` < `alpha` < `beta` < `stable`) may only rise; changes to a
  `draft` or `alpha` operation break no promise (they are acknowledged by the review).

The sunset date is compared with today's date (UTC): the same specs give the same report until
a declared sunset date passes.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

__all__ = ["STABILITY_LEVELS", "UNSTABLE", "sunset_date", "sunset_passed"]

STABILITY_LEVELS = ("draft", "alpha", "beta", "stable")
UNSTABLE = frozenset({"draft", "alpha"})
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ].*)?$")


def sunset_date(value: Any) -> datetime.date | None:
    """The date an `x-sunset` value names; None when it is not a date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _DATE.match(str(value)) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def sunset_passed(value: Any) -> bool:
    """Whether something deprecated with this `x-sunset` (None: no date) may be removed."""
    if value is None:
        return True
    date = sunset_date(value)
    return date is not None and date <= datetime.datetime.now(datetime.UTC).date()
