# Generated from spec/openapi.yaml + templates/python/__init__.py.jinja. Do not edit.
"""Protocol API: `from protocol_api import ApiClient`."""

from __future__ import annotations

from ._client import ApiClient, AsyncApiClient
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    UnsupportedMediaTypeError,
    WebhookVerificationError,
)
from ._pagination import AsyncCursorPage, SyncCursorPage
from ._response import APIResponse
from ._types import FileInput, Omit, RequestOptions, omit
from ._webhooks import WebhookEvent, Webhooks
from .models import (
    Conversation,
    ConversationCreate,
    ConversationEvent,
    ConversationEventType,
    ConversationList,
    ConversationUpdate,
    Error,
    ErrorType,
)

__version__ = "1.0.0"

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ApiClient",
    "AsyncApiClient",
    "AsyncCursorPage",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "Conversation",
    "ConversationCreate",
    "ConversationEvent",
    "ConversationEventType",
    "ConversationList",
    "ConversationUpdate",
    "Error",
    "ErrorType",
    "FileInput",
    "InternalServerError",
    "NotFoundError",
    "Omit",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestOptions",
    "SyncCursorPage",
    "UnprocessableEntityError",
    "UnsupportedMediaTypeError",
    "WebhookEvent",
    "WebhookVerificationError",
    "Webhooks",
    "__version__",
    "omit",
]
