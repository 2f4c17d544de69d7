"""oasdiff's checker pairs (tests/fixtures/oasdiff/): each reviewed as expected, and every
verdict that differs from oasdiff's explained in one line (decisions.json).

`make test` runs a sample; `make review-corpus` (REVIEW_CORPUS=all) runs every pair and
prints the confusion matrix. Refresh the expected reports after an intended change with
`UPDATE_GOLDEN=1` and review the diff like code.
"""

from __future__ import annotations

import os

import pytest

from .oasdiff_corpus import CASES, DECISIONS, FIXTURES, agrees, matrix, outcome, unexplained

EVERYTHING = os.environ.get("REVIEW_CORPUS") == "all"
# Every pair with a written decision, and a spread of the others, in `make test`.
SAMPLE = sorted({*DECISIONS, *sorted(CASES)[::25]})
SELECTED = sorted(CASES) if EVERYTHING else SAMPLE
# The measured agreement on the whole corpus (docs/review.md, "Peers"): it may only rise.
AGREEMENT_FLOOR = 205


@pytest.mark.parametrize("name", SELECTED)
def test_pair_review_is_the_expected_one(name: str) -> None:
    expected = FIXTURES / "pairs" / name / "expected.txt"
    produced = outcome(name).report
    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected.write_text(produced, encoding="utf-8")
    assert produced == expected.read_text(encoding="utf-8")
    assert "Traceback" not in produced


def test_every_difference_with_oasdiff_is_a_written_decision() -> None:
    assert unexplained(SELECTED) == []


def test_every_decision_is_about_a_pair_we_still_differ_on() -> None:
    stale = [n for n in DECISIONS if n not in CASES or agrees(outcome(n))]
    assert stale == [], "drop these entries of decisions.json: we now agree with oasdiff"


def test_a_refused_pair_has_a_side_that_is_not_valid_openapi() -> None:
    refused = [outcome(n) for n in SELECTED if outcome(n).ours == "invalid"]
    for result in refused:
        assert "cannot be reviewed:" in result.report, result.name
        assert ".yaml:" in result.report or ".json:" in result.report, result.report


def test_agreement(capsys: pytest.CaptureFixture[str]) -> None:
    """The confusion matrix of the pairs run (printed); on the whole corpus, the agreement
    may only rise."""
    table = matrix(SELECTED)
    with capsys.disabled():
        print(f"\n{table}")
    reviewed = [outcome(n) for n in SELECTED if outcome(n).ours != "invalid"]
    agreed = sum(agrees(o) for o in reviewed)
    assert f"agreement {agreed}/{len(reviewed)} " in table
    if EVERYTHING:
        assert agreed >= AGREEMENT_FLOOR, table
