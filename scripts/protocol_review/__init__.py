"""Spec review: what a change of the OpenAPI spec breaks, on the wire and in each SDK.

    python -m protocol_review --base origin/main --format markdown

Stages, each a module: load both sides at their git refs (`sides`), diff the wire contract
(`wire`, comparing resolved schemas with `schema_view` and `values`), compute each SDK's public
surface from the generators and diff it (`sdk_surface`, `sdk_diff`), lint the new spec
(`lint`), acknowledge accepted changes (`ignore`, a major version bump in `review`), and print
(`formats`). Every finding names a rule of `rules.RULES`.
"""

from __future__ import annotations

from .findings import Finding
from .review import Review, run_review
from .rules import RULES, Rule
from .sides import ReviewError

__all__ = ["RULES", "Finding", "Review", "ReviewError", "Rule", "run_review"]
