"""The review-ignore file: breaking changes (or lint findings) accepted on purpose, each with
the rule, the place and the reason.

    # spec/review-ignore.yaml
    ignore:
      - rule: parameter-removed
        pointer: /paths/~1v1~1things/get/parameters/3
        reason: the parameter never did anything; announced in the 2026-11 changelog

An entry matches the findings of its rule at exactly that JSON pointer (in the spec the finding
points into: the old one for removals). A malformed file stops the review (exit status 2); an
entry naming an unknown rule, or matching nothing, is reported so that stale entries go away.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from protocol_spec import Position, SpecErrors
from protocol_spec.yaml_source import parse_yaml_text

from .findings import Finding
from .rules import RULES
from .sides import ReviewError

__all__ = ["IgnoreEntry", "IgnoreFile", "apply_ignore_file", "read_ignore_file"]

_KEYS = ("rule", "pointer", "reason")


@dataclass(frozen=True)
class IgnoreEntry:
    rule: str
    pointer: str
    reason: str
    position: Position


@dataclass(frozen=True)
class IgnoreFile:
    label: str
    entries: tuple[IgnoreEntry, ...]


def read_ignore_file(path: Path, label: str) -> IgnoreFile:
    """Parse and validate; ReviewError naming the line of the first problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{label}: cannot read the review-ignore file ({exc})") from None
    try:
        parsed = parse_yaml_text(text, label)
    except SpecErrors as errors:
        raise ReviewError(f"{label} is not valid YAML:\n{errors.render()}") from None

    def fail(pointer: str, problem: str) -> ReviewError:
        line = parsed.positions.get(pointer, (1, 1))[0]
        return ReviewError(
            f"{label}:{line}: {problem}\n  fix: each entry of `ignore` is a mapping with "
            "`rule`, `pointer` (a JSON pointer, '' for the whole spec) and `reason`"
        )

    document: Any = parsed.document
    if document is None:
        return IgnoreFile(label, ())
    if not isinstance(document, dict) or set(document) - {"ignore"}:
        raise fail("", "the file must be a mapping with one key, `ignore`")
    entries = []
    for index, raw in enumerate(document.get("ignore") or []):
        at = f"/ignore/{index}"
        if not isinstance(raw, dict):
            raise fail(at, f"entry {index + 1} is not a mapping")
        missing = [key for key in _KEYS if not isinstance(raw.get(key), str)]
        unknown = sorted(set(raw) - set(_KEYS))
        if missing or unknown:
            problem = f"entry {index + 1}: " + "; ".join(
                [*([f"missing or not text: {', '.join(missing)}"] if missing else []),
                 *([f"unknown keys: {', '.join(unknown)}"] if unknown else [])]
            )  # fmt: skip
            raise fail(at, problem)
        if raw["pointer"] and not raw["pointer"].startswith("/"):
            raise fail(f"{at}/pointer", f"entry {index + 1}: a JSON pointer starts with '/'")
        if not raw["reason"].strip():
            raise fail(f"{at}/reason", f"entry {index + 1}: the reason is empty")
        line, column = parsed.positions.get(at, (1, 1))
        entries.append(
            IgnoreEntry(
                raw["rule"], raw["pointer"], raw["reason"].strip(), Position(label, line, column)
            )
        )
    return IgnoreFile(label, tuple(entries))


def apply_ignore_file(findings: list[Finding], ignore: IgnoreFile) -> list[Finding]:
    """Findings with the matched ones acknowledged, plus one finding per useless entry."""
    result = []
    used: set[int] = set()
    for finding in findings:
        for index, entry in enumerate(ignore.entries):
            if entry.rule == finding.rule and entry.pointer == finding.pointer:
                used.add(index)
                if finding.acknowledged is None:
                    finding = finding.acknowledge(f"{ignore.label}: {entry.reason}")
        result.append(finding)
    for index, entry in enumerate(ignore.entries):
        if entry.rule not in RULES:
            message = (
                f"`{entry.rule}` is not a rule of the review; `python -m protocol_review "
                "--list-rules` lists them."
            )
            rule_id = "ignore-unknown-rule"
        elif index not in used:
            message = (
                f"the entry for `{entry.rule}` at `{entry.pointer}` matches no finding; remove "
                "it once the change it accepted is released."
            )
            rule_id = "ignore-unused-entry"
        else:
            continue
        result.append(
            Finding(rule_id, message, "new", f"/ignore/{index}", entry.position, entry.position)
        )
    return result
