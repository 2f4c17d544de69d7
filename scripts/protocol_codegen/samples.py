"""Request samples: one operation, called in curl, JavaScript, Python and PHP.

The one place that knows how a call is written in each language. The reference page
(`targets/docs.py`), `generated/openapi.json` (`targets/openapi_json.py`, as `x-codeSamples`)
and the clients' package READMEs all take their samples from here. The names in a call come
from the targets that generate the clients (`python.method_name`, `typescript.resource_property`,
...), so a sample calls exactly what the packages offer; tests/docs/ runs every sample against
the reference server.

    from protocol_codegen.samples import LANGUAGES, samples_for
    samples = samples_for(api, operation)
    print(samples.python)
    # from protocol_api import ApiClient
    #
    # client = ApiClient(token)
    #
    # client.conversations.update("xgQQXg3hrtjh7AvZ", is_muted=True)
    for language in LANGUAGES:                  # cURL, JavaScript, Python, PHP: the tab order
        print(language.label, samples.text(language.key))

Every function is pure: the same model gives the same text.

The values a sample sends (`example_values`) come from the spec's examples:
- path parameters: the parameter's example, else the example of the resource's id attribute;
- query parameters: those with an example written on the Parameter Object itself (a schema's
  example, such as the `Id` schema's, only illustrates a type) and the required ones;
- the body: the first example of the request body, else its required attributes and those
  with an example. Where the spec gives no example, an attribute's default stands in, else a
  placeholder of the right type (an id drawn from the id attribute's pattern).
curl spells out every query parameter it sends (`-G ... -d limit=10`); the SDK calls leave out
the ones whose value is the parameter's default, since the call means the same without them.
The samples use the placeholders `token` (a variable holding the API token) and, in curl,
`{token}`, and the spec's first server as the base URL.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from protocol_codegen.targets import php, python, typescript
from protocol_spec.model import Api, Field, Operation, Parameter, Resource, TypeRef

__all__ = [
    "CURL_TOKEN",
    "FORM",
    "JSON",
    "LANGUAGES",
    "TOKEN_VARIABLE",
    "CallValues",
    "Code",
    "Language",
    "Samples",
    "curl_sample",
    "example_path",
    "example_value",
    "example_values",
    "javascript_call",
    "javascript_sample",
    "javascript_setup",
    "php_call",
    "php_sample",
    "php_setup",
    "python_call",
    "python_sample",
    "python_setup",
    "resource_of",
    "samples_for",
]

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
TOKEN_VARIABLE = "token"  # what the SDK samples pass to the client's constructor
CURL_TOKEN = "{token}"  # what the curl samples send as the bearer token
_PYTHON_LINE = 88  # a longer Python call gets one argument per line, as ruff would
_INDENT = "  "  # JavaScript objects and PHP arrays, as in the reference's snippets


@dataclass(frozen=True)
class Language:
    key: str  # the attribute of `Samples` holding its text
    label: str  # the tab's label on the page and the `label` of x-codeSamples
    lang: str  # the `lang` of x-codeSamples (Redoc's names)
    highlight: str  # the language of the code block: `language-<highlight>`


# The order of the tabs.
LANGUAGES: tuple[Language, ...] = (
    Language("curl", "cURL", "curl", "bash"),
    Language("javascript", "JavaScript", "JavaScript", "js"),
    Language("python", "Python", "Python", "python"),
    Language("php", "PHP", "PHP", "php"),
)


class Code(str):
    """A value that is code in the sample's language (`page.data[-1].id`), written as is."""

    __slots__ = ()


@dataclass(frozen=True)
class CallValues:
    """What a sample sends: values by wire name, in the order they are written."""

    path: tuple[tuple[Parameter, object], ...]
    query: tuple[tuple[Parameter, object], ...]  # everything curl sends
    body: tuple[tuple[str, object], ...] | None  # None when the operation takes no body

    @property
    def sdk_query(self) -> tuple[tuple[Parameter, object], ...]:
        """The query arguments of an SDK call: those that differ from their default."""
        return tuple((p, value) for p, value in self.query if not _is_default(p, value))

    @property
    def path_values(self) -> dict[str, str]:
        """Path parameter -> the text the sample puts in the path (tests swap in real ids)."""
        return {p.name: _text(value) for p, value in self.path}


@dataclass(frozen=True)
class Samples:
    curl: str
    javascript: str
    python: str
    php: str
    values: CallValues

    def text(self, key: str) -> str:
        """The sample of the language whose `Language.key` is `key`."""
        if key not in _KEYS:
            raise KeyError(f"no sample language '{key}'; known: {', '.join(_KEYS)}")
        text: str = getattr(self, key)
        return text


_KEYS = tuple(language.key for language in LANGUAGES)


