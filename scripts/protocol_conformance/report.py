"""Turning results into the printed summary and the JUnit XML report for CI.

What a server sent reaches both escaped (`visible`): control characters and escape codes are
shown as `\\x1b`-style text, never obeyed by the terminal, and a line break inside server text
never starts a line of its own that could pass for the report's own.
"""

from __future__ import annotations

import platform
import re
from pathlib import Path
from xml.etree import ElementTree

from protocol_conformance.coverage import EVERY_CHECK
from protocol_conformance.results import SCHEMATHESIS, SEMANTIC, NotServed, RunResults, Tally

__all__ = [
    "JUNIT_FILE",
    "NOT_SERVED",
    "coverage_table",
    "render_summary",
    "visible",
    "write_junit",
]

JUNIT_FILE = "conformance.junit.xml"
NOT_SERVED = "not served"  # the JUnit suite of the operations the embedded server leaves out
# Characters XML 1.0 cannot carry at all; fuzzed bodies are full of them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Characters a terminal obeys or hides rather than shows: C0 and C1 controls (escape codes, a
# carriage return that rewrites the line), DEL, zero-width and bidirectional controls.
_HIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)


def visible(text: str, *, one_line: bool = False) -> str:
    """`text` with every control character written out (`\\x1b`, `\\u202e`); with `one_line`,
    line breaks too."""
    escaped = _HIDDEN.sub(_escape, text)
    return escaped.replace("\n", "\\n") if one_line else escaped


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def render_summary(results: RunResults, *, target: str, settings_line: str, elapsed: float) -> str:
    lines = [f"Protocol API conformance: {target}", f"  {settings_line}", ""]
    for suite, title in ((SCHEMATHESIS, "schemathesis checks"), (SEMANTIC, "semantic checks")):
        if not results.requests[suite]:
            continue  # that part did not run
        lines += _table(f"{title}, per check", _rows(results.by_check, suite))
        lines += _table(f"{title}, per operation", _rows(results.by_operation, suite))
    if results.requests[SEMANTIC] or results.not_run or results.not_served:
        lines += coverage_table(results)
    lines += _not_served(results.not_served)
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
        first, *rest = error.splitlines() or [""]
        lines += [f"ERROR: {first}", *("  " + line for line in rest), ""]
    lines += _dropped(results)
    lines += _housekeeping(results)
    requests = results.requests
    lines.append(
        f"Requests sent: {sum(requests.values())} (schemathesis {requests[SCHEMATHESIS]}, "
        f"semantic scenario {requests[SEMANTIC]}) in {elapsed:.1f} s"
    )
    if results.ended:
        lines.append(f"RUN ENDED EARLY: {visible(results.ended, one_line=True)}")
        lines.append(
            f"RESULT: NOT COMPLETED - {len(results.failures)} failure(s) in what ran, "
            f"{len(results.errors)} error(s)."
        )
    elif results.ok:
        untested = sum(len(left.operations) for left in results.not_served)
        lines.append(
            "RESULT: PASSED - every check held"
            + (
                f" on what the server serves; {untested} operation(s) not served, not tested "
                "(NOT SERVED above)."
                if untested
                else "."
            )
        )
    else:
        checks = ", ".join(sorted(results.failed_checks())) or "none"
        lines.append(
            f"RESULT: FAILED - {len(results.failures)} failure(s) (checks: {checks}), "
            f"{len(results.errors)} error(s)."
        )
    # Each line escaped: whatever the server sent, it cannot move the cursor, clear the screen
    # or start a line of the report's own.
    return "\n".join(visible(part) for line in lines for part in line.split("\n"))


def _not_served(not_served: list[NotServed]) -> list[str]:
    """Each resource the embedded server leaves out: its operations, and the server's reasons."""
    if not not_served:
        return []
    operations = sum(len(left.operations) for left in not_served)
    heading = (
        f"NOT SERVED ({operations} operation(s) of {len(not_served)} resource(s)): the embedded "
        "reference server leaves these out, so they were neither fuzzed nor checked; the "
        "server's reasons, each with what to add to the spec:"
    )
    lines = [heading]
    for left in not_served:
        lines.append(f"  {left.resource}: {', '.join(left.operations)}")
        lines += ["    " + line for reason in left.reasons for line in reason.splitlines()]
    return [*lines, ""]


