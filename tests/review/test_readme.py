"""The rule table of docs/review.md is the registry's, exactly."""

from __future__ import annotations

from protocol_review.cli import rules_table
from protocol_review.rules import RULES
from protocol_spec import PROJECT_ROOT


def test_review_doc_lists_exactly_the_registered_rules() -> None:
    readme = (PROJECT_ROOT / "docs" / "review.md").read_text(encoding="utf-8")
    table = readme.split("<!-- rules:start -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    assert table == rules_table()
    listed = [line.split("`")[1] for line in table.splitlines()[2:]]
    assert sorted(listed) == sorted(RULES)
    assert len(RULES) >= 40
