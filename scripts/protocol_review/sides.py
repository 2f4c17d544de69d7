"""The two specs a review compares: the base (a git ref) and the new one (the working tree's
file, or another ref), each loaded through `protocol_spec` with positions labelled by side."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from protocol_spec import (
    Api,
    SpecError,
    SpecErrors,
    build_api,
    build_wire_api,
    check_spec,
    parse_spec_bytes,
    read_at_ref,
    source_label,
)

__all__ = [
    "ReviewError",
    "SpecSide",
    "load_side",
    "load_side_file",
    "repo_relative",
    "reviewable_api",
]


class ReviewError(Exception):
    """The review cannot be made (exit status 2); the message says why and what to do."""


@dataclass(frozen=True)
class SpecSide:
    role: str  # "base" or "new", as messages name the side
    label: str  # how positions name the file: `spec/openapi.yaml@HEAD` or `spec/openapi.yaml`
    path: str  # the file relative to the repository root, for annotations
    ref: str | None  # None: the working tree
    api: Api
    data: bytes
    # Why the SDKs cannot be generated from this side (`make generate` would refuse it: the
    # first problem, with its position), None when they can. The wire review does not need
    # them; SDK impact is then not computed.
    sdk_problem: str | None = None


def _tolerated(error: SpecError) -> bool:
    """A check's finding that does not stop a review: a `pattern` Python's `re` cannot
    compile (ECMA-262 accepts more, such as `[\\w-.]`): the review compares patterns as
    written and never runs them."""
    return error.pointer.endswith("/pattern") and "regex" in error.problem


def reviewable_api(data: bytes, label: str, source: str, role: str) -> tuple[Api, str | None]:
    """The model of a valid OpenAPI 3.0 or 3.1 document, and why its SDKs cannot be generated
    (None when they can). What JSON Schema only says SHOULD hold (an example or default that
    does not validate) never stops a review; ReviewError for a document that is not valid."""
    try:
        spec = parse_spec_bytes(data, label)
        try:
            check_spec(spec, lenient=True)
        except SpecErrors as errors:
            fatal = [e for e in errors.errors if not _tolerated(e)]
            if fatal:
                raise SpecErrors(fatal) from None
    except SpecErrors as errors:
        raise ReviewError(
            f"the {role} spec ({label}) cannot be reviewed:\n{errors.render()}"
        ) from None
    try:
        return build_api(spec, source), None
    except SpecErrors as refused:
        first = refused.errors[0]
        where = f"{first.file}:{first.line}" if first.line is not None else first.file
        problem = f"{where}: {first.pointer}: {first.problem} (fix: {first.fix})"
    api, _ = build_wire_api(spec, source)
    return api, problem


def repo_relative(spec: Path) -> str:
    """The spec's path from the root of its git repository (else as given), with `/`."""
    absolute = spec.resolve()
    try:
        done = subprocess.run(
            ["git", "-C", str(absolute.parent), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return spec.as_posix()
    top = done.stdout.strip()
    if done.returncode != 0 or not top or not absolute.is_relative_to(Path(top).resolve()):
        return spec.as_posix()
    return absolute.relative_to(Path(top).resolve()).as_posix()


def load_side(spec: Path, ref: str | None, role: str) -> SpecSide:
    """Load `spec` at `ref` (None: the file on disk); ReviewError saying which side fails."""
    path = repo_relative(spec)
    label = path if ref is None else f"{path}@{ref}"
    try:
        data = _read(spec, ref, label)
    except SpecErrors as errors:
        raise ReviewError(
            f"the {role} spec ({label}) cannot be reviewed:\n{errors.render()}"
        ) from None
    api, problem = reviewable_api(data, label, source_label(spec), role)
    return SpecSide(role, label, path, ref, api, data, problem)


def _read(spec: Path, ref: str | None, label: str) -> bytes:
    if ref is not None:
        return read_at_ref(spec, ref)
    try:
        return spec.read_bytes()
    except OSError as exc:
        raise ReviewError(
            f"{label}: cannot read the spec ({exc.strerror or exc}); pass an existing file "
            "with --spec"
        ) from None


def load_side_file(spec: Path, role: str, label: str | None = None) -> SpecSide:
    """A side read from any file (not a git ref): `--base-file`, and the test corpus."""
    label = label or spec.as_posix()
    try:
        data = spec.read_bytes()
    except OSError as exc:
        raise ReviewError(f"{label}: cannot read the {role} spec ({exc.strerror or exc})") from None
    api, problem = reviewable_api(data, label, source_label(spec), role)
    return SpecSide(role, label, label, None, api, data, problem)
