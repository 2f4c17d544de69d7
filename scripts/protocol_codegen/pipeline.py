"""The whole generator in memory: the model (`protocol_spec.load_api`) -> `{path: text}`.

Each target's `render`, then ruff over the Python files. Nothing here touches `generated/`;
`write` and `check` compare against it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from protocol_codegen.errors import GeneratorError
from protocol_codegen.formatting import check_pinned_tools, format_python
from protocol_codegen.python_models import ModelsInBackground
from protocol_codegen.sides import as_sent
from protocol_codegen.targets import TARGETS, python
from protocol_codegen.targets.python import MODELS_HEADER
from protocol_codegen.write import owns
from protocol_spec import Api

__all__ = ["render_targets"]


def render_targets(
    api: Api, targets: Sequence[str] | None = None, run_checks: Callable[[], None] | None = None
) -> dict[str, str]:
    """Every selected target's files, formatted, sorted by path.

    `run_checks`, when given, is the rest of the spec's checks (`protocol_spec.load_api_unchecked`):
    it runs while the Python models render on the other core, and what it raises ends the run.
    """
    check_pinned_tools()
    api = as_sent(api)  # request bodies as requests send them (see `sides`)
    names = list(TARGETS) if targets is None else list(targets)
    unknown = [name for name in names if name not in TARGETS]
    if unknown:
        raise GeneratorError(f"unknown target '{unknown[0]}'; known targets: {', '.join(TARGETS)}")
    # The Python models take longest: they start first, and the Python target, which collects
    # them, renders last.
    models = ModelsInBackground(api, MODELS_HEADER(api)) if python.ROOT in names else None
    try:
        if run_checks is not None:
            run_checks()
        files: dict[str, str] = {}
        for name in sorted(names, key=lambda name: name == python.ROOT):
            if models is not None and name == python.ROOT:
                rendered = python.render(api, models.result())
            else:
                rendered = TARGETS[name](api)
            strays = [path for path in rendered if not owns(name, path)]
            if strays:
                raise GeneratorError(
                    f"target '{name}' rendered files outside what it owns ({name}/ or the file "
                    f"{name}): " + ", ".join(strays)
                )
            files.update(rendered)
    finally:
        if models is not None:
            models.cancel()
    return dict(sorted(format_python(files).items()))
