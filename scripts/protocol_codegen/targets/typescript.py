"""The TypeScript target: `generated/typescript/`, the npm package `@example/protocol-api`.

What ships is plain ES-module JavaScript (`.js`, with JSDoc) plus TypeScript declarations
(`.d.ts`), both rendered from `templates/typescript/`. Node 20 imports it as it is, with no build
step on the user's side and none in `make generate` (no compiler in the generation path, so it
stays fast and byte-for-byte deterministic). The tests type-check the declarations and the
JavaScript together with the pinned `tsc --strict`.

This module turns the neutral model into a TypeScript view (type expressions, signatures,
request descriptions, doc comments) so that the templates only loop and substitute.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from protocol_codegen.policy import ERROR_POLICY, RETRY_POLICY
from protocol_codegen.reading import read_models
from protocol_codegen.targets._jinja import environment, header
from protocol_codegen.targets._text import doc_block, one_line
from protocol_spec import naming
from protocol_spec.model import Api, Body, Model, Operation, Parameter, Resource, TypeRef

__all__ = [
    "ERROR_SUFFIX",
    "PACKAGE_NAME",
    "ROOT",
    "STATIC_FILES",
    "TsDeclaration",
    "TsOperation",
    "TsResource",
    "method_name",
    "object_key",
    "render",
    "resource_property",
    "string_literal",
]

ROOT = "typescript"
PACKAGE_NAME = "@example/protocol-api"

# Each runtime adds its own suffix to the error classes of ERROR_POLICY.
ERROR_SUFFIX = "Error"

# Hand-written runtime: rendered as is, only the header changes.
STATIC_FILES = (
    "core.d.ts",
    "core.js",
    "errors.d.ts",
    "errors.js",
    "index.d.ts",
    "index.js",
    "pagination.d.ts",
    "pagination.js",
    "response.d.ts",
    "response.js",
)

_PRIMITIVES = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean"}

# Type names that would shadow a global a declaration file needs (`Error` in particular).
_GLOBAL_TYPE_NAMES = frozenset(
    {"Array", "Boolean", "Date", "Error", "Function", "Map", "Number", "Object", "Promise"}
    | {"Record", "Set", "String", "Symbol", "Headers", "Page", "PagePromise", "Open"}
    | {"APIPromise", "RawResponse"}
)
_RESERVED_WORD_LIST = (
    "break case catch class const continue debugger default delete do else enum export "
    "extends false finally for function if import in instanceof new null return super switch "
    "this throw true try typeof var void while with yield let static implements interface "
    "package private protected public await arguments eval options params body"
)
_RESERVED_WORDS = frozenset(_RESERVED_WORD_LIST.split())
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


@dataclass(frozen=True)
class TsDeclaration:
    """An interface or a type alias with its doc comment, as the lines to print."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class TsOperation:
    name: str
    doc: str  # JSDoc for the declaration file
    js_doc: str  # JSDoc for the JavaScript implementation (adds @param types)
    js_params: str
    signature: str  # parameters and return type, for the declaration
    call: str  # `request` or `requestPage`
    request_fields: tuple[str, ...]
    extra_args: tuple[str, ...]  # what follows the request object in the call, options last


@dataclass(frozen=True)
class TsResource:
    module: str  # file stem under resources/
    class_name: str
    property: str  # attribute on the client
    doc: str
    js_property_doc: str  # the same, indented for the client's constructor
    dts_property_doc: str  # the same, indented for the client's declaration
    type_imports: str
    operations: tuple[TsOperation, ...]


