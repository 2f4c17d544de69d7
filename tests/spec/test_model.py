"""The intermediate model: built from the spec alone, with located errors for what it cannot name."""

from __future__ import annotations

from pathlib import Path

import pytest

from protocol_spec import PROJECT_ROOT, SpecErrors, load_api, naming
from protocol_spec.model import Api, TypeRef

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "specs" / "two_resources.yaml"


@pytest.fixture(scope="module")
def api() -> Api:
    return load_api(PROJECT_ROOT / "spec" / "openapi.yaml")


def test_conversations_resource_has_the_references_five_methods(api: Api) -> None:
    # The whole API: conversations first (the spec's first path), then the other four.
    assert [r.name for r in api.resources] == [
        "conversations",
        "contacts",
        "groups",
        "messages",
        "attachments",
    ]
    resource = api.resources[0]
    assert (resource.name, resource.identifier, resource.class_name) == (
        "conversations",
        "conversations",
        "Conversations",
    )
    shape = [(op.method_name, op.http_method, op.success_status) for op in resource.operations]
    assert shape == [
        ("list", "GET", 200),
        ("create", "POST", 201),
        ("get", "GET", 200),
        ("update", "PUT", 200),
        ("delete", "DELETE", 204),
    ]
    assert [op.idempotent for op in resource.operations] == [True, False, True, True, True]
    assert api.default_base_url == "https://api.protocol.chat"


def test_list_is_recognised_as_cursor_pagination(api: Api) -> None:
    operations = {op.method_name: op for op in api.resources[0].operations}
    pagination = operations["list"].pagination
    assert pagination is not None
    assert pagination.item == TypeRef("model", name="Conversation")
    assert all(op.pagination is None for name, op in operations.items() if name != "list")
    assert operations["delete"].result is None
    assert operations["get"].error_statuses == (400, 401, 404)


def test_optional_and_nullable_stay_apart(api: Api) -> None:
    update = next(op for op in api.resources[0].operations if op.method_name == "update")
    assert update.body is not None
    fields = {f.name: f for f in update.body.fields}
    assert not fields["is_muted"].required and not fields["is_muted"].nullable
    assert not fields["archived_at"].required and fields["archived_at"].nullable
    conversation = api.model("Conversation")
    contact = next(f for f in conversation.fields if f.name == "contact_id")
    assert contact.required and contact.nullable
    assert conversation.closed


def test_inline_enums_get_owner_scoped_names(api: Api) -> None:
    assert {e.name: e.values for e in api.enums}["ErrorType"] == ("api_error", "invalid_request")


@pytest.mark.parametrize(
    ("operation_id", "tag", "method"),
    [
        ("listConversations", "conversations", "list"),
        ("getConversation", "conversations", "get"),
        ("listWidgetParts", "widgets", "list_parts"),
        ("archive_category", "categories", "archive"),
        ("doSomething", "widgets", None),
        ("widgets", "widgets", None),
    ],
)
def test_method_name_from_operation_id(operation_id: str, tag: str, method: str | None) -> None:
    assert naming.method_name_from_operation_id(operation_id, tag) == method


def test_python_identifier_avoids_keywords() -> None:
    assert naming.python_identifier("class") == "class_"
    assert naming.python_identifier("x-protocol-signature") == "x_protocol_signature"


def _build_fixture(tmp_path: Path, old: str, new: str) -> SpecErrors:
    spec = tmp_path / "spec.yaml"
    text = FIXTURE.read_text()
    assert old in text
    spec.write_text(text.replace(old, new))
    with pytest.raises(SpecErrors) as caught:
        load_api(spec)
    return caught.value


def test_colliding_method_names_are_reported_with_a_fix(tmp_path: Path) -> None:
    errors = _build_fixture(
        tmp_path, "x-protocol-sdk-method: list", "x-protocol-sdk-method: create"
    )
    (error,) = errors.errors
    assert error.pointer == "/paths/~1v1~1widgets/post"
    assert error.line is not None
    assert "would be the method 'create' of resource 'widgets', like 'searchWidgets'" in (
        error.problem
    )
    assert "x-protocol-sdk-method" in error.fix


def test_invalid_method_override_is_reported(tmp_path: Path) -> None:
    errors = _build_fixture(
        tmp_path, "x-protocol-sdk-method: list", "x-protocol-sdk-method: Polish-It"
    )
    (error,) = errors.errors
    assert error.pointer == "/paths/~1v1~1widgets/get/x-protocol-sdk-method"
    assert "not a snake_case name" in error.problem


def test_operation_without_tag_joins_the_resource_of_its_path(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    text = FIXTURE.read_text()
    old = "      operationId: deleteWidget\n      tags: [widgets]\n"
    assert old in text
    spec.write_text(text.replace(old, ""))  # no operationId, no tag
    api = load_api(spec)
    (widgets,) = [r for r in api.resources if r.name == "widgets"]
    derived = next(op for op in widgets.operations if op.http_method == "DELETE")
    assert (derived.operation_id, derived.method_name) == ("deleteWidgetsById", "delete_by_id")


def test_generated_models_keep_optional_and_nullable_apart() -> None:
    from pydantic import ValidationError

    from protocol_api.models import ConversationUpdate, Error, ErrorType

    assert ConversationUpdate(archived_at=None).model_dump(exclude_unset=True) == {
        "archived_at": None
    }
    with pytest.raises(ValidationError):
        ConversationUpdate(is_muted=None)  # optional, not nullable: null is refused
    with pytest.raises(ValidationError):
        ConversationUpdate.model_validate({"is_archived": True})  # closed object
    error = Error.model_validate({"type": "api_error", "message": "m"})
    assert error.type is ErrorType.api_error


def test_pinned_tool_versions_match_pyproject() -> None:
    from protocol_codegen.formatting import PINNED_TOOLS

    pyproject = (PROJECT_ROOT / "pyproject.toml").read_text()
    for name, version in PINNED_TOOLS.items():
        assert f'"{name}=={version}"' in pyproject, name


def test_a_parameters_own_example_is_told_apart_from_its_schemas(api: Api) -> None:
    list_op = next(op for op in api.resources[0].operations if op.method_name == "list")
    limit = list_op.parameter("limit")
    group_id = list_op.parameter("group_id")  # its schema, `Id`, has an example
    assert limit is not None and group_id is not None
    assert (limit.example, limit.has_example, limit.own_example) == (10, True, True)
    assert group_id.has_example and not group_id.own_example
    item_id = next(op for op in api.resources[0].operations if op.method_name == "get")
    (path_id,) = item_id.path_params
    assert (path_id.example, path_id.own_example) == ("xgQQXg3hrtjh7AvZ", True)
