"""What the engine reads from the model: the order it serves a list in, and a cursor it cannot
page by refused at start-up like any other spec error."""

from __future__ import annotations

from pathlib import Path

import pytest

from protocol_server.plan import plan
from protocol_spec import SpecErrors, load_api

from .helpers import CONVERSATIONS_SPEC as SPEC


def test_the_list_is_served_in_the_models_total_order() -> None:
    api = load_api(SPEC)
    (served,) = plan(api).served
    listing = served.resource.operation("list")
    assert listing is not None and listing.pagination is not None
    assert served.order == tuple(
        (key.attribute, key.descending) for key in listing.pagination.total_order
    )
    assert served.order[-1] == ("id", True)


def test_a_cursor_that_is_not_the_id_is_refused_with_its_fix(tmp_path: Path) -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert text.count("        cursor: id\n") == 1
    spec = tmp_path / "openapi.yaml"
    spec.write_text(text.replace("        cursor: id\n", "        cursor: created_at\n"))
    with pytest.raises(SpecErrors) as raised:
        plan(load_api(spec))
    (error,) = raised.value.errors
    assert error.problem == (
        "GET /v1/conversations takes 'created_at' as its cursor; the engine pages by the id "
        "attribute 'id'"
    )
    assert error.fix == "set `cursor: id` (or leave it out: it defaults to id)"


def test_a_body_that_is_not_an_object_is_refused_with_its_fix() -> None:
    """The generators take any body (an array, text, a file's bytes); the engine stores an
    object's attributes, so it refuses the others at start-up instead of failing per request."""
    from dataclasses import replace

    from protocol_spec.model import TypeRef

    api = load_api(SPEC)
    (resource,) = api.resources
    create = resource.operation("create")
    assert create is not None and create.body is not None
    array = replace(create.body, fields=(), type=TypeRef("array", items=TypeRef("string")))
    operations = tuple(
        replace(op, body=array) if op is create else op for op in resource.operations
    )
    changed = replace(api, resources=(replace(resource, operations=operations),))
    with pytest.raises(SpecErrors) as raised:
        plan(changed)
    (error,) = raised.value.errors
    assert error.problem == (
        "the body of POST /v1/conversations is not an object schema; the engine reads an "
        "object's attributes"
    )
    assert error.fix == "make the body `type: object` with `properties`"