def render(api: Api) -> dict[str, str]:
    env = environment(ROOT)
    names = _type_names(api)
    resources = [_resource_view(resource, names) for resource in api.resources]

    def template(template_name: str, **context: object) -> str:
        source = f"templates/{ROOT}/{template_name}.jinja"
        comment = "//" if template_name.endswith((".js", ".ts")) else ""
        text = header(api.source, source, comment).lstrip()
        return env.get_template(f"{template_name}.jinja").render(
            header=text,
            policy=RETRY_POLICY,
            errors=ERROR_POLICY,
            error_suffix=ERROR_SUFFIX,
            **context,
        )

    files = {f"{ROOT}/{name}": template(name) for name in STATIC_FILES}
    from protocol_codegen.targets._readme import readme_view, reflow  # it imports this module

    files[f"{ROOT}/README.md"] = reflow(
        env.get_template("README.md.jinja").render(
            header=header(api.source, f"templates/{ROOT}/README.md.jinja", comment="").strip(),
            readme=readme_view(api, "javascript"),
            package=PACKAGE_NAME,
            first_resource=resource_property(api.resources[0]) if api.resources else "resource",
        )
    )
    files[f"{ROOT}/package.json"] = template(
        "package.json",
        name=json.dumps(PACKAGE_NAME),
        version=json.dumps(api.version),
        description=json.dumps(f"{api.title} client for JavaScript and TypeScript"),
    )
    files[f"{ROOT}/types.d.ts"] = template("types.d.ts", declarations=_declarations(api, names))
    client_context = {
        "client_class": api.settings.client_class,
        "client_doc": doc_block([api.title, "", api.description], indent=""),
        "resources": resources,
        "settings": _object_literal(
            {
                "defaultBaseUrl": api.default_base_url,
                "baseUrlEnv": api.settings.base_url_env,
                "tokenEnv": api.settings.token_env,
                "userAgent": f"protocol-api-js/{api.version}",
            }
        ),
        "token_env": api.settings.token_env,
        "base_url_env": api.settings.base_url_env,
    }
    files[f"{ROOT}/client.js"] = template("client.js", **client_context)
    files[f"{ROOT}/client.d.ts"] = template("client.d.ts", **client_context)
    for resource in resources:
        for suffix in ("js", "d.ts"):
            path = f"{ROOT}/resources/{resource.module}.{suffix}"
            files[path] = template(f"resources/resource.{suffix}", resource=resource)
    return dict(sorted(files.items()))


# -- types -----------------------------------------------------------------------------------


def _type_names(api: Api) -> dict[str, str]:
    """Model and enum names as TypeScript declares them (globals such as `Error` get a suffix)."""
    names = [model.name for model in api.models] + [enum.name for enum in api.enums]
    return {name: f"{name}Object" if name in _GLOBAL_TYPE_NAMES else name for name in names}


def _type(type_ref: TypeRef, names: dict[str, str], *, read: bool = False) -> str:
    """The TypeScript type of a neutral type; `| null` only when the spec says nullable.

    `read`: the type of something the client reads, whose enums are `Open<...>` (a newer
    server may send a value this version does not list)."""
    if type_ref.kind in _PRIMITIVES:
        text = _PRIMITIVES[type_ref.kind]
    elif type_ref.kind == "array" and type_ref.items is not None:
        text = f"Array<{_type(type_ref.items, names, read=read)}>"
    elif type_ref.kind == "enum" and read:
        known = names[type_ref.name] if type_ref.name else _enum_union(type_ref.values)
        text = f"Open<{known}>"
    elif type_ref.kind in ("model", "enum") and type_ref.name is not None:
        text = names[type_ref.name]
    elif type_ref.kind == "enum":
        text = _enum_union(type_ref.values)
    elif type_ref.kind == "object":
        text = "Record<string, unknown>"
    else:
        text = "unknown"
    return f"{text} | null" if type_ref.nullable else text


def _enum_union(values: tuple[str, ...]) -> str:
    return " | ".join(_string(value) for value in values)


def _declarations(api: Api, names: dict[str, str]) -> list[TsDeclaration]:
    declarations = [
        _declaration(
            "A string enum a newer server may extend: the values this version knows, or any "
            "other string.",
            "export type Open<Known extends string> = Known | (string & {});",
        ),
    ]
    declarations += [
        _declaration(
            enum.description,
            f"export type {names[enum.name]} = "
            + " | ".join(_string(value) for value in enum.values)
            + ";",
        )
        for enum in api.enums
    ]
    readers = read_models(api)
    declarations += [_interface(model, names, model.name in readers) for model in api.models]
    for resource in api.resources:
        for op in resource.operations:
            if op.query_params:
                declarations.append(_params_interface(op, names))
            if op.body is not None and op.body.model is None:
                declarations.append(_body_interface(op, op.body, names))
    return declarations


