# Generated from spec/openapi.yaml + templates/python/_types.py.jinja. Do not edit.
"""The omitted-argument sentinel, the options every call takes, and what a file argument is."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, Final, Literal, TypedDict

import httpx

__all__ = ["FileContent", "FileInput", "Omit", "RequestOptions", "omit"]

# A file's bytes: bytes, a path to read, or a binary file object (read from where it stands).
FileContent = bytes | os.PathLike[str] | IO[bytes]
# A file argument: its content, or `(filename, content)`, or `(filename, content, media_type)`.
# The part's file name is the tuple's, else the path's or the file object's, else
# "upload"; its media type the tuple's, else guessed from the file name, else
# application/octet-stream.
FileInput = FileContent | tuple[str, FileContent] | tuple[str, FileContent, str]


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
