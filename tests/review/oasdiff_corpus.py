"""oasdiff's checker pairs (tests/fixtures/oasdiff/), reviewed and compared with its verdicts.

    PYTHONPATH=scripts .venv/bin/python -m tests.review.oasdiff_corpus        # the whole table
    PYTHONPATH=scripts .venv/bin/python -m tests.review.oasdiff_corpus --update  # rewrite expected

Our verdict of a pair is the highest severity among its wire findings that nobody
acknowledged as a draft or alpha operation's (`breaking`, `potentially-breaking`, else
`compatible`): a major version bump acknowledges breaking changes, but they are still what
oasdiff calls breaking: oasdiff judges the wire contract, not SDKs. A pair
one of whose sides is not a valid OpenAPI document is `invalid` (the review refuses it, exit 2,
with the loader's reasons). oasdiff's `not-breaking` (a test that ran only its ERR level and
expected nothing) agrees with anything but `breaking`. Every pair where we differ from oasdiff
has a one-line reason in `decisions.json`; the test fails on a difference without one.
"""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from protocol_review.formats import FORMATS
from protocol_review.review import Review, review_sides
from protocol_review.sides import ReviewError, load_side_file

__all__ = [
    "CASES",
    "DECISIONS",
    "FIXTURES",
    "VERDICTS",
    "Outcome",
    "agrees",
    "main",
    "matrix",
    "outcome",
    "unexplained",
    "verdict_of",
]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "oasdiff"
_INDEX = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
CASES: dict[str, dict[str, object]] = _INDEX["cases"]
DECISIONS: dict[str, str] = json.loads((FIXTURES / "decisions.json").read_text(encoding="utf-8"))
VERDICTS = ("breaking", "potentially-breaking", "compatible")
_UNSTABLE = "the operation's x-stability-level"


@dataclass(frozen=True)
class Outcome:
    name: str
    theirs: str  # oasdiff's verdict
    ours: str  # one of VERDICTS, or "invalid"
    report: str  # our text report, or the refusal


def verdict_of(review: Review) -> str:
    severities = {
        f.severity
        for f in review.findings
        if f.section == "wire" and not (f.acknowledged or "").startswith(_UNSTABLE)
    }
    return next((v for v in VERDICTS if v in severities), "compatible")


def _file(name: str, role: str) -> Path:
    return next((FIXTURES / "pairs" / name).glob(f"{role}.*"))


@functools.cache
def outcome(name: str) -> Outcome:
    theirs = str(CASES[name]["verdict"])
    base, revision = _file(name, "base"), _file(name, "revision")
    try:
        review = review_sides(
            load_side_file(base, "base", base.name), load_side_file(revision, "new", revision.name)
        )
    except ReviewError as refused:
        return Outcome(name, theirs, "invalid", f"{refused}\n")
    return Outcome(name, theirs, verdict_of(review), FORMATS["text"](review))


def agrees(result: Outcome) -> bool:
    if result.theirs == "not-breaking":
        return result.ours in ("potentially-breaking", "compatible")
    return result.theirs == result.ours


def matrix(names: list[str]) -> str:
    """The confusion matrix (rows: oasdiff, columns: ours) and the agreement, in Markdown."""
    outcomes = [outcome(n) for n in names]
    rows = [*VERDICTS, "not-breaking"]
    columns = [*VERDICTS, "invalid"]
    lines = [
        "| oasdiff \\ ours | " + " | ".join(columns) + " |",
        "| --- |" + " --- |" * len(columns),
    ]
    for row in rows:
        counts = [sum(o.theirs == row and o.ours == c for o in outcomes) for c in columns]
        if any(counts):
            lines.append(f"| {row} | " + " | ".join(map(str, counts)) + " |")
    reviewed = [o for o in outcomes if o.ours != "invalid"]
    agreed = sum(agrees(o) for o in reviewed)
    share = 100 * agreed / len(reviewed) if reviewed else 0.0
    lines.append("")
    lines.append(
        f"{len(outcomes)} pairs, {len(reviewed)} reviewed ({len(outcomes) - len(reviewed)} "
        f"with a side that is not valid OpenAPI); agreement {agreed}/{len(reviewed)} "
        f"({share:.1f}%), every difference explained in decisions.json"
    )
    return "\n".join(lines) + "\n"


def unexplained(names: list[str]) -> list[str]:
    """Reviewed pairs where we differ from oasdiff with no written decision."""
    return [
        o.name
        for o in map(outcome, names)
        if o.ours != "invalid" and not agrees(o) and o.name not in DECISIONS
    ]


def main(argv: list[str]) -> int:
    names = sorted(CASES)
    if "--update" in argv:
        for name in names:
            (FIXTURES / "pairs" / name / "expected.txt").write_text(
                outcome(name).report, encoding="utf-8"
            )
    sys.stdout.write(matrix(names))
    missing = unexplained(names)
    for name in missing:
        result = outcome(name)
        print(f"unexplained: {name}: oasdiff {result.theirs}, ours {result.ours}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
