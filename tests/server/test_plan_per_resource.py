"""A resource the engine cannot serve is left out, with its reasons; the others are served."""

from __future__ import annotations

from pathlib import Path

import pytest

from protocol_server.plan import plan
from protocol_spec import SpecErrors, load_api

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "specs" / "two_resources.yaml"


def _spec(tmp_path: Path, old: str, new: str) -> Path:
    text = FIXTURE.read_text()
    assert old in text
    spec = tmp_path / "spec.yaml"
    spec.write_text(text.replace(old, new))
    return spec


def test_a_resource_the_engine_cannot_serve_is_left_out_with_why(tmp_path: Path) -> None:
    old = "      operationId: getWidget\n"
    served = plan(load_api(_spec(tmp_path, old, old + "      security: []\n")))
    assert [s.resource.name for s in served.served] == ["conversations"]
    (reason,) = served.not_served
    assert reason.pointer == "/paths/~1v1~1widgets~1{id}/get"
    assert reason.line is not None and "requires no authentication" in reason.problem
    assert "/v1/widgets" not in served.paths


def test_nothing_servable_is_still_refused_with_every_reason(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "\nsecurity:\n  - bearerAuth: []\n", "\n")  # no operation is secured
    with pytest.raises(SpecErrors) as refused:
        plan(load_api(spec))
    assert len(refused.value.errors) >= 2  # a reason for each resource's operations
    assert all("requires no authentication" in e.problem for e in refused.value.errors)


def test_survey_names_each_resource_left_out_and_the_spec_wide_problems(tmp_path: Path) -> None:
    """The one source of what is served: the server's start-up and the conformance suite read it."""
    from protocol_server.plan import survey

    old = "      operationId: getWidget\n"
    found = survey(load_api(_spec(tmp_path, old, old + "      security: []\n")))
    assert found.plan is not None and found.problems == ()
    (left,) = found.unserved
    assert left.resource.name == "widgets" and found.plan.unserved == found.unserved
    assert [r.pointer for r in left.reasons] == ["/paths/~1v1~1widgets~1{id}/get"]
    nothing = survey(load_api(_spec(tmp_path, "\nsecurity:\n  - bearerAuth: []\n", "\n")))
    assert nothing.plan is None
    assert [u.resource.name for u in nothing.unserved] == ["conversations", "widgets"]
    assert all(u.reasons for u in nothing.unserved)


def test_a_published_spec_without_annotations_is_planned_whole() -> None:
    """petstore-expanded as published: the whole list unpaged, one account (no security), the
    server numbering ids (`{id}` of an integer `id` no create sets), errors typeless."""
    spec = FIXTURE.parents[1] / "corpus" / "oai" / "v3.0-petstore-expanded.yaml"
    served = plan(load_api(spec))
    (pets,) = served.served
    assert served.unserved == () and served.open
    assert pets.unpaged and pets.order == (("id", False),)
    assert pets.not_applied == ("tags", "limit")
    pet_id = pets.model.field("id")
    assert pet_id is not None and pet_id.assigned == "unique-id" and pets.layout.numbered
    assert served.error_type(404) is None
    assert served.error_schemas.body(404, "gone", None) == {"code": 404, "message": "gone"}
