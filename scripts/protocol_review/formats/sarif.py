"""`sarif`: SARIF 2.1.0 for code scanning; every result has its region in the new file (a
removal is placed at the nearest node that still exists, and says where it was)."""

from __future__ import annotations

import json
from typing import Any

from ..findings import Finding
from ..review import Review
from ..rules import RULES
from ._common import annotation_place, with_origin

__all__ = ["render_sarif"]

_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {
    "breaking": "error",
    "potentially-breaking": "warning",
    "warning": "warning",
    "compatible": "note",
}


def _result(f: Finding, review: Review, index: dict[str, int]) -> dict[str, Any]:
    where = annotation_place(f, review)
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": "error" if f.blocking else _LEVELS[f.severity],
        "message": {"text": with_origin(f)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": where.file},
                    "region": {"startLine": where.line, "startColumn": where.column},
                }
            }
        ],
        "properties": {"side": f.side, "pointer": f.pointer, "language": f.language},
    }
    if f.acknowledged is not None:
        result["suppressions"] = [{"kind": "external", "justification": f.acknowledged}]
    return result


def render_sarif(review: Review) -> str:
    rules = sorted(RULES.values(), key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    driver = {
        "name": "protocol-review",
        "informationUri": "https://protocol.chat/docs",
        "rules": [
            {
                "id": r.id,
                "shortDescription": {"text": r.summary},
                "defaultConfiguration": {"level": _LEVELS[r.severity]},
                "properties": {"section": r.section, "severity": r.severity},
            }
            for r in rules
        ],
    }
    document = {
        "$schema": _SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "results": [_result(f, review, index) for f in review.findings],
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
