"""What every target shares: the template folder, the Jinja environment, the header line."""

from __future__ import annotations

from pathlib import Path

import jinja2

__all__ = ["TEMPLATES_DIR", "environment", "header"]

TEMPLATES_DIR = Path(__file__).resolve().parents[3] / "templates"


def environment(language: str, *, autoescape: bool = False) -> jinja2.Environment:
    """Templates of `templates/<language>/`; a missing variable is an error, not a blank.
    With `autoescape` (HTML), every value is escaped unless it is `markupsafe.Markup`."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / language),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=autoescape,
    )


def header(source: str, template: str, comment: str = "#") -> str:
    """The first line of every generated file: where it came from, and not to edit it."""
    return f"{comment} Generated from {source} + {template}. Do not edit."
