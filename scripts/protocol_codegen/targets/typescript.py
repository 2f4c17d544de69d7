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
from dataclasses import dataclass

from protocol_codegen.languages.typescript import (
    FILE_TYPE,
    LANGUAGE,
    body_type,
    object_key,
    parameter_name,
    params_type,
    request_parameters,
    resource_property,
    string_literal,
    type_names,
    type_text,
    webhook_event_type,
)
from protocol_codegen.policy import (
    ERROR_POLICY,
    JSON,
    MEDIA_POLICY,
    PARAMETER_STYLES,
    RETRY_POLICY,
    AuthPolicy,
    auth_policy,
    plain_path_parameter,
    request_media,
    response_media,
    sdk_operations,
    webhook_policy,
    whole_body,
)
from protocol_codegen.sdk_view import SdkMethod, SdkModel, SdkResource
from protocol_codegen.targets._jinja import environment, header
from protocol_codegen.targets._readme import readme_view, reflow
from protocol_codegen.targets._text import doc_block, one_line
from protocol_spec import naming
from protocol_spec.model import Api, Operation, Parameter, Resource

__all__ = [
    "ERROR_SUFFIX",
    "ROOT",
    "STATIC_FILES",
    "TsDeclaration",
    "TsOperation",
    "TsResource",
    "render",
]

ROOT = LANGUAGE.target

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
    path_param: bool  # some path parameter goes through core.js's `pathParam`


def render(api: Api) -> dict[str, str]:
    env = environment(ROOT)
    view = LANGUAGE.sdk_view(api)
    names = type_names(api)
    auth = auth_policy(api)
    resources = [
        _resource_view(api, resource, declared, names, auth)
        for resource, declared in zip(api.resources, view.resources, strict=True)
    ]

    def template(template_name: str, **context: object) -> str:
        source = f"templates/{ROOT}/{template_name}.jinja"
        comment = "//" if template_name.endswith((".js", ".ts")) else ""
        text = header(api.source, source, comment).lstrip()
        return env.get_template(f"{template_name}.jinja").render(
            header=text,
            policy=RETRY_POLICY,
            media=MEDIA_POLICY,
            webhooks=webhook_policy(api),
            errors=ERROR_POLICY,
            error_suffix=ERROR_SUFFIX,
            auth=auth,
            always_required=auth.always_required(api),
            styles=PARAMETER_STYLES,
            schemes=_schemes(auth),
            ts_credentials=[
                (naming.camel(argument), variable)
                for argument, variable in auth.arguments
                if argument != "token"
            ],
            **context,
        )

    files = {f"{ROOT}/{name}": template(name) for name in STATIC_FILES}
    files[f"{ROOT}/README.md"] = reflow(
        env.get_template("README.md.jinja").render(
            header=header(api.source, f"templates/{ROOT}/README.md.jinja", comment="").strip(),
            readme=readme_view(api, LANGUAGE),
            package=api.settings.npm_package,
            first_resource=resource_property(api.resources[0]) if api.resources else "resource",
        )
    )
    files[f"{ROOT}/package.json"] = template(
        "package.json",
        name=json.dumps(api.settings.npm_package),
        version=json.dumps(api.version),
        description=json.dumps(f"{api.title} client for JavaScript and TypeScript"),
    )
    declarations = _declarations(view.models)
    # The runtime's file type, imported where a model's attribute is a file.
    uploads = any(FILE_TYPE in line for d in declarations for line in d.lines)
    files[f"{ROOT}/types.d.ts"] = template(
        "types.d.ts", declarations=declarations, file_type=FILE_TYPE if uploads else ""
    )
    client_context = {
        "client_class": api.settings.client_class,
        "client_doc": doc_block([api.title, "", api.description], indent=""),
        "resources": resources,
        "settings": _object_literal(
            {
                "defaultBaseUrl": api.default_base_url,
                "baseUrlEnv": api.settings.base_url_env,
                "userAgent": f"protocol-api-js/{api.version}",
            }
        ),
        "token_env": api.settings.token_env,
        "credentials_doc": [
            f"`{naming.camel(argument)}` defaults to the {variable} environment variable"
            for argument, variable in auth.arguments
            if argument != "token"
        ],
        "base_url_env": api.settings.base_url_env,
    }
    ts_models = sorted({names.get(model, model) for model in webhook_policy(api).models})
    event = webhook_event_type(api, names)
    for suffix in ("js", "d.ts"):
        files[f"{ROOT}/webhooks.{suffix}"] = template(
            f"webhooks.{suffix}", ts_models=ts_models, webhook_event=event
        )
    files[f"{ROOT}/client.js"] = template("client.js", **client_context)
    files[f"{ROOT}/client.d.ts"] = template("client.d.ts", **client_context)
    for resource in resources:
        for suffix in ("js", "d.ts"):
            path = f"{ROOT}/resources/{resource.module}.{suffix}"
            files[path] = template(f"resources/resource.{suffix}", resource=resource)
    return dict(sorted(files.items()))


