"""JavaScript and TypeScript: the language of `generated/typescript/` (the npm package) and of
the JavaScript samples.

Members and methods are camelCase (a reserved word is a valid member name; an invalid one gets a
`_` in front), parameters escape reserved words with a trailing `_`; string literals are
single-quoted; types are TypeScript's, with `Open<...>` for enums the client reads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import ClassVar

from protocol_codegen.languages.base import ListExamples, SdkLanguage, Tokens
from protocol_codegen.policy import (
    request_media,
    response_media,
    sdk_operations,
    takes_token,
    webhook_policy,
    whole_body,
)
from protocol_codegen.reading import read_models
from protocol_codegen.samples import (
    TOKEN_VARIABLE,
    CallValues,
    Code,
    FilePath,
    body_items,
    example_values,
    resource_of,
)
from protocol_codegen.sdk_view import (
    SdkField,
    SdkMethod,
    SdkModel,
    SdkParameter,
    SdkResource,
    SdkView,
    SdkWebhooks,
    schema_pointers,
    webhooks_view,
)
from protocol_codegen.sides import as_sent
from protocol_spec import naming
from protocol_spec.model import Api, Field, Operation, Parameter, Resource, TypeRef

__all__ = [
    "FILE_TYPE",
    "GLOBAL_TYPE_NAMES",
    "LANGUAGE",
    "RESERVED_WORDS",
    "TypeScript",
    "body_type",
    "method_name",
    "object_key",
    "param_doc",
    "parameter_name",
    "params_type",
    "request_parameters",
    "resource_property",
    "returns",
    "string_literal",
    "type_names",
    "type_text",
    "webhook_event_type",
]

_INDENT = "  "  # object literals, as in the reference's snippets
_PRIMITIVES = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean"}
FILE_TYPE = "Uploadable"  # a file argument: a Blob (a File is one), a Buffer, any Uint8Array

# Type names that would shadow a global a declaration file needs (`Error` in particular).
GLOBAL_TYPE_NAMES = frozenset(
    {"Array", "Boolean", "Date", "Error", "Function", "Map", "Number", "Object", "Promise"}
    | {"Record", "Set", "String", "Symbol", "Headers", "Page", "PagePromise", "Open"}
    | {"APIPromise", "RawResponse", FILE_TYPE}
)
_RESERVED_WORD_LIST = (
    "break case catch class const continue debugger default delete do else enum export "
    "extends false finally for function if import in instanceof new null return super switch "
    "this throw true try typeof var void while with yield let static implements interface "
    "package private protected public await arguments eval options params body"
)
RESERVED_WORDS = frozenset(_RESERVED_WORD_LIST.split())
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


class TypeScript(SdkLanguage):
    key = "javascript"
    label = "JavaScript"
    lang = "JavaScript"
    highlight = "js"
    target = "typescript"
    sdk_name = "TypeScript"
    line_comment = "//"
    tokens: ClassVar[Tokens] = Tokens(
        keywords="import from const let new await async return function true false null undefined",
        comment=r"//[^\n]*",
    )
    reserved_words: ClassVar[frozenset[str]] = RESERVED_WORDS

    def string_literal(self, value: str) -> str:
        return string_literal(value)

    def resource_name(self, resource: Resource) -> str:
        return resource_property(resource)

    def method_name(self, operation: Operation) -> str:
        return method_name(operation)

    def type_text(self, api: Api, type_ref: TypeRef) -> str:
        return type_text(type_ref, type_names(api))

    def setup(self, api: Api) -> list[str]:
        """The client's import and construction; Node's `fs` too for an API that uploads
        files, which the samples open with `fs.createReadStream`."""
        client = api.settings.client_class
        return [
            *([_FS_IMPORT] if _uploads(api) else []),
            f"import {client} from {string_literal(api.settings.npm_package)}",
            f"const client = new {client}({TOKEN_VARIABLE if takes_token(api) else ''})",
        ]

    def call(
        self, api: Api, operation: Operation, values: CallValues | None = None, options: str = ""
    ) -> str:
        """`await client.<resource>.<method>(...)`; `options`, an object literal, goes last."""
        values = values or example_values(api, operation)
        resource = resource_of(api, operation)
        args = [_literal(value) for _, value in values.path]
        query = [(object_key(p.name), value) for p, value in values.sdk_query]
        query += [(object_key(p.name), value) for p, value in (*values.headers, *values.cookies)]
        body = body_items(values, object_key)
        if request_parameters(operation) and (query or body):
            args.append(_object(query))
        if values.whole:
            args.append(_literal(values.whole_value))
        elif body or (values.body is not None and operation.body and operation.body.required):
            args.append(_object(body))
        if options:
            if request_parameters(operation) and len(args) == len(values.path):
                args.append("{}")
            if operation.body is not None and operation.body.required and not body:
                args.append("{}")
            args.append(options)
        return (
            f"await client.{resource_property(resource)}"
            f".{method_name(operation)}({', '.join(args)})"
        )

    def statement(self, call: str) -> str:
        return call

    def sample(self, api: Api, operation: Operation, values: CallValues) -> str:
        """The set-up (Node's `fs` only when this call opens a file), then the call."""
        opens = any(isinstance(value, FilePath) for _, value in values.body or ())
        setup = [line for line in self.setup(api) if opens or line != _FS_IMPORT]
        call = self.statement(self.call(api, operation, values))
        return "\n\n".join([*setup, call]) + "\n"

    def list_examples(self, api: Api, listing: Operation, query: ListExamples) -> dict[str, str]:
        assert listing.pagination is not None
        backward = query(before=Code(f"newest.data.at(-1).{listing.pagination.cursor_field}"))
        unawaited = self.call(api, listing, query()).removeprefix("await ")
        return {
            "list": unawaited,
            "list_small": self.call(api, listing, query(limit=2)),
            "list_before": self.call(api, listing, backward).removeprefix("await "),
            "list_options": self.call(api, listing, query(), "{ timeout: 5000, maxRetries: 0 }"),
            "list_raw": unawaited + ".withResponse()",
        }

    def sdk_view(self, api: Api) -> SdkView:
        api = as_sent(api)
        names = type_names(api)
        models = _models(api, names)
        declared = {model.name: model for model in models}
        resources = []
        for resource in api.resources:
            owner = f"client.{resource_property(resource)}"
            methods = tuple(
                SdkMethod(
                    name=method_name(op),
                    display=f"{owner}.{method_name(op)}()",
                    returns=returns(op, names),
                    natural=naming.camel(op.method_name),
                    operation=op,
                    parameters=_parameters(op, names, declared),
                )
                for op in sdk_operations(api, resource)
            )
            resources.append(
                SdkResource(
                    resource_property(resource),
                    owner,
                    resource.class_name,
                    naming.camel(resource.identifier),
                    methods,
                )
            )
        inputs = {
            typed
            for op in api.operations
            for typed in (
                params_type(op) if request_parameters(op) else None,
                body_type(op, names) if op.body is not None else None,
            )
            if typed in declared and declared[typed].kind == "interface"
        }
        listed = tuple(replace(model, is_input=model.name in inputs) for model in models)
        return SdkView(self.target, tuple(resources), listed, _webhooks(api, names))


LANGUAGE = TypeScript()

_FS_IMPORT = "import fs from 'node:fs'"
# The last model asked about and whether it uploads files: `setup` is asked once per sample.
_uploading: list[tuple[Api, bool]] = []


def _uploads(api: Api) -> bool:
    """Some operation of the API sends a file (a file attribute, or a body of bytes)."""
    if not _uploading or _uploading[0][0] is not api:
        sends = (request_media(op) for op in api.operations)
        found = any(m is not None and (m.files or m.kind == "binary") for m in sends)
        _uploading[:] = [(api, found)]
    return _uploading[0][1]


def webhook_event_type(api: Api, names: Mapping[str, str]) -> str:
    """What `client.webhooks.unwrap` returns: the union of the declared events' types."""
    models = [names.get(model, model) for model in webhook_policy(api).models]
    return " | ".join(models) or "never"


def _webhooks(api: Api, names: Mapping[str, str]) -> SdkWebhooks:
    def parameter(name: str, type_: str, required: bool = True) -> SdkParameter:
        return SdkParameter(name, name, "", type_, required, None, "", name)

    parameters = (
        parameter("body", "string | Uint8Array"),
        parameter("headers", "WebhookHeaders"),
        parameter("secret", "string", required=False),
    )
    names_ = ("unwrap", "verifySignature")
    event = webhook_event_type(api, names)
    return webhooks_view(api, "client", ".", names_, parameters, event, "void")


# -- names -----------------------------------------------------------------------------------


def resource_property(resource: Resource) -> str:
    """The resource's property on the client: `client.<this>`."""
    return _member_name(naming.camel(resource.identifier))


def method_name(op: Operation) -> str:
    """The operation's method on its resource: `client.things.<this>(...)`."""
    return _member_name(naming.camel(op.method_name))


def parameter_name(param: Parameter) -> str:
    """A path parameter's argument: reserved words and invalid names get a trailing `_`."""
    name = naming.camel(param.identifier)
    return f"{name}_" if name in RESERVED_WORDS or not _IDENTIFIER.match(name) else name


def object_key(name: str) -> str:
    """A wire name as the key of an object literal or interface member (quoted if it must be)."""
    return name if _IDENTIFIER.match(name) else string_literal(name)


def string_literal(value: str) -> str:
    """A single-quoted JavaScript string literal."""
    escaped = json.dumps(value)[1:-1].replace("'", "\\'").replace('\\"', '"')
    return f"'{escaped}'"


def _member_name(name: str) -> str:
    """Methods and properties may be reserved words (`client.things.delete`)."""
    return name if _IDENTIFIER.match(name) else f"_{name}"


# -- types -----------------------------------------------------------------------------------


def type_names(api: Api) -> dict[str, str]:
    """Model and enum names as TypeScript declares them (globals such as `Error` get a suffix)."""
    names = [model.name for model in api.models] + [enum.name for enum in api.enums]
    return {name: f"{name}Object" if name in GLOBAL_TYPE_NAMES else name for name in names}


def type_text(type_ref: TypeRef, names: Mapping[str, str], *, read: bool = False) -> str:
    """The TypeScript type of a neutral type; `| null` only when the spec says nullable.

    `read`: the type of something the client reads, whose enums are `Open<...>` (a newer
    server may send a value this version does not list)."""
    if type_ref.kind == "string" and type_ref.format == "binary":
        text = FILE_TYPE
    elif type_ref.options:
        texts = dict.fromkeys(type_text(option, names, read=read) for option in type_ref.options)
        text = " | ".join(texts)
    elif type_ref.literals:  # a const, or an enum of numbers: exact, even when read
        text = " | ".join(_literal(value) for value in type_ref.literals)
    elif type_ref.kind in _PRIMITIVES:
        text = _PRIMITIVES[type_ref.kind]
    elif type_ref.kind == "array" and type_ref.prefix:  # a tuple
        parts = [type_text(item, names, read=read) for item in type_ref.prefix]
        if type_ref.rest and type_ref.items is not None:
            parts.append(f"...Array<{type_text(type_ref.items, names, read=read)}>")
        text = f"[{', '.join(parts)}]"
    elif type_ref.kind == "array" and type_ref.items is not None:
        text = f"Array<{type_text(type_ref.items, names, read=read)}>"
    elif type_ref.kind == "enum" and read:
        known = names[type_ref.name] if type_ref.name else _enum_union(type_ref.values)
        text = f"Open<{known}>"
    elif type_ref.kind in ("model", "enum") and type_ref.name is not None:
        text = names[type_ref.name]
    elif type_ref.kind == "enum":
        text = _enum_union(type_ref.values)
    elif type_ref.kind == "object" and type_ref.additional is not None:
        text = f"Record<string, {type_text(type_ref.additional, names, read=read)}>"
    elif type_ref.kind == "object":
        text = "Record<string, unknown>"
    else:
        text = "unknown"
    return f"{text} | null" if type_ref.nullable else text


def _enum_union(values: tuple[str, ...]) -> str:
    return " | ".join(string_literal(value) for value in values)


def request_parameters(op: Operation) -> tuple[Parameter, ...]:
    """The members of a method's `params` object: query, header and cookie parameters (all but
    the idempotency key, which the runtime sends: `RequestOptions.idempotencyKey`)."""
    headers = (p for p in op.header_params if p is not op.idempotency_key)
    return (*op.query_params, *headers, *op.cookie_params)


def params_type(op: Operation) -> str:
    """The interface of an operation's query, header and cookie parameters."""
    return naming.pascal(op.operation_id) + "Params"


def body_type(op: Operation, names: Mapping[str, str]) -> str:
    """The type of an operation's body: its model's interface, else one of its own; a body
    that is not an object, its type (`Uploadable`, `string`, `Array<...>`)."""
    assert op.body is not None
    whole = whole_body(op)
    if whole is not None:
        return type_text(whole.type, names)
    if op.body.model is not None:
        return names[op.body.model]
    return naming.pascal(op.operation_id) + "Body"


def returns(op: Operation, names: Mapping[str, str]) -> str:
    """What the method returns: `PagePromise<Item>` for a list, else `APIPromise<...>`."""
    if op.pagination is not None:
        return f"PagePromise<{type_text(op.pagination.item, names)}>"
    kind = response_media(op).kind
    if kind in ("binary", "text"):
        return "APIPromise<Uint8Array>" if kind == "binary" else "APIPromise<string>"
    return f"APIPromise<{type_text(op.result, names) if op.result is not None else 'void'}>"


def param_doc(param: Parameter) -> str:
    """A query parameter's doc comment: its description and its default."""
    default = f"\n\nDefault: `{json.dumps(param.default)}`." if param.has_default else ""
    return param.description + default


# -- the view --------------------------------------------------------------------------------


def _models(api: Api, names: dict[str, str]) -> list[SdkModel]:
    """types.d.ts's declarations in file order (the runtime's `Open` aside): enums, models,
    then the query parameters and the inline body of each operation."""
    pointers = {names[name]: at for name, at in schema_pointers(api).items() if name in names}
    # What each operation's params and body types are (by name, the first operation's).
    roles: dict[str, tuple[str, Operation]] = {}
    for op in api.operations:
        for role, typed in (
            ("params", params_type(op)),
            ("body", naming.pascal(op.operation_id) + "Body"),
        ):
            pointers.setdefault(typed, op.pointer)
            roles.setdefault(typed, (role, op))
    spec_names = {typed: name for name, typed in names.items()}

    def model(name: str, kind: str, doc: str, fields: Sequence[SdkField]) -> SdkModel:
        role, op = roles.get(name, ("", None))
        natural = spec_names.get(name, name)
        pointer = pointers.get(name, "")
        return SdkModel(name, kind, pointer, natural, tuple(fields), doc, role, op)

    found = [
        model(
            names[enum.name],
            "type",
            enum.description,
            [_value(names[enum.name], value) for value in enum.values],
        )
        for enum in api.enums
    ]
    readers = read_models(api)
    for m in api.models:
        read = m.name in readers
        doc = m.description
        if read:
            doc += (
                "\n\nA newer server may send attributes this version does not declare; they are"
                "\nkept on the object as received."
            )
        name = names[m.name]
        fields = [
            _field(
                name,
                f.name,
                f.required,
                type_text(f.type, names, read=read),
                f.description,
                f.pointer,
            )
            for f in m.fields
        ]
        found.append(model(name, "interface", doc.strip(), fields))
    for op in api.operations:
        if request_parameters(op):
            name = params_type(op)
            fields = [
                _field(name, p.name, p.required, type_text(p.type, names), param_doc(p), p.pointer)
                for p in request_parameters(op)
            ]
            what = "Query parameters" if not op.header_params + op.cookie_params else "Parameters"
            found.append(model(name, "interface", f"{what} of `{op.operation_id}`.", fields))
        if op.body is not None and op.body.model is None and whole_body(op) is None:
            name = body_type(op, names)
            fields = [
                _field(name, f.name, f.required, type_text(f.type, names), f.description, f.pointer)
                for f in op.body.fields
            ]
            found.append(model(name, "interface", f"Request body of `{op.operation_id}`.", fields))
    return found


def _field(
    owner: str, name: str, required: bool, type_: str, doc: str, pointer: str = ""
) -> SdkField:
    return SdkField(name, f"{owner}.{name}", name, type_, required, pointer, name, doc)


def _value(owner: str, value: str) -> SdkField:
    literal = string_literal(value)
    return SdkField(literal, f"{owner} {literal}", literal, literal, True, "", "")


def _parameters(
    op: Operation, names: dict[str, str], declared: Mapping[str, SdkModel]
) -> tuple[SdkParameter, ...]:
    """Path parameters, then each key of the `params` and `body` objects."""
    listed = [
        SdkParameter(
            name=parameter_name(p),
            display=parameter_name(p),
            wire_name=p.name,
            type="string",
            required=True,
            default=None,
            pointer=p.pointer,
            natural=naming.camel(p.identifier),
        )
        for p in op.path_params
    ]
    whole = whole_body(op)
    if whole is not None:
        listed.append(
            SdkParameter(
                name="body",
                display="body",
                wire_name="",
                type=body_type(op, names),
                required=whole.required,
                default=None,
                pointer=whole.pointer,
                natural="body",
            )
        )
    groups = [("params", params_type(op))] if request_parameters(op) else []
    groups += [("body", body_type(op, names))] if op.body is not None and whole is None else []
    for group, typed in groups:
        for f in declared[typed].fields:
            listed.append(
                SdkParameter(
                    name=f"{group}.{f.wire_name}",
                    display=f.wire_name,
                    wire_name=f.wire_name,
                    type=f.type,
                    required=f.required,
                    default=None,
                    pointer=_pointer_of(op, f.wire_name),
                    natural=f"{group}.{f.wire_name}",
                )
            )
    return tuple(listed)


def _pointer_of(op: Operation, wire_name: str) -> str:
    items: list[Parameter | Field] = [*op.path_params, *request_parameters(op)]
    items += op.body.fields if op.body else ()
    return next((item.pointer for item in items if item.name == wire_name), "")


# -- values ----------------------------------------------------------------------------------


def _object(items: Sequence[tuple[str, object]]) -> str:
    if not items:
        return "{}"
    lines = [f"{_INDENT}{key}: {_literal(value)}," for key, value in items]
    return "{\n" + "\n".join(lines) + "\n}"


def _literal(value: object) -> str:
    if isinstance(value, FilePath):
        return f"fs.createReadStream({string_literal(value)})"
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    if isinstance(value, Mapping):
        members = ", ".join(
            f"{object_key(str(key))}: {_literal(item)}" for key, item in value.items()
        )
        return "{ " + members + " }" if members else "{}"
    return json.dumps(value)  # numbers, true, false, null
