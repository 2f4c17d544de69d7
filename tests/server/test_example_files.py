"""The example objects' files: an example object whose file the server serves back gets bytes
made from its example (size, media type, name), so its download answers like an upload's."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from protocol_server.examples import example_file, example_objects
from protocol_server.harness import running_server
from protocol_server.plan import plan
from protocol_spec import PROJECT_ROOT, load_api

WHOLE_API = PROJECT_ROOT / "tests" / "fixtures" / "specs" / "whole_api.yaml"
ATTACHMENT = "Nc6yKKMpcxiiFxp6"  # the attachments' example in the whole API


def _is_pdf(data: bytes) -> bool:
    """A PDF whose cross-reference table is where `startxref` says, each object at its offset."""
    found = re.search(rb"startxref\n(\d+)\n%%EOF\n$", data)
    if not data.startswith(b"%PDF-1.4\n") or found is None:
        return False
    xref = int(found.group(1))
    table = re.match(rb"xref\n0 (\d+)\n0000000000 65535 f \n", data[xref:])
    if table is None:
        return False
    entries = data[xref + table.end() :].split(b"\n")[: int(table.group(1)) - 1]
    return all(
        data[int(entry[:10]) :].startswith(b"%d 0 obj\n" % number)
        for number, entry in enumerate(entries, start=1)
    )


def test_an_example_attachment_downloads_bytes_of_its_declared_size_and_type(
    tmp_path: Path,
) -> None:
    env = {"PROTOCOL_SPEC": str(WHOLE_API), "PROTOCOL_EXAMPLE_OBJECTS": "1"}
    with running_server(tokens=("a", "b"), db_path=str(tmp_path / "db.sqlite3"), env=env) as server:
        downloads = []
        for token in ("a", "b"):
            with httpx.Client(
                base_url=server.base_url, headers={"Authorization": f"Bearer {token}"}
            ) as client:
                attachment = client.get(f"/v1/attachments/{ATTACHMENT}").json()
                download = client.get(attachment["file_url"])
                assert download.status_code == 200, download.text
                assert download.headers["content-type"] == attachment["file_type"]
                assert attachment["filename"] in download.headers["content-disposition"]
                assert len(download.content) == attachment["file_size"] == 21352
                assert _is_pdf(download.content)
                downloads.append(download.content)
        assert downloads[0] == downloads[1]  # the same example, the same bytes
        stored = [p for p in (tmp_path / "files").rglob("*") if p.is_file()]
        assert sorted(p.name for p in stored if p.name == ATTACHMENT) == [ATTACHMENT] * 2


def test_files_follow_the_example_size_and_type() -> None:
    api = load_api(WHOLE_API)
    served_plan = plan(api)
    ((served, row),) = [(s, r) for s, r in example_objects(served_plan) if r["id"] == ATTACHMENT]
    data = example_file(served, row)
    assert data is not None and len(data) == row["file_size"] and _is_pdf(data)
    for size in (600, 999, 1000, 1001, 9_999, 10_000, 100_000):  # offsets grow a digit
        pdf = example_file(served, {**row, "file_size": size})
        assert pdf is not None and len(pdf) == size and _is_pdf(pdf), size
    tiny = example_file(served, {**row, "file_size": 20})  # too small for a PDF: text
    assert tiny == b"Placeholder of Invoi"
    text = example_file(served, {**row, "file_type": "text/plain", "file_size": 100})
    assert text is not None and len(text) == 100 and text.startswith(b"Placeholder of Invoice")
    unknown = example_file(served, {**row, "file_size": None})  # no size: one line of text
    assert unknown == b"Placeholder of Invoice_room_service__Plaza_Hotel.pdf, 0 bytes.\n"
    others = [s for s, _ in example_objects(served_plan) if s.resource.name != "attachments"]
    assert others and all(example_file(s, {}) is None for s in others)  # nothing to serve back