def samples_for(api: Api, operation: Operation) -> Samples:
    """The four samples of an operation of `api`, sending the spec's example values."""
    values = example_values(api, operation)
    return Samples(
        curl=curl_sample(api, operation, values),
        javascript=javascript_sample(api, operation, values),
        python=python_sample(api, operation, values),
        php=php_sample(api, operation, values),
        values=values,
    )


def resource_of(api: Api, operation: Operation) -> Resource:
    """The resource (tag) whose client attribute holds `operation`."""
    resource = _resources_by_operation(api).get(operation.operation_id)
    if resource is None:
        raise ValueError(f"operation '{operation.operation_id}' belongs to no resource of the API")
    return resource


# The last model's operationId -> resource index: rendering one model asks thousands of times.
_index: list[tuple[Api, dict[str, Resource]]] = []


def _resources_by_operation(api: Api) -> dict[str, Resource]:
    if not _index or _index[0][0] is not api:
        by_id = {op.operation_id: r for r in api.resources for op in r.operations}
        _index[:] = [(api, by_id)]
    return _index[0][1]


# -- values ------------------------------------------------------------------------------------


def example_values(api: Api, operation: Operation) -> CallValues:
    """The values the samples of `operation` send (see the module's docstring)."""
    resource = resource_of(api, operation)
    path = tuple((p, _path_value(api, resource, p)) for p in operation.path_params)
    query = tuple(
        (p, p.example if p.has_example else example_value(api, p.type, p.name))
        for p in operation.query_params
        if p.own_example or p.required
    )
    return CallValues(path, query, _body_values(api, operation))


def _is_default(param: Parameter, value: object) -> bool:
    return param.has_default and type(param.default) is type(value) and param.default == value


def example_path(operation: Operation, values: CallValues) -> str:
    """The operation's path with the example values in it: `/v1/things/xgQQXg3hrtjh7AvZ`."""
    path = operation.path
    for name, text in values.path_values.items():
        path = path.replace("{" + name + "}", quote(text, safe=""))
    return path


def _path_value(api: Api, resource: Resource, param: Parameter) -> object:
    """The parameter's example, else (for the item path's id) the id attribute's."""
    if param.has_example:
        return param.example
    model = api.model(resource.model) if resource.model else None
    id_field = model.field(resource.id_attribute) if model and resource.id_attribute else None
    if id_field is not None and "{" + param.name + "}" in (resource.item_path or ""):
        return _field_value(api, id_field)
    return example_value(api, param.type, param.name)


def _body_values(api: Api, operation: Operation) -> tuple[tuple[str, object], ...] | None:
    body = operation.body
    if body is None:
        return None
    for content_type in body.content_types:
        for example in body.examples.get(content_type, ()):
            if isinstance(example.value, Mapping):
                return tuple((str(key), value) for key, value in example.value.items())
    return tuple((f.name, _field_value(api, f)) for f in body.fields if f.required or f.has_example)


def _field_value(api: Api, f: Field) -> object:
    if f.has_example:
        return f.example
    if f.has_default:
        return f.default
    if f.id_format is not None:
        return _made_up_id(f.id_format.alphabet, f.id_format.length)
    return example_value(api, f.type, f.name)


def example_value(api: Api, type_ref: TypeRef, name: str) -> object:
    """A value of `type_ref` for when the spec gives none: a model's attributes take their
    examples (or placeholders in turn); a string is its name, a number 0, a boolean true."""
    if type_ref.kind == "enum":
        return type_ref.values[0] if type_ref.values else name
    if type_ref.kind == "string":
        return name
    if type_ref.kind in ("integer", "number"):
        return 0
    if type_ref.kind == "boolean":
        return True
    if type_ref.kind == "array":
        return []
    if type_ref.kind == "model" and type_ref.name is not None:
        model = api.model(type_ref.name)
        return {f.name: _field_value(api, f) for f in model.fields if f.required}
    return {} if type_ref.kind == "object" else None


def _made_up_id(alphabet: str, length: int) -> str:
    """A fixed id of the right alphabet and length that looks like one (stride through it)."""
    return "".join(alphabet[(7 * index + 3) % len(alphabet)] for index in range(length))


def _text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


# -- curl --------------------------------------------------------------------------------------

_SHELL_SAFE = re.compile(r"^[A-Za-z0-9_.,:/@%+=-]+$")
_FORM_SAFE = re.compile(r"^[A-Za-z0-9_.~-]*$")  # needs no percent-encoding in a form


