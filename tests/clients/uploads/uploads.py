"""Uploads and downloads through the generated Python client of the whole API, sync and async:
each way Python passes a file (a path, bytes, a binary file object, a (name, bytes, type)
tuple). Prints one JSON object: case -> what the server stored and whether the download gave the
same bytes back. Run by tests/clients/test_uploads.py with the package on PYTHONPATH."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

from protocol_api import ApiClient, AsyncApiClient, FileInput

DATA = bytes(range(256)) * 64 + b"%PDF-1.4 end"


def stored(found: Any, downloaded: bytes, data: bytes) -> dict[str, object]:
    return {
        "filename": found.filename,
        "file_type": found.file_type,
        "file_size": found.file_size,
        "same_bytes": downloaded == data,
    }


def main() -> None:
    work = Path(sys.argv[1])
    path = work / "invoice.pdf"
    path.write_bytes(DATA)
    client = ApiClient(os.environ["TOKEN"], base_url=os.environ["BASE_URL"])
    results: dict[str, object] = {}
    if sys.argv[2:] == ["retry"]:
        # A file object: the first attempt reads it to its end; a retry must not send that.
        with path.open("rb") as handle:
            made = client.attachments.create(file=handle)
        results["retried"] = stored(made, client.attachments.download(made.id), DATA)
        print(json.dumps(results))
        return
    cases: dict[str, tuple[FileInput, bytes]] = {
        "path": (path, DATA),
        "bytes": (DATA, DATA),
        "tuple": (("notes.txt", b"hello\n", "text/plain"), b"hello\n"),
    }
    for case, (file, data) in cases.items():
        made = client.attachments.create(file=file)
        results[case] = stored(made, client.attachments.download(made.id), data)
    with path.open("rb") as handle:
        made = client.attachments.create(file=handle)
    results["file_object"] = stored(made, client.attachments.download(made.id), DATA)

    async def async_case() -> dict[str, object]:
        async with AsyncApiClient(os.environ["TOKEN"], base_url=os.environ["BASE_URL"]) as aio:
            made = await aio.attachments.create(file=path)
            return stored(made, await aio.attachments.download(made.id), DATA)

    results["async_path"] = asyncio.run(async_case())
    print(json.dumps(results))


if __name__ == "__main__":
    main()
