"""Python: the language of `generated/python/` (the package `protocol_api`) and of its samples.

Identifiers are snake_case with keywords escaped by `protocol_spec.naming.python_identifier`;
string literals are JSON's (double-quoted, as ruff formats them); types are annotations such as
`Sequence[str] | None`.
"""

from __future__ import annotations

import json
import keyword
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from protocol_codegen.errors import GeneratorError
from protocol_codegen.languages.base import ListExamples, SdkLanguage, Tokens
from protocol_codegen.named_schemas import result_roots
from protocol_codegen.policy import (
    response_media,
    sdk_operations,
    takes_token,
    webhook_policy,
    whole_body,
)
from protocol_codegen.python_models import sdk_models
from protocol_codegen.samples import (
    TOKEN_VARIABLE,
    CallValues,
    Code,
    FilePath,
    example_values,
    resource_of,
)
from protocol_codegen.sdk_view import (
    SdkMethod,
    SdkParameter,
    SdkResource,
    SdkView,
    SdkWebhooks,
    webhooks_view,
)
from protocol_codegen.sides import as_sent
from protocol_spec import naming
from protocol_spec.model import Api, Field, Operation, Parameter, Resource, TypeRef

__all__ = [
    "ABC_NAMES",
    "FILE_TYPE",
    "LANGUAGE",
    "PAGE_CLASS",
    "Argument",
    "Python",
    "annotation",
    "argument_name",
    "arguments",
    "header_parameters",
    "method_name",
    "resource_attribute",
    "result_annotation",
    "sdk_resources",
    "sdk_webhooks",
    "signature_arguments",
    "typing_names",
    "webhook_event_type",
]

PAGE_CLASS = "SyncCursorPage"  # what a sync list method returns; the async twin is the review's
_LINE = 88  # a longer call gets one argument per line, as ruff would
_PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
FILE_TYPE = "FileInput"  # a file argument (`_types.FileInput`: a path, bytes, a file object)


