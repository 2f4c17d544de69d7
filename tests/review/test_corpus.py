"""The corpus: before/after spec pairs with the exact review of each (tests/fixtures/review).

Each case holds `before.yaml`, `after.yaml`, optionally `review-ignore.yaml`, and
`expected.txt`: the text report, positions included. After an intended change of the rules or
their messages, refresh with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/review` and
review the diff like code.
"""

from __future__ import annotations

import os

import pytest

from protocol_review.formats import FORMATS
from protocol_review.rules import RULES

from .helpers import CASES, CORPUS, review_case


@pytest.mark.parametrize("case", CASES)
def test_case_review_is_the_expected_one(case: str) -> None:
    produced = FORMATS["text"](review_case(case))
    expected_file = CORPUS / case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected_file.write_text(produced, encoding="utf-8")
    assert produced == expected_file.read_text(encoding="utf-8")


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


def test_every_rule_is_exercised_by_the_corpus() -> None:
    seen = {f.rule for case in CASES for f in review_case(case).findings}
    assert sorted(set(RULES) - seen) == []


def test_cases_without_a_contract_change_say_so() -> None:
    for case in ("identical", "wording-and-formatting-only", "schema-moved-into-components",
                 "schema-split-with-allof", "error-schema-inlined-vs-allof"):  # fmt: skip
        assert not review_case(case).contract_changed, case
    for case in ("identical", "wording-and-formatting-only", "schema-split-with-allof"):
        assert review_case(case).verdict.startswith("no contract change"), case
    assert review_case("identical").verdict == "no contract change"
    assert "wording" in review_case("wording-and-formatting-only").verdict
