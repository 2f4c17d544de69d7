"""Turning results into the printed summary and the JUnit XML report for CI."""

from __future__ import annotations

import platform
import re
from pathlib import Path
from xml.etree import ElementTree

from protocol_conformance.results import SCHEMATHESIS, SEMANTIC, RunResults, Tally

__all__ = ["JUNIT_FILE", "coverage_table", "render_summary", "write_junit"]

JUNIT_FILE = "conformance.junit.xml"
# Characters XML 1.0 cannot carry at all; fuzzed bodies are full of them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_summary(results: RunResults, *, target: str, settings_line: str, elapsed: float) -> str:
    lines = [f"Protocol API conformance: {target}", f"  {settings_line}", ""]
    for suite, title in ((SCHEMATHESIS, "schemathesis checks"), (SEMANTIC, "semantic checks")):
        if not results.requests[suite]:
            continue  # that part did not run
        lines += _table(f"{title}, per check", _rows(results.by_check, suite))
        lines += _table(f"{title}, per operation", _rows(results.by_operation, suite))
    if results.requests[SEMANTIC] or results.not_run:
        lines += coverage_table(results)
    if results.failures:
        lines.append(f"FAILURES ({len(results.failures)})")
        for number, failure in enumerate(results.failures, 1):
            lines.append(f"{number}. [{failure.suite}] {failure.check} on {failure.operation}")
            lines += ["   " + line for line in failure.message.splitlines()]
            if failure.curl:
                lines.append("   reproduce (export TOKEN/OTHER_TOKEN first):")
                lines += ["     " + line for line in failure.curl.splitlines()]
            lines.append("")
    for error in results.errors:
        lines += [f"ERROR: {error}", ""]
    lines += _housekeeping(results)
    requests = results.requests
    lines.append(
        f"Requests sent: {sum(requests.values())} (schemathesis {requests[SCHEMATHESIS]}, "
        f"semantic scenario {requests[SEMANTIC]}) in {elapsed:.1f} s"
    )
    if results.ok:
        lines.append("RESULT: PASSED - every check held.")
    else:
        checks = ", ".join(sorted(results.failed_checks())) or "none"
        lines.append(
            f"RESULT: FAILED - {len(results.failures)} failure(s) (checks: {checks}), "
            f"{len(results.errors)} error(s)."
        )
    return "\n".join(lines)


def coverage_table(results: RunResults) -> list[str]:
    """Which semantic check ran on which operation, and which could not and why."""
    cells: dict[str, dict[str, str]] = {}
    for (suite, operation, check), tally in results.by_cell.items():
        if suite == SEMANTIC:
            ran = tally.passed + tally.failed
            verdict = f"{tally.failed} FAILED" if tally.failed else "all passed"
            cells.setdefault(operation, {})[check] = f"ran {ran}, {verdict}"
    for (operation, check), reason in results.not_run.items():
        row = cells.setdefault(operation, {})
        row[check] = (
            f"{row[check]}; partly not run: {reason}" if check in row else f"not run: {reason}"
        )
    if not cells:
        return []
    width = max(len(check) for row in cells.values() for check in row)
    lines = ["semantic coverage (operation, check: what ran, or why not):"]
    for operation in sorted(cells, key=_operation_order):
        lines.append(f"  {operation}")
        for check in sorted(cells[operation]):
            lines.append(f"    {check:<{width}}  {cells[operation][check]}")
    return [*lines, ""]


def _operation_order(label: str) -> tuple[str, int, str]:
    method, _, path = label.partition(" ")
    methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    return (path, methods.index(method) if method in methods else 9, method)


def _housekeeping(results: RunResults) -> list[str]:
    lines = []
    if results.rate_limited:
        lines.append(
            f"Rate limits: {results.rate_limited} answer(s) 429 waited out as their Retry-After "
            f"said ({results.rate_limit_wait:.1f} s in the scenario), not counted as failures."
        )
    lines.append(f"Clean-up: deleted {results.deleted} object(s) the run created.")
    if results.leftovers:
        lines.append(
            f"LEFT BEHIND ({len(results.leftovers)}): these objects could not be deleted; "
            "delete them by hand:"
        )
        for leftover in results.leftovers:
            lines.append(f"  {leftover.resource} {leftover.object_id}: {leftover.reason}")
            if leftover.curl:
                lines.append(f"    {leftover.curl}")
    return [*lines, ""]


