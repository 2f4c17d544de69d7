"""Knowing, in milliseconds, that `generate` would change nothing.

A no-op `make generate` is run after every spec edit and before every conformance run; loading
the spec and rendering every target only to find the same bytes takes a second. So a successful
`generate` leaves a key behind, and the next one stops at once when the key is unchanged.

The key is a digest of every input byte: the spec file and the whole `spec/` folder, the
templates, the generator's own code (`protocol_codegen`, `protocol_spec`), the Python
interpreter and every installed distribution with its version (the pinned tools among them),
the command's arguments, and the output folder's own files. A change to any of them, a hand
edit or a deleted file under `generated/` included, gives another key and a full run, which
repairs the tree. The key cannot go stale: nothing that shapes the output is left out of it.

Stdlib only, imported before anything heavy: the check must cost less than the imports it saves.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from protocol_codegen.write import ignored

__all__ = ["DEFAULT_OUT", "DEFAULT_SPEC", "STAMP", "Inputs", "is_up_to_date", "remember"]

# The project's folders, found from this file's place in the checkout (as protocol_spec.project
# finds them; a test checks that the two agree).
_PROJECT = Path(__file__).resolve().parents[2]
_CODE = (
    _PROJECT / "scripts" / "protocol_codegen",
    _PROJECT / "scripts" / "protocol_spec",
    _PROJECT / "templates",
    _PROJECT / "spec",
)
STAMP = _PROJECT / ".cache" / "protocol-codegen" / "generate.key"
# `make generate` is `generate` without options: these, the CLI's defaults, are what it reads
# and writes, and the only run the key is kept for.
DEFAULT_SPEC = _PROJECT / "spec" / "openapi.yaml"
DEFAULT_OUT = _PROJECT / "generated"


class Inputs:
    """The digest of everything but the output folder, taken before a run reads any of it, so
    that an input edited during the run gives a key that no longer matches."""

    def __init__(self, spec: Path = DEFAULT_SPEC, out: Path = DEFAULT_OUT) -> None:
        self.out = out
        digest = hashlib.sha256()
        _add(digest, "python", f"{sys.version} {sys.executable}".encode())
        _add(digest, "arguments", repr((str(spec.resolve()), str(out.resolve()))))
        _add(digest, "distributions", "\n".join(_distributions()))
        for folder in _CODE:
            for path, data in _files(folder):
                _add(digest, f"code {path}", data)
        _add(digest, "spec", spec.read_bytes() if spec.is_file() else b"(missing)")
        self.digest = digest.hexdigest()

    def key(self) -> tuple[str, int]:
        """(the key, with the output folder as it is now; how many files that folder holds)."""
        digest = hashlib.sha256(self.digest.encode())
        count = 0
        for path, data in _files(self.out):
            _add(digest, f"out {path}", data)
            count += 1
        return digest.hexdigest(), count


def is_up_to_date(inputs: Inputs) -> int | None:
    """The output folder's file count when the last successful `generate` left this very key;
    None when anything differs (or there is no key)."""
    try:
        stored = STAMP.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    key, count = inputs.key()
    return count if stored == key else None


def remember(inputs: Inputs) -> None:
    """Record the key after a successful `generate`. Best effort: without it, the next run is
    simply a full one."""
    key, _ = inputs.key()
    try:
        STAMP.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(dir=STAMP.parent, prefix=".generate-")
        with os.fdopen(handle, "w", encoding="utf-8") as stamp:
            stamp.write(key + "\n")
        os.replace(scratch, STAMP)
    except OSError:
        pass


def _add(digest: Any, label: str, data: bytes | str) -> None:
    # Length-prefixed, so that no two different sequences of inputs hash alike.
    raw = data.encode() if isinstance(data, str) else data
    name = label.encode()
    digest.update(len(name).to_bytes(8, "big") + name + len(raw).to_bytes(8, "big") + raw)


def _files(root: Path) -> list[tuple[str, bytes]]:
    """Every file under `root`, by path, caches and installed dependencies skipped."""
    if root.is_file():
        return [(root.name, root.read_bytes())]
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if not ignored(name)]
        for name in names:
            if not ignored(name):
                path = Path(folder, name)
                found.append((path.relative_to(root).as_posix(), path.read_bytes()))
    return sorted(found)


def _distributions() -> list[str]:
    """Every installed distribution with its version, as the `*.dist-info` folders on sys.path
    name them: a tool upgraded or downgraded changes the key."""
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found += [f"{entry}/{name}" for name in names if name.endswith((".dist-info", ".egg-info"))]
    return sorted(found)