# -- declarations ----------------------------------------------------------------------------

_OPEN = "export type Open<Known extends string> = Known | (string & {});"


def _declarations(models: tuple[SdkModel, ...]) -> list[TsDeclaration]:
    """types.d.ts: the runtime's `Open`, then the SDK view's types in its order."""
    declarations = [
        _declaration(
            "A string enum a newer server may extend: the values this version knows, or any "
            "other string.",
            _OPEN,
        ),
    ]
    for model in models:
        if model.kind == "type":
            union = " | ".join(f.name for f in model.fields)
            declarations.append(
                _declaration(model.description, f"export type {model.name} = {union};")
            )
        else:
            members = tuple(
                _member(f.wire_name, f.required, f.type, f.description) for f in model.fields
            )
            head = f"export interface {model.name} {{"
            declarations.append(_declaration(model.description, head, *members, "}"))
    return declarations


def _declaration(doc: str, *lines: str) -> TsDeclaration:
    comment = doc_block([doc], indent="")
    return TsDeclaration(tuple([comment, *lines] if comment else lines))


def _member(name: str, required: bool, type_: str, doc: str) -> str:
    """One interface member with its doc comment: optional (`?`) and nullable stay apart."""
    declaration = f"  {object_key(name)}{'' if required else '?'}: {type_};"
    comment = doc_block([doc], indent="  ")
    return f"{comment}\n{declaration}" if comment else declaration


# -- resources -------------------------------------------------------------------------------


def _schemes(auth: AuthPolicy) -> str:
    """core.js's `SCHEMES`: each scheme's kind, where it travels and its credentials."""
    schemes = {
        c.scheme: {
            "kind": c.kind,
            "location": c.location,
            "name": c.name,
            "arguments": [naming.camel(argument) for argument in c.arguments],
            "env": list(c.env),
            **({"tokenUrl": c.token_url, "scopes": list(c.scopes)} if c.kind == "oauth2" else {}),
        }
        for c in auth.credentials
    }
    return json.dumps(schemes, indent=2)


def _resource_view(
    api: Api,
    resource: Resource,
    declared: SdkResource,
    names: dict[str, str],
    auth: AuthPolicy,
) -> TsResource:
    """The resource's class; its property, methods' names and return types are the SDK view's."""
    operations = tuple(_operation(method, names, auth) for method in declared.methods)
    every = sdk_operations(api, resource)
    used = sorted({name for op in every for name in _types_used(op, names)})
    return TsResource(
        module=resource.identifier,
        class_name=resource.class_name,
        property=declared.name,
        doc=doc_block([resource.description or resource.name], indent=""),
        js_property_doc=doc_block([resource.description or resource.name], indent="    "),
        dts_property_doc=doc_block([resource.description or resource.name], indent="  "),
        type_imports=", ".join(used),
        operations=operations,
        path_param=any(not plain_path_parameter(p) for op in every for p in op.path_params),
    )


def _path_text(param: Parameter, name: str) -> str:
    """What puts a path parameter in the path: its escaped text, or `pathParam` (core.js)."""
    if plain_path_parameter(param):
        return f"encodeURIComponent({name})"
    explode = "true" if param.explode else "false"
    return (
        f"pathParam({name}, {explode}, {string_literal(param.style)}, {string_literal(param.name)})"
    )


def _members(params: tuple[Parameter, ...]) -> str:
    """`{ 'X-Id': params['X-Id'] }`: the `params` members of one location."""
    members = (f"{object_key(p.name)}: params[{string_literal(p.name)}]" for p in params)
    return "{ " + ", ".join(members) + " }"


def _styles(op: Operation) -> str:
    """`{ ids: ['pipeDelimited', false] }`: the parameters not sent as their location's default
    (query and cookie: `form`, exploded; path and header: `simple`, not exploded)."""
    defaults = {"query": ("form", True), "cookie": ("form", True)}
    styles = [
        f"{object_key(p.name)}: [{string_literal(p.style)}, {'true' if p.explode else 'false'}]"
        for p in request_parameters(op)
        if (p.style, p.explode) != defaults.get(p.location, ("simple", False))
    ]
    return "{ " + ", ".join(styles) + " }" if styles else ""


