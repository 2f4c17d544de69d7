"""The registry of output targets.

A target is a module with `render(api: Api) -> dict[str, str]`: relative paths under
`generated/` (each starting with the target's own name, e.g. `python/...`, or equal to it for a
target that owns one file, `openapi.json`) mapped to file text.
Rendering is a pure function of the model. To add a language, write `targets/<name>.py` and
add one line to `TARGETS` below; `generate` and `check` pick it up.
"""

from __future__ import annotations

from collections.abc import Callable

from protocol_codegen.targets import docs, openapi_json, php, python, typescript
from protocol_spec.model import Api

__all__ = ["TARGETS", "Renderer"]

Renderer = Callable[[Api], dict[str, str]]

# name -> render function; the name is also the subtree (or the one file) of generated/ that
# the target owns.
TARGETS: dict[str, Renderer] = {
    "python": python.render,
    "typescript": typescript.render,
    "php": php.render,
    "docs": docs.render,
    "openapi.json": openapi_json.render,
}