def curl_sample(api: Api, operation: Operation, values: CallValues | None = None) -> str:
    """`curl [-G | -X METHOD] <url> -H "Authorization: Bearer {token}" -d ...`, one option a
    line. Bodies are form-encoded when the operation accepts forms and every value is a
    scalar, JSON otherwise."""
    values = values or example_values(api, operation)
    url = api.default_base_url + example_path(operation, values)
    method = operation.http_method
    options: list[str] = []
    auth = _curl_auth(api, operation)
    if auth:
        options.append(auth)
    body = _curl_body(operation, values)
    query = [_curl_pair(p.name, value, quote_key=False) for p, value in values.query]
    if method == "GET" and query:
        flag = " -G"
        options += query
    else:
        if query:
            url += "?" + "&".join(
                f"{quote(p.name)}={quote(_form_text(value), safe='')}" for p, value in values.query
            )
        implied = "POST" if body else "GET"
        flag = "" if method == implied else f" -X {method}"
        options += body
    return " \\\n  ".join([f"curl{flag} {_shell_word(url)}", *options]) + "\n"


def _curl_auth(api: Api, operation: Operation) -> str:
    schemes = {scheme.name: scheme for scheme in api.security_schemes}
    for name in operation.security:
        scheme = schemes.get(name)
        if scheme is not None and scheme.type == "http" and scheme.scheme == "bearer":
            return f'-H "Authorization: Bearer {CURL_TOKEN}"'
    for name in operation.security:
        scheme = schemes.get(name)
        if scheme is not None and scheme.type == "http" and scheme.scheme == "basic":
            return f"-u {{username}}:{CURL_TOKEN}"
    return ""


def _curl_body(operation: Operation, values: CallValues) -> list[str]:
    if values.body is None or operation.body is None:
        return []
    scalars = all(not isinstance(value, list | dict) for _, value in values.body)
    if FORM in operation.body.content_types and scalars and values.body:
        return [_curl_pair(name, value, quote_key=True) for name, value in values.body]
    if not values.body and not operation.body.required:
        return []
    document = json.dumps(dict(values.body), ensure_ascii=False)
    return [f'-H "Content-Type: {JSON}"', f"-d {_single_quoted(document)}"]


def _curl_pair(name: str, value: object, *, quote_key: bool) -> str:
    """`-d limit=10`, `-d 'is_muted'=true`, `-d 'contact_id'="WAz8eIbvDR60rouK"`; values that
    need percent-encoding go through `--data-urlencode`."""
    text = _form_text(value)
    option = "-d" if _FORM_SAFE.match(text) and _FORM_SAFE.match(name) else "--data-urlencode"
    key = _single_quoted(name) if quote_key else _shell_word(name)
    if quote_key:
        shown = _double_quoted(text) if isinstance(value, str) else _shell_word(text)
    else:
        shown = _shell_word(text)
    return f"{option} {key}={shown}"


def _form_text(value: object) -> str:
    """A value as a form writes it: booleans `true`/`false`, `null` as the word."""
    if isinstance(value, str):
        return value
    return json.dumps(value)


def _shell_word(text: str) -> str:
    return text if _SHELL_SAFE.match(text) else _double_quoted(text)


def _double_quoted(text: str) -> str:
    return '"' + re.sub(r'(["\\$`])', r"\\\1", text) + '"'


