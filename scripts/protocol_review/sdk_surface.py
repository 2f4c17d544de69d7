"""The public surface of each generated SDK: what a user of the package can name.

Each SDK language's public view (`protocol_codegen.languages`, `SdkLanguage.sdk_view`), the very
one its target renders, turned into symbols to diff: computed from the model without rendering,
formatting or writing files, which keeps a review well under its time budget;
`tests/review/test_sdk_surface.py` checks every symbol against the rendered files. The async
Python client mirrors the sync one and is not listed twice.

Each symbol has a `key` (its name in its scope, what users type) and an `anchor` (what it is on
the wire: an operation's method and path, a parameter's or attribute's wire name), so that a
symbol whose key changed but whose anchor did not is reported as renamed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from protocol_codegen.languages import SDK_LANGUAGES
from protocol_codegen.sdk_view import (
    SdkField,
    SdkMethod,
    SdkModel,
    SdkParameter,
    SdkResource,
    SdkWebhooks,
)
from protocol_spec.model import Api, Operation

__all__ = ["LANGUAGES", "Kind", "Surface", "Symbol", "surfaces", "surfaces_or_reasons"]

Kind = Literal["resource", "method", "parameter", "model", "field"]
# Target name -> how findings name its SDK, in report order.
LANGUAGES = {target: language.sdk_name for target, language in SDK_LANGUAGES.items()}
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
    """Every SDK language's surface: resources (with methods and parameters) and models."""
    return {target: _surface(api, target) for target in SDK_LANGUAGES}


def _surface(api: Api, target: str) -> Surface:
    view = SDK_LANGUAGES[target].sdk_view(api)
    resources = tuple(_resource(resource) for resource in view.resources)
    webhooks = (_webhooks(view.webhooks),) if view.webhooks is not None else ()
    return resources + webhooks + tuple(_model(model) for model in view.models)


def surfaces_or_reasons(api: Api, refused: str | None) -> tuple[dict[str, Surface], dict[str, str]]:
    """The surface of each language whose SDK can be generated from `api`, and for the
    others why not: `refused` (the loader's reason the generator refuses the spec) for all,
    or what the language's generator raised. A generator that cannot run is never a verdict
    of the review: its SDK impact is reported as not computed."""
    if refused is not None:
        return {}, {target: refused for target in SDK_LANGUAGES}
    found: dict[str, Surface] = {}
    reasons: dict[str, str] = {}
    for target in SDK_LANGUAGES:
        try:
            found[target] = _surface(api, target)
        except Exception as exc:  # noqa: BLE001 - any generator failure is reported, not raised
            reasons[target] = f"its generator fails on this spec ({type(exc).__name__}: {exc})"
    return found, reasons


def _op_anchor(op: Operation) -> str:
    return f"{op.http_method} {_PATH_TEMPLATE.sub('{}', op.path)}"


def _resource(resource: SdkResource) -> Symbol:
    operations = [method.operation for method in resource.methods]
    return Symbol(
        "resource",
        resource.name,
        resource.display,
        " ".join(sorted(_op_anchor(op) for op in operations)),
        resource.class_name,
        pointer=operations[0].pointer,
        children=tuple(_method(method) for method in resource.methods),
        natural=resource.natural,
    )


def _method(method: SdkMethod) -> Symbol:
    return Symbol(
        "method",
        method.name,
        method.display,
        _op_anchor(method.operation),
        method.returns,
        pointer=method.operation.pointer,
        children=tuple(_parameter(parameter) for parameter in method.parameters),
        natural=method.natural,
    )


def _webhooks(webhooks: SdkWebhooks) -> Symbol:
    """`client.webhooks` sends no request: its anchors are the policy's names, so that what
    `unwrap` returns (the declared events) is compared like any method's result."""
    methods = tuple(
        Symbol(
            "method",
            method.name,
            method.display,
            f"webhooks {method.role}",
            method.returns,
            pointer=webhooks.pointer,
            children=tuple(_parameter(parameter) for parameter in method.parameters),
            natural=method.name,
        )
        for method in webhooks.methods
    )
    return Symbol(
        "resource",
        webhooks.name,
        webhooks.display,
        "webhooks",
        webhooks.class_name,
        pointer=webhooks.pointer,
        children=methods,
        natural=webhooks.name,
    )


def _parameter(parameter: SdkParameter) -> Symbol:
    return Symbol(
        "parameter",
        parameter.name,
        parameter.display,
        parameter.wire_name or parameter.name,
        parameter.type,
        required=parameter.required,
        pointer=parameter.pointer,
        natural=parameter.natural,
    )


def _model(model: SdkModel) -> Symbol:
    anchor = f"{model.role} of {_op_anchor(model.operation)}" if model.operation else ""
    # An input type's fields are already its methods' parameters.
    fields = () if model.is_input else tuple(_field(f) for f in model.fields)
    return Symbol(
        "model",
        model.name,
        model.name,
        anchor,
        model.kind,
        pointer=model.pointer,
        children=fields,
        natural=model.natural,
    )


def _field(f: SdkField) -> Symbol:
    return Symbol(
        "field",
        f.name,
        f.display,
        f.wire_name,
        f.type,
        required=f.required,
        pointer=f.pointer,
        natural=f.natural,
    )
