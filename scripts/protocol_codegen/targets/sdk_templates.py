"""The target of an SDK language that has no target module of its own: its templates alone.

Every `templates/<target>/**/*.jinja` (but partials, whose name starts with `_`) renders to the
same path, less `.jinja`, under `generated/<target>/`. The templates get `sdk` (the language's
`SdkView`: resources -> methods -> parameters, models -> fields, every name escaped), `api`
(the model), `language` (its literals: `language.string_literal(...)`), `readme` (the README's
set-up and calls, `targets/_readme.py`) and `header` (the first line: where the file came from,
behind the language's comment marker). A template that fails is a `GeneratorError` naming it.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2

from protocol_codegen.errors import GeneratorError
from protocol_codegen.languages.base import SdkLanguage
from protocol_codegen.targets._jinja import TEMPLATES_DIR, environment, header
from protocol_codegen.targets._readme import readme_view
from protocol_spec.model import Api

__all__ = ["template_target"]


def template_target(language: SdkLanguage) -> Callable[[Api], dict[str, str]]:
    """The render function of `language`'s template tree."""

    def render(api: Api) -> dict[str, str]:
        root = TEMPLATES_DIR / language.target
        templates = sorted(
            path.relative_to(root).as_posix()
            for path in root.rglob("*.jinja")
            if not path.name.startswith("_")
        )
        if not templates:
            raise GeneratorError(
                f"language '{language.key}' has no templates: add them under "
                f"templates/{language.target}/ (see ARCHITECTURE.md, 'A language')"
            )
        env = environment(language.target)
        context = {"api": api, "sdk": language.sdk_view(api), "language": language}
        context["readme"] = readme_view(api, language)
        files = {}
        for name in templates:
            source = f"templates/{language.target}/{name}"
            try:
                text = env.get_template(name).render(
                    header=header(api.source, source, language.line_comment), **context
                )
            except jinja2.TemplateError as error:
                raise GeneratorError(
                    f"{source}: {error}; the templates of an SDK language get `sdk`, `api`, "
                    "`language`, `readme` and `header` (see ARCHITECTURE.md, 'A language')"
                ) from None
            files[f"{language.target}/{name.removesuffix('.jinja')}"] = text
        return files

    return render
