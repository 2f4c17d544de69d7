"""The one way into the spec: parse the YAML, run every check, report all problems at once.

    load_spec(Path("spec/openapi.yaml"))                 # a file in the working tree
    load_spec_bytes(data, "spec/openapi.yaml@origin/main")  # bytes from anywhere
    load_spec_at_ref(Path("spec/openapi.yaml"), "HEAD")  # the file as committed at a git ref

All three give the same `LoadedSpec` and the same `file:line` errors; the label names the file
in every position and error (`spec/openapi.yaml@HEAD:12:7`).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .checks import check_operation_ids, check_refs, check_version
from .errors import ProtocolSpecError, SpecError, SpecErrors
from .examples import check_examples
from .loaded import LoadedSpec, Positions
from .openapi30 import is_openapi_30, normalised_30
from .validation import check_with_library
from .vocabulary import check_extensions
from .yaml_source import ParsedYaml, decode_yaml_bytes, parse_yaml_file, parse_yaml_text

__all__ = [
    "check_spec",
    "load_spec",
    "load_spec_at_ref",
    "load_spec_bytes",
    "parse_spec_bytes",
    "parse_spec_file",
    "read_at_ref",
]


def load_spec(path: Path) -> LoadedSpec:
    """Load `path` and check it; raises SpecErrors listing every problem found, by line."""
    return _checked(parse_yaml_file(path), str(path))


def load_spec_bytes(data: bytes, file: str) -> LoadedSpec:
    """Load a spec held in memory; `file` is the label positions and errors use."""
    return _checked(parse_yaml_text(decode_yaml_bytes(data, file), file), file)


def load_spec_at_ref(path: Path, ref: str) -> LoadedSpec:
    """The spec as committed at a git `ref` (a commit, branch or tag), labelled `path@ref`."""
    return load_spec_bytes(read_at_ref(path, ref), f"{path}@{ref}")


def read_at_ref(path: Path, ref: str) -> bytes:
    """The bytes of `path` at git `ref`; a SpecErrors that says why when git cannot give them."""
    label = f"{path}@{ref}"
    absolute = path.resolve()
    directory = absolute.parent
    try:
        top = _git(directory, "rev-parse", "--show-toplevel").decode().strip()
        commit = _git(directory, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except _GitFailed as failed:
        raise SpecErrors(
            [SpecError(label, None, "", f"git cannot read {path}: {failed}", _REF_FIX)]
        ) from None
    relative = absolute.relative_to(Path(top).resolve()).as_posix()
    try:
        return _git(directory, "show", f"{commit.decode().strip()}:{relative}")
    except _GitFailed:
        raise SpecErrors(
            [
                SpecError(
                    label,
                    None,
                    "",
                    f"{relative} does not exist at {ref}",
                    "compare against a ref where the spec exists, or add it there first",
                )
            ]
        ) from None


_REF_FIX = "give a commit, branch or tag that exists here (`git log --oneline` lists commits)"


class _GitFailed(ProtocolSpecError):
    pass


def _git(directory: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(directory), *args], capture_output=True, check=False
        )
    except OSError as exc:
        raise _GitFailed(f"git is not available ({exc.strerror or exc})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if args[:1] == ("rev-parse",) and "--verify" in args:
            raise _GitFailed(
                f"no commit, branch or tag named {args[-1].removesuffix('^{commit}')!r}"
            )
        raise _GitFailed(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def parse_spec_file(path: Path) -> LoadedSpec:
    """`path` parsed, with positions, and not yet checked: for `protocol_spec.load_api_unchecked`
    alone, which runs `check_spec` on it before anything built from it is used."""
    return _loaded(parse_yaml_file(path), str(path))


def parse_spec_bytes(data: bytes, file: str) -> LoadedSpec:
    """`load_spec_bytes` without the checks: for a caller that runs `check_spec` itself (the
    spec review, which reads others' specs leniently)."""
    return _loaded(parse_yaml_text(decode_yaml_bytes(data, file), file), file)


def _loaded(parsed: ParsedYaml, file: str) -> LoadedSpec:
    """The parsed document; an OpenAPI 3.0 one read as 3.1, its original kept for the checks."""
    positions = Positions(file, parsed.positions)
    if is_openapi_30(parsed.document):
        return LoadedSpec(normalised_30(parsed.document), positions, original=parsed.document)
    return LoadedSpec(document=parsed.document, positions=positions)


def _checked(parsed: ParsedYaml, file: str) -> LoadedSpec:
    spec = _loaded(parsed, file)
    check_spec(spec)
    return spec


def check_spec(spec: LoadedSpec, *, lenient: bool = False) -> list[SpecError]:
    """Every check, in a fixed order; raises SpecErrors listing all the problems found.

    `lenient`: what JSON Schema only says SHOULD hold (an example or a default that does not
    validate against its schema) is returned as warnings instead; otherwise returns []."""
    # Without a 3.1 mapping nothing else can be checked meaningfully.
    version_errors = check_version(spec)
    if version_errors:
        raise SpecErrors(version_errors)
    errors = check_refs(spec) + check_operation_ids(spec) + check_extensions(spec)
    library_errors, library_crashes = check_with_library(spec)
    example_errors, unchecked_examples = check_examples(spec)
    warnings: list[SpecError] = []
    if lenient:
        warnings = example_errors + [e for e in library_errors if _is_default(e)]
        library_errors = [e for e in library_errors if not _is_default(e)]
        example_errors = []
    errors += library_errors + example_errors
    # A crash or an uncheckable example is most likely a consequence of an error already
    # found; report them only when they are the only clue.
    if not errors and not warnings:
        errors = library_crashes + unchecked_examples
    if errors:
        raise SpecErrors(errors)
    return sorted(dict.fromkeys(warnings), key=SpecError.sort_key)


def _is_default(error: SpecError) -> bool:
    """A `default` that does not validate against its schema (a SHOULD of JSON Schema)."""
    return error.pointer.endswith("/default")
