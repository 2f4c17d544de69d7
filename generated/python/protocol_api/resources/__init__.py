# Generated from spec/openapi.yaml + templates/python/resources/__init__.py.jinja. Do not edit.
"""One module per resource (tag) of the spec."""

from __future__ import annotations

from .conversations import AsyncConversations, Conversations

__all__ = [
    "AsyncConversations",
    "Conversations",
]
