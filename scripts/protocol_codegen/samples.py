"""What request samples send, in no language: one operation's example values.

The languages (`protocol_codegen.languages`) write these values as a call in curl, JavaScript,
Python and PHP; the reference page (`targets/docs.py`), `generated/openapi.json`
(`targets/openapi_json.py`, as `x-codeSamples`) and the clients' package READMEs all take their
samples from there. tests/docs/ runs every sample against the reference server.

    from protocol_codegen.languages import LANGUAGES, samples_for
    samples = samples_for(api, operation)
    for language in LANGUAGES:                  # cURL, JavaScript, Python, PHP: the tab order
        print(language.label, samples.text(language.key))

Every function is pure: the same model gives the same values.

The values a sample sends (`example_values`) come from the spec's examples:
- path parameters: the parameter's example, else the example of the resource's id attribute;
- query, header and cookie parameters: those with an example written on the Parameter Object
  itself (a schema's example, such as the `Id` schema's, only illustrates a type) and the
  required ones (never the idempotency key, which the clients draw themselves);
- the body: the first example of the request body, else its required attributes and those
  with an example. Where the spec gives no example, an attribute's default stands in, else a
  placeholder of the right type (an id drawn from the id attribute's pattern). A file is a
  `FilePath`, which each language opens its own way (curl `-F file=@path`, Python
  `open(path, "rb")`, JavaScript `fs.createReadStream(path)`, PHP `fopen($path, 'rb')`): the
  example of the attribute holding an upload's name (`x-protocol-file: name`), else
  `upload.bin`. A body that is not an object (`CallValues.whole`) is the one value `body`.
curl spells out every query parameter it sends (`-G ... -d limit=10`); the SDK calls leave out
the ones whose value is the parameter's default (`CallValues.sdk_query`), since the call means
the same without them. The samples use the placeholders `token` (a variable holding the API
token) and, in curl, `{token}`, and the spec's first server as the base URL.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from protocol_codegen.policy import MEDIA_POLICY, WHOLE_BODY, is_file, path_text, request_media
from protocol_spec.model import Api, Field, Operation, Parameter, Resource, TypeRef

__all__ = [
    "CURL_TOKEN",
    "FORM",
    "JSON",
    "TOKEN_VARIABLE",
    "CallValues",
    "Code",
    "FilePath",
    "as_text",
    "body_items",
    "example_path",
    "example_value",
    "example_values",
    "resource_of",
]

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
TOKEN_VARIABLE = "token"  # what the SDK samples pass to the client's constructor
CURL_TOKEN = "{token}"  # what the curl samples send as the bearer token


class Code(str):
    """A value that is code in the sample's language (`page.data[-1].id`), written as is."""

    __slots__ = ()


class FilePath(str):
    """A file a sample uploads, by its path; each language opens it its own way."""

    __slots__ = ()


@dataclass(frozen=True)
class CallValues:
    """What a sample sends: values by wire name, in the order they are written."""

    path: tuple[tuple[Parameter, object], ...]
    query: tuple[tuple[Parameter, object], ...]  # everything curl sends
    body: tuple[tuple[str, object], ...] | None  # None when the operation takes no body
    # The body is not an object's attributes but one value: `body` is `(("body", value),)`.
    whole: bool = False
    headers: tuple[tuple[Parameter, object], ...] = ()
    cookies: tuple[tuple[Parameter, object], ...] = ()

    @property
    def whole_value(self) -> object:
        """The value of a body that is one value (`whole`)."""
        return (self.body or ((WHOLE_BODY, None),))[0][1]

    @property
    def sdk_query(self) -> tuple[tuple[Parameter, object], ...]:
        """The query arguments of an SDK call: those that differ from their default."""
        return tuple((p, value) for p, value in self.query if not _is_default(p, value))

    @property
    def path_values(self) -> dict[str, str]:
        """Path parameter -> the text the sample puts in the path (tests swap in real ids)."""
        return {p.name: as_text(value) for p, value in self.path}


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

    def shown(params: tuple[Parameter, ...]) -> tuple[tuple[Parameter, object], ...]:
        return tuple(
            (p, p.example if p.has_example else example_value(api, p.type, p.name))
            for p in params
            if (p.own_example or p.required) and p is not operation.idempotency_key
        )

    query = shown(operation.query_params)
    body = _body_values(api, operation)
    media = request_media(operation)
    whole = media is not None and media.whole
    return CallValues(
        path,
        query,
        body,
        whole,
        headers=shown(operation.header_params),
        cookies=shown(operation.cookie_params),
    )


def _is_default(param: Parameter, value: object) -> bool:
    return param.has_default and type(param.default) is type(value) and param.default == value


