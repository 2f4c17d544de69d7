"""`text`: `file:line:col severity rule-id message`, grouped by section, then a summary."""

from __future__ import annotations

from ..review import Review
from ._common import groups, place, summary_line

__all__ = ["render_text"]


def render_text(review: Review) -> str:
    lines = [f"review of {review.new.label} against {review.base.label}"]
    for title, findings in groups(review):
        if not findings:
            continue
        lines.append("")
        lines.append(f"{title} ({len(findings)})")
        for f in findings:
            side = " [removed: old spec]" if f.side == "old" and f.section != "review" else ""
            ack = f" [acknowledged: {f.acknowledged}]" if f.acknowledged else ""
            lines.append(
                f"{place(f.position, review.new.label)} {f.severity} {f.rule} {f.message}{side}{ack}"
            )
    lines.append("")
    lines.append(summary_line(review))
    return "\n".join(lines) + "\n"
