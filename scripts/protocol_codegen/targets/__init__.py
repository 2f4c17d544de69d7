"""The registry of output targets.

A target is a function `render(api: Api) -> dict[str, str]`: relative paths under
`generated/` (each starting with the target's own name, e.g. `python/...`, or equal to it for a
target that owns one file, `openapi.json`) mapped to file text.
Rendering is a pure function of the model. Every SDK language of `protocol_codegen.languages`
is a target: the clients of Python, TypeScript and PHP have a module here that builds their
templates' context; any other language renders its template tree with its SDK view
(`sdk_templates`). `generate` and `check` pick each up.
"""

from __future__ import annotations

from collections.abc import Callable

from protocol_codegen.languages import SDK_LANGUAGES
from protocol_codegen.targets import docs, openapi_json, php, python, typescript
from protocol_codegen.targets.sdk_templates import template_target
from protocol_spec.model import Api

__all__ = ["TARGETS", "Renderer"]

Renderer = Callable[[Api], dict[str, str]]

_OWN_MODULES: dict[str, Renderer] = {
    python.ROOT: python.render,
    typescript.ROOT: typescript.render,
    php.ROOT: php.render,
}

# name -> render function; the name is also the subtree (or the one file) of generated/ that
# the target owns.
TARGETS: dict[str, Renderer] = {
    **_OWN_MODULES,
    **{
        target: template_target(language)
        for target, language in SDK_LANGUAGES.items()
        if target not in _OWN_MODULES
    },
    docs.ROOT: docs.render,
    openapi_json.ROOT: openapi_json.render,
}
