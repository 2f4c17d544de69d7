"""The Python target: `generated/python/`, the installable package `protocol_api`.

Pydantic models come from datamodel-code-generator (`python_models.py`); everything else is
rendered from `templates/python/`. This module turns the neutral model into a Python view
(type annotations, signatures, call arguments, docstrings, imports) so that the templates only
loop and substitute.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from protocol_codegen.languages.python import (
    ABC_NAMES,
    FILE_TYPE,
    LANGUAGE,
    annotation,
    argument_name,
    header_parameters,
    result_annotation,
    sdk_resources,
    signature_arguments,
    typing_names,
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
    request_media,
    response_media,
    sdk_operations,
    webhook_policy,
    whole_body,
)
from protocol_codegen.python_models import render_models
from protocol_codegen.sdk_view import SdkMethod, SdkResource
from protocol_codegen.targets._jinja import environment, header
from protocol_codegen.targets._readme import readme_view, reflow
from protocol_spec import naming
from protocol_spec.model import Api, Field, Operation, Parameter, Resource, TypeRef

__all__ = [
    "ASYNC",
    "ERROR_SUFFIX",
    "EXCEPTIONS",
    "MODELS_HEADER",
    "ROOT",
    "RUNTIME_EXPORTS",
    "STATIC_MODULES",
    "SYNC",
    "Flavour",
    "PyOperation",
    "PyResource",
    "PyResourceClass",
    "export_order",
    "render",
]

ROOT = LANGUAGE.target


def MODELS_HEADER(api: Api) -> str:
    return header(api.source, "datamodel-code-generator")


# Hand-written runtime: rendered as is, only the header changes.
STATIC_MODULES = (
    "_auth.py",
    "_base_client.py",
    "_exceptions.py",
    "_pagination.py",
    "_response.py",
    "_types.py",
    "_webhooks.py",
)

# Each runtime adds its own suffix to the error classes of ERROR_POLICY.
ERROR_SUFFIX = "Error"

# The classes of `_exceptions.py`: the hand-written ones, then one per entry of ERROR_POLICY.
EXCEPTIONS = tuple(
    sorted(
        (
            "APIConnectionError",
            "APIError",
            "APIResponseValidationError",
            "APIStatusError",
            "APITimeoutError",
            "WebhookVerificationError",
            *ERROR_POLICY.class_names(ERROR_SUFFIX),
        )
    )
)

# What `__init__.py` re-exports from the hand-written runtime, by module, besides clients,
# models and `__version__`.
RUNTIME_EXPORTS = {
    "_exceptions": EXCEPTIONS,
    "_pagination": ("AsyncCursorPage", "SyncCursorPage"),
    "_response": ("APIResponse",),
    "_types": ("FileInput", "Omit", "RequestOptions", "omit"),
    "_webhooks": ("WebhookEvent", "Webhooks"),
}


@dataclass(frozen=True)
class Flavour:
    """Sync or async: the same resource, spelled twice."""

    class_prefix: str
    base: str
    def_keyword: str
    await_: str
    page_class: str
    raw_wrapper: str


SYNC = Flavour("", "SyncAPIResource", "def", "", "SyncCursorPage", "to_raw_response_wrapper")
ASYNC = Flavour(
    "Async",
    "AsyncAPIResource",
    "async def",
    "await ",
    "AsyncCursorPage",
    "async_to_raw_response_wrapper",
)


@dataclass(frozen=True)
class PyOperation:
    def_keyword: str
    name: str
    signature: str
    returns: str
    docstring: str
    await_: str
    call: str
    args: tuple[str, ...]


@dataclass(frozen=True)
class PyResourceClass:
    name: str
    base: str
    docstring: str
    operations: tuple[PyOperation, ...]
    raw_class: str  # the `with_raw_response` view of this class
    raw_wrapper: str  # to_raw_response_wrapper or its async twin


@dataclass(frozen=True)
class PyResource:
    module: str  # file stem under resources/
    class_name: str
    async_class_name: str
    identifier: str  # attribute on the client


def render(api: Api, models: tuple[str, tuple[str, ...]] | None = None) -> dict[str, str]:
    """The package's files; `models` is `render_models(api, MODELS_HEADER(api))` when the
    caller has it already (the pipeline renders it on another core)."""
    env = environment(ROOT)
    client = api.settings.client_class
    package_name = api.settings.python_package
    package = f"{ROOT}/{package_name}"
    models_text, model_names = models or render_models(api, MODELS_HEADER(api))
    # A model named like a runtime class (Box's `Webhooks` schema) stays in `models`: the
    # package root keeps the runtime's, which the READMEs import from it.
    runtime_names = {name for names in RUNTIME_EXPORTS.values() for name in names}
    model_names = tuple(name for name in model_names if name not in runtime_names)
    declared = sdk_resources(api)
    auth = auth_policy(api)
    resources = [
        _resource_view(resource, view)
        for resource, view in zip(api.resources, declared, strict=True)
    ]

    def template(name: str, **context: object) -> str:
        source = f"templates/python/{name}.jinja"
        return env.get_template(f"{name}.jinja").render(
            header=header(api.source, source),
            policy=RETRY_POLICY,
            media=MEDIA_POLICY,
            errors=ERROR_POLICY,
            error_suffix=ERROR_SUFFIX,
            exceptions=EXCEPTIONS,
            webhooks=webhook_policy(api),
            webhook_event=webhook_event_type(api),
            auth=auth,
            always_required=auth.always_required(api),
            styles=PARAMETER_STYLES,
            **context,
        )

    files = {
        f"{ROOT}/pyproject.toml": template(
            "pyproject.toml",
            distribution=package_name,
            package=package_name,
            version=api.version,
            description=json.dumps(api.title + " client"),
        ),
        f"{package}/py.typed": template("py.typed"),
        f"{package}/models.py": models_text,
        f"{package}/__init__.py": template(
            "__init__.py",
            title=api.title,
            package=package_name,
            client_class=api.settings.client_class,
            models=sorted(model_names),
            runtime_imports=RUNTIME_EXPORTS,
            exports=export_order(
                [
                    *(name for names in RUNTIME_EXPORTS.values() for name in names),
                    "__version__",
                    *model_names,
                    client,
                    "Async" + client,
                ]
            ),
            version=api.version,
        ),
        f"{package}/_client.py": template(
            "_client.py",
            client_class=api.settings.client_class,
            exports=export_order([client, "Async" + client]),
            default_base_url=json.dumps(api.default_base_url),
            base_url_env=json.dumps(api.settings.base_url_env),
            base_url_env_name=api.settings.base_url_env,
            **_credentials_context(auth),
            default_base_url_text=api.default_base_url,
            user_agent=json.dumps(f"{package_name}-python/{api.version}"),
            title=api.title,
            resources=resources,
            retry_statuses=", ".join(str(status) for status in RETRY_POLICY.retry_statuses),
            max_retry_after=f"{RETRY_POLICY.max_retry_after:g}",
        ),
        f"{package}/resources/__init__.py": template(
            "resources/__init__.py",
            resources=resources,
            exports=export_order(n for r in resources for n in (r.class_name, r.async_class_name)),
        ),
    }
    files[f"{ROOT}/README.md"] = reflow(
        env.get_template("README.md.jinja").render(
            header=header(api.source, "templates/python/README.md.jinja", comment="").strip(),
            readme=readme_view(api, LANGUAGE),
            package=package_name,
            distribution=package_name,
            first_resource=resources[0].identifier if resources else "resource",
            python_requires="3.11+",
        )
    )
    for module in STATIC_MODULES:
        files[f"{package}/{module}"] = template(module)
    for resource, sdk_resource in zip(api.resources, declared, strict=True):
        view = _resource_module(api, resource, sdk_resource, auth)
        files[f"{package}/resources/{resource.identifier}.py"] = template(
            "resources/resource.py", **view
        )
    return dict(sorted(files.items()))


def _credentials_context(auth: AuthPolicy) -> dict[str, object]:
    """The client's constructor: `token` first (positionally) when a bearer scheme takes it, the
    other credentials keyword-only, and the docstring's lines saying where each comes from."""
    arguments = [argument for argument, _ in auth.arguments]
    positional = "token" if "token" in arguments else ""
    lines = []
    for credential in auth.credentials:
        names = " and ".join(f"`{argument}`" for argument in credential.arguments)
        env = " and ".join(f"${env}" for env in credential.env)
        lines.append(f"{names} ({credential.scheme}, {credential.kind}) default to {env}.")
    return {
        "positional": positional,
        "keyword_credentials": [argument for argument in arguments if argument != positional],
        "credential_arguments": arguments,
        "credentials_doc": lines,
    }


