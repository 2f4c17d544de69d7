"""The files that code samples upload, put where a reader would have them: beside the program,
under the relative name the spec's example gives. Shared by the tests that run the reference
page's samples (tests/docs/test_samples_run.py) and the clients' READMEs
(tests/clients/test_readmes.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from protocol_codegen import samples
from protocol_spec.model import Api, Operation

__all__ = ["UPLOADED", "file_values", "place_files"]

# What each uploaded file holds: a small PDF, as the spec's examples upload.
UPLOADED = b"%PDF-1.4\n% Invoice, room service, Plaza Hotel\n%%EOF\n"


def file_values(api: Api, operation: Operation) -> list[str]:
    """The texts the operation's sample gives for the files it uploads (their names)."""
    body = operation.body
    if body is None:
        return []
    files = {f.name for f in body.fields if f.file == "content"}
    values = samples.example_values(api, operation).body or ()
    return [samples.as_text(value) for name, value in values if name in files]


def place_files(
    api: Api, operations: Iterable[Operation], folder: Path, root: Path | None = None
) -> None:
    """A file (UPLOADED) where each upload of `operations` looks for it: the example's name,
    relative to `folder`; only names that stay inside `root` (default `folder`)."""
    inside = (root or folder).resolve()
    for operation in operations:
        for text in file_values(api, operation):
            path = (folder / text).resolve()
            if "\n" not in text and path.is_relative_to(inside):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(UPLOADED)
