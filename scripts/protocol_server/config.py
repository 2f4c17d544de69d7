"""Settings of the reference server, read from the environment once at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from protocol_spec import DEFAULT_SPEC, PROJECT_ROOT

__all__ = ["DEV_TOKEN", "ConfigError", "Settings"]

# Used only when PROTOCOL_API_TOKENS is unset; start-up prints it with a warning.
DEV_TOKEN = "protocol-dev-token"

MEMORY_DB = ":memory:"


class ConfigError(ValueError):
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
    files_dir: Path  # uploaded files (PROTOCOL_FILES)
    public_url: str  # where clients reach the server, for the URLs of uploaded files
    example_objects: bool  # each account starts with the spec's example objects

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
        return cls(
            host=host,
            port=int(port_text),
            db_path=db_path,
            spec_path=Path(env.get("PROTOCOL_SPEC", str(DEFAULT_SPEC))),
            tokens=tokens,
            tokens_from_env=raw_tokens is not None,
            access_log=access_log == "1",
            docs_dir=PROJECT_ROOT / "generated" / "docs",
            files_dir=files_dir,
            public_url=public_url.rstrip("/"),
            example_objects=examples == "1",
        )
