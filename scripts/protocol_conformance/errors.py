"""The one exception the command line turns into a diagnosis and exit status 2."""

from __future__ import annotations


class CannotTest(Exception):
    """The server cannot be tested (bad arguments, unreachable, not a Protocol API, bad spec).

    The message is the whole diagnosis: what happened and what to do.
    """
