# Generated from spec/openapi.yaml + datamodel-code-generator. Do not edit.

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import MISSING, AnyUrl, BaseModel, ConfigDict, Field


class Conversation(BaseModel):
    """
    A conversation between you and one contact or one group: exactly one of `contact_id` and
    `group_id` is set. Every attribute is always present; those without a value are `null`.

    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")]
    """
    Unique identifier for the conversation.
    """
    contact_id: Annotated[
        str | None, Field(examples=["WAz8eIbvDR60rouK"], pattern="^[A-Za-z0-9]{16}$")
    ]
    """
    Unique identifier for the other contact in the conversation; `null` in a group conversation.
    """
    group_id: Annotated[str | None, Field(examples=[None], pattern="^[A-Za-z0-9]{16}$")]
    """
    Unique identifier for the group that the conversation belongs to; `null` in a conversation with a contact.
    """
    pinned_message_id: Annotated[str | None, Field(examples=[None], pattern="^[A-Za-z0-9]{16}$")]
    """
    Unique identifier for the pinned message; `null` when no message is pinned.
    """
    is_pinned: Annotated[bool, Field(examples=[False])]
    """
    Whether or not the conversation has been pinned.
    """
    is_muted: Annotated[bool, Field(examples=[False])]
    """
    Whether or not the conversation has been muted.
    """
    last_active_at: Annotated[int | None, Field(examples=[705103200], ge=0, le=253402300799)]
    """
    When the conversation was last active; `null` before any activity.
    """
    last_opened_at: Annotated[int | None, Field(examples=[705103200], ge=0, le=253402300799)]
    """
    When the conversation was last opened by the authenticated user; `null` if never.
    """
    created_at: Annotated[int, Field(examples=[692233200], ge=0, le=253402300799)]
    """
    When the conversation was created.
    """
    archived_at: Annotated[int | None, Field(examples=[None], ge=0, le=253402300799)]
    """
    When the conversation was archived; `null` when it is not archived.
    """


class ConversationList(BaseModel):
    """
    One page of conversations.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    has_more: bool
    """
    Whether more conversations lie beyond this page in the direction of travel: after the
    last one, or before the first one when the page was asked for with `ending_before`.

    """
    data: Annotated[list[Conversation], Field(max_length=100)]
    """
    The conversations of this page, newest first.
    """


class ConversationCreate(BaseModel):
    """
    Who the conversation is with: exactly one of `contact_id` and `group_id`.

    """

    model_config = ConfigDict(
        extra="forbid",
    )
    contact_id: Annotated[
        str | MISSING, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")
    ] = MISSING
    """
    Unique identifier for the other contact in the conversation.
    """
    group_id: Annotated[
        str | MISSING, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")
    ] = MISSING
    """
    Unique identifier for the group that the conversation belongs to.
    """


class ConversationUpdate(BaseModel):
    """
    The attributes to change; those left out keep their values. `null` clears
    `pinned_message_id` and `archived_at`.

    """

    model_config = ConfigDict(
        extra="forbid",
    )
    pinned_message_id: Annotated[
        str | None | MISSING, Field(examples=["mP7qRz2LwX9vB4Nc"], pattern="^[A-Za-z0-9]{16}$")
    ] = MISSING
    """
    Unique identifier for the message to pin; `null` unpins it.
    """
    is_pinned: Annotated[bool | MISSING, Field(examples=[True])] = MISSING
    """
    Whether or not the conversation is pinned.
    """
    is_muted: Annotated[bool | MISSING, Field(examples=[True])] = MISSING
    """
    Whether or not the conversation is muted.
    """
    archived_at: Annotated[
        int | None | MISSING, Field(examples=[705200000], ge=0, le=253402300799)
    ] = MISSING
    """
    When the conversation was archived; `null` unarchives it.
    """


class ConversationEventType(StrEnum):
    """
    What happened.
    """

    conversation_created = "conversation.created"
    conversation_updated = "conversation.updated"
    conversation_deleted = "conversation.deleted"


class ConversationEvent(BaseModel):
    """
    The body of a webhook delivery about a conversation.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")]
    """
    Unique identifier for the event; deliveries of the same event share it.
    """
    type: Annotated[ConversationEventType | str, Field(union_mode="left_to_right")]
    """
    What happened.
    """
    payload: Conversation


class ErrorType(StrEnum):
    """
    `invalid_request` when the request is at fault (fix it before retrying), `api_error`
    when the server is (retrying later may succeed).

    """

    api_error = "api_error"
    invalid_request = "invalid_request"


class Error(BaseModel):
    """
    What went wrong with a request.
    """

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "externalDocs": {
                "description": "One page per error `type`, at this address followed by `/` and the type.",
                "url": "https://protocol.chat/docs/errors",
            }
        },
    )
    type: Annotated[ErrorType | str, Field(union_mode="left_to_right")]
    """
    `invalid_request` when the request is at fault (fix it before retrying), `api_error`
    when the server is (retrying later may succeed).

    """
    message: str
    """
    What was wrong, in a sentence meant for the developer.
    """
    documentation_url: AnyUrl | MISSING = MISSING
    """
    A page that explains this type of error.
    """


__all__ = [
    "Conversation",
    "ConversationCreate",
    "ConversationEvent",
    "ConversationEventType",
    "ConversationList",
    "ConversationUpdate",
    "Error",
    "ErrorType",
]
