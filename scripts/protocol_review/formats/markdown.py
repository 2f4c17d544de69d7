"""`markdown`: a pull-request comment: the verdict, a summary table, then the details."""

from __future__ import annotations

from ..findings import Finding
from ..review import Review
from ..sdk_surface import LANGUAGES
from ._common import groups, place

__all__ = ["render_markdown"]


def _item(f: Finding, review: Review) -> str:
    where = place(f.position, review.new.label)
    removed = " (removed: old spec)" if f.side == "old" and f.section != "review" else ""
    ack = f" — acknowledged: {f.acknowledged}" if f.acknowledged else ""
    return f"- `{f.rule}` `{where}`{removed}: {f.message}{ack}"


def render_markdown(review: Review) -> str:
    count = review.counts
    icon = ":x:" if review.exit_status else ":white_check_mark:"
    lines = [
        f"## {icon} Spec review: {review.verdict}",
        "",
        (
            f"`{review.new.label}` ({review.new.api.version}) against `{review.base.label}` "
            f"({review.base.api.version})"
        ),
        "",
        "| | breaking | potentially breaking | acknowledged | compatible | warnings |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for title, section in (("Wire contract", "wire"), ("SDK impact", "sdk"), ("Lint", "lint")):
        rows = [f for f in review.findings if f.section == section]
        lines.append(
            f"| {title} | {sum(f.blocking for f in rows)} "
            f"| {sum(f.severity == 'potentially-breaking' and f.acknowledged is None for f in rows)} "
            f"| {sum(f.acknowledged is not None and f.severity != 'warning' for f in rows)} "
            f"| {sum(f.severity == 'compatible' for f in rows)} "
            f"| {sum(f.severity == 'warning' and f.acknowledged is None for f in rows)} |"
        )
    lines.append(
        f"| **Total** | **{count['blocking']}** | {count['potentially_breaking']} | "
        f"{count['acknowledged']} | "
        f"{count['compatible']} | {count['warnings']} |"
    )
    if review.major_bump:
        lines += [
            "",
            f"Breaking changes are acknowledged by the major version bump {review.major_bump}.",
        ]
    for title, findings in groups(review):
        if not findings:
            continue
        lines += ["", f"### {title} ({len(findings)})", ""]
        if title == "SDK impact":
            for language, name in LANGUAGES.items():
                mine = [f for f in findings if f.language == language]
                if mine:
                    lines += [f"**{name}**", "", *(_item(f, review) for f in mine), ""]
            lines.pop()
        else:
            lines += [_item(f, review) for f in findings]
    return "\n".join(lines) + "\n"
