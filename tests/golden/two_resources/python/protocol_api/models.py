# Generated from tests/fixtures/specs/two_resources.yaml + datamodel-code-generator. Do not edit.

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import MISSING, BaseModel, ConfigDict, Field


class Color(StrEnum):
    """
    A widget's color.
    """

    red = "red"
    green = "green"
    blue = "blue"


class Conversation(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(pattern="^[A-Za-z0-9]{12}$")]
    title: str | None
    """
    The conversation's title; `null` when it has none.
    """
    starred: bool
    """
    Whether the conversation is starred.
    """
    created_at: int
    """
    When the conversation was created, in seconds since the Unix epoch.
    """


class ConversationList(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    has_more: bool
    data: list[Conversation]


class ConversationCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    title: str | None | MISSING = MISSING


class ConversationUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    title: str | None | MISSING = MISSING
    starred: bool | MISSING = MISSING


class Widget(BaseModel):
    """
    A widget.
    """

    model_config = ConfigDict(
        extra="allow",
    )
    id: Annotated[str, Field(pattern="^[a-z0-9]{8}$")]
    name: Annotated[str, Field(min_length=1)]
    color: Annotated[Color | str, Field(union_mode="left_to_right")]
    size: Annotated[float | None, Field(ge=0.0)]
    """
    Size in millimetres; `null` when unknown.
    """
    tags: list[str]
    created_at: int
    retired_at: Annotated[int | None, Field(ge=0, le=253402300799)]
    """
    When the widget was retired; `null` while it is in use.
    """


class WidgetList(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    has_more: bool
    data: list[Widget]


class WidgetCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    name: Annotated[str, Field(min_length=1)]
    """
    What to call the widget.
    """
    color: Color | MISSING = MISSING
    size: Annotated[float | None | MISSING, Field(ge=0.0)] = MISSING
    tags: list[str] | MISSING = MISSING


class WidgetUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    name: Annotated[str | MISSING, Field(min_length=1)] = MISSING
    size: Annotated[float | None | MISSING, Field(ge=0.0)] = MISSING
    retired_at: Annotated[int | None | MISSING, Field(ge=0, le=253402300799)] = MISSING


class ErrorType(StrEnum):
    api_error = "api_error"
    invalid_request = "invalid_request"


class Error(BaseModel):
    model_config = ConfigDict(
        extra="allow",
    )
    type: Annotated[ErrorType | str, Field(union_mode="left_to_right")]
    message: str


__all__ = [
    "Color",
    "Conversation",
    "ConversationCreate",
    "ConversationList",
    "ConversationUpdate",
    "Error",
    "ErrorType",
    "Widget",
    "WidgetCreate",
    "WidgetList",
    "WidgetUpdate",
]
