"""PHP: the language of `generated/php/` (the Composer package, namespace
`ClientSettings.php_namespace`: `Protocol` for the Protocol API) and of the PHP samples.

Properties and methods are camelCase (`list`, `delete` are valid method names since PHP 7);
class names that PHP reserves get an `Object` suffix; string literals are single-quoted; types
are native (`?int`) on properties and PHPDoc (`list<string>`, array shapes) on inputs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import ClassVar

from protocol_codegen.languages.base import ListExamples, SdkLanguage, Tokens
from protocol_codegen.policy import (
    response_media,
    sdk_operations,
    takes_token,
    webhook_policy,
    whole_body,
)
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
    webhooks_view,
)
from protocol_codegen.sides import as_sent
from protocol_spec import naming
from protocol_spec.model import Api, Field, Operation, Parameter, Resource, TypeRef

__all__ = [
    "FILE_TYPE",
    "LANGUAGE",
    "RESERVED_CLASS_NAMES",
    "Php",
    "class_names",
    "method_name",
    "native_type",
    "phpdoc_type",
    "property_name",
    "query_variable",
    "request_parameters",
    "resource_class",
    "resource_property",
    "return_type",
    "shape_key",
    "string_literal",
    "variable_name",
    "webhook_event_type",
]

_INDENT = "  "  # array literals, as in the reference's snippets
_NATIVE = {"string": "string", "integer": "int", "number": "float", "boolean": "bool"}
# A file argument: a path, an open stream resource, or the bytes with a name (`UploadFile`,
# which a resource class that takes files imports from its API's `Core` namespace).
FILE_TYPE = "resource|string|UploadFile"
# Class names PHP reserves (case-insensitively), plus built-in classes a model would shadow.
_RESERVED_CLASS_WORDS = (
    "abstract and array as bool break callable case catch class clone const continue declare "
    "default do echo else elseif empty enddeclare endfor endforeach endif endswitch endwhile "
    "enum eval exit extends false final finally float fn for foreach function global goto if "
    "implements include instanceof insteadof int interface isset iterable list match mixed "
    "namespace never new null numeric object or parent print private protected public "
    "readonly require resource return self static string switch throw trait true try unset "
    "use var void while xor yield error exception closure generator"
)
RESERVED_CLASS_NAMES = frozenset(_RESERVED_CLASS_WORDS.split())
_RESERVED_VARIABLES = frozenset({"this", "options", "params", "query"})
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Php(SdkLanguage):
    key = "php"
    label = "PHP"
    lang = "PHP"
    highlight = "php"
    target = "php"
    sdk_name = "PHP"
    line_comment = "//"
    type_names_ignore_case = True  # PHP class names are case-insensitive
    tokens: ClassVar[Tokens] = Tokens(
        keywords="new true false null return",
        comment=r"//[^\n]*",
        after_strings=(("variable", r"\$[A-Za-z_][A-Za-z0-9_]*"),),
    )
    reserved_words: ClassVar[frozenset[str]] = RESERVED_CLASS_NAMES | _RESERVED_VARIABLES

    def string_literal(self, value: str) -> str:
        return string_literal(value)

    def resource_name(self, resource: Resource) -> str:
        return resource_property(resource)

    def method_name(self, operation: Operation) -> str:
        return method_name(operation)

    def type_text(self, api: Api, type_ref: TypeRef) -> str:
        return phpdoc_type(type_ref, class_names(api), as_input=True)

    def setup(self, api: Api) -> list[str]:
        client = f"\\{api.settings.php_namespace}\\{api.settings.client_class}"
        token = f"${TOKEN_VARIABLE}" if takes_token(api) else ""
        return [f"$client = new {client}({token});"]

    def call(
        self,
        api: Api,
        operation: Operation,
        values: CallValues | None = None,
        options: str = "",
        through: str = "",
    ) -> str:
        """`$client-><resource>-><method>(...)` (no `;`); `options`, an array literal, goes
        last, `through` is a call between the resource and the method (`withRawResponse()`)."""
        values = values or example_values(api, operation)
        resource = resource_of(api, operation)
        args = [_literal(value) for _, value in values.path]
        query = [(string_literal(p.name), value) for p, value in values.sdk_query]
        query += [
            (string_literal(p.name), value) for p, value in (*values.headers, *values.cookies)
        ]
        body = body_items(values, string_literal)
        if request_parameters(operation) and (query or body):
            args.append(_array(query))
        if values.whole:
            args.append(_literal(values.whole_value))
        elif body or (values.body is not None and operation.body and operation.body.required):
            args.append(_array(body))
        if options:
            if request_parameters(operation) and len(args) == len(values.path):
                args.append("[]")
            if operation.body is not None and operation.body.required and not body:
                args.append("[]")
            args.append(options)
        via = f"->{through}" if through else ""
        method = method_name(operation)
        return f"$client->{resource_property(resource)}{via}->{method}({', '.join(args)})"

    def statement(self, call: str) -> str:
        return call + ";"

    def list_examples(self, api: Api, listing: Operation, query: ListExamples) -> dict[str, str]:
        assert listing.pagination is not None
        last = f"$newest->data[array_key_last($newest->data)]->{listing.pagination.cursor_field}"
        return {
            "list": self.call(api, listing, query()),
            "list_small": self.call(api, listing, query(limit=2)),
            "list_before": self.call(api, listing, query(before=Code(last))),
            "list_options": self.call(
                api, listing, query(), "['timeout' => 5, 'max_retries' => 0]"
            ),
            "list_raw": self.call(api, listing, query(), through="withRawResponse()"),
        }

    def sdk_view(self, api: Api) -> SdkView:
        api = as_sent(api)
        names = class_names(api)
        resources = []
        for resource in api.resources:
            owner = f"$client->{resource_property(resource)}"
            methods = tuple(
                SdkMethod(
                    name=method_name(op),
                    display=f"{owner}->{method_name(op)}()",
                    returns=return_type(op, names),
                    natural=naming.camel(op.method_name),
                    operation=op,
                    parameters=_parameters(op, names),
                )
                for op in sdk_operations(api, resource)
            )
            resources.append(
                SdkResource(
                    resource_property(resource),
                    owner,
                    resource_class(resource),
                    naming.camel(resource.identifier),
                    methods,
                )
            )
        models = []
        for model in api.models:
            class_name = names[model.name]
            # Required attributes first: PHP deprecates optional parameters before required ones.
            fields = tuple(
                SdkField(
                    name=property_name(f.name),
                    display=f"{class_name}->{property_name(f.name)}",
                    wire_name=f.name,
                    type=native_type(f.type, names, optional=not f.required),
                    required=f.required,
                    pointer=f.pointer,
                    natural=f.name,
                    description=f.description,
                )
                for f in sorted(model.fields, key=lambda f: not f.required)
            )
            models.append(
                SdkModel(class_name, "class", model.pointer, model.name, fields, model.description)
            )
        return SdkView(self.target, tuple(resources), tuple(models), _webhooks(api, names))


LANGUAGE = Php()


def webhook_event_type(api: Api, names: Mapping[str, str]) -> str:
    """What `$client->webhooks->unwrap` returns: the union of the declared events' classes."""
    models = dict.fromkeys(names.get(model, model) for model in webhook_policy(api).models)
    return "|".join(models) or f"\\{api.settings.php_namespace}\\Core\\BaseModel"


