"""The intermediate model: what every target renders from, in no particular language.

Plain frozen dataclasses with names and types already computed. Conventions:
- identifiers (methods, parameters, resources) are snake_case; type names are PascalCase;
  targets convert with `naming.camel()` / `naming.pascal()` when their language wants that;
- wire names (`Field.name`, `Parameter.name`) are exactly what travels over HTTP;
- a `TypeRef` is neutral (`string`, `integer`, ...); each target maps it to its own type syntax.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "Api",
    "Body",
    "ClientSettings",
    "Enum",
    "Field",
    "Model",
    "Operation",
    "Pagination",
    "Parameter",
    "Resource",
    "TypeKind",
    "TypeRef",
]

TypeKind = Literal[
    "string", "integer", "number", "boolean", "array", "model", "enum", "object", "unknown"
]


@dataclass(frozen=True)
class TypeRef:
    """A neutral type. `name` is set for models and named enums; `items` for arrays;
    `values` for enums (named or inline); `object` is a free-form map; `unknown` anything."""

    kind: TypeKind
    nullable: bool = False
    name: str | None = None
    items: TypeRef | None = None
    values: tuple[str, ...] = ()
    format: str | None = None


@dataclass(frozen=True)
class Field:
    name: str  # wire name
    type: TypeRef
    required: bool
    description: str = ""
    default: object = None
    has_default: bool = False

    @property
    def nullable(self) -> bool:
        return self.type.nullable


@dataclass(frozen=True)
class Model:
    """An object schema from components/schemas (or one nested inside another)."""

    name: str
    description: str
    fields: tuple[Field, ...]
    closed: bool  # additionalProperties: false


@dataclass(frozen=True)
class Enum:
    name: str
    description: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Parameter:
    name: str  # wire name
    identifier: str  # snake_case
    location: Literal["path", "query"]
    type: TypeRef
    required: bool
    description: str = ""
    default: object = None
    has_default: bool = False


@dataclass(frozen=True)
class Body:
    """A request body whose schema is an object: its properties become arguments."""

    content_types: tuple[str, ...]  # as declared; JSON first when present
    required: bool
    fields: tuple[Field, ...]
    model: str | None  # component schema name when the body is a $ref


@dataclass(frozen=True)
class Pagination:
    """A cursor-paginated list: `{has_more, data: [item]}` walked with `starting_after`."""

    item: TypeRef  # kind "model"
    items_field: str = "data"
    has_more_field: str = "has_more"
    cursor_param: str = "starting_after"
    cursor_field: str = "id"  # the item attribute whose value is the next cursor


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


@dataclass(frozen=True)
class Resource:
    name: str  # the tag, as written in the spec
    identifier: str  # snake_case attribute name on the client: `conversations`
    class_name: str  # PascalCase: `Conversations`
    description: str
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class ClientSettings:
    """What every client shares and the spec does not say."""

    client_class: str = "ApiClient"
    base_url_env: str = "PROTOCOL_BASE_URL"
    token_env: str = "PROTOCOL_API_TOKEN"


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
    # The loaded spec itself, for targets whose model generator reads OpenAPI directly
    # (the Python target hands it to datamodel-code-generator). Not part of equality.
    document: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    settings: ClientSettings = field(default_factory=ClientSettings)

    def model(self, name: str) -> Model:
        return next(model for model in self.models if model.name == name)