def export_order(names: Iterable[str]) -> list[str]:
    """`__all__` order as ruff wants it (RUF022): CONSTANTS, then Classes, then the rest."""

    def key(name: str) -> tuple[int, str]:
        if name.isupper():
            return (0, name)
        return (1 if name[:1].isupper() else 2, name)

    return sorted(set(names), key=key)


# -- resources -----------------------------------------------------------------------------


def _resource_view(resource: Resource, declared: SdkResource) -> PyResource:
    return PyResource(
        module=resource.identifier,
        class_name=resource.class_name,
        async_class_name="Async" + resource.class_name,
        identifier=declared.name,
    )


def _resource_module(
    api: Api, resource: Resource, declared: SdkResource, auth: AuthPolicy
) -> dict[str, object]:
    """The resource's module: a sync and an async class whose methods are the SDK view's."""
    operations = sdk_operations(api, resource)
    classes = tuple(
        PyResourceClass(
            name=flavour.class_prefix + resource.class_name,
            base=flavour.base,
            docstring=resource.description or resource.class_name,
            operations=tuple(_operation(method, flavour, auth) for method in declared.methods),
            raw_class=f"{flavour.class_prefix}{resource.class_name}WithRawResponse",
            raw_wrapper=flavour.raw_wrapper,
        )
        for flavour in (SYNC, ASYNC)
    )
    used = {name for op in operations for name in _models_used(op)}
    # A result that is a class of models.py by name (a model, or a root model of a list).
    used |= {
        m.returns
        for m in declared.methods
        if m.returns.isidentifier() and m.returns not in ("None", "bytes", "str")
    }
    used_models = sorted(used)
    pages = [op for op in operations if op.pagination is not None]
    argument_types = [item.type for op in operations for item in _arguments(op)]
    imported = sorted({name for type_ref in argument_types for name in typing_names(type_ref)})
    files = any(annotation(type_ref).startswith(FILE_TYPE) for type_ref in argument_types)
    abc_names = [name for name in imported if name in ABC_NAMES]
    from_typing = sorted({*(name for name in imported if name not in ABC_NAMES), "Unpack"})
    imports = ["from functools import cached_property"]
    imports += [f"from collections.abc import {', '.join(abc_names)}"] if abc_names else []
    imports.append(f"from typing import {', '.join(from_typing)}")
    runtime = ["AsyncAPIResource", "Call", "SyncAPIResource", "path_param"]
    imports.append(f"from .._base_client import {', '.join(runtime)}")
    if pages:
        imports.append("from .._pagination import AsyncCursorPage, PageSpec, SyncCursorPage")
    imports.append("from .._response import async_to_raw_response_wrapper, to_raw_response_wrapper")
    file_import = [FILE_TYPE] if files else []
    imports.append(
        f"from .._types import {', '.join([*file_import, 'Omit, RequestOptions, omit'])}"
    )
    if used_models:
        imports.append(f"from ..models import {', '.join(used_models)}")
    page_specs = [_page_spec(op) for op in pages]
    return {
        "module_doc": f"The `{resource.name}` resource: {', '.join(op.method_name for op in operations)}.",
        "imports": imports,
        "exports": export_order(n for cls in classes for n in (cls.name, cls.raw_class)),
        "classes": classes,
        "page_specs": page_specs,
    }


