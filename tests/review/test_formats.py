"""Each output format, checked for its structure and for determinism."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

import pytest

from protocol_review.formats import FORMATS
from protocol_review.review import Review, review_sides
from protocol_review.rules import RULES
from protocol_review.sides import load_side_file

from .helpers import CORPUS, review_case

# A case with breaking, compatible, SDK and lint findings, removals from the old spec, and a
# review-ignore file (acknowledged, unused and unknown entries).
CASES = ["parameter-removed", "ignore-file-acknowledges", "response-statuses", "identical"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("name", sorted(FORMATS))
def test_same_review_same_bytes(name: str, case: str) -> None:
    first = FORMATS[name](review_case(case))
    review_case.cache_clear()
    assert FORMATS[name](review_case(case)) == first


def test_text_lines_have_file_line_col_severity_rule() -> None:
    text = FORMATS["text"](review_case("parameter-removed"))
    lines = [line for line in text.splitlines() if re.match(r"^\S+:\d+:\d+ ", line)]
    assert lines, text
    for line in lines:
        match = re.match(
            r"^(\S+):(\d+):(\d+) (breaking|potentially-breaking|compatible|warning) ([a-z-]+) \S",
            line,
        )
        assert match, line
        assert match[5] in RULES
    assert "before.yaml:51:11 breaking parameter-removed query parameter `label`" in text
    assert text.rstrip().splitlines()[-1].startswith("summary: ")
    assert "Breaking changes (1)" in text and "SDK impact (3)" in text


def test_sarif_is_structurally_valid() -> None:
    review = review_case("parameter-removed")
    document = json.loads(FORMATS["sarif"](review))
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {rule["id"] for rule in rules} == set(RULES)
    assert len(run["results"]) == len(review.findings)
    for result in run["results"]:
        assert result["ruleId"] in RULES
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "after.yaml"  # always the new file
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
    removed = next(r for r in run["results"] if r["ruleId"] == "parameter-removed")
    assert removed["level"] == "error"
    assert "(it was at before.yaml:51:11)" in removed["message"]["text"]


def test_sarif_marks_acknowledged_findings_as_suppressed() -> None:
    document = json.loads(FORMATS["sarif"](review_case("ignore-file-acknowledges")))
    results = document["runs"][0]["results"]
    removed = next(r for r in results if r["ruleId"] == "parameter-removed")
    assert removed["suppressions"][0]["justification"].endswith("announced in the changelog.")


def test_json_shape() -> None:
    document = json.loads(FORMATS["json"](review_case("ignore-file-acknowledges")))
    assert document["shape"] == "protocol-review/2"
    assert set(document) == {
        "shape", "base", "new", "verdict", "exit_status", "fail_on", "contract_changed",
        "counts", "major_version_bump", "ignore_file", "findings",
    }  # fmt: skip
    assert document["exit_status"] == 0
    assert document["base"] == {
        "file": "before.yaml",
        "path": "before.yaml",
        "ref": None,
        "version": "1.2.0",
    }
    finding = next(f for f in document["findings"] if f["rule"] == "parameter-removed")
    assert finding == {
        "section": "wire",
        "rule": "parameter-removed",
        "severity": "breaking",
        "language": None,
        "message": finding["message"],
        "side": "old",
        "pointer": "/paths/~1v1~1widgets/get/parameters/3",
        "location": {"file": "before.yaml", "line": 51, "column": 11},
        "annotation": {"file": "after.yaml", "line": 29, "column": 7},
        "acknowledged": finding["acknowledged"],
    }
    assert finding["acknowledged"].endswith(
        "review-ignore.yaml: the label filter never worked; announced in the changelog."
    )
    rules = {f["rule"] for f in document["findings"]}
    assert {"ignore-unused-entry", "ignore-unknown-rule"} <= rules


def test_github_workflow_commands() -> None:
    output = FORMATS["github"](review_case("parameter-removed"))
    commands = [line for line in output.splitlines() if line.startswith("::")]
    assert commands
    for line in commands:
        assert re.match(
            r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::.", line
        ), line
    assert any(
        line.startswith("::error file=after.yaml,line=29,col=7,title=parameter-removed::")
        for line in commands
    )
    assert "%0A" not in output or "\n::" in output


def test_junit_has_one_case_per_rule_and_fails_exactly_the_breaking_ones() -> None:
    review = review_case("parameter-removed")
    suite = ElementTree.fromstring(FORMATS["junit"](review))
    cases = suite.findall("testcase")
    assert sorted(c.get("name") for c in cases) == sorted(RULES)
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    assert failed == {f.rule for f in review.findings if f.blocking}
    assert suite.get("failures") == str(len(failed))
    acknowledged = ElementTree.fromstring(FORMATS["junit"](review_case("ignore-file-acknowledges")))
    assert all(c.find("failure") is None for c in acknowledged.findall("testcase"))


def test_markdown_comment() -> None:
    text = FORMATS["markdown"](review_case("parameter-removed"))
    assert text.startswith("## :x: Spec review: 4 breaking changes\n")
    assert "| Wire contract | 1 | 0 | 0 | 0 |" in text
    assert "| SDK impact | 3 | 0 | 0 | 0 |" in text
    assert "### Breaking changes (1)" in text and "**Python**" in text
    ok = FORMATS["markdown"](review_case("identical"))
    assert ok.startswith("## :white_check_mark: Spec review: no contract change\n")


def _potential(fail_on: str) -> Review:
    case = CORPUS / "defaults-bounds-and-extensible-enums"
    base = load_side_file(case / "before.yaml", "base", "before.yaml")
    new = load_side_file(case / "after.yaml", "new", "after.yaml")
    return review_sides(base, new, None, fail_on)


def test_potentially_breaking_fails_only_under_fail_on() -> None:
    lenient, strict = _potential("breaking"), _potential("potentially-breaking")
    potential = [f for f in lenient.findings if f.severity == "potentially-breaking"]
    assert potential and not any(f.blocking for f in potential)
    assert all(f.blocking for f in strict.findings if f.severity == "potentially-breaking")
    sarif = json.loads(FORMATS["sarif"](lenient))
    levels = {r["ruleId"]: r["level"] for r in sarif["runs"][0]["results"]}
    assert levels["request-default-changed"] == "warning"
    strict_levels = {
        r["ruleId"]: r["level"] for r in json.loads(FORMATS["sarif"](strict))["runs"][0]["results"]
    }
    assert strict_levels["request-default-changed"] == "error"
    github = FORMATS["github"](lenient)
    assert "::warning file=after.yaml" in github and "title=request-default-changed" in github
    junit, strict_junit = FORMATS["junit"](lenient), FORMATS["junit"](strict)
    case = '<testcase name="request-default-changed"'
    assert "<failure" not in junit.split(case, 1)[1].split("</testcase>", 1)[0]
    assert "<failure" in strict_junit.split(case, 1)[1].split("</testcase>", 1)[0]
    document = json.loads(FORMATS["json"](strict))
    assert document["fail_on"] == "potentially-breaking"
    assert document["counts"]["potentially_breaking"] == len(potential)
