"""Adding a language takes the places ARCHITECTURE.md lists under "A language", and no other.

In a copy of the project, a toy language gets exactly those: its module in
`protocol_codegen/languages/`, one line in the registry, a template tree and a test module.
The generator, run from the copy, then writes its client; the samples and the code colouring
pick it up; and the registry test passes for it (which includes the review's SDK surfaces).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from protocol_spec import PROJECT_ROOT

TOY_MODULE = '''\
"""Toy: a made-up language, to show what adding one takes."""

from __future__ import annotations

from typing import ClassVar

from protocol_codegen.languages.base import ListExamples, SdkLanguage, Tokens
from protocol_codegen.samples import TOKEN_VARIABLE, CallValues, as_text, example_values, resource_of
from protocol_codegen.sdk_view import SdkMethod, SdkParameter, SdkResource, SdkView
from protocol_spec import naming
from protocol_spec.model import Api, Operation, Resource, TypeRef

__all__ = ["LANGUAGE", "Toy"]


class Toy(SdkLanguage):
    key = "toy"
    label = "Toy"
    lang = "Toy"
    highlight = "toy"
    target = "toy"
    sdk_name = "Toy"
    line_comment = "--"
    tokens: ClassVar[Tokens] = Tokens(keywords="call with", comment=r"--[^\\n]*")
    reserved_words: ClassVar[frozenset[str]] = frozenset({"call", "with"})

    def string_literal(self, value: str) -> str:
        return "<<" + value + ">>"

    def name(self, text: str) -> str:
        name = naming.snake(text)
        return name + "_" if name in self.reserved_words else name

    def resource_name(self, resource: Resource) -> str:
        return self.name(resource.identifier)

    def method_name(self, operation: Operation) -> str:
        return self.name(operation.method_name)

    def type_text(self, api: Api, type_ref: TypeRef) -> str:
        return type_ref.name or type_ref.kind

    def sample(self, api: Api, operation: Operation, values: CallValues) -> str:
        return "\\n".join([*self.setup(api), self.statement(self.call(api, operation, values))]) + "\\n"

    def setup(self, api: Api) -> list[str]:
        return [f"client := {api.settings.client_class}({TOKEN_VARIABLE})"]

    def call(self, api: Api, operation: Operation, values: CallValues | None = None) -> str:
        values = values or example_values(api, operation)
        args = [self.string_literal(as_text(value)) for _, value in values.path]
        args += [f"{p.name}={self.string_literal(as_text(v))}" for p, v in values.sdk_query]
        args += [f"{name}={self.string_literal(as_text(v))}" for name, v in values.body or ()]
        resource = self.resource_name(resource_of(api, operation))
        return f"call client.{resource}.{self.method_name(operation)} with {' '.join(args)}"

    def statement(self, call: str) -> str:
        return call + "."

    def list_examples(self, api: Api, listing: Operation, query: ListExamples) -> dict[str, str]:
        return {"list": self.call(api, listing, query())}

    def sdk_view(self, api: Api) -> SdkView:
        resources = []
        for resource in api.resources:
            owner = f"client.{self.resource_name(resource)}"
            methods = tuple(
                SdkMethod(
                    name=self.method_name(op),
                    display=f"{owner}.{self.method_name(op)}",
                    returns=self.type_text(api, op.result) if op.result else "nothing",
                    natural=naming.snake(op.method_name),
                    operation=op,
                    parameters=tuple(
                        SdkParameter(
                            name=self.name(item.name),
                            display=self.name(item.name),
                            wire_name=item.name,
                            type=self.type_text(api, item.type),
                            required=item.required,
                            default=None,
                            pointer=item.pointer,
                            natural=naming.snake(item.name),
                        )
                        for item in (*op.path_params, *op.query_params, *(op.body.fields if op.body else ()))
                    ),
                )
                for op in resource.operations
            )
            name = self.resource_name(resource)
            resources.append(SdkResource(name, owner, resource.class_name, name, methods))
        return SdkView(self.target, tuple(resources), ())


LANGUAGE = Toy()
'''

TOY_TEMPLATE = """\
{{ header }}
{% for resource in sdk.resources %}
resource {{ resource.name }}
{% for method in resource.methods %}
  method {{ method.name }}({% for p in method.parameters %}{{ p.name }}: {{ p.type }}{% if not p.required %}?{% endif %}{% if not loop.last %}, {% endif %}{% endfor %}) -> {{ method.returns }}
{% endfor %}
{% endfor %}
"""

TOY_README = """\
{{ header }}
{{ readme.setup }}
{% for op in readme.operations %}
{{ op.code }}
{% endfor %}
"""

TOY_TEST = """\
from protocol_codegen.languages.toy import LANGUAGE


