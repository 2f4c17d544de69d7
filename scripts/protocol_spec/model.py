"""The intermediate model: what the API is and what it means, in no particular language.

Every part of the project reads the spec through this model: the generator renders it, the
reference server serves it, the conformance suite checks a server against it, the review
compares two of it. Plain frozen dataclasses with names, types and meaning computed once.

Conventions:
- identifiers (methods, parameters, resources) are snake_case; type names are PascalCase;
  targets convert with `naming.camel()` / `naming.pascal()` when their language wants that;
- wire names (`Field.name`, `Parameter.name`) are exactly what travels over HTTP;
- a `TypeRef` is neutral (`string`, `integer`, ...); each target maps it to its own type syntax;
- `*_pointer` attributes are JSON pointers into the document, for `Api.schemas` (JSON Schema
  validation of what travels) and `Api.positions` (file, line and column of a node).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .loaded import Position, Positions

if TYPE_CHECKING:
    from .schemas import Schemas

__all__ = [
    "DOWNLOAD_SUFFIX",
    "IDEMPOTENCY_KEY",
    "WEBHOOKS_ATTRIBUTE",
    "WEBHOOKS_RESOURCE",
    "WINDOW_MATCHES",
    "Api",
    "Assigned",
    "Body",
    "ClientSettings",
    "Constraints",
    "Enum",
    "ErrorShape",
    "Example",
    "Field",
    "FileRole",
    "Filter",
    "FilterMatch",
    "Gap",
    "Header",
    "IdFormat",
    "Inverse",
    "Model",
    "OnDelete",
    "Operation",
    "Pagination",
    "Parameter",
    "ParameterStyle",
    "Reference",
    "Resource",
    "Response",
    "Role",
    "SecurityScheme",
    "SortKey",
    "TypeKind",
    "TypeRef",
    "WebhookEvent",
    "WebhookSigning",
]

TypeKind = Literal[
    "string", "integer", "number", "boolean", "array", "model", "enum", "object", "unknown"
]
# What an operation does to its resource, from its method and path (see semantics.py).
Role = Literal["list", "create", "get", "update", "delete"]
Assigned = Literal["unique-id", "creation-time", "update-time"]
OnDelete = Literal["cascade", "clear", "refuse"]
# What an attribute holds of an uploaded file (`x-protocol-file`); `content` is the body's part.
FileRole = Literal["content", "name", "media-type", "size", "url"]
# Appended to a resource's item path: where the server serves an upload's bytes back.
DOWNLOAD_SUFFIX = "/file"
IDEMPOTENCY_KEY = "idempotency-key"  # the header's name, compared case-insensitively
# Every client's attribute that verifies and parses webhook deliveries: no resource may take it.
WEBHOOKS_ATTRIBUTE = "webhooks"
# The resource of a tag that would take it (`Webhooks`: APIs that manage their webhook
# subscriptions, such as Box's, tag them so): `client.webhook_endpoints`.
WEBHOOKS_RESOURCE = "webhook_endpoints"


@dataclass(frozen=True)
class TypeRef:
    """A neutral type. `name` is set for models and named enums; `items` for arrays;
    `values` for enums (named or inline); `object` is a map with string keys, whose values are
    `additional` (`additionalProperties`) or anything when that is None; `unknown` anything,
    or, when `options` is set, one of them (`oneOf`/`anyOf`; `discriminator` names the property
    whose value says which, `mapping` pairs each value with its model). `literals`: the only
    values a string, integer, number or boolean may take (`const`, or an enum of numbers).
    `prefix`: a tuple's first items, one type each (`prefixItems`); `items` then types the
    items after them, and `rest` says whether there may be any."""

    kind: TypeKind
    nullable: bool = False
    name: str | None = None
    items: TypeRef | None = None
    values: tuple[str, ...] = ()
    format: str | None = None
    additional: TypeRef | None = None
    options: tuple[TypeRef, ...] = ()
    discriminator: str | None = None
    mapping: tuple[tuple[str, str], ...] = ()  # (discriminator value, model name)
    literals: tuple[str | int | float | bool, ...] = ()
    prefix: tuple[TypeRef, ...] = ()
    rest: bool = True


@dataclass(frozen=True)
class Constraints:
    """The JSON Schema bounds of a value; None where the schema says nothing."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class IdFormat:
    """What a `unique-id` attribute's pattern `^[<alphabet>]{<length>}$` allows."""

    alphabet: str
    length: int


