"""What the model says the API means: on the project's spec, on the two-resource fixture, and
on a spec written without the vocabulary (which loads, and says what it leaves unsaid)."""

from __future__ import annotations

from pathlib import Path

import pytest

from protocol_codegen.pipeline import render_targets
from protocol_spec import PROJECT_ROOT, Api, load_api
from protocol_spec.model import Filter, IdFormat, SortKey
from protocol_spec.semantics import IMPLIED_ID_FORMAT, id_format

SPECS = PROJECT_ROOT / "tests" / "fixtures" / "specs"
ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


@pytest.fixture(scope="module")
def api() -> Api:
    return load_api(PROJECT_ROOT / "spec" / "openapi.yaml")


@pytest.fixture(scope="module")
def two() -> Api:
    return load_api(SPECS / "two_resources.yaml")


def test_conversations_resource_knows_its_roles_paths_schema_and_id(api: Api) -> None:
    resource = api.resource("conversations")
    assert [(op.role, op.operation_id) for op in resource.operations] == [
        ("list", "listConversations"),
        ("create", "createConversation"),
        ("get", "getConversation"),
        ("update", "updateConversation"),
        ("delete", "deleteConversation"),
    ]
    assert resource.model == "Conversation"
    assert resource.singular == "conversation"
    assert resource.id_attribute == "id"
    assert resource.collection_path == "/v1/conversations"
    assert resource.item_path == "/v1/conversations/{id}"
    assert resource.gaps == ()


def test_list_pagination_limit_order_and_filters(api: Api) -> None:
    listing = api.resources[0].operation("list")
    assert listing is not None and listing.pagination is not None
    page = listing.pagination
    assert (page.items_field, page.has_more_field) == ("data", "has_more")
    assert (page.after_param, page.before_param, page.limit_param) == (
        "starting_after",
        "ending_before",
        "limit",
    )
    assert page.cursor_field == "id"
    limit = listing.parameter("limit")
    assert limit is not None
    assert (limit.default, limit.constraints.minimum, limit.constraints.maximum) == (10, 1, 100)
    assert listing.order == (SortKey("created_at", True), SortKey("id", True))
    assert {p.name: p.filter for p in listing.filters} == {
        "muted": Filter("is_muted", "equals"),
        "archived": Filter("archived_at", "is-set"),
        "pinned": Filter("is_pinned", "equals"),
        "group_id": Filter("group_id", "equals"),
    }


def test_attributes_say_who_sets_them_and_what_they_start_as(api: Api) -> None:
    fields = {f.name: f for f in api.model("Conversation").fields}
    assert fields["id"].assigned == "unique-id" and fields["id"].read_only
    assert fields["id"].id_format == IdFormat(ALPHANUMERIC, 16)
    assert fields["created_at"].assigned == "creation-time" and fields["created_at"].read_only
    assert fields["last_active_at"].read_only and fields["last_active_at"].assigned is None
    assert (fields["is_muted"].default, fields["is_muted"].has_default) == (False, True)
    assert fields["archived_at"].nullable and not fields["archived_at"].has_default
    assert fields["archived_at"].constraints.minimum == 0
    update = api.resources[0].operation("update")
    assert update is not None and update.body is not None
    assert [f.name for f in update.body.fields] == [
        "pinned_message_id",
        "is_pinned",
        "is_muted",
        "archived_at",
    ]
    create = api.resources[0].operation("create")
    assert create is not None and create.body is not None
    assert (create.body.min_properties, create.body.max_properties, create.body.closed) == (
        1,
        1,
        True,
    )
    assert create.body.content_types == ("application/json", "application/x-www-form-urlencoded")
    assert [e.value for e in create.body.examples["application/json"]] == [
        {"contact_id": "WAz8eIbvDR60rouK"},
        {"group_id": "Gx5cQ1vL2mZ9kT3R"},
    ]


def test_error_types_come_from_const_in_the_error_schemas(api: Api) -> None:
    get = api.resources[0].operation("get")
    assert get is not None
    assert [(r.status, r.error_type) for r in get.responses] == [
        ("200", None),
        ("400", "invalid_request"),
        ("401", "invalid_request"),
        ("404", "invalid_request"),
        ("5XX", "api_error"),
    ]
    found = get.response(503)
    assert found is not None and found.status == "5XX"
    assert get.response(404) is not None and get.response(409) is None
    create = api.resources[0].operation("create")
    assert create is not None and create.success is not None
    assert [h.name for h in create.success.headers] == ["Location"]


