"""JSON pointers (RFC 6901): building them, reading them, following them through `$ref`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

__all__ = [
    "MAX_REF_HOPS",
    "MISSING",
    "Missing",
    "escape",
    "from_parts",
    "join",
    "local_ref_pointer",
    "lookup",
    "physical_pointer",
    "split",
    "step",
    "unescape",
]


def escape(key: str | int) -> str:
    """One pointer segment: `~` becomes `~0`, `/` becomes `~1` (in that order)."""
    return str(key).replace("~", "~0").replace("/", "~1")


def unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *keys: str | int) -> str:
    return pointer + "".join("/" + escape(key) for key in keys)


def from_parts(parts: Iterable[str | int]) -> str:
    return join("", *parts)


def split(pointer: str) -> list[str]:
    """The unescaped segments of a pointer; `""` (the whole document) has none."""
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"a JSON pointer starts with '/': {pointer!r}")
    return [unescape(segment) for segment in pointer[1:].split("/")]


class Missing:
    """Marks a pointer that leads nowhere (None is a real value in a document)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = Missing()

# A chain of `$ref`s longer than this is a loop.
MAX_REF_HOPS = 64


def step(node: Any, key: str) -> Any:
    if isinstance(node, dict):
        return node.get(key, MISSING)
    if isinstance(node, list) and key.isdigit() and int(key) < len(node):
        return node[int(key)]
    return MISSING


def lookup(document: Any, pointer: str) -> Any:
    """The node at `pointer`, or MISSING."""
    node = document
    for key in split(pointer):
        node = step(node, key)
        if node is MISSING:
            return MISSING
    return node


def local_ref_pointer(ref: Any) -> str | None:
    """The JSON pointer of a local `$ref` (`#/components/...`), or None for any other kind."""
    if not isinstance(ref, str) or not (ref == "#" or ref.startswith("#/")):
        return None
    # A `$ref` is a URI: its fragment may be percent-encoded (`%7Bid%7D` for `{id}`).
    return unquote(ref[1:])


def physical_pointer(document: Any, parts: Iterable[str | int]) -> str:
    """Where a path that walks through `$ref`s really lands in the file.

    Validators report paths such as `/paths/~1a/get/responses/200/content/...` even when
    `200` is a `$ref` to `#/components/responses/...`; the user needs the line of the node
    they must edit, so each time the path steps into a `$ref`, we continue from its target.
    """
    pointer = ""
    node: Any = document
    for part in parts:
        key = str(part)
        hops = 0
        while node is not MISSING and hops < MAX_REF_HOPS:
            target = local_ref_pointer(node.get("$ref")) if isinstance(node, dict) else None
            if target is None or key in node:
                break
            pointer, node = target, lookup(document, target)
            hops += 1
        pointer = join(pointer, key)
        node = MISSING if node is MISSING else step(node, key)
    return pointer
