"""The spec, loaded once and understood once, for every part of the toolchain.

    from protocol_spec import load_api
    api = load_api(Path("spec/openapi.yaml"))        # or load_api_at_ref(path, "HEAD")
    api.resources[0].operation("list").pagination    # what the API means
    api.position(op.pointer)                         # spec/openapi.yaml:44:5

Stages: parse the YAML keeping positions (`yaml_source`), check it (`loading`: OpenAPI 3.1,
`$ref`s, operationIds, examples, the `x-protocol-` vocabulary), build the intermediate model
(`build`, `semantics`). Every problem is a `SpecError` naming the file, line, JSON pointer
and fix; they are raised together as `SpecErrors`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .build import build_api, build_wire_api
from .errors import ProtocolSpecError, SpecError, SpecErrors
from .loaded import LoadedSpec, Position, Positions
from .loading import (
    check_spec,
    load_spec,
    load_spec_at_ref,
    load_spec_bytes,
    parse_spec_bytes,
    parse_spec_file,
    read_at_ref,
)
from .model import Api
from .project import DEFAULT_SPEC, PROJECT_ROOT, source_label

__all__ = [
    "DEFAULT_SPEC",
    "PROJECT_ROOT",
    "Api",
    "LoadedSpec",
    "Position",
    "Positions",
    "ProtocolSpecError",
    "SpecError",
    "SpecErrors",
    "build_api",
    "build_wire_api",
    "check_spec",
    "load_api",
    "load_api_at_ref",
    "load_api_unchecked",
    "load_spec",
    "load_spec_at_ref",
    "load_spec_bytes",
    "parse_spec_bytes",
    "read_at_ref",
    "source_label",
]


def load_api(spec_path: Path) -> Api:
    """The model of the spec file at `spec_path`; raises SpecErrors, with the problems the
    model finds (names, the vocabulary's meaning) alongside the checks' in one report."""
    spec = parse_spec_file(spec_path)
    source = source_label(spec_path)
    try:
        check_spec(spec)
    except SpecErrors as checked:
        raise SpecErrors([*checked.errors, *_model_errors(spec, source, checked)]) from None
    return build_api(spec, source)


def _model_errors(spec: LoadedSpec, source: str, checked: SpecErrors) -> list[SpecError]:
    """What the model finds wrong in a spec that failed its checks, but for what follows from
    them (an error beside or inside a node the checks refused); nothing when the builder
    cannot read the spec at all (the checks' errors say why)."""
    try:
        build_api(spec, source)
    except SpecErrors as built:
        return _independent(built.errors, checked.errors)
    except Exception:  # noqa: BLE001 - an invalid spec may break the builder's assumptions
        return []
    return []


def _independent(found: Sequence[SpecError], earlier: Sequence[SpecError]) -> list[SpecError]:
    def follows(error: SpecError) -> bool:
        parent = error.pointer.rsplit("/", 1)[0] + "/"
        return any(
            other.pointer.startswith(parent) or error.pointer.startswith(other.pointer + "/")
            for other in earlier
        )

    return [error for error in found if not follows(error)]


def load_api_at_ref(spec_path: Path, ref: str) -> Api:
    """The model of `spec_path` as committed at git `ref`; raises SpecErrors."""
    return build_api(load_spec_at_ref(spec_path, ref), source_label(spec_path))


def load_api_unchecked(
    spec_path: Path, *, lenient: bool = False
) -> tuple[Api, Callable[[], list[SpecError]]]:
    """`load_api` in two halves, for a caller with work to start on the model while the spec's
    checks run (the generator renders on the other core meanwhile): the model, built before
    the checks, and the function that runs them, raising what `load_api` would raise.

    Nothing made from the model may be used or kept before that function has returned. A spec
    the model cannot be built from is checked at once, so its errors are `load_api`'s too.
    The function returns the warnings `lenient` turns SHOULDs into (`check_spec`)."""
    spec = parse_spec_file(spec_path)
    try:
        api = build_api(spec, source_label(spec_path))
    except SpecErrors as built:
        # Every problem at once: the checks' and the model's, in one report.
        try:
            check_spec(spec, lenient=lenient)
        except SpecErrors as checked:
            raise SpecErrors(
                [*checked.errors, *_independent(built.errors, checked.errors)]
            ) from None
        raise
    except Exception:
        check_spec(spec, lenient=lenient)  # raises the spec's errors, as load_api reports them
        raise  # the spec passes every check: the builder's own error stands
    return api, lambda: check_spec(spec, lenient=lenient)