@dataclass(frozen=True)
class Reference:
    """The attribute names objects of another resource by id (`x-protocol-reference`)."""

    resource: str  # the target's tag
    on_delete: OnDelete
    touch: str | None = None  # the target's attribute set to the referrer's creation time
    many: bool = False  # an array of ids (or of objects)
    embedded: bool = False  # responses hold the objects; requests send their ids


@dataclass(frozen=True)
class Inverse:
    """The attribute lists the objects of `resource` whose `attribute` names this object."""

    resource: str
    attribute: str


@dataclass(frozen=True)
class Field:
    """A property of an object schema (a model's attribute, or a body's argument)."""

    name: str  # wire name
    type: TypeRef
    required: bool
    description: str = ""
    default: object = None
    has_default: bool = False
    read_only: bool = False
    assigned: Assigned | None = None
    id_format: IdFormat | None = None  # for `unique-id`
    constraints: Constraints = Constraints()
    example: object = None
    has_example: bool = False
    pointer: str = ""  # the property's schema in the document
    reference: Reference | None = None
    alongside: str | None = None  # the attribute of the object created alongside naming this one
    inverse: Inverse | None = None
    file: FileRole | None = None

    @property
    def nullable(self) -> bool:
        return self.type.nullable

    def initial(self) -> tuple[bool, object]:
        """What a new object holds for this attribute when create does not set it and the
        server does not assign it: (True, its `default`), else (True, None) when nullable,
        else (False, None): the spec says nothing (semantics.py reports that as a gap)."""
        if self.has_default:
            return True, copy.deepcopy(self.default)
        return self.nullable, None

    @property
    def server_set(self) -> bool:
        """The server gives it its value (assigned, created alongside, kept in step, read from
        an upload): a new object needs no default or request value for it."""
        return bool(
            self.assigned or self.alongside or self.inverse or self.file not in (None, "content")
        )


@dataclass(frozen=True)
class Model:
    """An object schema from components/schemas (or one nested inside another)."""

    name: str
    description: str
    fields: tuple[Field, ...]
    closed: bool  # additionalProperties: false
    pointer: str = ""
    external_docs: str | None = None  # `externalDocs.url`

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class Enum:
    name: str
    description: str
    values: tuple[str, ...]
    pointer: str = ""  # where the enum's schema is written


# How a filter's value constrains the attribute (`x-protocol-filter` `match`): `equals`, `is-set`
# (a boolean: not null / null), `contains` (an array attribute holds the value), `since` (the
# attribute is >= the value) and `before` (it is < the value): `since` and `before` on one
# attribute make the half-open window [since, before).
FilterMatch = Literal["equals", "is-set", "contains", "since", "before"]
WINDOW_MATCHES: tuple[FilterMatch, ...] = ("since", "before")


@dataclass(frozen=True)
class Filter:
    """A query parameter that narrows a list by one attribute (`x-protocol-filter`)."""

    attribute: str
    match: FilterMatch
    through: str | None = None  # a reference attribute: `attribute` is the named object's


ParameterStyle = Literal[
    "form", "simple", "spaceDelimited", "pipeDelimited", "deepObject", "label", "matrix"
]


@dataclass(frozen=True)
class Parameter:
    name: str  # wire name
    identifier: str  # snake_case
    location: Literal["path", "query", "header", "cookie"]
    type: TypeRef
    required: bool
    description: str = ""
    default: object = None
    has_default: bool = False
    constraints: Constraints = Constraints()
    example: object = None
    has_example: bool = False  # an example on the Parameter Object or in its schema
    # The example is written on the Parameter Object itself (`example`), not inherited from its
    # schema: the spec's choice of a value to show in a request, where a schema's example (the
    # `Id` schema's) only illustrates the type.
    own_example: bool = False
    filter: Filter | None = None
    pointer: str = ""  # the Parameter Object in the document
    schema_pointer: str = ""  # its schema
    # How an array or object value is written (OpenAPI's `style` and `explode`, with their
    # defaults: `form` and exploded in the query and cookies, `simple` in the path and headers).
    style: ParameterStyle = "form"
    explode: bool = True


