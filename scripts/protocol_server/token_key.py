"""The key of the accounts' keyed hashes, kept outside the database.

An account is stored as HMAC-SHA256(key, SHA-256(token)): a copy of the database alone reveals
no token and allows no offline guessing without the key. Hashing the SHA-256 (what storage
versions 1 and 2 kept) rather than the token lets start-up migrate an existing database
without knowing its tokens.

The key is PROTOCOL_TOKEN_KEY when set, else a file beside the database (`<db>.key`, created
mode 0600 with 32 random bytes), else, for `:memory:`, a fresh key per process.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

from protocol_server.errors import ProtocolServerError

__all__ = [
    "TokenKeyError",
    "account_hash",
    "key_check",
    "key_file_for",
    "legacy_account",
    "load_token_key",
]

_KEY_CHECK = b"protocol-server token key check"


class TokenKeyError(ProtocolServerError):
    """The key cannot be read or created, or is not the one the database was written with."""


def legacy_account(token: str) -> str:
    """What storage versions 1 and 2 kept for a token: its unsalted SHA-256."""
    return hashlib.sha256(token.encode("utf-8", errors="surrogateescape")).hexdigest()


def account_hash(key: bytes, legacy: str) -> str:
    """The stored account of a token whose SHA-256 is `legacy`."""
    return hmac.new(key, legacy.encode("ascii"), hashlib.sha256).hexdigest()


def key_check(key: bytes) -> str:
    """A value stored in the database that says which key wrote it, without revealing it."""
    return hmac.new(key, _KEY_CHECK, hashlib.sha256).hexdigest()


def key_file_for(db_path: str) -> Path:
    return Path(db_path + ".key")


def load_token_key(db_path: str, from_env: str | None) -> bytes:
    if from_env is not None:
        return from_env.encode("utf-8")
    if db_path == ":memory:":
        return secrets.token_bytes(32)
    path = key_file_for(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)
    with os.fdopen(descriptor, "w") as file:
        file.write(secrets.token_hex(32) + "\n")
    return _read_key(path)


def _read_key(path: Path) -> bytes:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise TokenKeyError(
            f"the token key file {path} can be read by others (mode {mode:o}); "
            f"run `chmod 600 {path}`."
        )
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < 32:
        raise TokenKeyError(
            f"the token key file {path} holds no key (fewer than 32 characters); restore it "
            "from a backup, or set PROTOCOL_TOKEN_KEY."
        )
    return key.encode("utf-8")
