"""Storage follows the spec: one database, served by successive versions of a spec.

Each step restarts the real server on the same SQLite file with an edited copy of the
two-resource fixture, as a reviewer would edit `spec/openapi.yaml`, with no code change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from protocol_server.harness import ServerStartError, running_server, start_server
from protocol_spec import PROJECT_ROOT

FIXTURE = (PROJECT_ROOT / "tests" / "fixtures" / "specs" / "two_resources.yaml").read_text()
TOKEN = "evolving"

# v2: widgets gain `weight` (an integer, default 100), writable by update, and a filter on it.
WEIGHT_ATTRIBUTE = (
    """        retired_at:
          description: When the widget was retired; `null` while it is in use.
          type: [integer, 'null']
          minimum: 0
          maximum: 253402300799
""",
    """        retired_at:
          description: When the widget was retired; `null` while it is in use.
          type: [integer, 'null']
          minimum: 0
          maximum: 253402300799
        weight:
          description: Grams.
          type: integer
          default: 100
""",
)
WEIGHT_REQUIRED = (
    "required: [id, name, color, size, tags, created_at, retired_at]",
    "required: [id, name, color, size, tags, created_at, retired_at, weight]",
)
WEIGHT_UPDATE = (
    """        retired_at:
          type: [integer, 'null']
          minimum: 0
          maximum: 253402300799
    Error:""",
    """        retired_at:
          type: [integer, 'null']
          minimum: 0
          maximum: 253402300799
        weight:
          type: integer
    Error:""",
)
WEIGHT_FILTER = (
    """          x-protocol-filter:
            attribute: retired_at
            match: is-set
""",
    """          x-protocol-filter:
            attribute: retired_at
            match: is-set
        - name: weight
          in: query
          description: Only widgets of this weight.
          schema:
            type: integer
          x-protocol-filter:
            attribute: weight
""",
)
V2 = (WEIGHT_ATTRIBUTE, WEIGHT_REQUIRED, WEIGHT_UPDATE, WEIGHT_FILTER)


def edited(*edits: tuple[str, str], text: str = FIXTURE) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


@contextmanager
def serving(tmp_path: Path, spec_text: str, name: str) -> Iterator[tuple[httpx.Client, str]]:
    spec = tmp_path / f"{name}.yaml"
    spec.write_text(spec_text)
    db = str(tmp_path / "protocol.sqlite3")
    env = {"PROTOCOL_SPEC": str(spec)}
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with (
        running_server(tokens=(TOKEN,), db_path=db, env=env) as server,
        httpx.Client(base_url=server.base_url, headers=headers) as client,
    ):
        yield client, server.output()


def widgets(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/v1/widgets", params={"page_size": 50, **params})
    assert response.status_code == 200, response.text
    data: list[dict[str, Any]] = response.json()["data"]
    return data


def migrations(tmp_path: Path) -> list[str]:
    with sqlite3.connect(tmp_path / "protocol.sqlite3") as db:
        rows = db.execute("SELECT change FROM _protocol_migrations ORDER BY number").fetchall()
    return [change for (change,) in rows]


def test_an_added_attribute_reads_its_default_and_its_filter_and_update_work(
    tmp_path: Path,
) -> None:
    with serving(tmp_path, FIXTURE, "v1") as (client, _):
        made = [client.post("/v1/widgets", json={"name": f"w{n}"}).json() for n in range(3)]
        conversation = client.post("/v1/conversations", json={"title": "kept"}).json()

    with serving(tmp_path, edited(*V2), "v2") as (client, banner):
        listed = widgets(client)
        assert listed == [{**w, "weight": 100} for w in made]  # every object, with the default
        assert "migrated: added widgets.weight; 3 existing object(s) read the default 100" in banner
        assert widgets(client, weight=100) == listed
        changed = client.put(f"/v1/widgets/{made[0]['id']}", json={"weight": 7})
        assert changed.status_code == 200 and changed.json()["weight"] == 7
        assert [w["id"] for w in widgets(client, weight=7)] == [made[0]["id"]]
        assert client.get(f"/v1/conversations/{conversation['id']}").json() == conversation
        fresh = client.post("/v1/widgets", json={"name": "new"}).json()
        assert fresh["weight"] == 100

    # Restarting on the same spec changes nothing and records nothing new.
    before = migrations(tmp_path)
    with serving(tmp_path, edited(*V2), "v2-again") as (client, banner):
        assert "migrated:" not in banner
        assert client.get(f"/v1/widgets/{made[0]['id']}").json()["weight"] == 7
    assert migrations(tmp_path) == before
    assert any("added widgets.weight" in change for change in before)


def test_a_removed_attribute_is_no_longer_served_and_comes_back_with_its_values(
    tmp_path: Path,
) -> None:
    with serving(tmp_path, FIXTURE, "v1") as (client, _):
        sized = client.post("/v1/widgets", json={"name": "big", "size": 9.5}).json()

    without_size = edited(
        (
            "required: [id, name, color, size, tags, created_at, retired_at]",
            "required: [id, name, color, tags, created_at, retired_at]",
        ),
        (
            """        size:
          description: Size in millimetres; `null` when unknown.
          type: [number, 'null']
          minimum: 0
