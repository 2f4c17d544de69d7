"""Syntax colouring for the reference page's code blocks, done once at generation time.

A small tokenizer per language (the samples' four, and JSON for responses): strings, numbers,
comments, keywords, variables, calls and object keys become `<span class="tok-…">`; everything
else is escaped text. The page needs no script to colour its code, and the text inside the
spans is exactly the sample's.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from protocol_codegen.targets._html import escape_text

__all__ = ["highlight"]

_STRING = r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\""
_NUMBER = r"\b\d+(?:\.\d+)?\b"

_KEYWORDS = {
    "js": "import from const let new await async return function true false null undefined",
    "python": "from import await async def return True False None",
    "php": "new true false null return",
    "bash": "",
    "json": "true false null",
}
_COMMENTS = {"js": r"//[^\n]*", "python": r"#[^\n]*", "php": r"//[^\n]*", "json": r"//[^\n]*"}


def _pattern(language: str) -> re.Pattern[str]:
    alternatives = []
    if language in _COMMENTS:
        alternatives.append(rf"(?P<comment>{_COMMENTS[language]})")
    if language == "json":
        alternatives.append(rf"(?P<property>{_STRING})(?=\s*:)")
    if language == "bash":
        alternatives += [r"(?P<function>^curl\b)", r"(?P<option>(?<=\s)--?[A-Za-z-]+\b)"]
    alternatives.append(rf"(?P<string>{_STRING})")
    if language == "php":
        alternatives.append(r"(?P<variable>\$[A-Za-z_][A-Za-z0-9_]*)")
    keywords = _KEYWORDS[language].split()
    if keywords:
        alternatives.append(r"(?P<keyword>\b(?:" + "|".join(keywords) + r")\b)")
    if language != "bash":
        alternatives.append(rf"(?P<number>{_NUMBER})")
        alternatives.append(r"(?P<function>\b[A-Za-z_][A-Za-z0-9_]*(?=\())")
    return re.compile("|".join(alternatives), re.MULTILINE)


_PATTERNS = {language: _pattern(language) for language in _KEYWORDS}


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