def _interface(model: Model, names: dict[str, str], read: bool) -> TsDeclaration:
    members = tuple(
        _member(f.name, f.required, f.type, f.description, names, read=read) for f in model.fields
    )
    doc = model.description
    if read:
        doc += (
            "\n\nA newer server may send attributes this version does not declare; they are"
            "\nkept on the object as received."
        )
    return _declaration(doc.strip(), f"export interface {names[model.name]} {{", *members, "}")


def _params_interface(op: Operation, names: dict[str, str]) -> TsDeclaration:
    members = tuple(
        _member(p.name, p.required, p.type, _param_doc(p), names) for p in op.query_params
    )
    doc = f"Query parameters of `{op.operation_id}`."
    return _declaration(doc, f"export interface {_params_type(op)} {{", *members, "}")


def _body_interface(op: Operation, body: Body, names: dict[str, str]) -> TsDeclaration:
    members = tuple(_member(f.name, f.required, f.type, f.description, names) for f in body.fields)
    doc = f"Request body of `{op.operation_id}`."
    return _declaration(doc, f"export interface {_body_type(op, names)} {{", *members, "}")


def _declaration(doc: str, *lines: str) -> TsDeclaration:
    comment = doc_block([doc], indent="")
    return TsDeclaration(tuple([comment, *lines] if comment else lines))


def _member(
    name: str,
    required: bool,
    type_ref: TypeRef,
    doc: str,
    names: dict[str, str],
    *,
    read: bool = False,
) -> str:
    """One interface member with its doc comment: optional (`?`) and nullable stay apart."""
    key = object_key(name)
    declaration = f"  {key}{'' if required else '?'}: {_type(type_ref, names, read=read)};"
    comment = doc_block([doc], indent="  ")
    return f"{comment}\n{declaration}" if comment else declaration


def _param_doc(param: Parameter) -> str:
    default = f"\n\nDefault: `{json.dumps(param.default)}`." if param.has_default else ""
    return param.description + default


def _params_type(op: Operation) -> str:
    return naming.pascal(op.operation_id) + "Params"


def _body_type(op: Operation, names: dict[str, str]) -> str:
    assert op.body is not None
    if op.body.model is not None:
        return names[op.body.model]
    return naming.pascal(op.operation_id) + "Body"


# -- resources -------------------------------------------------------------------------------


def _resource_view(resource: Resource, names: dict[str, str]) -> TsResource:
    operations = tuple(_operation(op, names) for op in resource.operations)
    used = sorted({name for op in resource.operations for name in _types_used(op, names)})
    return TsResource(
        module=resource.identifier,
        class_name=resource.class_name,
        property=resource_property(resource),
        doc=doc_block([resource.description or resource.name], indent=""),
        js_property_doc=doc_block([resource.description or resource.name], indent="    "),
        dts_property_doc=doc_block([resource.description or resource.name], indent="  "),
        type_imports=", ".join(used),
        operations=operations,
    )


