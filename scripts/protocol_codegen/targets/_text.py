"""Text helpers shared by the targets whose doc comments are `/** ... */` blocks (TS, PHP)."""

from __future__ import annotations

__all__ = ["doc_block", "one_line"]


def doc_block(paragraphs: list[str], indent: str) -> str:
    """A `/** ... */` block of the given lines ('' when there is nothing to say)."""
    lines = "\n".join(paragraphs).strip().replace("*/", "*\\/").splitlines()
    if not lines:
        return ""
    if len(lines) == 1:
        return f"{indent}/** {lines[0]} */"
    body = [f"{indent} *{' ' + line if line else ''}" for line in lines]
    return "\n".join([f"{indent}/**", *body, f"{indent} */"])


def one_line(text: str) -> str:
    """The text with every run of whitespace, newlines included, made one space."""
    return " ".join(text.split())