def _page_spec_name(op: Operation) -> str:
    return f"_{naming.snake(op.method_name).upper()}_PAGES"


def _page_spec(op: Operation) -> str:
    """A module constant: how the list pages, from its `x-protocol-pagination`."""
    page = op.pagination
    assert page is not None
    fields = {
        "envelope": annotation(_required(op.result)),
        "items_field": json.dumps(page.items_field),
        "has_more_field": json.dumps(page.has_more_field),
        "after_param": json.dumps(page.after_param),
        "before_param": json.dumps(page.before_param) if page.before_param else "None",
        "cursor_field": json.dumps(page.cursor_field),
    }
    arguments = ", ".join(f"{key}={value}" for key, value in fields.items())
    return f"{_page_spec_name(op)} = PageSpec({arguments})"


def _parameter_values(params: tuple[Parameter, ...]) -> str:
    return "{" + ", ".join(f'"{p.name}": {argument_name(p)}' for p in params) + "}"


def _styles(op: Operation) -> str:
    """`{"ids": ("pipeDelimited", False)}`: the parameters not sent as their location's
    default (query and cookie: `form`, exploded; path and header: `simple`, not exploded)."""
    defaults = {"query": ("form", True), "cookie": ("form", True)}
    styles = {
        p.name: (p.style, p.explode)
        for p in (*op.path_params, *op.query_params, *op.header_params, *op.cookie_params)
        if (p.style, p.explode) != defaults.get(p.location, ("simple", False))
    }
    items = (
        f"{json.dumps(name)}: ({json.dumps(style)}, {explode})"
        for name, (style, explode) in styles.items()
    )
    return "{" + ", ".join(items) + "}" if styles else ""


