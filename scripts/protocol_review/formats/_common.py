"""What several formats share: section titles, places as text, the summary line."""

from __future__ import annotations

from collections.abc import Iterator

from protocol_spec import Position

from ..findings import Finding
from ..review import Review

__all__ = ["GROUPS", "annotation_place", "groups", "place", "summary_line", "with_origin"]

# The report's sections, in order: (title, section, severity or None for any).
GROUPS = (
    ("Breaking changes", "wire", "breaking"),
    ("Potentially breaking changes", "wire", "potentially-breaking"),
    ("Compatible changes", "wire", "compatible"),
    ("SDK impact", "sdk", None),
    ("Lint", "lint", None),
    ("Review-ignore file", "review", None),
)


def groups(review: Review) -> Iterator[tuple[str, list[Finding]]]:
    for title, section, severity in GROUPS:
        yield (
            title,
            [f for f in review.findings if f.section == section and severity in (None, f.severity)],
        )


def place(position: Position | None, fallback: str) -> str:
    return str(position) if position is not None else f"{fallback}:1:1"


def annotation_place(finding: Finding, review: Review) -> Position:
    """Where a code-scanning tool should put the finding: in the new file, always."""
    if finding.annotation is not None:
        return finding.annotation
    return Position(review.new.path, 1, 1)


def with_origin(finding: Finding) -> str:
    """The message, plus where a removed thing was, for tools that show only the new file."""
    if finding.side == "old" and finding.position is not None:
        return f"{finding.message} (it was at {finding.position})"
    return finding.message


def summary_line(review: Review) -> str:
    count = review.counts
    return (
        f"summary: {review.verdict}: {count['blocking']} breaking, "
        f"{count['potentially_breaking']} potentially breaking, {count['acknowledged']} "
        f"acknowledged, {count['compatible']} compatible, {count['warnings']} warnings "
        f"(exit {review.exit_status})"
    )
