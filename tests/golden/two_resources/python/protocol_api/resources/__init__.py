# Generated from tests/fixtures/specs/two_resources.yaml + templates/python/resources/__init__.py.jinja. Do not edit.
"""One module per resource (tag) of the spec."""

from __future__ import annotations

from .conversations import AsyncConversations, Conversations
from .widgets import AsyncWidgets, Widgets

__all__ = [
    "AsyncConversations",
    "AsyncWidgets",
    "Conversations",
    "Widgets",
]
