"""Settings of the reference server, read from the environment once at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from protocol_server.errors import ProtocolServerError
from protocol_server.webhook_config import WebhookConfig, WebhookConfigError
from protocol_spec import DEFAULT_SPEC, PROJECT_ROOT

__all__ = ["DEV_TOKEN", "LIMIT_VARIABLES", "MEMORY_DB", "ConfigError", "Limits", "Settings"]

# Used only when PROTOCOL_API_TOKENS is unset; start-up prints it with a warning.
DEV_TOKEN = "protocol-dev-token"
# PROTOCOL_DB's value for a database that keeps nothing.
MEMORY_DB = ":memory:"


class ConfigError(ProtocolServerError):
    """An environment variable has a value the server cannot use."""


@dataclass(frozen=True)
class Limits:
    """What one client may hold of the server: bytes, headers, time and connections."""

    max_header_bytes: int = 16384  # the request line and headers of one request -> 431 / 414
    max_headers: int = 100  # header fields in one request -> 431
    header_timeout: float = 10.0  # seconds from a request's first byte to its last header -> 408
    body_timeout: float = 30.0  # seconds from the headers to the body's last byte -> 408
    keep_alive_timeout: float = 5.0  # seconds an idle connection stays open between requests
    max_connections: int = 1000  # open connections; the next one is answered 503 and closed


# Variable -> (field of Limits, meaning); the help text and README list the same.
LIMIT_VARIABLES: dict[str, tuple[str, str]] = {
    "PROTOCOL_MAX_HEADER_BYTES": ("max_header_bytes", "bytes of request line + headers"),
    "PROTOCOL_MAX_HEADERS": ("max_headers", "header fields per request"),
    "PROTOCOL_HEADER_TIMEOUT": ("header_timeout", "seconds to receive a request's headers"),
    "PROTOCOL_BODY_TIMEOUT": ("body_timeout", "seconds to receive a request's body"),
    "PROTOCOL_KEEP_ALIVE_TIMEOUT": ("keep_alive_timeout", "seconds an idle connection is kept"),
    "PROTOCOL_MAX_CONNECTIONS": ("max_connections", "open connections at once"),
}


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    db_path: str
    spec_path: Path
    tokens: tuple[str, ...]
    tokens_from_env: bool
    access_log: bool
    docs_dir: Path  # the generated reference page, served at /docs when it exists
    files_dir: Path  # uploaded files (PROTOCOL_FILES)
    public_url: str  # where clients reach the server, for the URLs of uploaded files
    example_objects: bool  # each account starts with the spec's example objects
    limits: Limits = Limits()
    token_key: str | None = None  # PROTOCOL_TOKEN_KEY; None: the key file beside the database
    webhooks: WebhookConfig = WebhookConfig()  # noqa: RUF009 - frozen; PROTOCOL_WEBHOOKS etc.

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        port_text = env.get("PORT", "8000")
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise ConfigError(f"PORT must be a number from 1 to 65535, got {port_text!r}.")
        raw_tokens = env.get("PROTOCOL_API_TOKENS")
        if raw_tokens is None:
            tokens: tuple[str, ...] = (DEV_TOKEN,)
        else:
            tokens = tuple(token.strip() for token in raw_tokens.split(",") if token.strip())
            if not tokens:
                raise ConfigError(
                    "PROTOCOL_API_TOKENS is set but lists no token; give comma-separated tokens "
                    "(one account each), or unset it to use the development token."
                )
        access_log = env.get("PROTOCOL_ACCESS_LOG", "0")
        if access_log not in ("0", "1"):
            raise ConfigError(f"PROTOCOL_ACCESS_LOG must be 0 or 1, got {access_log!r}.")
        token_key = env.get("PROTOCOL_TOKEN_KEY")
        if token_key is not None and len(token_key) < 32:
            raise ConfigError(
                "PROTOCOL_TOKEN_KEY must be at least 32 characters (for example "
                "`openssl rand -hex 32`), or unset to keep the key in a file beside the database."
            )
        host = env.get("HOST", "127.0.0.1")
        db_path = env.get("PROTOCOL_DB", str(PROJECT_ROOT / "var" / "protocol.sqlite3"))
        # Files live beside the database by default, so each database has its own.
        beside = PROJECT_ROOT / "var" if db_path == MEMORY_DB else Path(db_path).parent
        files_dir = Path(env.get("PROTOCOL_FILES") or beside / "files")
        shown_host = f"[{host}]" if ":" in host else host
        public_url = env.get("PROTOCOL_PUBLIC_URL") or f"http://{shown_host}:{port_text}"
        if not public_url.startswith(("http://", "https://")):
            raise ConfigError(
                f"PROTOCOL_PUBLIC_URL must start with http:// or https://, got {public_url!r}."
            )
        examples = env.get("PROTOCOL_EXAMPLE_OBJECTS", "1")
        if examples not in ("0", "1"):
            raise ConfigError(f"PROTOCOL_EXAMPLE_OBJECTS must be 0 or 1, got {examples!r}.")
        try:
            webhooks = WebhookConfig.from_env(env, tokens)
        except WebhookConfigError as error:
            raise ConfigError(str(error)) from None
        return cls(
            host=host,
            port=int(port_text),
            db_path=db_path,
            spec_path=Path(env.get("PROTOCOL_SPEC", str(DEFAULT_SPEC))),
            tokens=tokens,
            tokens_from_env=raw_tokens is not None,
            access_log=access_log == "1",
            docs_dir=PROJECT_ROOT / "generated" / "docs",
            limits=_limits(env),
            token_key=token_key,
            files_dir=files_dir,
            public_url=public_url.rstrip("/"),
            example_objects=examples == "1",
            webhooks=webhooks,
        )


def _limits(env: Mapping[str, str]) -> Limits:
    defaults = Limits()
    values: dict[str, float | int] = {}
    for variable, (name, _) in LIMIT_VARIABLES.items():
        default = getattr(defaults, name)
        text = env.get(variable)
        if text is None:
            continue
        try:
            value = type(default)(text)
        except ValueError:
            value = 0
        if not value > 0:
            kind = "a whole number" if isinstance(default, int) else "a number of seconds"
            raise ConfigError(
                f"{variable} must be {kind} above 0 (default {default}), got {text!r}."
            )
        values[name] = value
    return Limits(**values)  # type: ignore[arg-type]