def _dropped(results: RunResults) -> list[str]:
    """Every case that could not be judged or was not run, counted and named."""
    if not results.dropped:
        return []
    total = sum(results.dropped.values())
    heading = (
        f"DROPPED CASES ({total}): not judged, as the answer was beyond a bound (each such "
        "answer is a finding above), or not run, as the run was ended:"
    )
    lines = [heading]
    for what, count in sorted(results.dropped.items()):
        lines.append(f"  {visible(what, one_line=True)}: {count}")
    return [*lines, ""]


def coverage_table(results: RunResults) -> list[str]:
    """Which semantic check ran on which operation, and which could not and why."""
    cells: dict[str, dict[str, str]] = {}
    for (suite, operation, check), tally in results.by_cell.items():
        if suite == SEMANTIC:
            ran = tally.passed + tally.failed
            verdict = f"{tally.failed} FAILED" if tally.failed else "all passed"
            cells.setdefault(operation, {})[check] = f"ran {ran}, {verdict}"
    for left in results.not_served:
        for operation, own in zip(left.operations, left.own_problems, strict=True):
            cells.setdefault(operation, {})[EVERY_CHECK] = (
                "not run: not served by the embedded reference server: "
                + (f"{own}; " if own else "")
                + f"'{left.resource}' is left out ({len(left.reasons)} reason(s) under NOT SERVED)"
            )
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
        parameters = results.parameters.get(operation)
        if parameters:
            named = [
                f"{param} ({', '.join(found) if found else 'NO CHECK SENDS IT'})"
                for param, found in parameters.items()
            ]
            lines.append(f"    query parameters: {'; '.join(named)}")
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
            f"said (or with a growing pause) and retried, {results.rate_limit_wait:.1f} s in "
            "all; never judged, not counted as failures."
        )
    if results.capped:
        shown = "; ".join(results.capped[:5]) + (
            f"; and {len(results.capped) - 5} more" if len(results.capped) > 5 else ""
        )
        lines.append(
            f"MAX_OBJECTS={results.object_cap} stopped {len(results.capped)} case(s): {shown}. "
            f"The spec needs {results.objects_needed} objects: raise MAX_OBJECTS, or leave it "
            "unset (the default is what the spec needs)."
        )
    lines.append(
        f"Clean-up: deleted {results.deleted} object(s) the run created (those gone through "
        "a cascade counted)."
    )
    if results.leftovers:
        lines.append(
            f"LEFT BEHIND ({len(results.leftovers)}): these objects could not be deleted; "
            "delete them by hand:"
        )
        for leftover in results.leftovers:
            reason = visible(leftover.reason, one_line=True)
            lines.append(
                f"  {leftover.resource} {visible(leftover.object_id, one_line=True)}: {reason}"
            )
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
                ).text = _xml_text(text)
            ElementTree.SubElement(
                case, "system-out"
            ).text = f"{tally.passed} passed, {tally.failed} failed"
        for check, reasons in sorted(skipped.items()):
            case = ElementTree.SubElement(
                element, "testcase", {"classname": f"conformance.{suite}", "name": check}
            )
            ElementTree.SubElement(case, "skipped", {"message": _xml_text("; ".join(reasons))})
    if results.not_served:
        operations = [(op, left) for left in results.not_served for op in left.operations]
        element = ElementTree.SubElement(
            root,
            "testsuite",
            {
                "name": NOT_SERVED,
                "tests": str(len(operations)),
                "failures": "0",
                "errors": "0",
                "skipped": str(len(operations)),
            },
        )
        for operation, left in operations:
            case = ElementTree.SubElement(
                element, "testcase", {"classname": "conformance.not_served", "name": operation}
            )
            message = (
                f"not served by the embedded reference server: '{left.resource}' is left out, "
                f"for {len(left.reasons)} reason(s): "
                + " | ".join(reason.splitlines()[0] for reason in left.reasons)
            )
            ElementTree.SubElement(
                case, "skipped", {"message": _xml_text(message)}
            ).text = _xml_text("\n".join(left.reasons))
    if results.errors or results.ended:
        element = ElementTree.SubElement(
            root, "testsuite", {"name": "run", "tests": "1", "errors": "1"}
        )
        case = ElementTree.SubElement(
            element, "testcase", {"classname": "conformance.run", "name": "run"}
        )
        ElementTree.SubElement(
            case, "error", {"message": "the run did not complete"}
        ).text = _xml_text("\n\n".join([results.ended, *results.errors]).strip())
    ElementTree.indent(root)
    path = report_dir / JUNIT_FILE
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + ElementTree.tostring(root, encoding="unicode")
        + "\n",
        encoding="utf-8",
    )
    return path


def _xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub("?", visible(text))