def _single_quoted(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


# -- JavaScript --------------------------------------------------------------------------------


def javascript_sample(api: Api, operation: Operation, values: CallValues | None = None) -> str:
    """`import ApiClient from '<package>'`, the client, `await client.<resource>.<method>(...)`."""
    call = javascript_call(api, operation, values)
    return "\n\n".join([*javascript_setup(api), call]) + "\n"


def javascript_setup(api: Api) -> list[str]:
    """The lines that import the client and make one from the token."""
    client = api.settings.client_class
    return [
        f"import {client} from {typescript.string_literal(typescript.PACKAGE_NAME)}",
        f"const client = new {client}({TOKEN_VARIABLE})",
    ]


def javascript_call(
    api: Api, operation: Operation, values: CallValues | None = None, options: str = ""
) -> str:
    """`await client.<resource>.<method>(...)`; `options`, an object literal, goes last."""
    values = values or example_values(api, operation)
    resource = resource_of(api, operation)
    args = [typescript.string_literal(_text(value)) for _, value in values.path]
    query = [(typescript.object_key(p.name), value) for p, value in values.sdk_query]
    body = _body_items(values, typescript.object_key)
    if operation.query_params and (query or body):
        args.append(_js_object(query))
    if body or (values.body is not None and operation.body and operation.body.required):
        args.append(_js_object(body))
    if options:
        if operation.query_params and len(args) == len(values.path):
            args.append("{}")
        if operation.body is not None and operation.body.required and not body:
            args.append("{}")
        args.append(options)
    return (
        f"await client.{typescript.resource_property(resource)}"
        f".{typescript.method_name(operation)}({', '.join(args)})"
    )


def _js_object(items: Sequence[tuple[str, object]]) -> str:
    if not items:
        return "{}"
    lines = [f"{_INDENT}{key}: {_js_value(value)}," for key, value in items]
    return "{\n" + "\n".join(lines) + "\n}"


def _js_value(value: object) -> str:
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, str):
        return typescript.string_literal(value)
    if isinstance(value, list):
        return "[" + ", ".join(_js_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        members = ", ".join(
            f"{typescript.object_key(str(key))}: {_js_value(item)}" for key, item in value.items()
        )
        return "{ " + members + " }" if members else "{}"
    return json.dumps(value)  # numbers, true, false, null


# -- Python ------------------------------------------------------------------------------------


def python_sample(api: Api, operation: Operation, values: CallValues | None = None) -> str:
    """`from <package> import ApiClient`, the client, `client.<resource>.<method>(...)`."""
    return "\n\n".join([*python_setup(api), python_call(api, operation, values)]) + "\n"


def python_setup(api: Api) -> list[str]:
    """The lines that import the client and make one from the token."""
    client = api.settings.client_class
    return [f"from {python.PACKAGE} import {client}", f"client = {client}({TOKEN_VARIABLE})"]


def python_call(
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
    args = [_python_value(_text(value)) for _, value in values.path]
    args += [f"{python.argument_name(p)}={_python_value(value)}" for p, value in values.sdk_query]
    body_fields = operation.body.fields if operation.body else ()
    for name, value in values.body or ():
        f = next((f for f in body_fields if f.name == name), None)
        keyword = python.argument_name(f) if f else python.argument_name(_loose_field(name))
        args.append(f"{keyword}={_python_value(value)}")
    args += extra
    via = f".{through}" if through else ""
    head = f"client.{python.resource_attribute(resource)}{via}.{python.method_name(operation)}"
    call = f"{head}({', '.join(args)})"
    if len(call) > _PYTHON_LINE:
        call = head + "(\n" + "".join(f"    {arg},\n" for arg in args) + ")"
    return call


def _loose_field(name: str) -> Field:
    return Field(name=name, type=TypeRef("unknown"), required=False)


def _python_value(value: object) -> str:
    if isinstance(value, Code):
        return str(value)
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_python_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        items = ", ".join(f"{_python_value(str(k))}: {_python_value(v)}" for k, v in value.items())
        return "{" + items + "}"
    return json.dumps(value)


# -- PHP ---------------------------------------------------------------------------------------


def php_sample(api: Api, operation: Operation, values: CallValues | None = None) -> str:
    """`$client = new \\Namespace\\ApiClient($token);`, `$client-><resource>-><method>(...);`."""
    return "\n\n".join([*php_setup(api), php_call(api, operation, values) + ";"]) + "\n"


def php_setup(api: Api) -> list[str]:
    """The line that makes a client from the token."""
    return [f"$client = new \\{php.NAMESPACE}\\{api.settings.client_class}(${TOKEN_VARIABLE});"]


def php_call(
    api: Api,
    operation: Operation,
    values: CallValues | None = None,
    options: str = "",
    through: str = "",
) -> str:
    """`$client-><resource>-><method>(...)` (no `;`); `options`, an array literal, goes last,
    `through` is a call between the resource and the method (`withRawResponse()`)."""
    values = values or example_values(api, operation)
    resource = resource_of(api, operation)
    args = [php.string_literal(_text(value)) for _, value in values.path]
    query = [(php.string_literal(p.name), value) for p, value in values.sdk_query]
    body = _body_items(values, php.string_literal)
    if operation.query_params and (query or body):
        args.append(_php_array(query))
    if body or (values.body is not None and operation.body and operation.body.required):
        args.append(_php_array(body))
    if options:
        if operation.query_params and len(args) == len(values.path):
            args.append("[]")
        if operation.body is not None and operation.body.required and not body:
            args.append("[]")
        args.append(options)
    via = f"->{through}" if through else ""
    method = php.method_name(operation)
    return f"$client->{php.resource_property(resource)}{via}->{method}({', '.join(args)})"


def _php_array(items: Sequence[tuple[str, object]]) -> str:
    if not items:
        return "[]"
    lines = [f"{_INDENT}{key} => {_php_value(value)}," for key, value in items]
    return "[\n" + "\n".join(lines) + "\n]"


def _php_value(value: object) -> str:
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, str):
        return php.string_literal(value)
    if isinstance(value, list):
        return "[" + ", ".join(_php_value(item) for item in value) + "]"
    if isinstance(value, Mapping):
        members = ", ".join(
            f"{php.string_literal(str(key))} => {_php_value(item)}" for key, item in value.items()
        )
        return "[" + members + "]"
    return json.dumps(value)  # numbers, true, false, null


# -- shared ------------------------------------------------------------------------------------


def _body_items(values: CallValues, key: Callable[[str], str]) -> list[tuple[str, object]]:
    """The body's values with their keys as the language writes them."""
    return [(key(name), value) for name, value in values.body or ()]
