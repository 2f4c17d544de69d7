"""Syntax colouring for the reference page's code blocks, done once at generation time.

A small tokenizer per language (each language's `tokens`, and JSON for responses): strings, numbers,
comments, keywords, variables, calls and object keys become `<span class="tok-…">`; everything
else is escaped text. The page needs no script to colour its code, and the text inside the
spans is exactly the sample's.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from protocol_codegen.languages import LANGUAGES
from protocol_codegen.languages.base import Tokens
from protocol_codegen.targets._html import escape_text

__all__ = ["JSON_TOKENS", "highlight"]

_STRING = r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\""
_NUMBER = r"\b\d+(?:\.\d+)?\b"

# The responses' format: not a language of samples, but coloured the same way.
JSON_TOKENS = Tokens(
    keywords="true false null",
    comment=r"//[^\n]*",
    leading=(("property", rf"{_STRING}(?=\s*:)"),),
)


def _pattern(tokens: Tokens) -> re.Pattern[str]:
    alternatives = []
    if tokens.comment is not None:
        alternatives.append(rf"(?P<comment>{tokens.comment})")
    alternatives += [rf"(?P<{kind}>{pattern})" for kind, pattern in tokens.leading]
    alternatives.append(rf"(?P<string>{_STRING})")
    alternatives += [rf"(?P<{kind}>{pattern})" for kind, pattern in tokens.after_strings]
    keywords = tokens.keywords.split()
    if keywords:
        alternatives.append(r"(?P<keyword>\b(?:" + "|".join(keywords) + r")\b)")
    if tokens.numbers_and_calls:
        alternatives.append(rf"(?P<number>{_NUMBER})")
        alternatives.append(r"(?P<function>\b[A-Za-z_][A-Za-z0-9_]*(?=\())")
    return re.compile("|".join(alternatives), re.MULTILINE)


# Code block language (`Language.highlight`) -> its tokenizer.
_PATTERNS = {
    **{language.highlight: _pattern(language.tokens) for language in LANGUAGES},
    "json": _pattern(JSON_TOKENS),
}


def highlight(code: str, language: str) -> Markup:
    """`code` as escaped HTML with its tokens wrapped in spans; unknown languages stay plain."""
    pattern = _PATTERNS.get(language)
    if pattern is None:
        return Markup(escape_text(code))
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(code):
        kind = match.lastgroup
        parts.append(escape_text(code[position : match.start()]))
        parts.append(f'<span class="tok-{kind}">{escape_text(match.group())}</span>')
        position = match.end()
    parts.append(escape_text(code[position:]))
    return Markup("".join(parts))