class Python(SdkLanguage):
    key = "python"
    label = "Python"
    lang = "Python"
    highlight = "python"
    target = "python"
    sdk_name = "Python"
    line_comment = "#"
    tokens: ClassVar[Tokens] = Tokens(
        keywords="from import await async def return True False None",
        comment=r"#[^\n]*",
    )
    reserved_words: ClassVar[frozenset[str]] = frozenset([*keyword.kwlist, *keyword.softkwlist])

    def string_literal(self, value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    def resource_name(self, resource: Resource) -> str:
        return resource_attribute(resource)

    def method_name(self, operation: Operation) -> str:
        return method_name(operation)

    def type_text(self, api: Api, type_ref: TypeRef) -> str:
        return annotation(type_ref)

    def setup(self, api: Api) -> list[str]:
        client = api.settings.client_class
        return [
            f"from {api.settings.python_package} import {client}",
            f"client = {client}({TOKEN_VARIABLE if takes_token(api) else ''})",
        ]

    def call(
        self,
        api: Api,
        operation: Operation,
        values: CallValues | None = None,
        extra: Sequence[str] = (),
        through: str = "",
    ) -> str:
        """`client.<resource>.<method>(...)`; `extra` keyword arguments (`timeout=5`) go last,
        `through` is an attribute between the resource and the method (`with_raw_response`)."""
        values = values or example_values(api, operation)
        resource = resource_of(api, operation)
        args = [_value(value) for _, value in values.path]
        args += [f"{argument_name(p)}={_value(value)}" for p, value in values.sdk_query]
        args += [
            f"{argument_name(p)}={_value(value)}" for p, value in (*values.headers, *values.cookies)
        ]
        body_fields = operation.body.fields if operation.body else ()
        for name, value in values.body or ():
            f = next((f for f in body_fields if f.name == name), None)
            keyword_name = argument_name(f) if f else argument_name(_loose_field(name))
            args.append(f"{keyword_name}={_value(value)}")
        args += extra
        via = f".{through}" if through else ""
        head = f"client.{resource_attribute(resource)}{via}.{method_name(operation)}"
        text = f"{head}({', '.join(args)})"
        if len(text) > _LINE:
            text = head + "(\n" + "".join(f"    {arg},\n" for arg in args) + ")"
        return text

    def statement(self, call: str) -> str:
        return call

    def list_examples(self, api: Api, listing: Operation, query: ListExamples) -> dict[str, str]:
        assert listing.pagination is not None
        backward = query(before=Code(f"newest.data[-1].{listing.pagination.cursor_field}"))
        return {
            "list": self.call(api, listing, query()),
            "list_small": self.call(api, listing, query(limit=2)),
            "list_before": self.call(api, listing, backward),
            "list_options": self.call(api, listing, query(), ["timeout=5.0", "max_retries=0"]),
            "list_raw": self.call(api, listing, query(), through="with_raw_response"),
        }

    def sdk_view(self, api: Api) -> SdkView:
        """The sync client's surface (the async one mirrors it) and the pydantic models."""
        api = as_sent(api)
        return SdkView(self.target, sdk_resources(api), sdk_models(api), sdk_webhooks(api))


LANGUAGE = Python()


def webhook_event_type(api: Api) -> str:
    """What `client.webhooks.unwrap` returns: the union of the declared events' models."""
    return " | ".join(webhook_policy(api).models) or "pydantic.BaseModel"


def sdk_webhooks(api: Api) -> SdkWebhooks:
    def parameter(name: str, type_: str, default: str | None = None) -> SdkParameter:
        return SdkParameter(name, name, "", type_, default is None, default, "", name)

    parameters = (
        parameter("payload", "str | bytes"),
        parameter("headers", "Mapping[str, str]"),
        parameter("secret", "str | None", "None"),
    )
    names = ("unwrap", "verify_signature")
    return webhooks_view(api, "client", ".", names, parameters, webhook_event_type(api), "None")


def sdk_resources(api: Api) -> tuple[SdkResource, ...]:
    """The resources of the sync client, with their methods and arguments (the view without
    the models, which datamodel-code-generator makes: the target renders them on its own)."""
    resources = []
    roots = result_roots(api)
    for resource in api.resources:
        owner = f"client.{resource_attribute(resource)}"
        methods = tuple(
            SdkMethod(
                name=method_name(op),
                display=f"{owner}.{method_name(op)}()",
                returns=result_annotation(op, PAGE_CLASS, roots),
                natural=op.method_name,
                operation=op,
                parameters=tuple(_parameter(argument) for argument in arguments(op)),
            )
            for op in sdk_operations(api, resource)
        )
        name = resource_attribute(resource)
        resources.append(
            SdkResource(name, owner, resource.class_name, resource.identifier, methods)
        )
    return tuple(resources)


# -- names -----------------------------------------------------------------------------------


def resource_attribute(resource: Resource) -> str:
    """The resource's attribute on the client: `client.<this>`."""
    return naming.python_identifier(resource.identifier)


def method_name(op: Operation) -> str:
    """The operation's method on its resource: `client.things.<this>(...)`."""
    return naming.python_identifier(op.method_name)


def argument_name(item: Parameter | Field) -> str:
    """The keyword (or positional) argument that carries a parameter or a body attribute;
    `self` and `options` (`**options: Unpack[RequestOptions]`) are the method's own, so an
    attribute of those names (Box's `options`) gets a `_`."""
    name = naming.python_identifier(item.name)
    return f"{name}_" if name in _METHOD_OWN else name


_METHOD_OWN = frozenset({"self", "options"})


# -- signatures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Argument:
    """One argument of a method's signature, in signature order."""

    name: str
    item: Parameter | Field | None  # what it carries on the wire; None for `idempotency_key`
    type: TypeRef | None  # None: `str | None`, the idempotency key
    required: bool
    default: str | None
    positional: bool


def header_parameters(op: Operation) -> tuple[Parameter, ...]:
    """The header parameters the method takes as arguments: all but the idempotency key, which
    the runtime sends (`idempotency_key`)."""
    return tuple(p for p in op.header_params if p is not op.idempotency_key)


def arguments(op: Operation) -> list[Argument]:
    """The method's arguments: path parameters positionally, then keyword-only the required
    query, header and cookie parameters and body attributes, the optional ones (`omit` by
    default) and, for an operation with an idempotency key, `idempotency_key`. `**options` is
    the runtime's."""
    whole = whole_body(op)
    body = [whole] if whole is not None else list(op.body.fields if op.body else ())
    items: list[Parameter | Field] = [
        *op.query_params,
        *header_parameters(op),
        *op.cookie_params,
        *body,
    ]
    listed = [Argument(argument_name(p), p, p.type, True, None, True) for p in op.path_params]
    listed += [
        Argument(argument_name(i), i, i.type, True, None, False) for i in items if i.required
    ]
    listed += [
        Argument(argument_name(i), i, i.type, False, "omit", False) for i in items if not i.required
    ]
    if op.idempotency_key is not None:
        listed.append(Argument("idempotency_key", None, None, False, "None", False))
    return listed


def signature_arguments(op: Operation) -> list[str]:
    """The arguments as the signature writes them: `id: str`, `limit: int | Omit = omit`."""
    texts = []
    for argument in arguments(op):
        declared = annotation(argument.type) if argument.type is not None else "str | None"
        if argument.default == "omit":
            declared += " | Omit"
        default = f" = {argument.default}" if argument.default is not None else ""
        texts.append(f"{argument.name}: {declared}{default}")
    return texts


def _parameter(argument: Argument) -> SdkParameter:
    wire = argument.item.name if argument.item is not None else ""
    shown = annotation(argument.type, repr) if argument.type is not None else "str | None"
    return SdkParameter(
        name=argument.name,
        display=argument.name,
        wire_name=wire,
        type=shown,
        required=argument.required,
        default=argument.default,
        pointer=argument.item.pointer if argument.item is not None else "",
        natural=naming.snake(wire or argument.name),
    )


def result_annotation(
    op: Operation, page_class: str, roots: Mapping[str, tuple[str, str]] | None = None
) -> str:
    """What the method returns: a page of items, a model, the root model of any other result
    (`named_schemas.result_roots`: a list is `ListPetsResult`, its `.root` the list) or None."""
    if op.pagination is not None:
        return f"{page_class}[{annotation(op.pagination.item)}]"
    kind = response_media(op).kind
    if kind in ("binary", "text"):
        return "bytes" if kind == "binary" else "str"
    if op.pointer in (roots or {}):
        return (roots or {})[op.pointer][0]
    if op.result is not None and op.result.kind != "model":
        raise GeneratorError(
            f"operation '{op.operation_id}' returns a {op.result.kind}; the Python client "
            "returns models only: wrap the result in an object schema in components/schemas"
        )
    return annotation(op.result) if op.result is not None else "None"


# -- types -----------------------------------------------------------------------------------


def annotation(type_ref: TypeRef, literal: Callable[[str], str] = json.dumps) -> str:
    """The Python annotation of a neutral type; inputs and results use the same spelling.
    `literal` writes the values of a `Literal[...]`: as the source does (JSON's double quotes,
    what ruff keeps), or `repr`, as Python prints a type."""
    if type_ref.kind == "string" and type_ref.format == "binary":
        text = FILE_TYPE
    elif type_ref.options:
        texts = dict.fromkeys(annotation(option, literal) for option in type_ref.options)
        text = " | ".join(texts)
    elif type_ref.literals:
        values = (literal(v) if isinstance(v, str) else repr(v) for v in type_ref.literals)
        text = "Literal[" + ", ".join(values) + "]"
    elif type_ref.kind in _PRIMITIVES:
        text = _PRIMITIVES[type_ref.kind]
    elif type_ref.kind == "array" and type_ref.prefix:  # a tuple
        parts = [annotation(item, literal) for item in type_ref.prefix]
        if type_ref.rest and type_ref.items is not None:
            parts.append(f"*tuple[{annotation(type_ref.items, literal)}, ...]")
        text = f"tuple[{', '.join(parts)}]"
    elif type_ref.kind == "array":  # not `list[...]`: a method named `list` would shadow it
        assert type_ref.items is not None, "checked by the builder"
        text = f"Sequence[{annotation(type_ref.items, literal)}]"
    elif type_ref.kind == "model":
        text = str(type_ref.name)
    elif type_ref.kind == "enum":
        text = "Literal[" + ", ".join(literal(value) for value in type_ref.values) + "]"
    elif type_ref.kind == "object" and type_ref.additional is not None:
        text = f"Mapping[str, {annotation(type_ref.additional, literal)}]"
    elif type_ref.kind == "object":
        text = "dict[str, Any]"
    else:
        text = "Any"
    return f"{text} | None" if type_ref.nullable else text


def typing_names(type_ref: TypeRef) -> set[str]:
    """Names to import for an annotation: `typing.X`, or `collections.abc.Sequence` and
    `Mapping` (`ABC_NAMES`)."""
    if type_ref.options:
        return {name for option in type_ref.options for name in typing_names(option)}
    if type_ref.kind == "enum" or type_ref.literals:
        return {"Literal"}
    if type_ref.kind == "object" and type_ref.additional is not None:
        return {"Mapping", *typing_names(type_ref.additional)}
    if type_ref.kind in ("object", "unknown"):
        return {"Any"}
    if type_ref.kind == "array" and type_ref.prefix:
        inner = [*type_ref.prefix, *([type_ref.items] if type_ref.rest and type_ref.items else [])]
        return {name for item in inner for name in typing_names(item)}
    if type_ref.kind == "array" and type_ref.items is not None:
        return {"Sequence", *typing_names(type_ref.items)}
    return set()


# What `typing_names` names that is imported from `collections.abc`.
ABC_NAMES = frozenset({"Mapping", "Sequence"})


# -- values ----------------------------------------------------------------------------------


def _loose_field(name: str) -> Field:
    return Field(name=name, type=TypeRef("unknown"), required=False)


def _value(value: object) -> str:
    if isinstance(value, FilePath):
        return f'open({json.dumps(value, ensure_ascii=False)}, "rb")'
    if isinstance(value, Code):
        return str(value)
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        items = ", ".join(f"{_value(str(k))}: {_value(v)}" for k, v in value.items())
        return "{" + items + "}"
    return json.dumps(value)
