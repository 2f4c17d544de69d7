# Generated from tests/fixtures/specs/two_resources.yaml + templates/python/_types.py.jinja. Do not edit.
"""The omitted-argument sentinel: leaving an argument out is not the same as passing None."""

from __future__ import annotations

from typing import Final, Literal

__all__ = ["Omit", "omit"]


class Omit:
    """The default of every optional argument: nothing is sent for it.

    `update(id, archived_at=None)` sends `"archived_at": null`; `update(id)` sends nothing.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "omit"


omit: Final = Omit()
