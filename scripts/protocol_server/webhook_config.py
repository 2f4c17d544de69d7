"""Where and how webhooks are delivered, read from the environment (configured outside the API).

PROTOCOL_WEBHOOKS        comma-separated receivers; each `<url>` (every account's events)
                         or `<token>=<url>` (only the events of that token's account)
PROTOCOL_WEBHOOK_SECRET  the signing secret (`whsec_<base64>` for Standard Webhooks keys)
PROTOCOL_WEBHOOK_RETRY   seconds to wait before each retry (default 1,5,30,120,600,3600,21600)
PROTOCOL_WEBHOOK_TIMEOUT seconds one attempt may take, connection included (default 5)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from protocol_server.errors import ProtocolServerError

__all__ = [
    "DEFAULT_RETRY",
    "DEFAULT_TIMEOUT",
    "Receiver",
    "WebhookConfig",
    "WebhookConfigError",
]

# The first retry within 5 s, then backing off to hours; after the last, the delivery is
# abandoned (kept in the database with its last error).
DEFAULT_RETRY = (1.0, 5.0, 30.0, 120.0, 600.0, 3600.0, 21600.0)
DEFAULT_TIMEOUT = 5.0
_BOUND = re.compile(r"^(?P<token>[^=]+?)=(?P<url>https?://.*)$", re.IGNORECASE)


class WebhookConfigError(ProtocolServerError, ValueError):
    """A webhook variable has a value the server cannot use; the message says which and why."""


@dataclass(frozen=True)
class Receiver:
    url: str
    token: str | None = None  # None: every account's events


@dataclass(frozen=True)
class WebhookConfig:
    receivers: tuple[Receiver, ...] = ()
    secret: str | None = None
    retry: tuple[float, ...] = DEFAULT_RETRY
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_env(cls, env: Mapping[str, str], tokens: Sequence[str]) -> WebhookConfig:
        receivers = tuple(
            _receiver(entry.strip(), tokens)
            for entry in env.get("PROTOCOL_WEBHOOKS", "").split(",")
            if entry.strip()
        )
        urls = [r.url for r in receivers]
        if len(set(urls)) != len(urls):
            raise WebhookConfigError(
                "PROTOCOL_WEBHOOKS names a URL twice; give each receiver once (a URL without a "
                "token already receives every account's events)."
            )
        secret = env.get("PROTOCOL_WEBHOOK_SECRET") or None
        return cls(
            receivers=receivers,
            secret=secret,
            retry=_delays(env.get("PROTOCOL_WEBHOOK_RETRY")),
            timeout=_seconds("PROTOCOL_WEBHOOK_TIMEOUT", env.get("PROTOCOL_WEBHOOK_TIMEOUT")),
        )


def _receiver(entry: str, tokens: Sequence[str]) -> Receiver:
    bound = _BOUND.match(entry)
    token, url = (bound.group("token"), bound.group("url")) if bound else (None, entry)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookConfigError(
            f"PROTOCOL_WEBHOOKS: {entry!r} is not a receiver; give `http(s)://host/path` (every "
            "account) or `<token>=http(s)://host/path` (one account), comma-separated."
        )
    if token is not None and token not in tokens:
        raise WebhookConfigError(
            f"PROTOCOL_WEBHOOKS: the receiver {url!r} is bound to a token that is not one of "
            "PROTOCOL_API_TOKENS; bind it to an account's token, or give the URL alone."
        )
    return Receiver(url, token)


def _delays(text: str | None) -> tuple[float, ...]:
    if text is None or not text.strip():
        return DEFAULT_RETRY
    try:
        delays = tuple(float(part) for part in text.split(","))
    except ValueError:
        delays = ()
    if not delays or any(not d >= 0 for d in delays):
        raise WebhookConfigError(
            "PROTOCOL_WEBHOOK_RETRY must be comma-separated seconds (0 or more) to wait before "
            f"each retry, e.g. '1,5,30'; got {text!r}."
        )
    return delays


def _seconds(variable: str, text: str | None) -> float:
    if text is None or not text.strip():
        return DEFAULT_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise WebhookConfigError(
            f"{variable} must be a number of seconds above 0 (default {DEFAULT_TIMEOUT:g}), "
            f"got {text!r}."
        )
    return value