def test_security_webhooks_and_positions(api: Api) -> None:
    assert [(s.name, s.type, s.scheme) for s in api.security_schemes] == [
        ("bearerAuth", "http", "bearer"),
        ("basicAuth", "http", "basic"),
    ]
    # Each of the whole API's five resources has its created, updated and deleted webhook.
    assert [w.path for w in api.webhooks] == [
        f"{singular}.{action}"
        for singular in ("conversation", "contact", "group", "message", "attachment")
        for action in ("created", "updated", "deleted")
    ]
    listing = api.resources[0].operation("list")
    assert listing is not None
    position = api.position(listing.pointer + "/x-protocol-pagination")
    assert position is not None
    text = (PROJECT_ROOT / "spec" / "openapi.yaml").read_text().splitlines()
    assert text[position.line - 1].strip() == "x-protocol-pagination:"
    assert position.column == text[position.line - 1].index("x") + 1
    file, line = api.where(listing.pointer).rsplit(":", 1)
    assert file == str(PROJECT_ROOT / "spec" / "openapi.yaml")
    assert text[int(line) - 1].strip() == "get:"


def test_two_resources_are_both_complete(two: Api) -> None:
    conversations, widgets = two.resources
    for resource in (conversations, widgets):
        assert resource.gaps == ()
        assert {op.role for op in resource.operations} == {
            "list",
            "create",
            "get",
            "update",
            "delete",
        }
    assert conversations.operation("update") is not None
    assert conversations.operation("update").http_method == "PATCH"  # type: ignore[union-attr]
    widgets_list = widgets.operation("list")
    assert widgets_list is not None and widgets_list.pagination is not None
    assert widgets_list.method_name == "list"  # x-protocol-sdk-method, not "search"
    assert widgets_list.pagination.before_param is None  # pages forward only
    assert widgets_list.pagination.limit_param == "page_size"
    assert widgets_list.order == (SortKey("name", False), SortKey("id", False))
    assert {p.name: p.filter for p in widgets_list.filters} == {
        "color": Filter("color", "equals"),
        "retired": Filter("retired_at", "is-set"),
    }
    fields = {f.name: f for f in two.model("Widget").fields}
    assert fields["id"].id_format == IdFormat("abcdefghijklmnopqrstuvwxyz0123456789", 8)
    assert (fields["tags"].default, fields["color"].default) == ([], "red")
    conversation_id = two.model("Conversation").field("id")
    assert conversation_id is not None and conversation_id.id_format == IdFormat(ALPHANUMERIC, 12)


def test_a_spec_without_the_vocabulary_loads_and_names_its_gaps() -> None:
    api = load_api(SPECS / "unannotated.yaml")
    (resource,) = api.resources
    listing = resource.operation("list")
    assert listing is not None and listing.pagination is None
    archive = next(op for op in resource.operations if op.operation_id == "archiveNote")
    assert archive.role is None
    gaps = {(api.where(gap.pointer).split(":")[1], gap.problem) for gap in resource.gaps}
    assert gaps == {
        (
            "75",
            (
                "POST /v1/notes/{id}/archive is not a list, create, get, update or delete "
                "(a path with parameters before its last segment)"
            ),
        ),
        ("118", "'colour' of the create body is no attribute of Note"),
        (
            "100",
            (
                "a new note's 'priority' has no value: it has no default, is not nullable, and "
                "create does not set it"
            ),
        ),
        (
            "17",
            (
                "GET /v1/notes has no `x-protocol-pagination`: which property holds the objects "
                "and which parameters page them is unsaid"
            ),
        ),
    }
    assert all(gap.fix for gap in resource.gaps)
    # Clients are still generated: the list simply returns its envelope.
    files = render_targets(api, ["python"])
    assert "    def list(" in files[f"python/{api.settings.python_package}/resources/notes.py"]
    assert "-> NoteList:" in files[f"python/{api.settings.python_package}/resources/notes.py"]
    # Its id (a string, absent from the create body) is read as assigned by the server.
    note_id = api.model("Note").field("id")
    assert note_id is not None and note_id.assigned == "unique-id"
    assert note_id.id_format == IMPLIED_ID_FORMAT


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("^[A-Za-z0-9]{16}$", IdFormat(ALPHANUMERIC, 16)),
        ("^[a-f0-9]{4}$", IdFormat("abcdef0123456789", 4)),
        (r"^[a-c\-]{2}$", IdFormat("abc-", 2)),
        ("^[A-Za-z0-9]+$", None),
        (r"^[\d]{4}$", None),
        ("^[^a]{3}$", None),
        ("^[z-a]{3}$", None),
        (None, None),
    ],
)
def test_id_format_reads_only_patterns_it_can_draw_from(
    pattern: str | None, expected: IdFormat | None
) -> None:
    assert id_format(pattern) == expected


def test_bytes_and_files_give_the_same_model(tmp_path: Path) -> None:
    from protocol_spec import build_api, load_spec_bytes

    path = SPECS / "two_resources.yaml"
    from_bytes = build_api(load_spec_bytes(path.read_bytes(), "two@memory"), "two")
    from_file = load_api(path)
    assert from_bytes.resources == from_file.resources
    assert from_bytes.models == from_file.models
    position = from_bytes.position("/paths/~1v1~1widgets/get")
    assert position is not None and position.file == "two@memory"