def _webhooks(api: Api, names: Mapping[str, str]) -> SdkWebhooks:
    def parameter(name: str, type_: str, default: str | None = None) -> SdkParameter:
        return SdkParameter(name, f"${name}", "", type_, default is None, default, "", name)

    parameters = (
        parameter("body", "string"),
        parameter("headers", "array"),
        parameter("secret", "?string", "null"),
    )
    names_ = ("unwrap", "verifySignature")
    event = webhook_event_type(api, names)
    return webhooks_view(api, "$client", "->", names_, parameters, event, "void")


# -- names -----------------------------------------------------------------------------------


def resource_property(resource: Resource) -> str:
    """The resource's property on the client: `$client-><this>`."""
    return property_name(naming.camel(resource.identifier))


def method_name(op: Operation) -> str:
    """The operation's method on its resource: `$client->things-><this>(...)`."""
    name = naming.camel(op.method_name)
    # `list`, `delete` and the like are valid method names since PHP 7.
    return name if _IDENTIFIER.match(name) else f"_{name}"


def property_name(name: str) -> str:
    """A property (of a model or the client): the name if valid, else its snake_case."""
    return name if _IDENTIFIER.match(name) else naming.snake(name) or "_"


def variable_name(identifier: str) -> str:
    """A path parameter's variable, without its `$`; the method's own names get a `_`."""
    name = naming.camel(identifier)
    return f"{name}_" if name in _RESERVED_VARIABLES else name


