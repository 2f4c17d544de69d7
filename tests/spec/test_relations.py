"""The model reads how resources relate from the whole-API fixture spec."""

from __future__ import annotations

import pytest

from protocol_spec import PROJECT_ROOT, Api, load_api
from protocol_spec.model import Field, Inverse, Reference

WHOLE_API = PROJECT_ROOT / "tests" / "fixtures" / "specs" / "whole_api.yaml"


@pytest.fixture(scope="module")
def api() -> Api:
    return load_api(WHOLE_API)


def attribute(api: Api, model: str, name: str) -> Field:
    found = api.model(model).field(name)
    assert found is not None
    return found


def test_the_whole_api_has_five_complete_resources(api: Api) -> None:
    assert [r.name for r in api.resources] == [
        "conversations",
        "contacts",
        "groups",
        "messages",
        "attachments",
    ]
    assert [gap.problem for r in api.resources for gap in r.gaps] == []
    assert {r.name: len(r.operations) for r in api.resources} == dict.fromkeys(
        ("conversations", "contacts", "groups", "messages", "attachments"), 5
    )
    send = api.resource("messages").operation("create")
    assert send is not None and send.method_name == "send"
    events = {hook.path for hook in api.webhooks}
    assert len(events) == 15 and "message.created" in events


def test_references_say_their_target_and_what_deleting_it_does(api: Api) -> None:
    assert attribute(api, "Conversation", "contact_id").reference == Reference(
        "contacts", "cascade"
    )
    assert attribute(api, "Message", "conversation_id").reference == Reference(
        "conversations", "cascade", touch="last_active_at"
    )
    assert attribute(api, "Group", "contacts").reference == Reference(
        "contacts", "clear", many=True, embedded=True
    )
    assert attribute(api, "Message", "contact").reference == Reference(
        "contacts", "clear", embedded=True
    )


def test_values_the_server_keeps_in_step(api: Api) -> None:
    conversation_id = attribute(api, "Contact", "conversation_id")
    assert conversation_id.alongside == "contact_id" and conversation_id.server_set
    attachments = attribute(api, "Message", "attachments")
    assert attachments.inverse == Inverse("attachments", "message_id")
    assert attribute(api, "Message", "updated_at").assigned == "update-time"


def test_uploads_and_filters_through_a_reference(api: Api) -> None:
    roles = {f.name: f.file for f in api.model("Attachment").fields if f.file}
    assert roles == {
        "filename": "name",
        "file_url": "url",
        "file_type": "media-type",
        "file_size": "size",
    }
    create = api.resource("attachments").operation("create")
    assert create is not None and create.body is not None
    assert create.body.content_types == ("multipart/form-data",)
    assert [f.file for f in create.body.fields] == ["content"]
    listing = api.resource("attachments").operation("list")
    assert listing is not None
    (only,) = listing.filters
    assert only.filter is not None
    assert (only.filter.attribute, only.filter.through) == ("conversation_id", "message_id")
