"""What a copy of the server's files reveals: the database is its owner's alone, holds no token
and nothing a token can be checked against without the key, which lives elsewhere."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from protocol_server.harness import ServerStartError, running_server, start_server
from protocol_server.token_key import legacy_account

from .helpers import CONTACT

TOKEN = "secret-token-of-someone"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _create(base_url: str, token: str = TOKEN) -> httpx.Response:
    return httpx.post(
        f"{base_url}/v1/conversations",
        json={"contact_id": CONTACT},
        headers={"Authorization": f"Bearer {token}"},
    )


def test_the_database_and_the_key_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "protocol.sqlite3"
    old_umask = os.umask(0o022)  # what most shells have: files readable by everyone
    try:
        with running_server(tokens=(TOKEN,), db_path=str(db)) as server:
            assert _create(server.base_url).status_code == 201
            files = [db, Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}.key")]
            modes = {path.name: _mode(path) for path in files}
    finally:
        os.umask(old_umask)

    assert modes == {path.name: 0o600 for path in files}


def test_an_existing_world_readable_database_is_tightened(tmp_path: Path) -> None:
    db = tmp_path / "protocol.sqlite3"
    sqlite3.connect(db).close()
    db.chmod(0o644)

    with running_server(tokens=(TOKEN,), db_path=str(db)):
        assert _mode(db) == 0o600


def test_a_copied_database_reveals_no_token(tmp_path: Path) -> None:
    db = tmp_path / "protocol.sqlite3"
    with running_server(tokens=(TOKEN,), db_path=str(db)) as server:
        created = _create(server.base_url).json()
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(db, copy)  # the WAL was checkpointed into the file when the server stopped

    content = copy.read_bytes()
    assert created["id"].encode() in content  # the copy does hold the data
    assert TOKEN.encode() not in content
    assert legacy_account(TOKEN).encode() not in content  # nor an unsalted hash of it


def test_a_database_of_sha256_owners_is_migrated_to_keyed_hashes(tmp_path: Path) -> None:
    db = tmp_path / "protocol.sqlite3"
    with running_server(tokens=(TOKEN,), db_path=str(db)) as server:
        created = _create(server.base_url).json()
    # Turn it back into what storage version 2 wrote: owners as the tokens' SHA-256, no key.
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE conversations SET _account = ?", (legacy_account(TOKEN),))
        connection.execute("DROP TABLE _protocol_token_key")
        connection.execute("PRAGMA user_version = 2")
    Path(f"{db}.key").unlink()

    with running_server(tokens=(TOKEN,), db_path=str(db)) as server:
        got = httpx.get(
            f"{server.base_url}/v1/conversations/{created['id']}",
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        banner = server.output()

    assert got.json() == created
    assert "1 row owner(s) of conversations now stored as keyed hashes" in banner
    assert legacy_account(TOKEN).encode() not in db.read_bytes()


def test_another_key_stops_start_up_instead_of_hiding_every_object(tmp_path: Path) -> None:
    db = tmp_path / "protocol.sqlite3"
    with running_server(tokens=(TOKEN,), db_path=str(db)) as server:
        assert _create(server.base_url).status_code == 201

    with pytest.raises(ServerStartError) as refused:
        start_server(tokens=(TOKEN,), db_path=str(db), env={"PROTOCOL_TOKEN_KEY": "k" * 32}).stop()

    message = str(refused.value)
    assert "its accounts were hashed with another token key" in message
    assert "Traceback" not in message


def test_the_key_can_come_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "protocol.sqlite3"
    env = {"PROTOCOL_TOKEN_KEY": "an-environment-key-of-32-characters!"}
    with running_server(tokens=(TOKEN,), db_path=str(db), env=env) as server:
        assert _create(server.base_url).status_code == 201

    assert not Path(f"{db}.key").exists()


def test_a_short_key_is_a_clear_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "protocol_server"],
        env={"PROTOCOL_TOKEN_KEY": "short", "PROTOCOL_DB": ":memory:", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert result.returncode == 2
    assert "PROTOCOL_TOKEN_KEY must be at least 32 characters" in result.stderr