def test_reserved_words_get_an_underscore() -> None:
    assert LANGUAGE.name("with") == "with_"
"""


def _copy_project(root: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "node_modules", "golden")
    for folder in ("scripts", "templates", "spec", "tests/languages", "tests/fixtures/specs"):
        shutil.copytree(PROJECT_ROOT / folder, root / folder, ignore=ignore)
    shutil.copy(PROJECT_ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "tests" / "__init__.py").write_text("")


def _add_toy_language(root: Path) -> None:
    """Exactly the places ARCHITECTURE.md lists under "A language"."""
    languages = root / "scripts" / "protocol_codegen" / "languages"
    (languages / "toy.py").write_text(TOY_MODULE)
    registry = languages / "__init__.py"
    text = registry.read_text()
    text = text.replace(
        "import curl, php, python, typescript", "import curl, php, python, toy, typescript"
    )
    text = text.replace("    php.LANGUAGE,\n)", "    php.LANGUAGE,\n    toy.LANGUAGE,\n)")
    assert "toy.LANGUAGE" in text, "the registry's layout changed: update this test and the doc"
    registry.write_text(text)
    (root / "templates" / "toy").mkdir()
    (root / "templates" / "toy" / "client.toy.jinja").write_text(TOY_TEMPLATE)
    (root / "templates" / "toy" / "README.md.jinja").write_text(TOY_README)
    (root / "tests" / "languages" / "test_toy.py").write_text(TOY_TEST)


def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root / "scripts")}
    return subprocess.run(
        [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, check=False
    )


def test_a_toy_language_is_generated_from_the_documented_places(tmp_path: Path) -> None:
    root = tmp_path / "project"
    _copy_project(root)
    _add_toy_language(root)
    out = tmp_path / "out"
    spec = root / "spec" / "openapi.yaml"
    generated = _run(
        root, "-m", "protocol_codegen", "generate", "--spec", str(spec), "--out", str(out),
        "--target", "toy", "--target", "openapi.json", "--target", "docs",
    )  # fmt: skip
    assert generated.returncode == 0, generated.stderr

    client = (out / "toy" / "client.toy").read_text()
    assert client.startswith("-- Generated from ")
    assert "resource conversations" in client
    assert "  method list(limit: integer?, " in client
    assert "  method get(id: string) -> Conversation" in client
    readme = (out / "toy" / "README.md").read_text()
    assert "client := ApiClient(token)" in readme
    assert "call client.conversations.update with <<" in readme

    document = json.loads((out / "openapi.json").read_text())
    labels = [s["label"] for s in document["paths"]["/v1/conversations"]["get"]["x-codeSamples"]]
    assert labels == ["cURL", "JavaScript", "Python", "PHP", "Toy"]
    page = (out / "docs" / "index.html").read_text()
    assert '<span class="tok-keyword">call</span> client.conversations.list' in page

    # The registry test passes with the toy (a module, a test module, samples, tokens, a target,
    # templates, an SDK view the review reports on), and so does the toy's own test module.
    tests = _run(
        root, "-m", "pytest", "-v", "-p", "no:cacheprovider",
        "tests/languages/test_registry.py", "tests/languages/test_toy.py",
    )  # fmt: skip
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "test_each_sdk_language_is_a_target_with_templates_and_a_reviewed_view[toy] PASSED" in (
        tests.stdout
    )