def _operation(op: Operation, names: dict[str, str]) -> TsOperation:
    path_names = [_identifier(naming.camel(p.identifier)) for p in op.path_params]
    params: list[tuple[str, str, str]] = []  # (JavaScript, declaration, JSDoc @param)
    params += [(name, f"{name}: string", f"{{string}} {name}") for name in path_names]
    if op.query_params:
        params_type = _params_type(op)
        if any(p.required for p in op.query_params):
            params.append(("params", f"params: {params_type}", f"{{{params_type}}} params"))
        else:
            params.append(("params = {}", f"params?: {params_type}", f"{{{params_type}}} [params]"))
    if op.body is not None:
        body_type = _body_type(op, names)
        if op.body.required:
            params.append(("body", f"body: {body_type}", f"{{{body_type}}} body"))
        else:
            params.append(("body", f"body?: {body_type}", f"{{{body_type}}} [body]"))
    params.append(("options", "options?: RequestOptions", "{RequestOptions} [options]"))

    path = op.path
    for p, name in zip(op.path_params, path_names, strict=True):
        path = path.replace("{" + p.name + "}", "${encodeURIComponent(" + name + ")}")
    path_literal = f"`{path}`" if op.path_params else _string(path)
    fields = [f"method: {_string(op.http_method)}", f"path: {path_literal}"]
    if op.query_params:
        fields.append("query: params")
    if op.body is not None:
        fields.append("body")
    fields.append(f"retrySafe: {'true' if op.retry_safe else 'false'}")
    if op.idempotency_key is not None:
        fields.append(f"idempotencyHeader: {_string(op.idempotency_key.name)}")

    if op.pagination is not None:
        item = _type(op.pagination.item, names)
        returns = f"PagePromise<{item}>"
        call = "requestPage"
        page = op.pagination
        before = _string(page.before_param) if page.before_param is not None else "null"
        pagination = (
            f"{{ itemsField: {_string(page.items_field)}, hasMoreField: "
            f"{_string(page.has_more_field)}, afterParam: {_string(page.after_param)}, "
            f"beforeParam: {before}, cursorField: {_string(page.cursor_field)} }}"
        )
        extra_args: tuple[str, ...] = (pagination, "options")
    else:
        returns = f"APIPromise<{_type(op.result, names) if op.result is not None else 'void'}>"
        call = "request"
        extra_args = ("options",)

    lines = [op.summary or op.operation_id]
    if op.description:
        lines += ["", op.description]
    documented = [(name, p.description) for name, p in zip(path_names, op.path_params, strict=True)]
    tags = [f"@param {name} {one_line(text)}" for name, text in documented if text]
    js_tags = [f"@param {js_doc}" for _, _, js_doc in params]
    js_tags.append(f"@returns {{{returns}}}")
    name = method_name(op)
    return TsOperation(
        name=name,
        doc=doc_block([*lines, *([""] if tags else []), *tags], indent="  "),
        js_doc=doc_block([*lines, "", *js_tags], indent="  "),
        js_params=", ".join(js for js, _, _ in params),
        signature="(" + ", ".join(decl for _, decl, _ in params) + f"): {returns}",
        call=call,
        request_fields=tuple(fields),
        extra_args=extra_args,
    )


def _types_used(op: Operation, names: dict[str, str]) -> set[str]:
    used = {"RequestOptions"}
    if op.query_params:
        used.add(_params_type(op))
    if op.body is not None:
        used.add(_body_type(op, names))
    types = [op.pagination.item] if op.pagination is not None else []
    types += [op.result] if op.result is not None and op.pagination is None else []
    while types:
        type_ref = types.pop()
        if type_ref.name is not None and type_ref.kind in ("model", "enum"):
            used.add(names[type_ref.name])
        if type_ref.items is not None:
            types.append(type_ref.items)
    used.add("PagePromise" if op.pagination is not None else "APIPromise")
    return used


# -- names (also what the samples renderer, `protocol_codegen.samples`, calls) ---------------


def resource_property(resource: Resource) -> str:
    """The resource's property on the client: `client.<this>`."""
    return _member_name(naming.camel(resource.identifier))


def method_name(op: Operation) -> str:
    """The operation's method on its resource: `client.things.<this>(...)`."""
    return _member_name(naming.camel(op.method_name))


def object_key(name: str) -> str:
    """A wire name as the key of an object literal or interface member (quoted if it must be)."""
    return name if _IDENTIFIER.match(name) else _string(name)


def string_literal(value: str) -> str:
    """A single-quoted JavaScript string literal."""
    return _string(value)


# -- text ------------------------------------------------------------------------------------


def _member_name(name: str) -> str:
    """Methods and properties may be reserved words (`client.things.delete`)."""
    return name if _IDENTIFIER.match(name) else f"_{name}"


def _identifier(name: str) -> str:
    """Parameters may not."""
    return f"{name}_" if name in _RESERVED_WORDS or not _IDENTIFIER.match(name) else name


def _string(value: str) -> str:
    """A single-quoted JavaScript string literal."""
    escaped = json.dumps(value)[1:-1].replace("'", "\\'").replace('\\"', '"')
    return f"'{escaped}'"


def _object_literal(values: dict[str, str]) -> str:
    return "{ " + ", ".join(f"{key}: {_string(value)}" for key, value in values.items()) + " }"