@dataclass(frozen=True)
class Example:
    name: str
    summary: str
    value: Any


@dataclass(frozen=True)
class Body:
    """A request body. When its schema is an object, its properties become arguments
    (`fields`); any other body (an array, a string, a file's bytes, text) is one argument of
    type `type`, and `fields` is empty."""

    content_types: tuple[str, ...]  # as declared; JSON first when present
    required: bool
    fields: tuple[Field, ...]
    model: str | None  # component schema name when the body is a $ref
    schema_pointers: Mapping[str, str] = field(default_factory=dict)  # content type -> schema
    examples: Mapping[str, tuple[Example, ...]] = field(default_factory=dict)  # by content type
    min_properties: int | None = None
    max_properties: int | None = None
    closed: bool = False
    type: TypeRef | None = None  # the whole body's type when it is not an object schema

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True)
class Header:
    name: str
    required: bool
    description: str = ""
    pointer: str = ""


@dataclass(frozen=True)
class Response:
    """One declared response of an operation: `status` as written ('200', '4XX', 'default')."""

    status: str
    description: str
    content_types: tuple[str, ...]
    schema_pointer: str | None  # the JSON body's schema
    headers: tuple[Header, ...]
    examples: tuple[Example, ...]
    # For 4xx/5xx: the `type` its error schema promises (`const`), None when it says none,
    # and the named schema the error body is (through `allOf`), None when it is inline.
    error_type: str | None = None
    error_model: str | None = None
    pointer: str = ""

    def header(self, name: str) -> Header | None:
        """The declared header `name` (compared case-insensitively, as HTTP does)."""
        return next((h for h in self.headers if h.name.lower() == name.lower()), None)

    def covers(self, status: int) -> bool:
        text = str(status)
        return self.status == text or (
            len(self.status) == 3 and self.status.endswith("XX") and self.status[0] == text[0]
        )


@dataclass(frozen=True)
class ErrorShape:
    """What an error answer of some status carries: the named error schema its body is, and
    the `type` it promises (`const`); None where the spec says nothing."""

    model: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class SortKey:
    attribute: str
    descending: bool


@dataclass(frozen=True)
class Pagination:
    """A cursor-paginated list (`x-protocol-pagination`)."""

    item: TypeRef  # kind "model": the listed objects
    items_field: str  # the response property holding them
    has_more_field: str
    after_param: str  # query parameter: the page after this cursor
    before_param: str | None  # query parameter: the page before this cursor
    limit_param: str | None
    cursor_field: str  # the item attribute whose value is a cursor
    # The declared order (`x-protocol-order`) made total: its keys, then the cursor attribute
    # (in the last key's direction) unless it is a key already, so that cursors name a place.
    total_order: tuple[SortKey, ...] = ()

    @property
    def cursor_params(self) -> tuple[str, ...]:
        return (self.after_param,) + ((self.before_param,) if self.before_param else ())


