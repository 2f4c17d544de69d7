"""Calls every operation of one media-type feature spec (tests/fixtures/specs/features/) through
its generated Python client, sync and async, and prints what each returned as JSON (bytes as
hex). Run by tests/clients/test_media_types.py: python media.py <feature> <base url>."""

from __future__ import annotations

import asyncio
import importlib
import json
import sys
from typing import Any

PNG = bytes.fromhex("89504e470d0a1a0a") + bytes(range(32))


def shown(value: object) -> object:
    return value.hex() if isinstance(value, bytes) else value


def main() -> None:
    feature, base_url = sys.argv[1], sys.argv[2]
    package = {
        "form_body": "notes_api",
        "binary_body_and_response": "images_api",
        "text_body_and_response": "echo_api",
        "array_body": "tags_api",
        "openapi_30_file_upload": "files_api",
    }[feature]
    module: Any = importlib.import_module(package)
    # The feature specs declare no security scheme: the clients take no credentials.
    client = module.ApiClient(base_url=base_url)
    aio = module.AsyncApiClient(base_url=base_url)
    results: dict[str, object] = {}
    if feature == "form_body":
        note = client.notes.create(title="Buy milk", pinned=True, tags=["a", "b"])
        results["create"] = note.title
        note = asyncio.run(aio.notes.create(title="Buy milk", pinned=True, tags=["a", "b"]))
        results["async_create"] = note.title
    elif feature == "binary_body_and_response":
        results["put"] = client.images.put("logo.png", body=PNG)
        results["get"] = shown(client.images.get("logo.png"))
        results["async_get"] = shown(asyncio.run(aio.images.get("logo.png")))
    elif feature == "text_body_and_response":
        results["echo"] = client.echo.text(body="Hello")
        results["async_echo"] = asyncio.run(aio.echo.text(body="Hello"))
    elif feature == "array_body":
        results["add"] = client.tags.add(body=["urgent", "travel"]).count
        results["async_add"] = asyncio.run(aio.tags.add(body=["urgent", "travel"])).count
    else:
        file = ("a.txt", b"hello", "text/plain")
        results["upload"] = client.files.upload(file=file, name="greeting").size
        results["async_upload"] = asyncio.run(aio.files.upload(file=file, name="greeting")).size
    print(json.dumps(results))


if __name__ == "__main__":
    main()
