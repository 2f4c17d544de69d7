"""Output formats of a review: each a function from a `Review` to the text to print.

Deterministic: the same review gives the same bytes (findings are sorted; no timestamps)."""

from __future__ import annotations

from collections.abc import Callable

from ..review import Review
from .github import render_github
from .json_format import render_json
from .junit import render_junit
from .markdown import render_markdown
from .sarif import render_sarif
from .text import render_text

__all__ = ["FORMATS", "Renderer"]

Renderer = Callable[[Review], str]

FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "sarif": render_sarif,
    "github": render_github,
    "junit": render_junit,
}
