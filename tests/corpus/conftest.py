"""Under `make corpus` (CORPUS=all), the session's end writes and prints the corpus table
(tests/corpus/corpus.py): reports/corpus/corpus.md and corpus.json."""

from __future__ import annotations

import pytest

from .corpus import EVERYTHING, REPORTS, rows, write_table


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not (EVERYTHING and rows()):
        return
    text = write_table()
    terminalreporter.section(f"corpus table ({REPORTS.relative_to(REPORTS.parents[1])}/corpus.md)")
    terminalreporter.write(text)