def _operation(method: SdkMethod, names: dict[str, str], auth: AuthPolicy) -> TsOperation:
    op = method.operation
    path_names = [parameter_name(p) for p in op.path_params]
    params: list[tuple[str, str, str]] = []  # (JavaScript, declaration, JSDoc @param)
    for p, name in zip(op.path_params, path_names, strict=True):
        typed = type_text(p.type, names)
        params.append((name, f"{name}: {typed}", f"{{{typed}}} {name}"))
    members = request_parameters(op)
    if members:
        query = params_type(op)
        if any(p.required for p in members):
            params.append(("params", f"params: {query}", f"{{{query}}} params"))
        else:
            params.append(("params = {}", f"params?: {query}", f"{{{query}}} [params]"))
    if op.body is not None:
        body = body_type(op, names)
        if op.body.required:
            params.append(("body", f"body: {body}", f"{{{body}}} body"))
        else:
            params.append(("body", f"body?: {body}", f"{{{body}}} [body]"))
    params.append(("options", "options?: RequestOptions", "{RequestOptions} [options]"))

    path = op.path
    for p, name in zip(op.path_params, path_names, strict=True):
        path = path.replace("{" + p.name + "}", "${" + _path_text(p, name) + "}")
    path_literal = f"`{path}`" if op.path_params else string_literal(path)
    fields = [f"method: {string_literal(op.http_method)}", f"path: {path_literal}"]
    others = members[len(op.query_params) :]
    if op.query_params:
        fields.append("query: params" if not others else f"query: {_members(op.query_params)}")
    headers = tuple(p for p in others if p.location == "header")
    if headers:
        fields.append(f"headers: {_members(headers)}")
    if op.cookie_params:
        fields.append(f"cookies: {_members(op.cookie_params)}")
    styles = _styles(op)
    if styles:
        fields.append(f"styles: {styles}")
    security = auth.requirements(op)
    if security:
        alternatives = ", ".join(
            "[" + ", ".join(string_literal(name) for name in alternative) + "]"
            for alternative in security
        )
        fields.append(f"security: [{alternatives}]")
    sent = request_media(op)
    answer = response_media(op)
    if op.body is not None:
        fields.append("body")
    if sent is not None and sent.kind != "json":
        fields.append(f"encoding: {string_literal(sent.kind)}")
    if sent is not None and sent.content_type != JSON:
        fields.append(f"contentType: {string_literal(sent.content_type)}")
    if sent is not None and sent.files:
        fields.append(f"files: [{', '.join(string_literal(name) for name in sent.files)}]")
    if sent is not None and sent.whole:
        fields.append("whole: true")
    if answer.accept != JSON:
        fields.append(f"accept: {string_literal(answer.accept)}")
    if answer.kind in ("binary", "text"):
        fields.append(f"responseKind: {string_literal(answer.kind)}")
    fields.append(f"retrySafe: {'true' if op.retry_safe else 'false'}")
    if op.idempotency_key is not None:
        fields.append(f"idempotencyHeader: {string_literal(op.idempotency_key.name)}")

    returned = method.returns
    if op.pagination is not None:
        call = "requestPage"
        page = op.pagination
        before = string_literal(page.before_param) if page.before_param is not None else "null"
        pagination = (
            f"{{ itemsField: {string_literal(page.items_field)}, hasMoreField: "
            f"{string_literal(page.has_more_field)}, afterParam: {string_literal(page.after_param)}, "
            f"beforeParam: {before}, cursorField: {string_literal(page.cursor_field)} }}"
        )
        extra_args: tuple[str, ...] = (pagination, "options")
    else:
        call = "request"
        extra_args = ("options",)

    lines = [op.summary or op.operation_id]
    if op.description:
        lines += ["", op.description]
    documented = [(name, p.description) for name, p in zip(path_names, op.path_params, strict=True)]
    tags = [f"@param {name} {one_line(text)}" for name, text in documented if text]
    js_tags = [f"@param {js_doc}" for _, _, js_doc in params]
    js_tags.append(f"@returns {{{returned}}}")
    return TsOperation(
        name=method.name,
        doc=doc_block([*lines, *([""] if tags else []), *tags], indent="  "),
        js_doc=doc_block([*lines, "", *js_tags], indent="  "),
        js_params=", ".join(js for js, _, _ in params),
        signature="(" + ", ".join(decl for _, decl, _ in params) + f"): {returned}",
        call=call,
        request_fields=tuple(fields),
        extra_args=extra_args,
    )


def _types_used(op: Operation, names: dict[str, str]) -> set[str]:
    used = {"RequestOptions"}
    if request_parameters(op):
        used.add(params_type(op))
    whole = whole_body(op)
    if op.body is not None and whole is None:
        used.add(body_type(op, names))
    types = [op.pagination.item] if op.pagination is not None else []
    types += [whole.type] if whole is not None else []
    types += [op.result] if op.result is not None and op.pagination is None else []
    while types:
        type_ref = types.pop()
        if type_ref.name is not None and type_ref.kind in ("model", "enum"):
            used.add(names[type_ref.name])
        if type_ref.kind == "string" and type_ref.format == "binary":
            used.add(FILE_TYPE)
        types += [t for t in (type_ref.items, type_ref.additional) if t is not None]
        types += type_ref.options
    used.add("PagePromise" if op.pagination is not None else "APIPromise")
    return used


# -- text ------------------------------------------------------------------------------------


def _object_literal(values: dict[str, str]) -> str:
    return (
        "{ " + ", ".join(f"{key}: {string_literal(value)}" for key, value in values.items()) + " }"
    )