def example_path(operation: Operation, values: CallValues) -> str:
    """The operation's path with the example values in it: `/v1/things/xgQQXg3hrtjh7AvZ`."""
    path = operation.path
    for param, value in values.path:
        path = path.replace(
            "{" + param.name + "}", path_text(param.name, value, param.style, param.explode)
        )
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
    media = request_media(operation)
    if body is None or media is None:
        return None
    if media.whole:
        return ((WHOLE_BODY, _whole_value(api, operation, media.kind)),)
    files = {f.name for f in body.fields if is_file(f)}
    for content_type in body.content_types:
        for example in body.examples.get(content_type, ()):
            if isinstance(example.value, Mapping):
                return tuple(
                    (str(key), _file_path(api, operation) if key in files else value)
                    for key, value in example.value.items()
                )
    return tuple(
        (f.name, _file_path(api, operation) if f.name in files else _field_value(api, f))
        for f in body.fields
        if f.required or f.has_example
    )


def _whole_value(api: Api, operation: Operation, kind: str) -> object:
    """A body that is one value: a file's path for bytes, else its first example, else a
    placeholder of its type."""
    body = operation.body
    assert body is not None
    if kind == "binary":
        return _file_path(api, operation)
    for content_type in body.content_types:
        for example in body.examples.get(content_type, ()):
            return example.value
    if kind == "text":
        return "text"
    return example_value(api, body.type or TypeRef("unknown"), WHOLE_BODY)


def _file_path(api: Api, operation: Operation) -> FilePath:
    """The file a sample uploads: named as the resource's example upload is named, else
    `upload.bin`."""
    resource = resource_of(api, operation)
    model = next((m for m in api.models if m.name == resource.model), None)
    named = next((f for f in model.fields if f.file == "name"), None) if model else None
    if named is not None and named.has_example and isinstance(named.example, str):
        return FilePath(named.example)
    return FilePath(f"{MEDIA_POLICY.default_file_name}.bin")


def _field_value(api: Api, f: Field, depth: int = 0) -> object:
    if f.has_example:
        return f.example
    if f.has_default:
        return f.default
    if f.id_format is not None:
        return _made_up_id(f.id_format.alphabet, f.id_format.length)
    return _placeholder(api, f.type, f.name, depth)


# A string of a format, where its name would not be one (date-time, uuid, ...).
_FORMATTED = {
    "date-time": "2024-01-02T03:04:05Z",
    "date": "2024-01-02",
    "time": "03:04:05Z",
    "duration": "P1D",
    "email": "someone@example.com",
    "idn-email": "someone@example.com",
    "uri": "https://example.com/",
    "iri": "https://example.com/",
    "uri-reference": "/example",
    "iri-reference": "/example",
    "url": "https://example.com/",
    "hostname": "example.com",
    "idn-hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "uuid": "0b8f6c3e-4d2a-4f61-9a57-2c1e8d7b9f30",
    "byte": "AAAA",
}
# How deep placeholders nest: a recursive schema's required child stops there.
_DEPTH = 4


def example_value(api: Api, type_ref: TypeRef, name: str) -> object:
    """A value of `type_ref` for when the spec gives none: a model's attributes take their
    examples (or placeholders in turn); a `const` or enum its first value; a string is its
    name (or a value of its format: a date-time, a uuid...), a number 0, a boolean true, an
    array one placeholder item, a union its first option's placeholder."""
    return _placeholder(api, type_ref, name, 0)


def _placeholder(api: Api, type_ref: TypeRef, name: str, depth: int) -> object:
    if type_ref.literals:
        return type_ref.literals[0]
    if type_ref.kind == "enum":
        return type_ref.values[0] if type_ref.values else name
    if type_ref.kind == "string":
        return _FORMATTED.get(type_ref.format or "", name)
    if type_ref.kind in ("integer", "number"):
        return 0
    if type_ref.kind == "boolean":
        return True
    if type_ref.kind == "array":
        if type_ref.prefix:
            return [_placeholder(api, t, name, depth + 1) for t in type_ref.prefix]
        if type_ref.items is None or depth >= _DEPTH:
            return []
        return [_placeholder(api, type_ref.items, name, depth + 1)]
    if type_ref.kind == "model" and type_ref.name is not None:
        model = api.model(type_ref.name)
        if depth >= _DEPTH:
            return {}
        return {f.name: _field_value(api, f, depth + 1) for f in model.fields if f.required}
    if type_ref.kind == "unknown" and type_ref.options:
        return _placeholder(api, type_ref.options[0], name, depth)
    return {} if type_ref.kind == "object" else None


def _made_up_id(alphabet: str, length: int) -> str:
    """A fixed id of the right alphabet and length that looks like one (stride through it)."""
    return "".join(alphabet[(7 * index + 3) % len(alphabet)] for index in range(length))


def as_text(value: object) -> str:
    """A value as a path segment or string argument holds it: strings as they are, else JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def body_items(values: CallValues, key: Callable[[str], str]) -> list[tuple[str, object]]:
    """The body's values with their keys as a language writes them."""
    return [(key(name), value) for name, value in values.body or ()]