def request_parameters(op: Operation) -> tuple[Parameter, ...]:
    """The keys of a method's parameters array: query, header and cookie parameters (all but
    the idempotency key, which the runtime sends: the `idempotency_key` option)."""
    headers = (p for p in op.header_params if p is not op.idempotency_key)
    return (*op.query_params, *headers, *op.cookie_params)


def query_variable(op: Operation) -> str:
    """The array of query, header and cookie parameters: `$params`, or `$query` when the body
    takes `$params`."""
    return "$query" if op.body is not None else "$params"


def string_literal(value: str) -> str:
    """A single-quoted PHP string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def shape_key(name: str) -> str:
    """A key of a PHPDoc array shape: bare if it is an identifier, else quoted."""
    return name if _IDENTIFIER.match(name) else string_literal(name)


# -- types -----------------------------------------------------------------------------------


def resource_class(resource: Resource) -> str:
    """A resource's class: `Echo` or `Default` are reserved in PHP, so `EchoResource`."""
    name = resource.class_name
    return f"{name}Resource" if name.lower() in RESERVED_CLASS_NAMES else name


def class_names(api: Api) -> dict[str, str]:
    """Model names as PHP classes: reserved words and shadowed built-ins get a suffix."""
    return {
        model.name: f"{model.name}Object"
        if model.name.lower() in RESERVED_CLASS_NAMES
        else model.name
        for model in api.models
    }


def native_type(type_ref: TypeRef, names: Mapping[str, str], optional: bool = False) -> str:
    """The native type of a model property; optional attributes are null when left out."""
    if type_ref.options:
        # `?A|B` is no PHP type: the options without their null, which the union takes once.
        natives = dict.fromkeys(
            native_type(replace(option, nullable=False), names) for option in type_ref.options
        )
        if "mixed" in natives:
            return "mixed"
        text = "|".join(natives)
        nullable = type_ref.nullable or any(option.nullable for option in type_ref.options)
        return f"{text}|null" if nullable or optional else text
    if type_ref.kind in _NATIVE:
        text = _NATIVE[type_ref.kind]
    elif type_ref.kind == "enum":
        text = "string"
    elif type_ref.kind == "model" and type_ref.name is not None:
        text = names[type_ref.name]
    elif type_ref.kind in ("array", "object"):
        text = "array"
    else:
        return "mixed"
    return f"?{text}" if type_ref.nullable or optional else text


