"""`github`: workflow commands, so findings show as annotations on the pull request's diff.

::error file=spec/openapi.yaml,line=70,col=11,title=parameter-removed::message
"""

from __future__ import annotations

from ..findings import Finding
from ..review import Review
from ._common import annotation_place, summary_line, with_origin

__all__ = ["render_github"]


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(finding: Finding) -> str:
    if finding.blocking:
        return "error"
    if finding.severity in ("warning", "potentially-breaking") and finding.acknowledged is None:
        return "warning"
    return "notice"


def render_github(review: Review) -> str:
    lines = []
    for f in review.findings:
        where = annotation_place(f, review)
        ack = f" [acknowledged: {f.acknowledged}]" if f.acknowledged else ""
        properties = ",".join(
            [
                f"file={_escape_property(where.file)}",
                f"line={where.line}",
                f"col={where.column}",
                f"title={_escape_property(f.rule)}",
            ]
        )
        lines.append(f"::{_command(f)} {properties}::{_escape_data(with_origin(f) + ack)}")
    lines.append(summary_line(review))
    return "\n".join(lines) + "\n"