@dataclass(frozen=True)
class Gap:
    """Something the spec leaves unsaid that a part of the toolchain needs, where to say it."""

    pointer: str
    problem: str
    fix: str


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method_name: str  # snake_case
    http_method: str  # upper case
    path: str  # template, e.g. /v1/conversations/{id}
    summary: str
    description: str
    path_params: tuple[Parameter, ...]  # in the order they appear in the path
    query_params: tuple[Parameter, ...]
    body: Body | None
    success_status: int
    result: TypeRef | None  # None when the success response has no body (204)
    pagination: Pagination | None
    idempotent: bool  # safe to retry: GET, HEAD, OPTIONS, PUT, DELETE
    error_statuses: tuple[int, ...]
    role: Role | None = None
    order: tuple[SortKey, ...] = ()
    header_params: tuple[Parameter, ...] = ()
    responses: tuple[Response, ...] = ()
    security: tuple[str, ...] = ()  # names of the schemes that may authenticate it
    # The operation's security requirements (its own `security`, else the document's): each
    # alternative lists the schemes that authenticate a request together; an empty alternative
    # (or no alternative at all, `security: []`) means a request may go without credentials.
    security_requirements: tuple[tuple[str, ...], ...] = ()
    cookie_params: tuple[Parameter, ...] = ()
    tags: tuple[str, ...] = ()
    pointer: str = ""

    @property
    def label(self) -> str:
        return f"{self.http_method} {self.path}"

    @property
    def filters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.query_params if p.filter is not None)

    @property
    def success(self) -> Response | None:
        """The response that describes success: the success status's, else (an operation that
        lists no 2xx response) `default`'s, the answer to every status not listed."""
        found = self.response(self.success_status)
        return found or next((r for r in self.responses if r.status == "default"), None)

    def response(self, status: int) -> Response | None:
        """The declared response for `status`: the exact code first, then its class."""
        exact = next((r for r in self.responses if r.status == str(status)), None)
        return exact or next((r for r in self.responses if r.covers(status)), None)

    def parameter(self, name: str) -> Parameter | None:
        every = (*self.path_params, *self.query_params, *self.header_params, *self.cookie_params)
        return next((p for p in every if p.name == name), None)

    @property
    def idempotency_key(self) -> Parameter | None:
        """The `Idempotency-Key` header (IETF draft-ietf-httpapi-idempotency-key-header), when
        the operation declares it: the same key with the same request gets the first answer."""
        return next((p for p in self.header_params if p.name.lower() == IDEMPOTENCY_KEY), None)

    @property
    def retry_safe(self) -> bool:
        """Sending it twice does no harm: an idempotent method, or an idempotency key."""
        return self.idempotent or self.idempotency_key is not None


@dataclass(frozen=True)
class Resource:
    name: str  # the tag, as written in the spec
    identifier: str  # snake_case attribute name on the client: `conversations`
    class_name: str  # PascalCase: `Conversations`
    description: str
    operations: tuple[Operation, ...]
    singular: str = ""  # how messages name one object: `conversation`
    model: str | None = None  # the schema of one object (the get/create/update result)
    id_attribute: str | None = None  # the attribute the item path's parameter takes
    collection_path: str | None = None  # /v1/conversations
    item_path: str | None = None  # /v1/conversations/{id}
    # What the spec does not say about this resource that serving or checking it needs.
    gaps: tuple[Gap, ...] = ()

    def operation(self, role: Role) -> Operation | None:
        return next((op for op in self.operations if op.role == role), None)

    @property
    def id_parameter(self) -> str | None:
        """The item path's parameter, which takes `id_attribute`: `id` in `/v1/things/{id}`."""
        if self.item_path is None:
            return None
        return self.item_path.rsplit("{", 1)[1].rstrip("}")


@dataclass(frozen=True)
class SecurityScheme:
    name: str
    type: str  # http, apiKey, oauth2, openIdConnect, mutualTLS
    scheme: str | None  # for http: bearer, basic
    description: str = ""
    location: str | None = None  # for apiKey: header, query or cookie
    parameter: str | None = None  # for apiKey: the header, query parameter or cookie's name
    token_url: str | None = None  # for oauth2: the client credentials flow's `tokenUrl`
    scopes: tuple[str, ...] = ()  # for oauth2: the client credentials flow's scopes
    flows: tuple[str, ...] = ()  # for oauth2: the flows declared (`clientCredentials`, ...)
    pointer: str = ""


@dataclass(frozen=True)
class ClientSettings:
    """What every client shares and the spec does not say."""

    client_class: str = "ApiClient"
    env_prefix: str = "PROTOCOL"  # of every environment variable the clients read
    base_url_env: str = "PROTOCOL_BASE_URL"
    token_env: str = "PROTOCOL_API_TOKEN"
    webhook_secret_env: str = "PROTOCOL_WEBHOOK_SECRET"  # the SDKs' default webhook secret
    # The packages' names (`protocol_spec.sdk_settings` derives them from the spec).
    python_package: str = "protocol_api"
    npm_package: str = "@example/protocol-api"
    php_package: str = "protocol/sdk"
    php_namespace: str = "Protocol"  # the PHP package's root namespace