def phpdoc_type(type_ref: TypeRef, names: Mapping[str, str], *, as_input: bool) -> str:
    """The PHPDoc type: literal unions for enums, list<...> for arrays. Inputs are arrays all the
    way down (`['name' => ...]`), outputs are models."""
    if type_ref.kind == "string" and type_ref.format == "binary" and as_input:
        text = FILE_TYPE
    elif type_ref.options:
        texts = dict.fromkeys(
            phpdoc_type(replace(o, nullable=False), names, as_input=as_input)
            for o in type_ref.options
        )
        text = "mixed" if "mixed" in texts else "|".join(texts)
        if any(o.nullable for o in type_ref.options) and text != "mixed":
            type_ref = replace(type_ref, nullable=True)
    elif type_ref.literals:
        text = "|".join(_php_literal(value) for value in type_ref.literals)
    elif type_ref.kind in _NATIVE:
        text = _NATIVE[type_ref.kind]
    elif type_ref.kind == "enum":
        text = "|".join(string_literal(value) for value in type_ref.values) or "string"
    elif type_ref.kind == "model" and type_ref.name is not None:
        text = "array<string, mixed>" if as_input else names[type_ref.name]
    elif type_ref.kind == "array" and type_ref.prefix:  # a tuple: a list shape when closed
        inner = [phpdoc_type(item, names, as_input=as_input) for item in type_ref.prefix]
        if not type_ref.rest:
            text = f"array{{{', '.join(inner)}}}"
        else:
            rest = [phpdoc_type(type_ref.items, names, as_input=as_input)] if type_ref.items else []
            texts = dict.fromkeys([*inner, *rest])
            text = "list<mixed>" if "mixed" in texts else f"list<{'|'.join(texts)}>"
    elif type_ref.kind == "array" and type_ref.items is not None:
        text = f"list<{phpdoc_type(type_ref.items, names, as_input=as_input)}>"
    elif type_ref.kind == "object" and type_ref.additional is not None:
        text = f"array<string, {phpdoc_type(type_ref.additional, names, as_input=as_input)}>"
    elif type_ref.kind == "object":
        text = "array<string, mixed>"
    else:
        text = "mixed"
    return f"{text}|null" if type_ref.nullable and text != "mixed" else text


def _php_literal(value: str | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return string_literal(value) if isinstance(value, str) else repr(value)


def return_type(op: Operation, names: Mapping[str, str]) -> str:
    """The method's native return type: `Page` for a list, a model class, `void` or `array`;
    `string` for text or bytes (a download)."""
    if op.pagination is not None:
        return "Page"
    if response_media(op).kind in ("binary", "text"):
        return "string"
    if op.result is None:
        return "void"
    if op.result.kind == "model" and op.result.name is not None:
        return names[op.result.name]
    return "array"


# -- the view --------------------------------------------------------------------------------


def _parameters(op: Operation, names: Mapping[str, str]) -> tuple[SdkParameter, ...]:
    """Path parameters, then each key of the query and body arrays."""
    listed = [
        SdkParameter(
            name=variable_name(p.identifier),
            display=f"${variable_name(p.identifier)}",
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
                display="$body",
                wire_name="",
                type=phpdoc_type(whole.type, names, as_input=True),
                required=whole.required,
                default=None if whole.required else "null",
                pointer=whole.pointer,
                natural="body",
            )
        )
    groups: list[tuple[str, Sequence[Parameter | Field]]] = []
    groups += [(query_variable(op), request_parameters(op))] if request_parameters(op) else []
    groups += [("$params", op.body.fields)] if op.body is not None and whole is None else []
    items: list[Parameter | Field] = [*op.path_params, *request_parameters(op)]
    items += op.body.fields if op.body else ()
    for variable, members in groups:
        group = variable.removeprefix("$")
        for item in members:
            listed.append(
                SdkParameter(
                    name=f"{group}.{item.name}",
                    display=f"'{item.name}'",
                    wire_name=item.name,
                    type=phpdoc_type(item.type, names, as_input=True),
                    required=item.required,
                    default=None,
                    pointer=next((i.pointer for i in items if i.name == item.name), ""),
                    natural=f"{group}.{item.name}",
                )
            )
    return tuple(listed)


# -- values ----------------------------------------------------------------------------------


def _array(items: Sequence[tuple[str, object]]) -> str:
    if not items:
        return "[]"
    lines = [f"{_INDENT}{key} => {_literal(value)}," for key, value in items]
    return "[\n" + "\n".join(lines) + "\n]"


def _literal(value: object) -> str:
    if isinstance(value, FilePath):
        return f"fopen({string_literal(value)}, 'rb')"
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    if isinstance(value, Mapping):
        members = ", ".join(
            f"{string_literal(str(key))} => {_literal(item)}" for key, item in value.items()
        )
        return "[" + members + "]"
    return json.dumps(value)  # numbers, true, false, null
