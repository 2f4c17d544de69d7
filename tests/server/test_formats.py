"""Stored values keep their declared format, so no client refuses what the server kept."""

from __future__ import annotations

import pytest

from protocol_server.errors import ApiError
from protocol_server.formats import check_formats
from protocol_spec.model import Field, TypeRef


def field(fmt: str, *, many: bool = False) -> Field:
    text = TypeRef("string", format=fmt)
    return Field("value", TypeRef("array", items=text) if many else text, required=False)


@pytest.mark.parametrize(
    ("fmt", "good", "bad"),
    [
        ("uri", "https://assets.protocol.chat/a.jpg", "assets.protocol.chat/a.jpg"),
        ("uri", "mailto:api@protocol.chat", "https://"),
        ("uri", "urn:isbn:0451450523", "http://exa mple.com/"),
        ("email", "api@protocol.chat", "api@protocol"),
        ("date-time", "1991-12-08T23:00:00Z", "1991-12-08 23:00"),
        ("date-time", "1992-05-05T22:00:00.5+02:00", "1992-13-05T22:00:00Z"),
    ],
)
def test_each_checked_format_accepts_and_refuses(fmt: str, good: str, bad: str) -> None:
    check_formats((field(fmt),), {"value": good})
    with pytest.raises(ApiError) as refused:
        check_formats((field(fmt),), {"value": bad})
    assert refused.value.status_code == 400 and refused.value.message.startswith("value: must be")


def test_items_of_an_array_are_checked_and_other_formats_are_not() -> None:
    with pytest.raises(ApiError):
        check_formats((field("uri", many=True),), {"value": ["https://a.example", "nope"]})
    check_formats((field("uuid"),), {"value": "anything"})
    check_formats((field("uri"),), {"value": None})  # null where allowed is not a format
