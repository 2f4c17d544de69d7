# Generated from tests/fixtures/specs/two_resources.yaml + datamodel-code-generator. Do not edit.

from __future__ import annotations

from enum import StrEnum

from pydantic import MISSING, BaseModel, ConfigDict


class Color(StrEnum):
    """
    A widget's color.
    """

    red = "red"
    green = "green"
    blue = "blue"


class Conversation(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    id: str
    title: str | None
    """
    The conversation's title; `null` when it has none.
    """


class ConversationList(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    has_more: bool
    data: list[Conversation]


class Widget(BaseModel):
    """
    A widget.
    """

    model_config = ConfigDict(
        extra="forbid",
    )
    id: str
    name: str
    color: Color
    size: float | None
    """
    Size in millimetres; `null` when unknown.
    """
    tags: list[str]


class WidgetList(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    has_more: bool
    data: list[Widget]


class WidgetCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    name: str
    """
    What to call the widget.
    """
    color: Color | MISSING = MISSING
    tags: list[str] | MISSING = MISSING


class WidgetUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
    )
    name: str | MISSING = MISSING
    size: float | None | MISSING = MISSING


class ErrorType(StrEnum):
    api_error = "api_error"
    invalid_request = "invalid_request"


class Error(BaseModel):
    type: ErrorType
    message: str


__all__ = [
    "Color",
    "Conversation",
    "ConversationList",
    "Error",
    "ErrorType",
    "Widget",
    "WidgetCreate",
    "WidgetList",
    "WidgetUpdate",
]
