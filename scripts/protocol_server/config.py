"""Settings of the reference server, read from the environment once at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from protocol_server.errors import ProtocolServerError
from protocol_spec import DEFAULT_SPEC, PROJECT_ROOT

__all__ = ["DEV_TOKEN", "ConfigError", "Settings"]

# Used only when PROTOCOL_API_TOKENS is unset; start-up prints it with a warning.
DEV_TOKEN = "protocol-dev-token"


class ConfigError(ProtocolServerError):
    """An environment variable has a value the server cannot use."""


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
        return cls(
            host=env.get("HOST", "127.0.0.1"),
            port=int(port_text),
            db_path=env.get("PROTOCOL_DB", str(PROJECT_ROOT / "var" / "protocol.sqlite3")),
            spec_path=Path(env.get("PROTOCOL_SPEC", str(DEFAULT_SPEC))),
            tokens=tokens,
            tokens_from_env=raw_tokens is not None,
            access_log=access_log == "1",
            docs_dir=PROJECT_ROOT / "generated" / "docs",
        )
