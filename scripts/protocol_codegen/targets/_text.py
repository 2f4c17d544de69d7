"""Text helpers shared by the targets: `/** ... */` doc blocks (TS, PHP), one-line text, and a
tag as a heading (the reference page and the package READMEs)."""

from __future__ import annotations

from protocol_spec import naming

__all__ = ["doc_block", "heading", "one_line"]


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


def heading(name: str) -> str:
    """A tag as a heading: `conversations` -> `Conversations`, `chat_rooms` -> `Chat rooms`."""
    words = naming.words(name) or [name]
    text = " ".join(words)
    return text[:1].upper() + text[1:]
