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


def _text_at(case: str, file: str, line: int, column: int) -> str:
    lines = (CORPUS / case / file).read_text(encoding="utf-8").splitlines()
    return lines[line - 1][column - 1 :]


def test_requiredness_findings_point_at_the_keyword_that_changed() -> None:
    """`required: true` added points at it; a name added to `required` at that entry; a name
    dropped from `required` at the entry in the old spec (it has no place in the new one)."""
    found = {f.rule: f for f in review_case("parameter-requiredness").findings}
    added = found["parameter-became-required"].position
    assert added is not None and _text_at("parameter-requiredness", "after.yaml", added.line,
                                          added.column).startswith("required: true")  # fmt: skip
    dropped = found["parameter-became-optional"]
    assert dropped.side == "old" and dropped.position is not None
    assert _text_at("parameter-requiredness", "before.yaml", dropped.position.line,
                    dropped.position.column).startswith("required: true")  # fmt: skip
    found = {f.rule: f for f in review_case("request-property-requiredness").findings}
    now = found["request-property-became-required"].position
    assert now is not None
    assert _text_at("request-property-requiredness", "after.yaml", now.line,
                    now.column).startswith("size")  # fmt: skip
    was = found["request-property-became-optional"]
    assert was.side == "old" and was.position is not None
    assert _text_at("request-property-requiredness", "before.yaml", was.position.line,
                    was.position.column).startswith("color")  # fmt: skip
