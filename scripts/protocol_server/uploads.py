"""File uploads: a `multipart/form-data` body read within the size limit the spec states, and
the files kept durably on disk, one per object, under `PROTOCOL_FILES/<account>/<resource>/`.

A file is written to a temporary name and fsynced before the object's row is committed, then
renamed into place inside the transaction; a delete removes files only after its commit. A crash
can leave an orphaned file, never an object without its file.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path

from starlette.requests import ClientDisconnect, Request

from protocol_server.errors import ApiError
from protocol_spec.model import Operation

__all__ = ["MULTIPART", "FileStore", "Upload", "read_upload"]

MULTIPART = "multipart/form-data"
# Room for the part headers and boundaries around the file's bytes.
_ENVELOPE_BYTES = 16384
_DEFAULT_MEDIA_TYPE = "application/octet-stream"


@dataclass(frozen=True)
class Upload:
    name: str
    media_type: str
    data: bytes


async def read_upload(request: Request, operation: Operation, max_bytes: int) -> Upload:
    """The file of a multipart body, whose content part is the body property marked
    `x-protocol-file: content`; 400, 413 or 415 with what to send instead."""
    assert operation.body is not None
    part_name = next(f.name for f in operation.body.fields if f.file == "content")
    content_type = request.headers.get("content-type", "")
    if (
        content_type.partition(";")[0].strip().lower() != MULTIPART
        or "boundary=" not in content_type
    ):
        raise ApiError(
            415,
            f"Send the file as {MULTIPART} with one part named {part_name!r} "
            f"(curl -F {part_name}=@path).",
        )
    too_large = ApiError(413, f"The file is larger than {max_bytes} bytes, the largest accepted.")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes + _ENVELOPE_BYTES:
        raise too_large
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_bytes + _ENVELOPE_BYTES:
                raise too_large
    except ClientDisconnect:
        raise ApiError(400, "The client disconnected before sending the whole body.") from None
    parts = _parts(content_type, bytes(body))
    names = [part.get_param("name", header="content-disposition") for part in parts]
    others = [str(name) for name in names if name != part_name]
    if others:
        raise ApiError(400, f"Unknown part {others[0]!r}; send only the part {part_name!r}.")
    files = [part for part, name in zip(parts, names, strict=True) if name == part_name]
    if len(files) != 1 or files[0].get_filename() is None:
        raise ApiError(
            400,
            f"Send exactly one file in a part named {part_name!r}, with its file name "
            f"(curl -F {part_name}=@path; without '@' curl sends the path as text).",
        )
    part = files[0]
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    if len(data) > max_bytes:
        raise too_large
    name = os.path.basename(str(part.get_filename()).replace("\\", "/")).strip()
    if not name or not name.isprintable():
        raise ApiError(
            400, f"The part {part_name!r} needs a file name of printable characters; rename it."
        )
    media_type = part.get_content_type() if part.get("content-type") else _DEFAULT_MEDIA_TYPE
    return Upload(name=name, media_type=media_type, data=data)


def _parts(content_type: str, body: bytes) -> list[Message]:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    parts = message.get_payload() if message.is_multipart() else None
    if not isinstance(parts, list) or message.defects:
        raise ApiError(
            400, f"The body is not a well-formed {MULTIPART} body: check its boundary and parts."
        )
    return [part for part in parts if isinstance(part, Message)]


class FileStore:
    """Uploaded files, one per object, under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, account: str, resource: str, object_id: str) -> Path:
        return self.root / account / resource / object_id

    def stage(self, data: bytes) -> Path:
        """The bytes in a temporary file under root, fsynced: ready to be put in place."""
        self.root.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".upload-", dir=self.root)
        with os.fdopen(handle, "wb") as staged:
            staged.write(data)
            staged.flush()
            os.fsync(staged.fileno())
        return Path(name)

    def place(self, staged: Path, account: str, resource: str, object_id: str) -> None:
        target = self.path(account, resource, object_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
        _fsync_directory(target.parent)

    def remove(self, account: str, resource: str, object_id: str) -> None:
        self.path(account, resource, object_id).unlink(missing_ok=True)


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