def _operation(sdk_method: SdkMethod, flavour: Flavour, auth: AuthPolicy) -> PyOperation:
    op = sdk_method.operation
    # The arguments are the SDK view's (`languages.python.arguments`), in its order.
    texts = signature_arguments(op)
    positional = texts[: len(op.path_params)]
    keyword = texts[len(op.path_params) :]
    options = "**options: Unpack[RequestOptions]"
    marker = ["*"] if keyword else []
    signature = ", ".join(["self", *positional, *marker, *keyword, options])
    body_fields = op.body.fields if op.body else ()
    whole = whole_body(op)
    sent = request_media(op)
    answer = response_media(op)

    path = op.path
    for p in op.path_params:
        # Single-quoted: inside the f-string's double quotes (Python 3.11).
        styled = f", {p.explode}, {p.style!r}, {p.name!r}"
        arguments = styled if p.style in ("label", "matrix") else ", True" if p.explode else ""
        path = path.replace("{" + p.name + "}", f"{{path_param({argument_name(p)}{arguments})}}")
    call = [json.dumps(op.http_method), f'f"{path}"' if op.path_params else json.dumps(path)]
    if op.query_params:
        call.append(f"query={_parameter_values(op.query_params)}")
    headers = header_parameters(op)
    if headers:
        call.append(f"headers={_parameter_values(headers)}")
    if op.cookie_params:
        call.append(f"cookies={_parameter_values(op.cookie_params)}")
    styles = _styles(op)
    if styles:
        call.append(f"styles={styles}")
    security = auth.requirements(op)
    if security:
        alternatives = ", ".join(
            "(" + "".join(f"{json.dumps(name)}, " for name in alternative) + ")"
            for alternative in security
        )
        call.append(f"security=({alternatives},)")
    if whole is not None:
        call.append(f"body={argument_name(whole)}")
    elif op.body is not None:
        call.append(
            "body={" + ", ".join(f'"{f.name}": {argument_name(f)}' for f in body_fields) + "}"
        )
    if sent is not None and sent.kind != "json":
        call.append(f"encoding={json.dumps(sent.kind)}")
    if sent is not None and sent.content_type != JSON:
        call.append(f"content_type={json.dumps(sent.content_type)}")
    if sent is not None and sent.files:
        call.append(f"files=({''.join(json.dumps(name) + ', ' for name in sent.files)})")
    if whole is not None:
        call.append("whole=True")
    if answer.accept != JSON:
        call.append(f"accept={json.dumps(answer.accept)}")
    call.append(f"retry_safe={op.retry_safe}")
    if op.idempotency_key is not None:
        call.append(f"idempotency_header={json.dumps(op.idempotency_key.name)}")
        call.append("idempotency_key=idempotency_key")
    call.append("**options")
    request = f"Call({', '.join(call)})"

    # A page's class depends on the flavour; any other result is the SDK view's.
    returns = result_annotation(op, flavour.page_class) if op.pagination else sdk_method.returns
    if op.pagination is not None:
        method = "request_page"
        args = [returns, request, _page_spec_name(op)]
    else:
        method = "request"
        args = [request, "None" if answer.kind == "empty" else returns]
    return PyOperation(
        def_keyword=flavour.def_keyword,
        name=sdk_method.name,
        signature=signature,
        returns=returns,
        docstring=_docstring(op),
        await_=flavour.await_,
        call=method,
        args=tuple(args),
    )