def _rows(table: dict[tuple[str, str], Tally], suite: str) -> list[tuple[str, Tally]]:
    return sorted((name, tally) for (owner, name), tally in table.items() if owner == suite)


def _table(title: str, rows: list[tuple[str, Tally]]) -> list[str]:
    if not rows:
        return [f"{title}: nothing ran", ""]
    width = max(len(name) for name, _ in rows)
    lines = [f"{title}:", f"  {'':<{width}}  {'passed':>7}  {'failed':>7}"]
    for name, tally in rows:
        mark = "  FAIL" if tally.failed else ""
        lines.append(f"  {name:<{width}}  {tally.passed:>7}  {tally.failed:>7}{mark}")
    return [*lines, ""]


def write_junit(results: RunResults, report_dir: Path, *, elapsed: float) -> Path:
    """One test case per (suite, check); a failing check lists each of its failures with curl;
    a semantic check that could run nowhere is a skipped test case with the reasons."""
    report_dir.mkdir(parents=True, exist_ok=True)
    root = ElementTree.Element(
        "testsuites", {"name": "protocol-conformance", "time": f"{elapsed:.3f}"}
    )
    for suite in (SCHEMATHESIS, SEMANTIC):
        rows = _rows(results.by_check, suite)
        failures = [failure for failure in results.failures if failure.suite == suite]
        skipped: dict[str, list[str]] = {}
        if suite == SEMANTIC:
            ran = {name for name, _ in rows}
            for (operation, check), reason in sorted(results.not_run.items()):
                if check not in ran:
                    skipped.setdefault(check, []).append(f"{operation}: {reason}")
        element = ElementTree.SubElement(
            root,
            "testsuite",
            {
                "name": suite,
                "hostname": platform.node(),
                "tests": str(len(rows) + len(skipped)),
                "failures": str(sum(1 for _, tally in rows if tally.failed)),
                "errors": "0",
                "skipped": str(len(skipped)),
            },
        )
        for check, tally in rows:
            case = ElementTree.SubElement(
                element,
                "testcase",
                {"classname": f"conformance.{suite}", "name": check, "time": "0"},
            )
            mine = [failure for failure in failures if failure.check == check]
            if tally.failed:
                text = "\n\n".join(
                    f"{failure.operation}\n{failure.message}\n{failure.curl}".rstrip()
                    for failure in mine
                )
                ElementTree.SubElement(
                    case,
                    "failure",
                    {
                        "message": f"{tally.failed} of {tally.passed + tally.failed} failed",
                        "type": check,
                    },
                ).text = _XML_ILLEGAL.sub("?", text)
            ElementTree.SubElement(
                case, "system-out"
            ).text = f"{tally.passed} passed, {tally.failed} failed"
        for check, reasons in sorted(skipped.items()):
            case = ElementTree.SubElement(
                element, "testcase", {"classname": f"conformance.{suite}", "name": check}
            )
            ElementTree.SubElement(
                case, "skipped", {"message": _XML_ILLEGAL.sub("?", "; ".join(reasons))}
            )
    if results.errors:
        element = ElementTree.SubElement(
            root, "testsuite", {"name": "run", "tests": "1", "errors": "1"}
        )
        case = ElementTree.SubElement(
            element, "testcase", {"classname": "conformance.run", "name": "run"}
        )
        ElementTree.SubElement(
            case, "error", {"message": "the run did not complete"}
        ).text = _XML_ILLEGAL.sub("?", "\n\n".join(results.errors))
    ElementTree.indent(root)
    path = report_dir / JUNIT_FILE
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + ElementTree.tostring(root, encoding="unicode")
        + "\n",
        encoding="utf-8",
    )
    return path
