"""The public surface of each generated SDK: what a user of the package can name.

Computed from the model through the very views the targets hand to their templates
(`protocol_codegen.targets.*`: method names, signatures, type and class names, escapes of
reserved words) and, for the Python models, from datamodel-code-generator's own output. That is
exactly what `make generate` prints, without formatting or writing files, which keeps a review
well under its time budget; `tests/review/test_sdk_surface.py` checks every symbol against the
rendered files. The async Python client mirrors the sync one and is not listed twice.

Each symbol has a `key` (its name in its scope, what users type) and an `anchor` (what it is on
the wire: an operation's method and path, a parameter's or attribute's wire name), so that a
symbol whose key changed but whose anchor did not is reported as renamed.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Literal

from protocol_codegen.reading import read_models
from protocol_codegen.targets import php, python, typescript
from protocol_codegen.targets.python_models import render_models
from protocol_spec import naming
from protocol_spec.model import Api, Field, Model, Operation, Parameter, Resource

__all__ = ["LANGUAGES", "Kind", "Surface", "Symbol", "surfaces"]

Kind = Literal["resource", "method", "parameter", "model", "field"]
LANGUAGES = {"python": "Python", "typescript": "TypeScript", "php": "PHP"}
_PATH_TEMPLATE = re.compile(r"\{[^}]*\}")


@dataclass(frozen=True)
class Symbol:
    kind: Kind
    key: str  # the name in its scope: `list`, `limit`, `Conversation`
    display: str  # how a user writes it: `client.conversations.list()`
    anchor: str  # what it is on the wire, for renames ('' when nothing ties it)
    signature: str  # its type (for a method: what it returns)
    required: bool = True
    pointer: str = ""  # the spec node it comes from
    children: tuple[Symbol, ...] = field(default=())
    # The name the spec gives it in this language's style, before escapes: where it differs
    # from `key`, the generator renamed a reserved word or an invalid identifier.
    natural: str = ""


Surface = tuple[Symbol, ...]


def surfaces(api: Api) -> dict[str, Surface]:
    """Every language's surface: resources (with methods and parameters) and models."""
    return {"python": _python(api), "typescript": _typescript(api), "php": _php(api)}


def _schema_pointers(api: Api) -> dict[str, str]:
    """Model and enum name -> the schema that defines it (inline enums: their property)."""
    found = {m.name: m.pointer for m in api.models}
    for model in api.models:
        for f in model.fields:
            for type_ref in (f.type, f.type.items):
                if type_ref is not None and type_ref.kind == "enum" and type_ref.name:
                    found.setdefault(type_ref.name, f.pointer)
    for enum in api.enums:
        found.setdefault(enum.name, f"/components/schemas/{enum.name}")
    return found


def _op_anchor(op: Operation) -> str:
    return f"{op.http_method} {_PATH_TEMPLATE.sub('{}', op.path)}"


def _resource_anchor(resource: Resource) -> str:
    return " ".join(sorted(_op_anchor(op) for op in resource.operations))


def _wire_names(op: Operation) -> list[tuple[str, str, str]]:
    """(Python identifier, wire name, pointer) of every argument of `op`, in signature order
    (path, query, body); two wire names may share an identifier (lint reports that)."""
    items: list[Parameter | Field] = [
        *op.path_params,
        *op.query_params,
        *(op.body.fields if op.body else ()),
    ]
    return [(naming.python_identifier(i.name), i.name, i.pointer) for i in items]


# -- Python ----------------------------------------------------------------------------------


def _python(api: Api) -> Surface:
    symbols: list[Symbol] = []
    for resource in api.resources:
        view = python._resource_view(resource)
        owner = f"client.{view.identifier}"
        methods = []
        for op in resource.operations:
            rendered = python._operation(op, python.SYNC)
            display = f"{owner}.{rendered.name}()"
            methods.append(
                Symbol(
                    "method",
                    rendered.name,
                    display,
                    _op_anchor(op),
                    rendered.returns,
                    pointer=op.pointer,
                    children=_python_parameters(rendered.signature, _wire_names(op)),
                    natural=op.method_name,
                )
            )
        symbols.append(
            Symbol(
                "resource",
                view.identifier,
                owner,
                _resource_anchor(resource),
                view.class_name,
                pointer=resource.operations[0].pointer,
                children=tuple(methods),
                natural=resource.identifier,
            )
        )
    return (*symbols, *_python_models(api))


