"""Static checks as tests, so `make test` (and `make lint`) fails on code that ruff or mypy
--strict rejects, and on code that breaks the rules of how our packages fit together:

- No import cycle among our modules: an import at module level and one inside a function both
  count (a function-level import only hides a cycle until the function runs), and so does one
  under `if TYPE_CHECKING:` (the dependency is there for the reader either way).
- No module imports or reads a `_`-prefixed name of another top-level package: in an import
  (`from protocol_codegen.targets.python import _operation`, `import protocol_x._private`), an
  attribute read through a name imported from that package (`python._operation(...)`), or a
  `getattr` with a literal name. Dunder names (`__version__`) are public. A private attribute read
  through a local variable (`api._cache`) is not seen: that would take type inference.
- Each package's exceptions derive from one root class of that package (checked on the imported
  classes; the other rules read the source with `ast`).
- Every module has a literal `__all__` that lists exactly the public names it defines: every
  function, class and assigned name without a leading underscore (type variables aside), and no
  name it does not define (a package's `__init__.py` may re-export what its modules define).

Each finding is one line, `file:line: what; fix: what to do`, so a failing test lists every
offender at once.
"""

from __future__ import annotations

import ast
import functools
import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHECKS = {
    "ruff-check": ["-m", "ruff", "check", "scripts", "tests"],
    "ruff-format": ["-m", "ruff", "format", "--check", "scripts", "tests"],
    "mypy-tools": [
        "-m",
        "mypy",
        "--strict",
        "scripts/protocol_codegen",
        "scripts/protocol_server",
        "scripts/protocol_conformance",
        "scripts/protocol_spec",
        "scripts/protocol_review",
        "scripts/protocol_bench",
    ],
    "mypy-generated-python": ["-m", "mypy", "--strict", "generated/python/protocol_api"],
    # The golden tree of the two-resource fixture is generated code too.
    "mypy-golden-python": [
        "-m",
        "mypy",
        "--strict",
        "tests/golden/two_resources/python/protocol_api",
    ],
}


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_static_check_passes(name: str) -> None:
    result = subprocess.run(
        [sys.executable, *CHECKS[name]], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{name} failed:\n{result.stdout}\n{result.stderr}"


# -- how our packages import each other ----------------------------------------------------------


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


@dataclass(frozen=True)
class Import:
    """One imported name: `target` is the module it resolves to, `name` what is taken from it
    (None for `import target`)."""

    target: str
    name: str | None
    alias: str  # the name bound in the importing module
    line: int
    top_level: bool  # at module level, not inside a function or class


@dataclass
class Module:
    name: str  # dotted: protocol_codegen.targets.python
    path: Path
    display: str  # the path as findings print it
    tree: ast.Module
    imports: list[Import] = field(default_factory=list)

    @property
    def package(self) -> str:
        return self.name.split(".")[0]

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"

    def exports(self) -> tuple[list[str], int] | None:
        """The literal `__all__` of the module and its line, None when it has none."""
        for node in self.tree.body:
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                assert node.value is not None
                value = ast.literal_eval(node.value)
                return [str(name) for name in value], node.lineno
        return None

    def public_names(self) -> dict[str, int]:
        """Names without a leading `_` that the module defines at top level, with their line:
        functions, classes and assigned names (constants, type aliases). Imports are left out,
        and so are type variables (`T = TypeVar("T")`: a spelling aid, not something to use)."""
        names: dict[str, int] = {}
        for node in _top_level(self.tree.body):
            found: Iterable[str] = ()
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                found = [node.name]
            elif isinstance(node, ast.Assign) and not _type_variable(node.value):
                found = [name for target in node.targets for name in _assigned(target)]
            elif isinstance(node, ast.AnnAssign | ast.AugAssign):
                found = _assigned(node.target)
            for name in found:
                if not name.startswith("_"):
                    names.setdefault(name, node.lineno)
        return names

    def bound_names(self) -> set[str]:
        """Every name the module binds at top level, imports included."""
        imported = {i.alias for i in self.imports if i.top_level}
        assigned = {
            name
            for node in _top_level(self.tree.body)
            if isinstance(node, ast.Assign)
            for target in node.targets
            for name in _assigned(target)
        }
        return imported | assigned | set(self.public_names())


def _type_variable(value: ast.expr) -> bool:
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id in ("TypeVar", "ParamSpec", "TypeVarTuple")
    )


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a module body, looking into `if`/`try` blocks (definitions made there
    are still top-level), but not into `if __name__ == "__main__":`."""
    for node in body:
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            continue  # what a script does when run: not part of the module
        if isinstance(node, ast.If):
            yield from _top_level(node.body)
            yield from _top_level(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _top_level(block)
            for handler in node.handlers:
                yield from _top_level(handler.body)
        else:
            yield node


def _assigned(target: ast.expr) -> Iterator[str]:
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:
            yield from _assigned(element)


def modules_under(scripts: Path, root: Path) -> dict[str, Module]:
    """Every module of every package (a folder with `__init__.py`) directly under `scripts`."""
    modules: dict[str, Module] = {}
    for init in sorted(scripts.glob("*/__init__.py")):
        for path in sorted(init.parent.rglob("*.py")):
            parts = path.relative_to(scripts).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            display = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
            modules[name] = Module(name, path, display, tree)
    for module in modules.values():
        module.imports = list(_imports(module, modules))
    return modules


def _imports(module: Module, modules: dict[str, Module]) -> Iterator[Import]:
    """Every import statement of the module, at any depth, resolved to our module names where it
    names one of ours."""
    top_level = {id(node) for node in _top_level(module.tree.body)}
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                yield Import(alias.name, None, bound, node.lineno, id(node) in top_level)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                bound = alias.asname or alias.name
                outer = id(node) in top_level
                if submodule in modules:
                    yield Import(submodule, None, bound, node.lineno, outer)
                else:
                    yield Import(base, alias.name, bound, node.lineno, outer)


def _absolute(module: Module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = module.name.split(".")
    package = parts if module.is_package else parts[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


# -- import cycles ------------------------------------------------------------------------------


def import_cycles(modules: dict[str, Module]) -> list[str]:
    """One finding per import cycle (a strongly connected group of modules), naming each import
    that closes the loop."""
    edges: dict[str, dict[str, int]] = {name: {} for name in modules}
    for module in modules.values():
        for imported in module.imports:
            if imported.target in modules and imported.target != module.name:
                edges[module.name].setdefault(imported.target, imported.line)
    findings = []
    for group in _strongly_connected(edges):
        if len(group) < 2:
            continue
        members = set(group)
        steps = [
            f"{modules[source].display}:{line} imports {target}"
            for source in sorted(members)
            for target, line in sorted(edges[source].items())
            if target in members
        ]
        findings.append(
            f"import cycle among {', '.join(sorted(members))}: "
            + "; ".join(steps)
            + "; fix: move what both sides need into a module that imports neither, or pass it "
            "in from the caller, so the imports run one way"
        )
    return findings


def _strongly_connected(edges: dict[str, dict[str, int]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively (no recursion limit on deep graphs)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
    return groups


# -- private names of another package ----------------------------------------------------------


def private_reads(modules: dict[str, Module]) -> list[str]:
    """One finding per import or read of a `_`-prefixed name of another top-level package."""
    packages = {module.package for module in modules.values()}
    findings = []
    for module in sorted(modules.values(), key=lambda m: m.display):
        # Walk order is not line order: sort each module's findings by line.
        found = _private_reads(module, packages)
        findings.extend(sorted(found, key=lambda text: int(text.split(":")[1])))
    return findings


def _private_reads(module: Module, packages: set[str]) -> Iterable[str]:
    foreign: dict[str, str] = {}  # a bound name -> what it is, for names from other packages
    for imported in module.imports:
        top = imported.target.split(".")[0]
        if top not in packages or top == module.package:
            continue
        dotted = imported.target + (f".{imported.name}" if imported.name else "")
        private = [part for part in dotted.split(".") if _private(part)]
        if private:
            yield _finding(module, imported.line, f"imports {dotted}", private[0], top)
        foreign[imported.alias] = dotted if imported.name or imported.alias != top else top
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            root = _root_name(node.value)
            if root in foreign:
                package = foreign[root].split(".")[0]
                what = f"reads {ast.unparse(node)} ({root} is {foreign[root]})"
                yield _finding(module, node.lineno, what, node.attr, package)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr", "setattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and _private(node.args[1].value)
        ):
            root = _root_name(node.args[0])
            if root in foreign:
                package = foreign[root].split(".")[0]
                what = f"reads {ast.unparse(node)}"
                yield _finding(module, node.lineno, what, node.args[1].value, package)


# -- exact __all__ ------------------------------------------------------------------------------


def export_mismatches(modules: dict[str, Module]) -> list[str]:
    """One finding per module without a literal `__all__`, and per name its `__all__` leaves out
    (a public name the module defines) or lists wrongly (a name it does not bind, an imported
    name outside a package's `__init__.py`, a repeat)."""
    findings = []
    for module in sorted(modules.values(), key=lambda m: m.display):
        defined = module.public_names()
        exported = module.exports()
        if exported is None:
            names = ", ".join(f'"{name}"' for name in sorted(defined))
            findings.append(
                f"{module.display}:1: no __all__; fix: add `__all__ = [{names}]` (names only this "
                "module uses get a leading underscore instead)"
            )
            continue
        listed, line = exported
        for name in sorted(set(defined) - set(listed)):
            findings.append(
                f"{module.display}:{defined[name]}: `{name}` is public but not in __all__ "
                f"(line {line}); fix: list it if other modules use it or it is meant as API, "
                f"else rename it `_{name}`"
            )
        bound = module.bound_names()
        for name in sorted(set(listed) - set(defined)):
            if name not in bound:
                problem = "is not defined there"
            elif not module.is_package:
                problem = "is imported, not defined there"
            else:
                continue  # a package re-exports what its modules define
            findings.append(
                f"{module.display}:{line}: __all__ lists `{name}`, which {problem}; fix: drop it "
                "(import it from the module that defines it)"
            )
        for name in sorted({name for name in listed if listed.count(name) > 1}):
            findings.append(f"{module.display}:{line}: __all__ lists `{name}` twice; fix: once")
    return findings


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _finding(module: Module, line: int, what: str, private: str, package: str) -> str:
    return (
        f"{module.display}:{line}: {what}: `{private}` is private to {package}; fix: make it "
        f"public in {package} (no leading underscore, listed in its module's __all__) if "
        f"{module.package} may rely on it, or compute what is needed in {module.package}"
    )


SCRIPTS = ROOT / "scripts"


@functools.cache
def _our_modules() -> dict[str, Module]:
    return modules_under(SCRIPTS, ROOT)


def test_no_import_cycle_among_our_modules() -> None:
    findings = import_cycles(_our_modules())
    assert not findings, "\n".join(findings)


def test_no_module_reads_a_private_name_of_another_package() -> None:
    findings = private_reads(_our_modules())
    assert not findings, "\n".join(findings)


def test_every_module_has_an_exact_all() -> None:
    findings = export_mismatches(_our_modules())
    assert not findings, "\n".join(findings)


def _toy_tree(tmp_path: Path, files: dict[str, str]) -> dict[str, Module]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return modules_under(tmp_path, tmp_path)


def test_the_cycle_rule_sees_function_level_and_relative_imports(tmp_path: Path) -> None:
    modules = _toy_tree(
        tmp_path,
        {
            "alpha/__init__.py": "",
            "alpha/one.py": "from .two import helper\n",
            "alpha/two.py": "def helper():\n    from alpha import one\n",
            "alpha/three.py": "import alpha.one\n",  # into the cycle, not part of it
        },
    )
    findings = import_cycles(modules)
    assert len(findings) == 1, findings
    assert "alpha.one, alpha.two" in findings[0]
    assert "alpha/one.py:1 imports alpha.two" in findings[0]
    assert "alpha/two.py:2 imports alpha.one" in findings[0]
    assert "alpha.three" not in findings[0]


def test_the_private_rule_sees_imports_attributes_and_getattr(tmp_path: Path) -> None:
    modules = _toy_tree(
        tmp_path,
        {
            "lower/__init__.py": "",
            "lower/_hidden.py": "VALUE = 1\n",
            "lower/shape.py": "_secret = 1\npublic = 2\n",
            "upper/__init__.py": "",
            "upper/use.py": (
                "from lower.shape import _secret, public\n"  # line 1
                "from lower import shape\n"
                "import lower._hidden\n"  # line 3
                "x = shape._secret\n"  # line 4
                "y = getattr(shape, '_secret')\n"  # line 5
                "z = shape.public, shape.__name__\n"
            ),
            "lower/inside.py": "from lower.shape import _secret\n",  # its own package: fine
        },
    )
    findings = sorted(private_reads(modules))
    assert [finding.split(": ")[0] for finding in findings] == [
        "upper/use.py:1",
        "upper/use.py:3",
        "upper/use.py:4",
        "upper/use.py:5",
    ], findings
    assert all("private to lower; fix: make it public" in finding for finding in findings)


def test_the_all_rule_sees_missing_wrong_and_absent_names(tmp_path: Path) -> None:
    modules = _toy_tree(
        tmp_path,
        {
            "pkg/__init__.py": 'from pkg.exact import Shape\n\n__all__ = ["Shape"]\n',
            "pkg/exact.py": (
                "from typing import TypeVar\n\n"
                'from pkg.other import helper\n\n__all__ = ["Shape", "LIMIT"]\n'
                'T = TypeVar("T")\nLIMIT = 3\n_hidden = 1\nclass Shape: ...\n'
                'if __name__ == "__main__":\n    result = 1\n'
            ),
            "pkg/other.py": (
                'from pkg.exact import LIMIT\n\n__all__ = ["helper", "LIMIT", "gone", "helper"]\n'
                "def helper(): ...\ndef forgotten(): ...\n"
            ),
            "pkg/bare.py": "def run(): ...\n",
        },
    )
    findings = export_mismatches(modules)
    assert [finding.split("; fix: ")[0] for finding in findings] == [
        "pkg/bare.py:1: no __all__",
        "pkg/other.py:5: `forgotten` is public but not in __all__ (line 3)",
        "pkg/other.py:3: __all__ lists `LIMIT`, which is imported, not defined there",
        "pkg/other.py:3: __all__ lists `gone`, which is not defined there",
        "pkg/other.py:3: __all__ lists `helper` twice",
    ], findings
    assert 'add `__all__ = ["run"]`' in findings[0]
    assert "else rename it `_forgotten`" in findings[1]


# -- one root exception per package -------------------------------------------------------------


# Run in a child process: importing every module registers schemathesis hooks and checks, which
# must not leak into the tests that share this process.
_ROOT_EXCEPTIONS = """
import importlib, inspect, json, sys
roots = {}
for name, display in json.loads(sys.argv[1]):
    package = name.split(".")[0]
    loaded = importlib.import_module(name)
    for value in vars(loaded).values():
        if not (isinstance(value, type) and issubclass(value, BaseException)):
            continue
        if value.__module__ != name:
            continue  # imported: counted where it is defined
        if not issubclass(value, Exception):
            continue  # a signal that must pass `except Exception` (like KeyboardInterrupt)
        if not any(base.__module__.split(".")[0] == package for base in value.__mro__[1:]):
            line = inspect.getsourcelines(value)[1]
            roots.setdefault(package, []).append(f"{display}:{line} {value.__name__}")
print(json.dumps(roots))
"""


def test_each_package_has_one_root_exception() -> None:
    """Every exception class a package defines derives from one class of that package, so a
    caller can catch everything the package raises at once (builtin bases may come beside it)."""
    importable = [
        (name, module.display)
        for name, module in sorted(_our_modules().items())
        if not name.endswith("__main__")  # running it is what importing it does
    ]
    done = subprocess.run(
        [sys.executable, "-c", _ROOT_EXCEPTIONS, json.dumps(importable)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    roots: dict[str, list[str]] = json.loads(done.stdout)
    several = {package: found for package, found in roots.items() if len(found) > 1}
    assert not several, "\n".join(
        f"{package} has {len(found)} root exceptions ({'; '.join(found)}); fix: derive all but "
        "one from that one (keep a builtin base beside it where callers catch the builtin)"
        for package, found in several.items()
    )
    assert set(roots) == {module.package for module in _our_modules().values()}, roots
