# Generated from spec/openapi.yaml + templates/python/resources/__init__.py.jinja. Do not edit.
"""One module per resource (tag) of the spec."""

from __future__ import annotations

from .attachments import AsyncAttachments, Attachments
from .contacts import AsyncContacts, Contacts
from .conversations import AsyncConversations, Conversations
from .groups import AsyncGroups, Groups
from .messages import AsyncMessages, Messages

__all__ = [
    "AsyncAttachments",
    "AsyncContacts",
    "AsyncConversations",
    "AsyncGroups",
    "AsyncMessages",
    "Attachments",
    "Contacts",
    "Conversations",
    "Groups",
    "Messages",
]
