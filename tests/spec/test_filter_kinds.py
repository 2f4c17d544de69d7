"""Array membership (`match: contains`) and time windows (`match: since` / `before`) in the
model, from their fixture spec; and what the loader says where they cannot mean anything (the
bad-spec corpus holds the other refusals: filter_contains_*, filter_window_*)."""

from __future__ import annotations

from pathlib import Path

import pytest

from protocol_spec import PROJECT_ROOT, SpecErrors, load_api
from protocol_spec.model import Filter

SPECS = PROJECT_ROOT / "tests" / "fixtures" / "specs"
FIXTURE = SPECS / "features" / "filters_membership_and_windows.yaml"


def test_the_fixture_declares_each_kind() -> None:
    listing = load_api(FIXTURE).resource("events").operation("list")
    assert listing is not None
    assert {p.name: p.filter for p in listing.filters} == {
        "tag": Filter("tags", "contains"),
        "team_id": Filter("team_ids", "contains"),
        "happened_since": Filter("happened_at", "since"),
        "happened_before": Filter("happened_at", "before"),
        "min_score": Filter("score", "since"),
        "created_since": Filter("created_at", "since"),
    }


@pytest.mark.parametrize("match", ["contains", "since", "before"])
def test_a_filter_through_a_reference_compares_with_equals_only(tmp_path: Path, match: str) -> None:
    text = (SPECS / "whole_api.yaml").read_text(encoding="utf-8")
    through = "          through: message_id\n"
    assert text.count(through) == 1
    spec = tmp_path / "openapi.yaml"
    spec.write_text(text.replace(through, f"{through}          match: {match}\n"), "utf-8")
    with pytest.raises(SpecErrors) as caught:
        load_api(spec)
    rendered = caught.value.render()
    assert ":1470: /paths/~1v1~1attachments/get/parameters/1/x-protocol-filter/match:" in rendered
    assert f"says `match: {match}` with `through`" in rendered
    assert "fix: filter an attribute of the listed objects themselves" in rendered
