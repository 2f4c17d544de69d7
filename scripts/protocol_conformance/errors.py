"""The root of the conformance suite's exceptions, and the one the command line turns into a
diagnosis and exit status 2.

Every exception class of protocol_conformance derives from `ConformanceError`.
"""

from __future__ import annotations

__all__ = ["CannotTest", "ConformanceError"]


class ConformanceError(Exception):
    """The root of every exception protocol_conformance raises."""


class CannotTest(ConformanceError):
    """The server cannot be tested (bad arguments, unreachable, not a Protocol API, bad spec).

    The message is the whole diagnosis: what happened and what to do.
    """
