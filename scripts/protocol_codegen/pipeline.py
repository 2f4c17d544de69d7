"""The whole generator in memory: spec file -> `{path under generated/: text}`.

load + validate (`spec`) -> intermediate model (`build`) -> each target's `render` ->
ruff. Nothing here touches `generated/`; `write` and `check` compare against it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from protocol_codegen.build import build_api
from protocol_codegen.errors import GeneratorError
from protocol_codegen.formatting import check_pinned_tools, format_python
from protocol_codegen.model import Api
from protocol_codegen.spec import load_spec
from protocol_codegen.targets import TARGETS

__all__ = ["PROJECT_ROOT", "load_api", "render_targets", "source_label"]

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def source_label(spec_path: Path) -> str:
    """How headers name the spec: relative to the project root when inside it, so that the
    output does not depend on where the checkout lives."""
    resolved = spec_path.resolve()
    if resolved.is_relative_to(PROJECT_ROOT):
        return resolved.relative_to(PROJECT_ROOT).as_posix()
    return spec_path.name


def load_api(spec_path: Path) -> Api:
    """Stages 1 and 2; raises SpecErrors."""
    return build_api(load_spec(spec_path), source_label(spec_path))


def render_targets(api: Api, targets: Sequence[str] | None = None) -> dict[str, str]:
    """Every selected target's files, formatted, sorted by path."""
    check_pinned_tools()
    names = list(TARGETS) if targets is None else list(targets)
    files: dict[str, str] = {}
    for name in names:
        if name not in TARGETS:
            raise GeneratorError(f"unknown target '{name}'; known targets: {', '.join(TARGETS)}")
        rendered = TARGETS[name](api)
        strays = [path for path in rendered if not path.startswith(name + "/")]
        if strays:
            raise GeneratorError(
                f"target '{name}' rendered files outside its own folder {name}/: "
                + ", ".join(strays)
            )
        files.update(rendered)
    return dict(sorted(format_python(files).items()))
