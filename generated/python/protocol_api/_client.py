# Generated from spec/openapi.yaml + templates/python/_client.py.jinja. Do not edit.
"""The clients. Each resource of the spec is an attribute: `client.conversations`."""

from __future__ import annotations

import httpx

from ._base_client import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, AsyncAPIClient, SyncAPIClient
from ._webhooks import Webhooks
from .resources import (
    AsyncAttachments,
    AsyncContacts,
    AsyncConversations,
    AsyncGroups,
    AsyncMessages,
    Attachments,
    Contacts,
    Conversations,
    Groups,
    Messages,
)

__all__ = [
    "ApiClient",
    "AsyncApiClient",
]

DEFAULT_BASE_URL = "https://api.protocol.chat"
BASE_URL_ENV = "PROTOCOL_BASE_URL"
USER_AGENT = "protocol_api-python/1.0.0"


class ApiClient(SyncAPIClient):
    """Protocol API client.

    `token` (bearerAuth, bearer) default to $PROTOCOL_API_TOKEN.
    `username` and `password` (basicAuth, basic) default to $PROTOCOL_USERNAME and $PROTOCOL_PASSWORD.
    `base_url` defaults to $PROTOCOL_BASE_URL, else https://api.protocol.chat. A request that is safe to send again (any but a create
    without an idempotency key, and creates always carry one) is retried up to `max_retries`
    times after a connection error, a timeout, 408, 409, 429 or a 5xx, waiting what
    `Retry-After` asks (up to 60 s) or backing off. `timeout` is in seconds for
    each wait on the answer, or an `httpx.Timeout`; `http_client` lets you bring your own
    `httpx.Client` (proxies, transports). `with_options(...)` makes a copy with other defaults.
    `webhooks` verifies and parses webhook deliveries (no request is sent).
    """

    webhooks: Webhooks

    conversations: Conversations
    contacts: Contacts
    groups: Groups
    messages: Messages
    attachments: Attachments

    def __init__(
        self,
        token: str | None = None,
        *,
        username: str | None = None,
        password: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
    ) -> None:
        super().__init__(
            {"token": token, "username": username, "password": password},
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_base_url=DEFAULT_BASE_URL,
            base_url_env=BASE_URL_ENV,
            user_agent=USER_AGENT,
            http_client=http_client,
        )
        self.webhooks = Webhooks()
        self.conversations = Conversations(self)
        self.contacts = Contacts(self)
        self.groups = Groups(self)
        self.messages = Messages(self)
        self.attachments = Attachments(self)


class AsyncApiClient(AsyncAPIClient):
    """Protocol API client for asyncio: the same surface as `ApiClient`, awaited."""

    webhooks: Webhooks

    conversations: AsyncConversations
    contacts: AsyncContacts
    groups: AsyncGroups
    messages: AsyncMessages
    attachments: AsyncAttachments

    def __init__(
        self,
        token: str | None = None,
        *,
        username: str | None = None,
        password: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        super().__init__(
            {"token": token, "username": username, "password": password},
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_base_url=DEFAULT_BASE_URL,
            base_url_env=BASE_URL_ENV,
            user_agent=USER_AGENT,
            http_client=http_client,
        )
        self.webhooks = Webhooks()
        self.conversations = AsyncConversations(self)
        self.contacts = AsyncContacts(self)
        self.groups = AsyncGroups(self)
        self.messages = AsyncMessages(self)
        self.attachments = AsyncAttachments(self)
