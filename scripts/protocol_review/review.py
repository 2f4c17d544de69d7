"""One review: load both sides, diff the wire contract and the SDKs, lint the new spec, apply
the acknowledgements (a major version bump, the review-ignore file)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from .findings import Finding, sort_findings
from .ignore import apply_ignore_file, read_ignore_file
from .lint import lint_findings
from .places import Places
from .sdk_diff import sdk_findings
from .sdk_surface import surfaces_or_reasons
from .sides import SpecSide, load_side, repo_relative
from .wire import unstable_operations, unstable_reason, wire_findings

__all__ = [
    "EXIT_BREAKING",
    "EXIT_OK",
    "EXIT_UNUSABLE",
    "FAIL_ON",
    "Review",
    "review_sides",
    "run_review",
]

EXIT_OK, EXIT_BREAKING, EXIT_UNUSABLE = 0, 1, 2
# What fails the review (FAIL_ON): breaking changes only (default), or potentially-breaking too.
FAIL_ON = ("breaking", "potentially-breaking")
_ACKNOWLEDGEABLE = ("breaking", "potentially-breaking")


@dataclass(frozen=True)
class Review:
    base: SpecSide
    new: SpecSide
    findings: tuple[Finding, ...]
    ignore_file: str | None  # its label, when one was read
    major_bump: str | None  # "1.4.0 -> 2.0.0" when info.version's major went up
    fail_on: str = "breaking"  # one of FAIL_ON

    @property
    def exit_status(self) -> int:
        return EXIT_BREAKING if any(f.blocking for f in self.findings) else EXIT_OK

    @property
    def contract_changed(self) -> bool:
        """Whether the wire contract changed (SDK-only changes do not count)."""
        return any(f.section == "wire" for f in self.findings)

    @property
    def verdict(self) -> str:
        """One line: what the review concludes."""
        count = self.counts
        sdk_changed = any(f.section == "sdk" for f in self.findings)
        if count["blocking"]:
            plural = "s" if count["blocking"] > 1 else ""
            if any(f.blocking and f.severity != "breaking" for f in self.findings):
                return f"{count['blocking']} breaking or potentially breaking change{plural}"
            return f"{count['blocking']} breaking change{plural}"
        if count["potentially_breaking"]:
            plural = "s" if count["potentially_breaking"] > 1 else ""
            return f"{count['potentially_breaking']} potentially breaking change{plural}"
        if count["acknowledged"]:
            return "breaking changes, all acknowledged"
        if self.contract_changed:
            return "compatible changes only"
        if sdk_changed:
            return "no wire change; compatible SDK changes only"
        same = self.base.data == self.new.data
        return "no contract change" + ("" if same else " (only wording or formatting differs)")

    @property
    def counts(self) -> dict[str, int]:
        return {
            "blocking": sum(f.blocking for f in self.findings),
            "potentially_breaking": sum(
                f.severity == "potentially-breaking" and f.acknowledged is None
                for f in self.findings
            ),
            "acknowledged": sum(
                f.severity in _ACKNOWLEDGEABLE and f.acknowledged is not None for f in self.findings
            ),
            "compatible": sum(f.severity == "compatible" for f in self.findings),
            "warnings": sum(
                f.severity == "warning" and f.acknowledged is None for f in self.findings
            ),
        }


def run_review(
    spec: Path,
    base_ref: str,
    head_ref: str | None = None,
    ignore: Path | None = None,
    fail_on: str = "breaking",
) -> Review:
    """Review `spec` (on disk, or at `head_ref`) against `spec` at `base_ref`.

    Raises ReviewError when the review cannot be made (exit status 2)."""
    base = load_side(spec, base_ref, "base")
    new = load_side(spec, head_ref, "new")
    return review_sides(base, new, ignore, fail_on)


def review_sides(
    base: SpecSide, new: SpecSide, ignore: Path | None = None, fail_on: str = "breaking"
) -> Review:
    """The review of two loaded specs; `ignore` is a review-ignore file to apply."""
    places = Places(base, new)
    old_surfaces, old_reasons = surfaces_or_reasons(base.api, base.sdk_problem)
    new_surfaces, new_reasons = surfaces_or_reasons(new.api, new.sdk_problem)
    reasons = {
        **{language: ("base", why) for language, why in old_reasons.items()},
        **{language: ("new", why) for language, why in new_reasons.items()},
    }
    findings = [
        *wire_findings(places),
        *sdk_findings(places, old_surfaces, new_surfaces, reasons),
        *lint_findings(places, new_surfaces),
    ]
    unstable = unstable_operations(places)
    if unstable:
        findings = [_unstable(f, unstable) for f in findings]
    bump = _major_bump(base.api.version, new.api.version)
    if bump is not None:
        reason = f"info.version {bump} (a major release)"
        findings = [
            f.acknowledge(reason) if f.severity in _ACKNOWLEDGEABLE else f for f in findings
        ]
    label = None
    if ignore is not None:
        label = repo_relative(ignore)
        findings = apply_ignore_file(findings, read_ignore_file(ignore, label))
    if fail_on == "potentially-breaking":
        findings = [replace(f, strict=True) for f in findings]
    return Review(base, new, tuple(sort_findings(findings)), label, bump, fail_on)


def _unstable(finding: Finding, unstable: dict[str, str]) -> Finding:
    if finding.severity not in _ACKNOWLEDGEABLE or finding.acknowledged is not None:
        return finding
    for pointer, level in unstable.items():
        if finding.pointer == pointer or finding.pointer.startswith(pointer + "/"):
            return finding.acknowledge(unstable_reason(level))
    return finding


_MAJOR = re.compile(r"^v?(\d+)(?:\.|$)")


def _major_bump(old: str, new: str) -> str | None:
    before, after = _MAJOR.match(old.strip()), _MAJOR.match(new.strip())
    if before is None or after is None or int(after[1]) <= int(before[1]):
        return None
    return f"{old} -> {new}"
