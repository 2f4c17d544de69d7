"""`junit`: one test case per rule; a case fails when the rule found a breaking change that
nobody acknowledged, or a potentially-breaking one under FAIL_ON=potentially-breaking (exactly
what makes the exit status 1). Other findings of the rule are in its system-out."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..review import Review
from ..rules import RULES
from ._common import place

__all__ = ["render_junit"]


def render_junit(review: Review) -> str:
    cases = []
    failures = 0
    for rule in sorted(RULES.values(), key=lambda r: r.id):
        found = [f for f in review.findings if f.rule == rule.id]
        lines = [
            f"{place(f.position, review.new.label)} {f.severity} {f.message}"
            + (f" [acknowledged: {f.acknowledged}]" if f.acknowledged else "")
            for f in found
        ]
        blocking = [line for f, line in zip(found, lines, strict=True) if f.blocking]
        body = ""
        if blocking:
            failures += 1
            message = quoteattr(f"{len(blocking)} unacknowledged {rule.severity} change(s)")
            body += f"<failure message={message}>{escape(chr(10).join(blocking))}</failure>"
        if lines:
            body += f"<system-out>{escape(chr(10).join(lines))}</system-out>"
        name = quoteattr(rule.id)
        classname = quoteattr(f"protocol_review.{rule.section}")
        cases.append(f'  <testcase name={name} classname={classname} time="0">{body}</testcase>')
    suite = (
        f'<testsuite name="protocol-review" tests="{len(cases)}" failures="{failures}" '
        f'errors="0" skipped="0" time="0">'
    )
    return (
        "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', suite, *cases, "</testsuite>"]) + "\n"
    )
