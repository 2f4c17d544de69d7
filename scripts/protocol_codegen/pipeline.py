"""The whole generator in memory: the model (`protocol_spec.load_api`) -> `{path: text}`.

Each target's `render`, then ruff over the Python files. Nothing here touches `generated/`;
`write` and `check` compare against it.
"""

from __future__ import annotations

from collections.abc import Sequence

from protocol_codegen.errors import GeneratorError
from protocol_codegen.formatting import check_pinned_tools, format_python
from protocol_codegen.targets import TARGETS
from protocol_codegen.write import owns
from protocol_spec import Api

__all__ = ["render_targets"]


def render_targets(api: Api, targets: Sequence[str] | None = None) -> dict[str, str]:
    """Every selected target's files, formatted, sorted by path."""
    check_pinned_tools()
    names = list(TARGETS) if targets is None else list(targets)
    files: dict[str, str] = {}
    for name in names:
        if name not in TARGETS:
            raise GeneratorError(f"unknown target '{name}'; known targets: {', '.join(TARGETS)}")
        rendered = TARGETS[name](api)
        strays = [path for path in rendered if not owns(name, path)]
        if strays:
            raise GeneratorError(
                f"target '{name}' rendered files outside what it owns ({name}/ or the file "
                f"{name}): " + ", ".join(strays)
            )
        files.update(rendered)
    return dict(sorted(format_python(files).items()))