def _python_parameters(signature: str, wire: list[tuple[str, str, str]]) -> tuple[Symbol, ...]:
    function = ast.parse(f"def f({signature}) -> None: ...").body[0]
    assert isinstance(function, ast.FunctionDef)
    args = function.args
    defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
    listed = [(a, d) for a, d in zip(args.args, defaults, strict=True) if a.arg != "self"]
    listed += list(zip(args.kwonlyargs, args.kw_defaults, strict=True))
    result = []
    for arg, default in listed:
        annotation = ast.unparse(arg.annotation) if arg.annotation else ""
        match = next((w for w in wire if w[0] == arg.arg), None)
        if match is not None:
            wire.remove(match)  # the next argument of the same name is the next wire name
        _, name, pointer = match or (arg.arg, arg.arg, "")
        result.append(
            Symbol(
                "parameter",
                arg.arg,
                arg.arg,
                name,
                annotation.removesuffix(" | Omit"),
                required=default is None,
                pointer=pointer,
                natural=naming.snake(name),
            )
        )
    return tuple(result)


def _python_models(api: Api) -> list[Symbol]:
    text, _ = render_models(api, "")
    pointers = _schema_pointers(api)
    fields = {m.name: {f.name: f.pointer for f in m.fields} for m in api.models}
    symbols = []
    for node in ast.parse(text).body:
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {ast.unparse(base) for base in node.bases}
        enum = bool(bases & {"Enum", "StrEnum", "IntEnum"})
        members = _enum_members(node) if enum else _model_fields(node, fields.get(node.name, {}))
        symbols.append(
            Symbol(
                "model",
                node.name,
                node.name,
                "",
                "enum" if enum else "model",
                pointer=pointers.get(node.name, f"/components/schemas/{node.name}"),
                children=members,
            )
        )
    return symbols


def _enum_members(node: ast.ClassDef) -> tuple[Symbol, ...]:
    members = []
    for item in node.body:
        if isinstance(item, ast.Assign) and isinstance(item.targets[0], ast.Name):
            value = ast.unparse(item.value)
            name = item.targets[0].id
            members.append(Symbol("field", name, f"{node.name}.{name}", value, value))
    return tuple(members)


def _model_fields(node: ast.ClassDef, pointers: dict[str, str]) -> tuple[Symbol, ...]:
    members = []
    for item in node.body:
        if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
            continue
        annotation = item.annotation
        alias = item.target.id
        if isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value) == "Annotated":
            parts = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else []
            annotation = parts[0] if parts else annotation
            for meta in parts[1:]:
                if isinstance(meta, ast.Call):
                    for keyword in meta.keywords:
                        if keyword.arg == "alias" and isinstance(keyword.value, ast.Constant):
                            alias = str(keyword.value.value)
        text = ast.unparse(annotation).replace(" | MISSING", "")
        name = item.target.id
        members.append(
            Symbol(
                "field",
                name,
                f"{node.name}.{name}",
                alias,
                text,
                required=item.value is None,
                pointer=pointers.get(alias, ""),
                natural=alias,
            )
        )
    return tuple(members)


# -- TypeScript ------------------------------------------------------------------------------

_TS_MEMBER = re.compile(r"^  (?P<key>'(?:[^'\\]|\\.)*'|[\w$]+)(?P<optional>\??): (?P<type>.*);$")
_TS_HEAD = re.compile(
    r"^export (?:interface (?P<interface>\w+) \{|type (?P<alias>\w+) = (?P<union>.*);)$"
)


@dataclass(frozen=True)
class _TsType:
    name: str
    members: tuple[tuple[str, bool, str], ...]  # (key, optional, type)
    alias: str | None  # for `type X = ...`


