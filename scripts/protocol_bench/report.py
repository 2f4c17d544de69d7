"""The benchmark report: Markdown tables for the terminal, one JSON document for tools."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Target", "markdown_table", "ratio"]


@dataclass(frozen=True)
class Target:
    name: str  # what is promised, e.g. "generation at 500 operations <= 1/2 of ..."
    measured: str  # the figure, in words
    met: bool


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("inf")


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table; numbers right-aligned."""
    cells = [[_cell(value) for value in row] for row in rows]
    numeric = [
        all(isinstance(row[index], int | float) for row in rows) if rows else False
        for index in range(len(header))
    ]
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if right else "---" for right in numeric) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float):
        if value >= 100:
            return f"{value:,.0f}"
        return f"{value:.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
