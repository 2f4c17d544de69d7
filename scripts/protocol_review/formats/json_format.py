"""`json`: the whole review as one JSON document (shape documented in docs/review.md)."""

from __future__ import annotations

import json
from typing import Any

from protocol_spec import Position

from ..findings import Finding
from ..review import Review
from ..sides import SpecSide

__all__ = ["SHAPE", "render_json"]

SHAPE = "protocol-review/2"


def _position(position: Position | None) -> dict[str, Any] | None:
    if position is None:
        return None
    return {"file": position.file, "line": position.line, "column": position.column}


def _side(side: SpecSide) -> dict[str, Any]:
    return {"file": side.label, "path": side.path, "ref": side.ref, "version": side.api.version}


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "section": f.section,
        "rule": f.rule,
        "severity": f.severity,
        "language": f.language,
        "message": f.message,
        "side": f.side,
        "pointer": f.pointer,
        "location": _position(f.position),
        "annotation": _position(f.annotation),
        "acknowledged": f.acknowledged,
    }


def render_json(review: Review) -> str:
    document = {
        "shape": SHAPE,
        "base": _side(review.base),
        "new": _side(review.new),
        "verdict": review.verdict,
        "exit_status": review.exit_status,
        "fail_on": review.fail_on,
        "contract_changed": review.contract_changed,
        "counts": review.counts,
        "major_version_bump": review.major_bump,
        "ignore_file": review.ignore_file,
        "findings": [_finding(f) for f in review.findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
