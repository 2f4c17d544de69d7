"""The little Markdown the spec's descriptions use, as HTML: paragraphs, `- ` lists, `code`,
**strong**, *emphasis* and [links](url). Everything else is text, escaped. Deterministic, no
dependency; a description needing more should say it more simply.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from protocol_codegen.targets._html import escape_text

__all__ = ["inline", "markdown"]

_INLINE = re.compile(
    r"`(?P<code>[^`]+)`"
    r"|\*\*(?P<strong>[^*]+)\*\*"
    r"|\*(?P<em>[^*\s][^*]*)\*"
    r"|\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)"
)


def markdown(text: str) -> Markup:
    """Block-level: blank lines separate paragraphs; lines starting with `- ` make a list."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{inline(line[2:])}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append(f"<p>{inline(' '.join(lines))}</p>")
    return Markup("\n".join(blocks))


def inline(text: str) -> Markup:
    """Inline Markdown in one paragraph, escaped."""
    parts: list[str] = []
    position = 0
    for match in _INLINE.finditer(text):
        parts.append(escape_text(text[position : match.start()]))
        if match.group("code") is not None:
            parts.append(f"<code>{escape_text(match.group('code'))}</code>")
        elif match.group("strong") is not None:
            parts.append(f"<strong>{escape_text(match.group('strong'))}</strong>")
        elif match.group("em") is not None:
            parts.append(f"<em>{escape_text(match.group('em'))}</em>")
        else:
            url, label = match.group("url"), match.group("text")
            parts.append(f'<a href="{escape(url)}">{escape_text(label)}</a>')
        position = match.end()
    parts.append(escape_text(text[position:]))
    return Markup("".join(parts))
