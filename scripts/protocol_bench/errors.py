"""The root of the bench's exceptions: a measurement that cannot be made.

Every exception class of protocol_bench derives from `BenchError`; `python -m protocol_bench`
prints its message (what failed, what to do) and exits 2, without a traceback.
"""

from __future__ import annotations

__all__ = ["BenchError"]


class BenchError(Exception):
    """A measurement cannot be made; the message says what failed."""