@dataclass(frozen=True)
class WebhookSigning:
    """How deliveries are signed (`x-protocol-webhook-signature`, declared once for the API).

    `hmac-sha256-hex`: `headers[0]` carries the lowercase hex HMAC-SHA256 of the raw body.
    `standard-webhooks`: `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,<base64>`
    entries) sign `{id}.{timestamp}.{body}`; a timestamp more than `tolerance` seconds from the
    receiver's clock is refused."""

    scheme: Literal["hmac-sha256-hex", "standard-webhooks"]
    headers: tuple[str, ...]  # every header the scheme sends, lower case; the signature's last
    tolerance: int | None = None  # seconds, for schemes that sign a timestamp
    pointer: str = ""

    @property
    def signature_header(self) -> str:
        return self.headers[-1]


@dataclass(frozen=True)
class WebhookEvent:
    """A webhook that reports a change of one resource's objects: `conversation.created`."""

    type: str  # the webhook's name, the `type` of its deliveries
    resource: str  # Resource.name
    action: Literal["created", "updated", "deleted"]
    payload: str  # the body's attribute that holds the object
    pointer: str = ""  # the webhook's operation


@dataclass(frozen=True)
class Api:
    title: str
    version: str
    description: str
    default_base_url: str
    resources: tuple[Resource, ...]
    models: tuple[Model, ...]
    enums: tuple[Enum, ...]
    source: str  # the spec's path as shown in headers, e.g. spec/openapi.yaml
    security_schemes: tuple[SecurityScheme, ...] = ()
    webhooks: tuple[Operation, ...] = ()  # `path` is the webhook's name
    webhook_signing: WebhookSigning | None = None
    webhook_events: tuple[WebhookEvent, ...] = ()  # the webhooks that report a resource's changes
    # The loaded document itself, for the tools that read OpenAPI directly: the Python target
    # hands it to datamodel-code-generator, the conformance suite to schemathesis. Ours read
    # the dataclasses. Not part of equality.
    document: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    positions: Positions = field(default_factory=lambda: Positions(""), compare=False, repr=False)
    schemas: Schemas | None = field(default=None, compare=False, repr=False)
    settings: ClientSettings = field(default_factory=ClientSettings)
    # "4" / "5" -> the error schema and `type` of that status class where an operation does
    # not declare its own: the first response of the class that says each (semantics.py).
    error_classes: Mapping[str, ErrorShape] = field(default_factory=dict)

    def error(self, status: int, operation: Operation | None = None) -> ErrorShape:
        """The error schema and `type` of a `status` answer to `operation`: what its declared
        response says, else what its status class says."""
        declared = operation.response(status) if operation is not None else None
        default = self.error_classes.get(str(status)[0], ErrorShape())
        return ErrorShape(
            (declared.error_model if declared is not None else None) or default.model,
            (declared.error_type if declared is not None else None) or default.type,
        )

    def model(self, name: str) -> Model:
        return next(model for model in self.models if model.name == name)

    def events_of(self, resource: Resource) -> tuple[WebhookEvent, ...]:
        return tuple(e for e in self.webhook_events if e.resource == resource.name)

    def resource(self, name: str) -> Resource:
        return next(resource for resource in self.resources if resource.name == name)

    def download_path(self, resource: Resource) -> str | None:
        """Where the server serves an upload's bytes back, `<item path>/file`, for a resource
        whose schema has an `x-protocol-file: url` attribute (that attribute holds the
        address); None for any other resource."""
        if resource.item_path is None or resource.model is None:
            return None
        model = next((m for m in self.models if m.name == resource.model), None)
        if model is None or not any(f.file == "url" for f in model.fields):
            return None
        return resource.item_path + DOWNLOAD_SUFFIX

    @property
    def operations(self) -> tuple[Operation, ...]:
        return tuple(op for resource in self.resources for op in resource.operations)

    def position(self, pointer: str) -> Position | None:
        """File, line and column of the node at `pointer` (or of its nearest written ancestor)."""
        return self.positions.of(pointer)

    def where(self, pointer: str) -> str:
        """`file:line` of a node, for messages."""
        position = self.position(pointer)
        return f"{position.file}:{position.line}" if position else self.positions.file
