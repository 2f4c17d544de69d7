"""Meaning derived once in the model, which the server and the conformance suite both read:
the total order of a list, the error schema and `type` of each status, the item path's
parameter."""

from __future__ import annotations

from dataclasses import replace

import pytest

from protocol_spec import PROJECT_ROOT, Api, load_api
from protocol_spec.model import ErrorShape, SortKey
from protocol_spec.semantics import total_order

SPECS = PROJECT_ROOT / "tests" / "fixtures" / "specs"


@pytest.fixture(scope="module")
def api() -> Api:
    return load_api(PROJECT_ROOT / "spec" / "openapi.yaml")


@pytest.fixture(scope="module")
def two() -> Api:
    return load_api(SPECS / "two_resources.yaml")


def test_a_declared_order_that_ends_with_the_cursor_is_total_already(api: Api) -> None:
    listing = api.resources[0].operation("list")
    assert listing is not None and listing.pagination is not None
    assert listing.pagination.total_order == listing.order
    assert listing.order == (SortKey("created_at", True), SortKey("id", True))


def test_every_list_of_the_fixture_is_totally_ordered_by_its_cursor(two: Api) -> None:
    for resource in two.resources:
        listing = resource.operation("list")
        assert listing is not None and listing.pagination is not None
        keys = listing.pagination.total_order
        assert keys[: len(listing.order)] == listing.order
        assert listing.pagination.cursor_field in [key.attribute for key in keys]


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ((), (SortKey("id", False),)),
        ((SortKey("name", True),), (SortKey("name", True), SortKey("id", True))),
        ((SortKey("name", False),), (SortKey("name", False), SortKey("id", False))),
        # The cursor already a key (even not the last): nothing appended.
        (
            (SortKey("id", True), SortKey("name", False)),
            (SortKey("id", True), SortKey("name", False)),
        ),
    ],
)
def test_total_order_breaks_ties_by_the_cursor_attribute(
    declared: tuple[SortKey, ...], expected: tuple[SortKey, ...]
) -> None:
    assert total_order(declared, "id") == expected


def test_status_classes_take_the_first_error_schema_and_type_declared(api: Api) -> None:
    assert dict(api.error_classes) == {
        "4": ErrorShape("Error", "invalid_request"),
        "5": ErrorShape("Error", "api_error"),
    }


def test_an_operation_error_is_what_it_declares_else_its_class(api: Api) -> None:
    get = api.resources[0].operation("get")
    assert get is not None
    assert api.error(404, get) == ErrorShape("Error", "invalid_request")
    assert api.error(503, get) == ErrorShape("Error", "api_error")  # from its 5XX
    # 409 is not declared on get: the 4xx class says it; with no operation, the class too.
    assert get.response(409) is None
    assert api.error(409, get) == ErrorShape("Error", "invalid_request")
    assert api.error(500) == ErrorShape("Error", "api_error")


def test_a_declared_error_type_wins_over_its_class(api: Api) -> None:
    # A copy of the model where one operation's 404 promises a type of its own.
    resource = api.resources[0]
    get = resource.operation("get")
    assert get is not None
    responses = tuple(
        replace(r, error_type="not_found") if r.status == "404" else r for r in get.responses
    )
    own = replace(get, responses=responses)
    assert api.error(404, own) == ErrorShape("Error", "not_found")
    assert api.error(400, own) == ErrorShape("Error", "invalid_request")


def test_the_item_path_names_the_parameter_that_takes_the_id(api: Api, two: Api) -> None:
    assert api.resources[0].id_parameter == "id"
    for resource in two.resources:
        assert resource.item_path is not None and resource.id_parameter is not None
        assert resource.item_path.endswith("{" + resource.id_parameter + "}")


def test_a_new_object_holds_the_default_else_null_else_nothing_the_spec_says(api: Api) -> None:
    fields = {f.name: f for f in api.model("Conversation").fields}
    assert fields["is_muted"].initial() == (True, False)  # its default
    assert fields["archived_at"].initial() == (True, None)  # nullable, no default
    unannotated = load_api(SPECS / "unannotated.yaml")
    priority = unannotated.model("Note").field("priority")
    assert priority is not None and priority.initial() == (False, None)  # a gap, said so
    # A default that is an object is a copy: changing one object's value changes no other's.
    shared = replace(fields["is_muted"], default={"a": []}, has_default=True)
    first, second = shared.initial()[1], shared.initial()[1]
    assert first == second == {"a": []} and first is not second


def test_a_declared_header_is_found_whatever_its_case(api: Api) -> None:
    create = api.resources[0].operation("create")
    assert create is not None and create.success is not None
    found = create.success.header("location")
    assert found is not None and found.name == "Location"
    assert create.success.header("Retry-After") is None


def test_a_resource_named_like_a_model_gets_resource_added() -> None:
    """Tag `Users` beside schema `Users`: both classes live side by side in every SDK."""
    api = load_api(SPECS / "features" / "resource_named_like_a_model.yaml")
    assert [(r.identifier, r.class_name) for r in api.resources] == [("users", "UsersResource")]
    assert "Users" in {model.name for model in api.models}


def test_a_resource_named_unlike_any_model_keeps_the_tag(api: Api) -> None:
    assert all(r.class_name == r.name.title().replace("_", "") for r in api.resources)