def _ts_types(api: Api, names: dict[str, str]) -> dict[str, _TsType]:
    found = {}
    for declaration in typescript._declarations(api, names):
        code = [
            line
            for chunk in declaration.lines
            for line in chunk.splitlines()
            if not line.strip().startswith(("/**", "*", "*/"))
        ]
        head = _TS_HEAD.match(code[0])
        if head is None:
            continue
        members = []
        for line in code[1:]:
            member = _TS_MEMBER.match(line)
            if member is not None:
                key = member["key"].strip("'")
                members.append((key, member["optional"] == "?", member["type"]))
        name = head["interface"] or head["alias"]
        found[name] = _TsType(name, tuple(members), head["union"])
    return found


def _split_top(text: str, separator: str = ", ") -> list[str]:
    """Split at `separator` outside brackets and quotes."""
    parts, depth, quote, current = [], 0, "", ""
    index = 0
    while index < len(text):
        char = text[index]
        if quote:
            quote = "" if char == quote and text[index - 1] != "\\" else quote
        elif char in "'\"":
            quote = char
        elif char in "<{([":
            depth += 1
        elif char in ">})]":
            depth -= 1
        elif depth == 0 and text.startswith(separator, index):
            parts.append(current)
            current, index = "", index + len(separator)
            continue
        current += char
        index += 1
    return [*parts, current] if current or parts else []


def _typescript(api: Api) -> Surface:
    names = typescript._type_names(api)
    types = _ts_types(api, names)
    inputs: set[str] = set()
    symbols: list[Symbol] = []
    for resource in api.resources:
        view = typescript._resource_view(resource, names)
        owner = f"client.{view.property}"
        methods = []
        for op, rendered in zip(resource.operations, view.operations, strict=True):
            arguments, _, returns = rendered.signature[1:].rpartition("): ")
            wire = _wire_names(op)
            path_names = [(naming.camel(p.identifier), p.pointer) for p in op.path_params]
            children = []
            for argument in _split_top(arguments):
                name, _, type_text = argument.partition(": ")
                optional = name.endswith("?")
                name = name.rstrip("?")
                if name == "options":
                    continue  # request options: the runtime's, the same for every method
                declared = types.get(type_text)
                if declared is not None and declared.alias is None:
                    inputs.add(type_text)
                    children += [
                        Symbol(
                            "parameter",
                            f"{name}.{key}",
                            key,
                            key,
                            member_type,
                            required=not member_optional,
                            pointer=_pointer_of(wire, key),
                            natural=f"{name}.{key}",
                        )
                        for key, member_optional, member_type in declared.members
                    ]
                    continue
                natural, pointer = (
                    path_names.pop(0) if type_text == "string" and path_names else (name, "")
                )
                children.append(
                    Symbol(
                        "parameter",
                        name,
                        name,
                        name,
                        type_text,
                        required=not optional,
                        pointer=pointer,
                        natural=natural,
                    )
                )
            methods.append(
                Symbol(
                    "method",
                    rendered.name,
                    f"{owner}.{rendered.name}()",
                    _op_anchor(op),
                    returns,
                    pointer=op.pointer,
                    children=tuple(children),
                    natural=naming.camel(op.method_name),
                )
            )
        symbols.append(
            Symbol(
                "resource",
                view.property,
                owner,
                _resource_anchor(resource),
                view.class_name,
                pointer=resource.operations[0].pointer,
                children=tuple(methods),
                natural=naming.camel(resource.identifier),
            )
        )
    pointers = {names[name]: at for name, at in _schema_pointers(api).items() if name in names}
    spec_names = {typed: name for name, typed in names.items()}
    anchors: dict[str, str] = {}
    for resource in api.resources:
        for op in resource.operations:
            for role, typed in (
                ("params", typescript._params_type(op)),
                ("body", f"{naming.pascal(op.operation_id)}Body"),
            ):
                pointers.setdefault(typed, op.pointer)
                anchors.setdefault(typed, f"{role} of {_op_anchor(op)}")
    for name, declared in types.items():
        members = () if name in inputs else _ts_members(declared, api, names)
        kind = "type" if declared.alias is not None else "interface"
        symbols.append(
            Symbol(
                "model",
                name,
                name,
                anchors.get(name, ""),
                kind,
                pointer=pointers.get(name, ""),
                children=members,
                natural=spec_names.get(name, name),
            )
        )
    return tuple(symbols)


def _pointer_of(wire: list[tuple[str, str, str]], key: str) -> str:
    return next((pointer for _, name, pointer in wire if name == key), "")


