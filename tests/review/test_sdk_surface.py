"""The SDK surfaces the review computes are exactly what `make generate` writes.

`sdk_surface` reads each language's public SDK view (`SdkLanguage.sdk_view`, datamodel-code-
generator's models for Python), without rendering files; here every symbol is looked up in the rendered, formatted files, and
every public method and type of those files must be a symbol."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from protocol_codegen.pipeline import render_targets
from protocol_review.sdk_surface import Symbol, surfaces
from protocol_spec import PROJECT_ROOT, load_api

from .helpers import CORPUS, SPEC

SPECS = [
    SPEC,
    PROJECT_ROOT / "tests" / "fixtures" / "specs" / "two_resources.yaml",
    CORPUS / "lint-names" / "after.yaml",
    CORPUS / "request-body-added-optional" / "after.yaml",
    CORPUS / "sdk-resource-added" / "after.yaml",
    # Both sides of the cases whose SDK impact was wrong before: a readOnly attribute of a
    # create body (never a parameter), and a model clients only send.
    CORPUS / "sdk-read-only-became-required" / "before.yaml",
    CORPUS / "sdk-read-only-became-required" / "after.yaml",
    CORPUS / "sdk-input-model-widened" / "before.yaml",
    CORPUS / "sdk-input-model-widened" / "after.yaml",
]


@pytest.fixture(scope="module", params=SPECS, ids=lambda p: p.parent.name + "/" + p.name)
def rendered(
    request: pytest.FixtureRequest,
) -> tuple[dict[str, tuple[Symbol, ...]], dict[str, str]]:
    path: Path = request.param
    api = load_api(path)
    return surfaces(api), render_targets(api)


def _package(files: dict[str, str]) -> str:
    """`python/<package>/`: the package is named after the API (its title or x-protocol-sdk)."""
    return next(
        p.rsplit("/", 1)[0] for p in files if p.startswith("python/") and p.endswith("/_client.py")
    )


def _resources(surface: tuple[Symbol, ...]) -> list[Symbol]:
    return [s for s in surface if s.kind == "resource"]


def _models(surface: tuple[Symbol, ...]) -> list[Symbol]:
    return [s for s in surface if s.kind == "model"]


def test_python_surface_is_the_rendered_package(rendered: tuple[dict, dict]) -> None:
    symbols, files = rendered
    surface = symbols["python"]
    client = ast.parse(files[f"{_package(files)}/_client.py"])
    attributes = {
        node.target.id: ast.unparse(node.annotation)
        for cls in client.body
        if isinstance(cls, ast.ClassDef) and cls.name == "ApiClient"
        for node in cls.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }
    resources = _resources(surface)
    assert {r.key: r.signature for r in resources} == attributes
    for resource in resources:
        module = next(
            text
            for path, text in files.items()
            # `client.webhooks` sends no request: its class is the runtime's, beside them.
            if path.startswith((f"{_package(files)}/resources/", f"{_package(files)}/_webhooks"))
            and re.search(rf"^class {resource.signature}\b", text, re.MULTILINE)
        )
        cls = next(
            n
            for n in ast.parse(module).body
            if isinstance(n, ast.ClassDef) and n.name == resource.signature
        )
        # Decorated members (`with_raw_response`) are the runtime's, the same for every spec.
        methods = {
            f.name: f
            for f in cls.body
            if isinstance(f, ast.FunctionDef) and not f.decorator_list and f.name[0] != "_"
        }
        assert sorted(methods) == sorted(m.key for m in resource.children)
        for method in resource.children:
            function = methods[method.key]
            assert (
                function.returns is not None and ast.unparse(function.returns) == method.signature
            )
            args = function.args
            listed = [a for a in args.args if a.arg != "self"] + args.kwonlyargs
            defaults = {a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)}
            defaults |= dict(zip([a.arg for a in args.args][::-1], args.defaults[::-1]))
            assert [a.arg for a in listed] == [p.key for p in method.children]
            for arg, parameter in zip(listed, method.children, strict=True):
                assert arg.annotation is not None
                assert ast.unparse(arg.annotation).removesuffix(" | Omit") == parameter.signature
                assert (defaults.get(arg.arg) is None) == parameter.required
    models = ast.parse(files[f"{_package(files)}/models.py"])
    classes = {n.name: n for n in models.body if isinstance(n, ast.ClassDef)}
    assert sorted(classes) == sorted(m.key for m in _models(surface))
    for model in _models(surface):
        names = [
            n.target.id if isinstance(n, ast.AnnAssign) else n.targets[0].id  # type: ignore[union-attr]
            for n in classes[model.key].body
            if isinstance(n, ast.AnnAssign)
            or (isinstance(n, ast.Assign) and model.signature == "enum")
        ]
        assert names == [f.key for f in model.children]


def test_typescript_surface_is_the_rendered_package(rendered: tuple[dict, dict]) -> None:
    symbols, files = rendered
    surface = symbols["typescript"]
    client = files["typescript/client.d.ts"]
    resources = _resources(surface)
    assert sorted(re.findall(r"^  readonly (\w+): (\w+);$", client, re.MULTILINE)) == sorted(
        (r.key, r.signature) for r in resources
    )
    for resource in resources:
        # `client.webhooks` sends no request: its class is the runtime's, beside the resources.
        declaration = (
            files.get(f"typescript/resources/{resource.key}.d.ts")
            or files[f"typescript/{resource.key}.d.ts"]
        )
        lines = re.findall(r"^  (\w+)\((.*)\): (.*);$", declaration, re.MULTILINE)
        assert [name for name, _, _ in lines] == [m.key for m in resource.children]
        for (_, arguments, returns), method in zip(lines, resource.children, strict=True):
            assert returns == method.signature
            for parameter in method.children:
                if "." not in parameter.key:
                    optional = "" if parameter.required else "?"
                    assert f"{parameter.key}{optional}: {parameter.signature}" in arguments
    types = files["typescript/types.d.ts"]
    # Generic helpers (`Open<Known>`) are the runtime's, the same for every spec.
    declared = re.findall(r"^export (?:interface|type) (\w+)(?!<)\b", types, re.MULTILINE)
    assert sorted(declared) == sorted(m.key for m in _models(surface))
    for model in _models(surface):
        for member in model.children:
            if model.signature == "interface":
                optional = "" if member.required else "?"
                key = member.key if re.fullmatch(r"[\w$]+", member.key) else f"'{member.key}'"
                assert f"  {key}{optional}: {member.signature};" in types


def test_php_surface_is_the_rendered_package(rendered: tuple[dict, dict]) -> None:
    symbols, files = rendered
    surface = symbols["php"]
    client = files["php/src/ApiClient.php"]
    resources = _resources(surface)
    assert sorted(re.findall(r"public readonly (\w+) \$(\w+);", client)) == sorted(
        (r.signature, r.key) for r in resources
    )
    for resource in resources:
        source = (
            files.get(f"php/src/Resources/{resource.signature}.php")
            or files[f"php/src/{resource.signature}.php"]
        )
        methods = re.findall(r"public function (\w+)\((.*)\): (\S+)$", source, re.MULTILINE)
        # withRawResponse() is the runtime's, the same for every spec.
        methods = [m for m in methods if m[0] not in ("__construct", "withRawResponse")]
        assert [name for name, _, _ in methods] == [m.key for m in resource.children]
        for (_, parameters, returns), method in zip(methods, resource.children, strict=True):
            assert returns == method.signature
            for parameter in method.children:
                if "." in parameter.key:
                    variable, key = parameter.key.split(".", 1)
                    optional = "" if parameter.required else "?"
                    assert re.search(
                        rf"@param array\{{.*\b{re.escape(key)}{re.escape(optional)}: "
                        rf"{re.escape(parameter.signature)}[,}}].*\$" + variable,
                        source,
                    ), parameter
                else:
                    assert f"{parameter.signature} ${parameter.key}" in parameters
    models = sorted(Path(path).stem for path in files if path.startswith("php/src/Models/"))
    assert models == sorted(m.key for m in _models(surface))
    for model in _models(surface):
        source = files[f"php/src/Models/{model.key}.php"]
        for field in model.children:
            default = "" if field.required else " = null"
            assert f"public readonly {field.signature} ${field.key}{default}," in source