def _docstring(op: Operation) -> str:
    summary = op.summary or op.operation_id
    parts = [summary if summary.endswith((".", "!", "?")) else summary + "."]
    if op.description:
        parts.append(op.description)
    documented = [
        (argument_name(p), p.description)
        for p in (*op.path_params, *op.query_params, *header_parameters(op), *op.cookie_params)
        if p.description
    ]
    whole = whole_body(op)
    body_fields = [whole] if whole is not None else list(op.body.fields if op.body else ())
    documented += [(argument_name(f), f.description) for f in body_fields]
    if op.idempotency_key is not None:
        documented.append(
            (
                "idempotency_key",
                (
                    f"Sent as the `{op.idempotency_key.name}` header, and again on each retry, "
                    "so that\nthe request takes effect once; a fresh key is drawn when none is "
                    "given."
                ),
            )
        )
    documented.append(
        ("**options", "`timeout`, `max_retries` and `extra_headers` for this call only.")
    )
    if documented:
        lines = ["Args:"]
        for name, description in documented:
            first, *rest = description.splitlines() or [""]
            lines.append(f"    {name}: {first}")
            lines += [f"        {line}" if line else "" for line in rest]
        parts.append("\n".join(lines))
    return _escape_docstring("\n\n".join(parts))


def _escape_docstring(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


# -- types -----------------------------------------------------------------------------------


def _models_used(op: Operation) -> set[str]:
    types = [item.type for item in _arguments(op)]
    types += [op.result] if op.result is not None else []
    names: set[str] = set()
    while types:
        type_ref = types.pop()
        if type_ref.kind == "model" and type_ref.name:
            names.add(type_ref.name)
        types += [t for t in (type_ref.items, type_ref.additional) if t is not None]
        types += type_ref.options
    return names


def _arguments(op: Operation) -> list[Parameter | Field]:
    whole = whole_body(op)
    body = [whole] if whole is not None else list(op.body.fields if op.body else ())
    parameters = (*op.path_params, *op.query_params, *header_parameters(op), *op.cookie_params)
    return [*parameters, *body]


def _required(type_ref: TypeRef | None) -> TypeRef:
    assert type_ref is not None, "checked by the builder"
    return type_ref