""",
            "",
        ),
        (
            """        size:
          type: [number, 'null']
          minimum: 0
        tags:""",
            "        tags:",
        ),
        (
            """        size:
          type: [number, 'null']
          minimum: 0
        retired_at:""",
            "        retired_at:",
        ),
    )
    with serving(tmp_path, without_size, "v-no-size") as (client, banner):
        got = client.get(f"/v1/widgets/{sized['id']}").json()
        assert "size" not in got
        assert got == {k: v for k, v in sized.items() if k != "size"}
        assert "widgets.size is no longer served; its values are kept" in banner
        assert client.post("/v1/widgets", json={"name": "x", "size": 1}).status_code == 400

    with serving(tmp_path, FIXTURE, "v1-again") as (client, banner):
        assert client.get(f"/v1/widgets/{sized['id']}").json() == sized  # 9.5 again
        assert "served again widgets.size" in banner


def test_a_new_resource_gets_its_table_and_the_old_data_stays(tmp_path: Path) -> None:
    with serving(tmp_path, FIXTURE, "v1") as (client, _):
        kept = client.post("/v1/widgets", json={"name": "kept"}).json()

    # A third resource: a copy of widgets under another tag and path.
    start = FIXTURE.index("  /v1/widgets:\n")
    end = FIXTURE.index("components:\n")
    gadgets = (
        FIXTURE[start:end]
        .replace("/v1/widgets", "/v1/gadgets")
        .replace("tags: [widgets]", "tags: [gadgets]")
        .replace("Widgets", "Gadgets")
        .replace("Widget", "Gadget")
        .replace("widget", "gadget")
    )
    # ...and its schemas, before the last one (Error).
    last = FIXTURE.rindex("    Error:\n")
    schemas = FIXTURE[FIXTURE.index("    Widget:\n") : last]
    gadget_schemas = schemas.replace("Widget", "Gadget").replace("widget", "gadget")
    spec = FIXTURE[:end] + gadgets + FIXTURE[end:last] + gadget_schemas + FIXTURE[last:]
    spec = spec.replace(
        "  - name: widgets\n", "  - name: gadgets\n    description: Gadgets.\n  - name: widgets\n"
    )
    with serving(tmp_path, spec, "v-gadgets") as (client, banner):
        assert "created table gadgets" in banner
        made = client.post("/v1/gadgets", json={"name": "g"})
        assert made.status_code == 201, made.text
        assert client.get(f"/v1/gadgets/{made.json()['id']}").json() == made.json()
        assert client.get(f"/v1/widgets/{kept['id']}").json() == kept
        assert [g["name"] for g in client.get("/v1/gadgets").json()["data"]] == ["g"]


def test_a_changed_type_converts_values_or_stops_start_up_naming_one(tmp_path: Path) -> None:
    with serving(tmp_path, edited(*V2), "v2") as (client, _):
        made = client.post("/v1/widgets", json={"name": "w"}).json()

    as_text = edited(
        *V2[:3],
        (
            """        weight:
          description: Grams.
          type: integer
          default: 100
""",
            """        weight:
          description: Grams.
          type: string
          default: '100'
