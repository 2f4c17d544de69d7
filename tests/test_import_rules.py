"""Import rules of our packages (part of `make lint`):

- no import cycle among the modules of `protocol_codegen`, counting imports inside functions
  too (so that none can hide a cycle);
- no module imports or reads (`module._name`, `getattr(module, "_name")`) a `_`-prefixed name
  of another top-level package.
"""

from __future__ import annotations

import ast
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
PACKAGES = frozenset(p.name for p in SCRIPTS.iterdir() if (p / "__init__.py").is_file())


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SCRIPTS).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {
    _module_name(path): path for package in PACKAGES for path in (SCRIPTS / package).rglob("*.py")
}


def _imports(name: str, tree: ast.Module) -> list[tuple[str, str | None, int]]:
    """(module, imported name or None, line) of every import in `name`'s tree, anywhere in it."""
    package = name if MODULES.get(name, Path()).name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            found += [(target, alias.name, node.lineno) for alias in node.names]
    return found


def _tree(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text(encoding="utf-8"))


def _dependencies(name: str) -> set[str]:
    """Our modules that `name` imports: a submodule when the name imported is one."""
    found = set()
    for target, imported, _ in _imports(name, _tree(name)):
        submodule = f"{target}.{imported}" if imported else ""
        if submodule in MODULES:
            found.add(submodule)
        elif target in MODULES:
            found.add(target)
    found.discard(name)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module] & graph.keys()):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def _private_uses(name: str, tree: ast.Module) -> list[str]:
    """Where module `name` imports or reads a `_` name of another of our packages."""
    top = name.split(".")[0]
    found = []
    ours: dict[str, str] = {}  # local name -> the module of another package it comes from
    for target, imported, line in _imports(name, tree):
        other = target.split(".")[0]
        if other not in PACKAGES or other == top:
            continue
        if imported is not None and _private(imported):
            found.append(f"{name}:{line} imports {target}.{imported}")
        ours[imported or other] = target
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            owner, attribute = node.value.id, node.attr
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Name)
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            owner, attribute = node.args[0].id, node.args[1].value
        else:
            continue
        if owner in ours and _private(attribute):
            found.append(f"{name}:{node.lineno} reads {owner}.{attribute}")
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_protocol_codegen_has_no_import_cycle() -> None:
    modules = [m for m in MODULES if m.split(".")[0] == "protocol_codegen"]
    assert _cycles({m: _dependencies(m) for m in modules}) == []


def test_the_cycle_check_sees_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_module_uses_another_packages_private_names() -> None:
    assert [use for name in sorted(MODULES) for use in _private_uses(name, _tree(name))] == []


def test_the_private_name_check_sees_imports_reads_and_getattr() -> None:
    source = (
        "from protocol_codegen.targets import python\n"
        "from protocol_codegen.targets.python import _operation\n"
        "python._resource_view\n"
        "getattr(python, '_type_names')\n"
    )
    uses = _private_uses("protocol_review.example", ast.parse(source))
    assert [use.split(" ", 1)[1] for use in uses] == [
        "imports protocol_codegen.targets.python._operation",
        "reads python._resource_view",
        "reads python._type_names",
    ]
