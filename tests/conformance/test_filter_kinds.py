"""Array membership (`match: contains`) and time windows (`match: since` / `before`), checked
both ways on a spec of their own (tests/fixtures/specs/features/filters_membership_and_windows.yaml):
the reference server passes every `filter_<param>` check, and each broken variant of it (a
filter ignored, array items matched as text, a window's boundary on the wrong side, a window
reversed, date-times compared as text) is reported under that filter's check.
"""

from __future__ import annotations

import re

import pytest

from protocol_conformance.results import SEMANTIC, RunResults
from protocol_conformance.windows import bounds_beyond, in_window

from .conftest import ROOT
from .faults import (
    EmulatedList,
    Fault,
    IgnoreQuery,
    contains_as_text,
    window_as_text,
    window_boundary_off,
    window_reversed,
)
from .variants import Variant, explain, run_all

SPEC = ROOT / "tests" / "fixtures" / "specs" / "features" / "filters_membership_and_windows.yaml"
FILTERS = {
    "filter_tag",
    "filter_team_id",
    "filter_happened_since",
    "filter_happened_before",
    "filter_min_score",
    "filter_created_since",
}
# A filter broken alone also breaks the pairs of filters that include it: `filters_combined`
# (two filters together, and `since` with `before` as one window) may report it beside.
BESIDE = {"filters_combined"}


# (variant, the check that must report it)
FAULTS: list[tuple[Variant, str]] = [
    (Variant("tag (contains) ignored", lambda: IgnoreQuery(("tag",)), spec=SPEC), "filter_tag"),
    (
        Variant(
            "tag searched in the array's text",
            lambda: EmulatedList(contains_as_text("tag")),
            spec=SPEC,
        ),
        "filter_tag",
    ),
    (
        Variant(
            "team_id (contains, references) ignored", lambda: IgnoreQuery(("team_id",)), spec=SPEC
        ),
        "filter_team_id",
    ),
    (
        Variant("happened_since ignored", lambda: IgnoreQuery(("happened_since",)), spec=SPEC),
        "filter_happened_since",
    ),
    (
        Variant(
            "happened_since leaves its boundary out",
            lambda: EmulatedList(window_boundary_off("happened_since")),
            spec=SPEC,
        ),
        "filter_happened_since",
    ),
    (
        Variant(
            "happened_before keeps its boundary",
            lambda: EmulatedList(window_boundary_off("happened_before")),
            spec=SPEC,
        ),
        "filter_happened_before",
    ),
    (
        Variant(
            "happened_before reversed",
            lambda: EmulatedList(window_reversed("happened_before")),
            spec=SPEC,
        ),
        "filter_happened_before",
    ),
    (
        Variant(
            "happened_since compares date-times as text",
            lambda: EmulatedList(window_as_text("happened_since")),
            spec=SPEC,
        ),
        "filter_happened_since",
    ),
    (
        Variant(
            "min_score leaves its boundary out",
            lambda: EmulatedList(window_boundary_off("min_score")),
            spec=SPEC,
        ),
        "filter_min_score",
    ),
    (
        Variant(
            "created_since reversed",
            lambda: EmulatedList(window_reversed("created_since")),
            spec=SPEC,
        ),
        "filter_created_since",
    ),
]


CLEAN = Variant("the reference server", Fault, spec=SPEC)


@pytest.fixture(scope="module")
def runs() -> dict[str, RunResults]:
    """The clean server and every broken variant, side by side (variants.THREADS at a time)."""
    return run_all([CLEAN, *(v for v, _ in FAULTS)])


def test_reference_server_passes_each_filter_both_ways(runs: dict[str, RunResults]) -> None:
    results = runs[CLEAN.name]
    assert results.ok, explain(results)
    assert FILTERS | {"filters_combined"} <= results.ran(SEMANTIC), explain(results)
    assert not [k for k in results.not_run if k[0] == "GET /v1/events" and "filter" in k[1]]
    assert not results.leftovers
    # Each filter was asked for several values (both ways, each side of a boundary).
    for name in FILTERS:
        assert results.by_check[(SEMANTIC, name)].passed >= 3, (name, explain(results))
    # The coverage table lists every parameter with the checks that ran for it.
    table = explain(results)
    for name in FILTERS:
        param = name.removeprefix("filter_")
        assert f"{param} ({name}, filters_combined)" in table
        assert re.search(rf"{name} +ran \d+, all passed", table), table


def test_window_sides() -> None:
    """The suite's own reading of a window: the boundary is in `since`, out of `before`;
    offsets do not matter; null and text are in no window."""
    edge = "2026-03-01T12:00:00Z"
    assert in_window("since", "2026-03-01T13:00:00+01:00", edge)
    assert not in_window("before", "2026-03-01T13:00:00+01:00", edge)
    assert in_window("before", "2026-03-01T11:59:59.999Z", edge)
    assert not in_window("since", None, edge) and not in_window("before", None, edge)
    assert not in_window("since", "soon", edge)
    assert in_window("since", 10, 10) and not in_window("before", 10, 10)
    assert bounds_beyond([3, 1, 2], numeric=True) == [0, 4]
    assert bounds_beyond(["2026-03-01T13:00:00+01:00", edge], numeric=False) == [
        "2026-03-01T11:59:59Z",
        "2026-03-01T12:00:01Z",
    ]


@pytest.mark.parametrize(("variant", "check"), FAULTS, ids=[v.name for v, _ in FAULTS])
def test_each_broken_filter_is_reported_under_its_check(
    runs: dict[str, RunResults], variant: Variant, check: str
) -> None:
    results = runs[variant.name]
    failed = results.failed_checks()
    assert check in failed, explain(results)
    assert failed - {check} <= BESIDE, explain(results)
    assert not results.errors, explain(results)
    failure = next(f for f in results.failures if f.check == check)
    assert "expected: " in failure.message and "\nreceived: " in failure.message
    assert "curl -sS -i -X GET" in failure.curl
    assert not results.leftovers