""",
        ),
        (
            "        weight:\n          type: integer\n    Error:",
            "        weight:\n          type: string\n    Error:",
        ),
    )
    with serving(tmp_path, as_text, "v-text") as (client, banner):
        assert client.get(f"/v1/widgets/{made['id']}").json()["weight"] == "100"
        assert "converted widgets.weight from integer to text (1 value(s)); the integer" in banner
        client.put(f"/v1/widgets/{made['id']}", json={"weight": "heavy"})

    spec = tmp_path / "v2-back.yaml"
    spec.write_text(edited(*V2))
    db = str(tmp_path / "protocol.sqlite3")
    with pytest.raises(ServerStartError) as refused:
        start_server(tokens=(TOKEN,), db_path=db, env={"PROTOCOL_SPEC": str(spec)}).stop()
    output = str(refused.value)
    assert "widgets.weight was text and the spec now says integer" in output
    assert "'heavy' cannot be converted" in output
    assert "Traceback" not in output
    with serving(tmp_path, as_text, "v-text-again") as (client, _):
        assert client.get(f"/v1/widgets/{made['id']}").json()["weight"] == "heavy"  # untouched


def test_a_new_attribute_that_is_never_null_needs_a_default_for_existing_objects(
    tmp_path: Path,
) -> None:
    with serving(tmp_path, FIXTURE, "v1") as (client, _):
        client.post("/v1/widgets", json={"name": "w"})
    no_default = edited(*V2).replace(
        "          type: integer\n          default: 100\n", "          type: integer\n", 1
    )
    # Create must then set it, or the model itself reports the gap.
    no_default = no_default.replace(
        "      required: [name]\n      properties:\n        name:\n          description: What to call the widget.",
        "      required: [name, weight]\n      properties:\n        weight:\n          type: integer\n        name:\n          description: What to call the widget.",
    ).replace(
        "                  name: sprocket\n",
        "                  name: sprocket\n                  weight: 5\n",
    )
    spec = tmp_path / "no-default.yaml"
    spec.write_text(no_default)
    with pytest.raises(ServerStartError) as refused:
        start_server(
            tokens=(TOKEN,),
            db_path=str(tmp_path / "protocol.sqlite3"),
            env={"PROTOCOL_SPEC": str(spec)},
        ).stop()
    assert "1 stored object(s) of widgets have no value for 'weight'" in str(refused.value)
    assert "Give 'weight' a `default` in the spec" in str(refused.value)


def test_a_database_of_the_conversations_only_server_is_taken_over(tmp_path: Path) -> None:
    """Storage version 1 (before the engine): one `conversations` table, owner in `account`."""
    from protocol_server.token_key import legacy_account

    path = tmp_path / "protocol.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(
            """CREATE TABLE conversations (id TEXT PRIMARY KEY, account TEXT NOT NULL,
            contact_id TEXT, group_id TEXT, pinned_message_id TEXT, is_pinned INTEGER NOT NULL,
            is_muted INTEGER NOT NULL, last_active_at INTEGER, last_opened_at INTEGER,
            created_at INTEGER NOT NULL, archived_at INTEGER)"""
        )
        db.execute(
            "CREATE INDEX conversations_by_account ON conversations (account, created_at, id)"
        )
        db.execute(
            "INSERT INTO conversations VALUES ('xgQQXg3hrtjh7AvZ', ?, 'WAz8eIbvDR60rouK', NULL, "
            "NULL, 1, 0, NULL, NULL, 692233200, 705200000)",
            (legacy_account(TOKEN),),
        )
        db.execute("PRAGMA user_version = 1")
    with running_server(tokens=(TOKEN,), db_path=str(path)) as server:
        headers = {"Authorization": f"Bearer {TOKEN}"}
        got = httpx.get(f"{server.base_url}/v1/conversations/xgQQXg3hrtjh7AvZ", headers=headers)
        listed = httpx.get(f"{server.base_url}/v1/conversations?archived=true", headers=headers)
        banner = server.output()
    assert got.json() == {
        "id": "xgQQXg3hrtjh7AvZ",
        "contact_id": "WAz8eIbvDR60rouK",
        "group_id": None,
        "pinned_message_id": None,
        "is_pinned": True,
        "is_muted": False,
        "last_active_at": None,
        "last_opened_at": None,
        "created_at": 692233200,
        "archived_at": 705200000,
    }
    assert listed.json()["data"] == [got.json()]
    assert "took over table conversations from storage version 1" in banner
