# Generated from tests/fixtures/specs/two_resources.yaml + templates/python/_types.py.jinja. Do not edit.
"""The omitted-argument sentinel, and the options every call takes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal, TypedDict

import httpx

__all__ = ["Omit", "RequestOptions", "omit"]


class RequestOptions(TypedDict, total=False):
    """What one call may set for itself, as keyword arguments of any method:
    `client.conversations.get(id, timeout=5, max_retries=0, extra_headers={...})`."""

    timeout: float | httpx.Timeout  # seconds for each wait on the answer, or an httpx.Timeout
    max_retries: int  # instead of the client's, for this call
    extra_headers: Mapping[str, str]  # sent with this call (on every retry)


class Omit:
    """The default of every optional argument: nothing is sent for it.

    `update(id, attribute=None)` sends `"attribute": null`; `update(id)` sends nothing.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "omit"


omit: Final = Omit()