def _ts_members(declared: _TsType, api: Api, names: dict[str, str]) -> tuple[Symbol, ...]:
    if declared.alias is not None:
        values = _split_top(declared.alias, " | ")
        return tuple(Symbol("field", v, f"{declared.name} {v}", v, v) for v in values)
    model = next((m for m in api.models if names[m.name] == declared.name), None)
    return tuple(
        Symbol(
            "field",
            key,
            f"{declared.name}.{key}",
            key,
            type_text,
            required=not optional,
            pointer=_field_pointer(model, key),
            natural=key,
        )
        for key, optional, type_text in declared.members
    )


def _field_pointer(model: Model | None, name: str) -> str:
    found = model.field(name) if model is not None else None
    return found.pointer if found is not None else ""


# -- PHP -------------------------------------------------------------------------------------

_PHP_SHAPE = re.compile(r"@param array\{(?P<shape>.*)\} \$(?P<var>\w+)$", re.MULTILINE)
_PHP_PROPERTY = re.compile(r"^public readonly (?P<type>\S+) \$(?P<name>\w+)(?P<default> = null)?,$")


def _php(api: Api) -> Surface:
    names = php._class_names(api)
    symbols: list[Symbol] = []
    for resource in api.resources:
        view = php._resource_view(resource, names)
        owner = f"$client->{view.property}"
        methods = []
        for op, rendered in zip(resource.operations, view.operations, strict=True):
            wire = _wire_names(op)
            shapes = {m["var"]: m["shape"] for m in _PHP_SHAPE.finditer(rendered.doc)}
            path_vars = [(naming.camel(p.identifier), p.pointer) for p in op.path_params]
            children = []
            for parameter in _split_top(rendered.parameters):
                type_text, _, rest = parameter.partition(" $")
                name, _, default = rest.partition(" = ")
                if name == "options":
                    continue
                if name in shapes:
                    for entry in _split_top(shapes[name]):
                        key, _, member_type = entry.partition(": ")
                        optional = key.endswith("?")
                        key = key.rstrip("?").strip("'")
                        children.append(
                            Symbol(
                                "parameter",
                                f"{name}.{key}",
                                f"'{key}'",
                                key,
                                member_type,
                                required=not optional,
                                pointer=_pointer_of(wire, key),
                                natural=f"{name}.{key}",
                            )
                        )
                    continue
                natural, pointer = (
                    path_vars.pop(0) if type_text == "string" and path_vars else (name, "")
                )
                children.append(
                    Symbol(
                        "parameter",
                        name,
                        f"${name}",
                        name,
                        type_text,
                        required=not default,
                        pointer=pointer,
                        natural=natural,
                    )
                )
            methods.append(
                Symbol(
                    "method",
                    rendered.name,
                    f"{owner}->{rendered.name}()",
                    _op_anchor(op),
                    rendered.return_type,
                    pointer=op.pointer,
                    children=tuple(children),
                    natural=naming.camel(op.method_name),
                )
            )
        symbols.append(
            Symbol(
                "resource",
                view.property,
                owner,
                _resource_anchor(resource),
                view.class_name,
                pointer=resource.operations[0].pointer,
                children=tuple(methods),
                natural=naming.camel(resource.identifier),
            )
        )
    readers = read_models(api)
    for model in api.models:
        rendered_model = php._model_view(model, names, model.name in readers)
        fields = []
        for line in rendered_model.properties:
            match = _PHP_PROPERTY.match(line)
            if match is None:
                continue
            wire_field = next(
                (f for f in model.fields if php._property_name(f.name) == match["name"]), None
            )
            fields.append(
                Symbol(
                    "field",
                    match["name"],
                    f"{rendered_model.class_name}->{match['name']}",
                    wire_field.name if wire_field else match["name"],
                    match["type"],
                    required=not match["default"],
                    pointer=wire_field.pointer if wire_field else "",
                    natural=wire_field.name if wire_field else match["name"],
                )
            )
        symbols.append(
            Symbol(
                "model",
                rendered_model.class_name,
                rendered_model.class_name,
                "",
                "class",
                pointer=model.pointer,
                children=tuple(fields),
                natural=model.name,
            )
        )
    return tuple(symbols)
