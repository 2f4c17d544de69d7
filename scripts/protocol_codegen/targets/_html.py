"""HTML text for the page's generated fragments."""

from __future__ import annotations

__all__ = ["escape_text"]


def escape_text(value: str) -> str:
    """`value` escaped for an element's content: `&`, `<` and `>` only, so quotes stay readable
    in the generated HTML (attribute values are escaped fully, by the template)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
