# Generated from spec/openapi.yaml + datamodel-code-generator. Do not edit.

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import MISSING, AnyUrl, BaseModel, ConfigDict, Field, RootModel


class Id(RootModel[str]):
    root: Annotated[str, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")]
    """
    A unique identifier of 16 letters and digits.
    """


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


class Contact(BaseModel):
    """
    A person you converse with. Every attribute is always present; those without a value are `null`.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")]
    """
    Unique identifier for the contact.
    """
    username: Annotated[str, Field(examples=["FrankMcCallister"], max_length=255, min_length=1)]
    """
    The contact's Protocol username.
    """
    phone_number: Annotated[str, Field(examples=["1-800-759-3000"], max_length=64, min_length=1)]
    """
    The contact's phone number, as written (any format).
    """
    avatar_url: Annotated[
        AnyUrl | None, Field(examples=["https://assets.protocol.chat/avatars/frank.jpg"])
    ]
    """
    URL of the contact's avatar image (an absolute URI).
    """
    display_name: Annotated[str | None, Field(examples=["UncleFrank"], max_length=255)]
    """
    How the contact is named in your list; `null` when not set (clients then show `username`: the fallback is for display, responses keep `null`).
    """
    conversation_id: Annotated[
        str | None, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")
    ]
    """
    Your conversation with this contact, created with the contact. It keeps naming that first conversation when you start another one with the contact, and is `null` once it is deleted.
    """
    last_active_at: Annotated[int | None, Field(examples=[705103200], ge=0, le=253402300799)]
    """
    When the contact last did something on Protocol; `null` until then (no endpoint of this API moves it).
    """
    created_at: Annotated[int, Field(examples=[692233200], ge=0, le=253402300799)]
    """
    When it was created.
    """


class ContactCreate(BaseModel):
    """
    A new contact: `username` and `phone_number` are required.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    username: Annotated[str, Field(max_length=255, min_length=1)]
    """
    The contact's Protocol username.
    """
    phone_number: Annotated[str, Field(max_length=64, min_length=1)]
    """
    The contact's phone number.
    """
    avatar_url: AnyUrl | None | MISSING = MISSING
    """
    URL of the contact's avatar image.
    """
    display_name: Annotated[str | None | MISSING, Field(max_length=255)] = MISSING
    """
    How to name the contact in your list.
    """


class ContactUpdate(BaseModel):
    """
    What to change: for now only `display_name` (`null` removes it).
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    display_name: Annotated[
        str | None | MISSING, Field(examples=["UncleFrank"], max_length=255)
    ] = MISSING
    """
    How to name the contact in your list; `null` removes it.
    """


class Group(BaseModel):
    """
    A set of your contacts you talk to at once, with its own conversation.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")]
    """
    Unique identifier for the group.
    """
    name: Annotated[str, Field(examples=["Plaza Hotel"], max_length=255, min_length=1)]
    """
    The group's name.
    """
    description: Annotated[str | None, Field(examples=["World-renowned."], max_length=4096)]
    """
    The group's description; `null` when it has none.
    """
    avatar_url: Annotated[
        AnyUrl | None, Field(examples=["https://assets.protocol.chat/avatars/plazahotel.jpg"])
    ]
    """
    URL of the group's avatar image.
    """
    conversation_id: Annotated[
        str | None, Field(examples=["ZYjVAbCE9g5XRlra"], pattern="^[A-Za-z0-9]{16}$")
    ]
    """
    The group's conversation, created with the group; `null` once it is deleted.
    """
    contacts: Annotated[list[Contact], Field(max_length=100)]
    """
    The members, as contact objects (requests send their ids). A deleted contact leaves the group.
    """
    created_at: Annotated[int, Field(examples=[692233200], ge=0, le=253402300799)]
    """
    When it was created.
    """
    archived_at: Annotated[int | None, Field(examples=[None], ge=0, le=253402300799)]
    """
    When the group was archived; `null` when it is not.
    """


class GroupCreate(BaseModel):
    """
    A new group: only `name` is required.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    name: Annotated[str, Field(max_length=255, min_length=1)]
    """
    The group's name.
    """
    description: Annotated[str | None | MISSING, Field(max_length=4096)] = MISSING
    """
    The group's description.
    """
    avatar_url: AnyUrl | None | MISSING = MISSING
    """
    URL of the group's avatar image.
    """
    contacts: Annotated[list[Id] | MISSING, Field(max_length=100)] = MISSING
    """
    Ids of your contacts who are members (no repeats; in a form, one `contacts=` per id).
    """


class GroupUpdate(BaseModel):
    """
    What to change; `contacts` replaces the member list.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    name: Annotated[str | MISSING, Field(max_length=255, min_length=1)] = MISSING
    """
    The group's name.
    """
    description: Annotated[
        str | None | MISSING, Field(examples=["World-renowned."], max_length=4096)
    ] = MISSING
    """
    The group's description; `null` removes it.
    """
    avatar_url: AnyUrl | None | MISSING = MISSING
    """
    URL of the group's avatar image; `null` removes it.
    """
    contacts: Annotated[list[Id] | MISSING, Field(max_length=100)] = MISSING
    """
    Ids of your contacts who are members: the whole new list.
    """
    archived_at: Annotated[
        int | None | MISSING, Field(examples=[705200000], ge=0, le=253402300799)
    ] = MISSING
    """
    When the group was archived; `null` unarchives it.
    """


class MessageCreate(BaseModel):
    """
    A message to send: `conversation_id` and `message` are required.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    conversation_id: Annotated[
        str, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")
    ]
    """
    One of your conversations.
    """
    message: Annotated[str, Field(max_length=10000, min_length=1)]
    """
    The text of the message.
    """
    attachments: Annotated[list[Id] | MISSING, Field(max_length=10)] = MISSING
    """
    Ids of your uploads to attach (in a form, one `attachments=` per id).
    """


class MessageUpdate(BaseModel):
    """
    What to change; `reactions` and `attachments` replace the whole value.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    message: Annotated[str | MISSING, Field(max_length=10000, min_length=1)] = MISSING
    """
    The new text.
    """
    reactions: Annotated[
        dict[str, list[str]] | MISSING,
        Field(examples=[{"red_angry_face": ["KateMcCallister"]}], max_length=50),
    ] = MISSING
    """
    Reaction name -> usernames of who reacted: the whole new map.
    """
    attachments: Annotated[list[Id] | MISSING, Field(max_length=10)] = MISSING
    """
    Ids of your uploads: the whole new list.
    """


class Attachment(BaseModel):
    """
    A file you uploaded, and the message it belongs to.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")]
    """
    Unique identifier for the attachment.
    """
    message_id: Annotated[
        str | None, Field(examples=["LoPsJaMcPBuFNjg1"], pattern="^[A-Za-z0-9]{16}$")
    ]
    """
    The message the attachment belongs to; `null` until a message takes it. Deleting the message deletes the attachment.
    """
    filename: Annotated[
        str, Field(examples=["Invoice_room_service__Plaza_Hotel.pdf"], max_length=255, min_length=1)
    ]
    """
    The file's name: the uploaded part's file name, until renamed.
    """
    file_url: Annotated[
        AnyUrl, Field(examples=["https://api.protocol.chat/v1/attachments/Nc6yKKMpcxiiFxp6/file"])
    ]
    """
    Where the file's bytes can be fetched, with your token. Renaming does not change it.
    """
    file_type: Annotated[str, Field(examples=["application/pdf"], max_length=255, min_length=1)]
    """
    The file's media type, from the uploaded part's `Content-Type`.
    """
    file_size: Annotated[int, Field(examples=[21352], ge=0, le=10485760)]
    """
    The file's size in bytes; uploads are at most 10485760 bytes (10 MiB).
    """
    created_at: Annotated[int, Field(examples=[692233200], ge=0, le=253402300799)]
    """
    When it was created.
    """


class AttachmentUpload(BaseModel):
    """
    One part named `file` holding the file's bytes.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    file: Annotated[str, Field(json_schema_extra={"contentMediaType": "application/octet-stream"})]
    """
    The file; its part's file name and Content-Type become `filename` and `file_type`.
    """


class AttachmentUpdate(BaseModel):
    """
    The new name.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    filename: Annotated[
        str | MISSING,
        Field(
            examples=["Invoice_room_service__Plaza_Hotel_updated.pdf"], max_length=255, min_length=1
        ),
    ] = MISSING
    """
    The file's new name.
    """


class ContactList(BaseModel):
    """
    One page of contacts.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    has_more: bool
    """
    Whether more lie beyond this page in the direction of travel.
    """
    data: Annotated[list[Contact], Field(max_length=100)]
    """
    The contacts of this page, newest first.
    """


class ContactEventType(StrEnum):
    """
    What happened.
    """

    contact_created = "contact.created"
    contact_updated = "contact.updated"
    contact_deleted = "contact.deleted"


class ContactEvent(BaseModel):
    """
    The body of a webhook delivery about a contact.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")]
    """
    Unique identifier for the event; deliveries of the same event share it.
    """
    type: Annotated[ContactEventType | str, Field(union_mode="left_to_right")]
    """
    What happened.
    """
    payload: Contact


class GroupList(BaseModel):
    """
    One page of groups.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    has_more: bool
    """
    Whether more lie beyond this page in the direction of travel.
    """
    data: Annotated[list[Group], Field(max_length=100)]
    """
    The groups of this page, newest first.
    """


class GroupEventType(StrEnum):
    """
    What happened.
    """

    group_created = "group.created"
    group_updated = "group.updated"
    group_deleted = "group.deleted"


class GroupEvent(BaseModel):
    """
    The body of a webhook delivery about a group.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")]
    """
    Unique identifier for the event; deliveries of the same event share it.
    """
    type: Annotated[GroupEventType | str, Field(union_mode="left_to_right")]
    """
    What happened.
    """
    payload: Group


class MessageEventType(StrEnum):
    """
    What happened.
    """

    message_created = "message.created"
    message_updated = "message.updated"
    message_deleted = "message.deleted"


class AttachmentList(BaseModel):
    """
    One page of attachments.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    has_more: bool
    """
    Whether more lie beyond this page in the direction of travel.
    """
    data: Annotated[list[Attachment], Field(max_length=100)]
    """
    The attachments of this page, newest first.
    """


class AttachmentEventType(StrEnum):
    """
    What happened.
    """

    attachment_created = "attachment.created"
    attachment_updated = "attachment.updated"
    attachment_deleted = "attachment.deleted"


class AttachmentEvent(BaseModel):
    """
    The body of a webhook delivery about a attachment.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")]
    """
    Unique identifier for the event; deliveries of the same event share it.
    """
    type: Annotated[AttachmentEventType | str, Field(union_mode="left_to_right")]
    """
    What happened.
    """
    payload: Attachment


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


class Message(BaseModel):
    """
    A message in one of your conversations.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")]
    """
    Unique identifier for the message.
    """
    conversation_id: Annotated[
        str, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")
    ]
    """
    The conversation the message is in; deleting it deletes the message. Sending moves its `last_active_at`.
    """
    contact: Contact | None
    """
    The contact who sent the message (the whole contact object); `null` for the messages you send, and once that contact is deleted.
    """
    message: Annotated[
        str,
        Field(examples=["It’s a nice night for a walk, isn’t it?"], max_length=10000, min_length=1),
    ]
    """
    The text of the message.
    """
    reactions: Annotated[
        dict[str, list[str]],
        Field(examples=[{"red_angry_face": ["KateMcCallister"]}], max_length=50),
    ]
    """
    Reactions: reaction name -> usernames of who reacted.
    """
    attachments: list[Attachment]
    """
    The attachments of the message (the uploads whose `message_id` names it), oldest first.
    """
    read_at: Annotated[int | None, Field(examples=[705103200], ge=0, le=253402300799)]
    """
    When the message was read; `null` until then (no endpoint of this API marks it read).
    """
    created_at: Annotated[int, Field(examples=[692233200], ge=0, le=253402300799)]
    """
    When it was created.
    """
    updated_at: Annotated[int | None, Field(examples=[None], ge=0, le=253402300799)]
    """
    When the message last changed; `null` until its first update.
    """


class MessageList(BaseModel):
    """
    One page of messages.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    has_more: bool
    """
    Whether more lie beyond this page in the direction of travel.
    """
    data: Annotated[list[Message], Field(max_length=100)]
    """
    The messages of this page, newest first.
    """


class MessageEvent(BaseModel):
    """
    The body of a webhook delivery about a message.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(examples=["xgQQXg3hrtjh7AvZ"], pattern="^[A-Za-z0-9]{16}$")]
    """
    Unique identifier for the event; deliveries of the same event share it.
    """
    type: Annotated[MessageEventType | str, Field(union_mode="left_to_right")]
    """
    What happened.
    """
    payload: Message


__all__ = [
    "Attachment",
    "AttachmentEvent",
    "AttachmentEventType",
    "AttachmentList",
    "AttachmentUpdate",
    "AttachmentUpload",
    "Contact",
    "ContactCreate",
    "ContactEvent",
    "ContactEventType",
    "ContactList",
    "ContactUpdate",
    "Conversation",
    "ConversationCreate",
    "ConversationEvent",
    "ConversationEventType",
    "ConversationList",
    "ConversationUpdate",
    "Error",
    "ErrorType",
    "Group",
    "GroupCreate",
    "GroupEvent",
    "GroupEventType",
    "GroupList",
    "GroupUpdate",
    "Id",
    "Message",
    "MessageCreate",
    "MessageEvent",
    "MessageEventType",
    "MessageList",
    "MessageUpdate",
]
