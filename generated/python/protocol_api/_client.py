# Generated from spec/openapi.yaml + templates/python/_client.py.jinja. Do not edit.
"""The clients. Each resource of the spec is an attribute: `client.conversations`."""

from __future__ import annotations

import httpx

from ._base_client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, AsyncAPIClient, SyncAPIClient
from .resources import (
    AsyncConversations,
    Conversations,
)

__all__ = [
    "ApiClient",
    "AsyncApiClient",
]

DEFAULT_BASE_URL = "https://api.protocol.chat"
BASE_URL_ENV = "PROTOCOL_BASE_URL"
TOKEN_ENV = "PROTOCOL_API_TOKEN"
USER_AGENT = "protocol_api-python/1.0.0"


class ApiClient(SyncAPIClient):
    """Protocol API client.

    `token` defaults to $PROTOCOL_API_TOKEN; `base_url` to $PROTOCOL_BASE_URL, else
    https://api.protocol.chat. Idempotent requests are retried `max_retries` times on
    connection errors, 429 and 5xx; `timeout` is in seconds (or an `httpx.Timeout`).
    """

    conversations: Conversations

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
    ) -> None:
        super().__init__(
            token,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_base_url=DEFAULT_BASE_URL,
            base_url_env=BASE_URL_ENV,
            token_env=TOKEN_ENV,
            user_agent=USER_AGENT,
        )
        self.conversations = Conversations(self)


class AsyncApiClient(AsyncAPIClient):
    """Protocol API client for asyncio: the same surface as `ApiClient`, awaited."""

    conversations: AsyncConversations

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
    ) -> None:
        super().__init__(
            token,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_base_url=DEFAULT_BASE_URL,
            base_url_env=BASE_URL_ENV,
            token_env=TOKEN_ENV,
            user_agent=USER_AGENT,
        )
        self.conversations = AsyncConversations(self)
