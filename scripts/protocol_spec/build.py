"""A loaded spec -> the intermediate model (`model.Api`).

Driven only by the spec: resources are tags, methods come from operationIds (or
`x-protocol-sdk-method`), and what the API means comes from standard keywords plus the
`x-protocol-` vocabulary (`semantics.py`). Problems found are collected and raised together as
`SpecErrors`, each with its JSON pointer and a fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from . import naming
from .derived_names import operation_id_for, resource_for_path, unique
from .errors import SpecError, SpecErrors
from .loaded import LoadedSpec
from .model import (
    Api,
    Body,
    Constraints,
    Enum,
    Example,
    Field,
    Header,
    Model,
    Operation,
    Parameter,
    Resource,
    Response,
    SecurityScheme,
    TypeKind,
    TypeRef,
)
from .pointers import join, local_ref_pointer, lookup
from .relations import check_relations, relation_fields
from .schemas import Schemas
from .sdk_settings import client_settings
from .semantics import Semantics, error_classes, flatten
from .structure import HTTP_METHODS
from .webhooks import webhook_events, webhook_signing

__all__ = [
    "IDEMPOTENT_METHODS",
    "SCHEMA_PREFIX",
    "SDK_METHOD",
    "Node",
    "build_api",
    "build_wire_api",
    "component_type_names",
]

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
SCHEMA_PREFIX = "#/components/schemas/"
SDK_METHOD = "x-protocol-sdk-method"
_PRIMITIVES: dict[str, TypeKind] = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
}

Node = Mapping[str, Any]


def _is_json(media_type: str) -> bool:
    """`application/json`, `application/problem+json;q=1`, `Application/JSON; charset=utf-8`:
    the media type without its parameters, any case."""
    essence = str(media_type).split(";", 1)[0].strip().lower()
    return essence == "application/json" or essence.endswith("+json")


def build_api(spec: LoadedSpec, source: str) -> Api:
    """The intermediate model of `spec`; raises SpecErrors listing every problem found."""
    return _Builder(spec).build(source)


def build_wire_api(spec: LoadedSpec, source: str) -> tuple[Api, list[SpecError]]:
    """The model of a valid OpenAPI document whatever the generator needs (the spec review's
    reading of others' specs): what `build_api` would refuse (a request body that is no
    object, an operation without a 2xx response, a body attribute named like a parameter,
    ...) is returned beside the model instead of raised, and the model holds every operation
    with its wire contract (schemas by pointer, statuses, parameters) as written."""
    builder = _Builder(spec)
    builder.wire_only = True
    api = builder.build(source)
    return api, builder.errors


class _Builder:
    def __init__(self, spec: LoadedSpec) -> None:
        self.spec = spec
        self.doc: Node = spec.document
        self.errors: list[SpecError] = []
        self.models: dict[str, Model] = {}
        self.enums: dict[str, Enum] = {}
        # Each component schema's type name, computed once: PascalCase, unique.
        self.type_names = component_type_names(spec.document)
        # Each operation's pointer -> its operationId, written or derived (unique).
        self.operation_ids = _operation_ids(spec.document)
        self.wire_only = False  # build_wire_api: keep going, return the problems

    def fail(self, at: str, problem: str, fix: str) -> None:
        self.errors.append(self.spec.error(at, problem, fix))

    # -- whole document -------------------------------------------------------------------

    def build(self, source: str) -> Api:
        self._collect_component_schemas()
        by_tag = self._operations_by_tag()
        webhooks = self._webhooks()
        semantics = Semantics(self.spec, self.models, self.errors)
        resources = _classes_apart(
            semantics.resources(by_tag, self._tag_docs()), {*self.models, *self.enums}
        )
        check_relations(self.spec, self.models, resources, self.errors)
        signing = webhook_signing(self.doc)
        events = webhook_events(webhooks, resources, signing, self.fail)
        if self.errors and not self.wire_only:
            raise SpecErrors(self.errors)
        info: Node = self.doc.get("info", {})
        servers = self.doc.get("servers") or [{}]
        return Api(
            title=str(info.get("title", "")),
            version=str(info.get("version", "")),
            description=_text(info.get("description")),
            default_base_url=str(servers[0].get("url", "")).rstrip("/"),
            resources=resources,
            models=tuple(self.models.values()),
            enums=tuple(self.enums.values()),
            source=source,
            security_schemes=self._security_schemes(),
            webhooks=webhooks,
            webhook_signing=signing,
            webhook_events=events,
            error_classes=error_classes([op for r in resources for op in r.operations]),
            document=self.doc,
            positions=self.spec.positions,
            schemas=Schemas(self.doc),
            settings=client_settings(self.doc),
        )

    def _tag_docs(self) -> dict[str, str]:
        return {str(tag["name"]): _text(tag.get("description")) for tag in self.doc.get("tags", [])}

    def _security_schemes(self) -> tuple[SecurityScheme, ...]:
        schemes: Node = self.doc.get("components", {}).get("securitySchemes", {})
        result = []
        for name, raw in schemes.items():
            scheme, at = self.spec.resolve_with_pointer(
                raw, join("", "components", "securitySchemes", name)
            )
            flows: Node = scheme.get("flows") or {}
            client: Node = flows.get("clientCredentials") or {}
            result.append(
                SecurityScheme(
                    name=name,
                    type=str(scheme.get("type", "")),
                    scheme=str(scheme["scheme"]).lower() if "scheme" in scheme else None,
                    description=_text(scheme.get("description")),
                    location=str(scheme["in"]) if "in" in scheme else None,
                    parameter=str(scheme["name"]) if "name" in scheme else None,
                    token_url=str(client["tokenUrl"]) if "tokenUrl" in client else None,
                    scopes=tuple(str(scope) for scope in client.get("scopes") or {}),
                    flows=tuple(str(flow) for flow in flows),
                    pointer=at,
                )
            )
        return tuple(result)

    def _collect_component_schemas(self) -> None:
        schemas: Node = self.doc.get("components", {}).get("schemas", {})
        for raw_name, schema in schemas.items():
            name = self.type_names[raw_name]
            at = join("", "components", "schemas", raw_name)
            if _is_object(schema):
                self._register_model(name, schema, at)
            elif _merges_objects(self.spec, schema):
                self._register_merged(name, schema, at)
            elif _string_enum(schema) is not None:
                self.enums[name] = Enum(
                    name, _text(schema.get("description")), _string_enum(schema) or (), at
                )

    def _register_model(self, name: str, schema: Node, at: str) -> None:
        if name in self.models and self.models[name].pointer != at:
            name = unique(name, self.models.keys() | self.enums.keys())
        closed = schema.get("additionalProperties") is False
        fields = self._fields(schema, owner=name, at=at)
        docs = schema.get("externalDocs")
        self.models[name] = Model(
            name,
            _text(schema.get("description")),
            fields,
            closed,
            at,
            external_docs=str(docs["url"]) if isinstance(docs, dict) and "url" in docs else None,
        )

    def _fields(self, schema: Node, owner: str | None, at: str) -> tuple[Field, ...]:
        """The fields of an object schema, in the spec's order."""
        required = set(schema.get("required", []))
        fields = []
        for prop, prop_schema in schema.get("properties", {}).items():
            here = join(at, "properties", prop)
            flat = flatten(self.spec, prop_schema)
            assigned = flat.get("x-protocol-assigned")
            type_ref = self._type(prop_schema, owner=owner, prop=prop, at=here)
            fields.append(
                Field(
                    name=prop,
                    type=type_ref,
                    required=prop in required,
                    description=_description(prop_schema, self.spec),
                    default=flat.get("default"),
                    has_default="default" in flat,
                    read_only=flat.get("readOnly") is True,
                    assigned=assigned
                    if assigned in ("unique-id", "creation-time", "update-time")
                    else None,
                    constraints=_constraints(flat),
                    example=flat.get("example"),
                    has_example="example" in flat,
                    pointer=here,
                    **relation_fields(flat, type_ref),
                )
            )
        return tuple(fields)

    # -- types ----------------------------------------------------------------------------

    def _type(
        self, schema: Node, *, owner: str | None = None, prop: str | None = None, at: str = ""
    ) -> TypeRef:
        """The neutral type of a schema. Inline enums and objects inside a model get the
        name datamodel-code-generator gives them: owner + property (`ErrorType`)."""
        if "$ref" in schema:
            ref = str(schema["$ref"])
            target: Node = self.spec.resolve(schema)
            if ref.startswith(SCHEMA_PREFIX):
                name = self._component_name(ref)
                if _is_object(target) or _merges_objects(self.spec, target):
                    declared = target.get("type")
                    nullable = isinstance(declared, list) and "null" in declared
                    return TypeRef("model", nullable=nullable, name=name)
                values = _string_enum(target)
                if values is not None:
                    nullable = _enum_allows_null(target)
                    return TypeRef("enum", nullable=nullable, name=name, values=values)
            return self._type(target, owner=owner, prop=prop, at=at)  # an alias such as Id
        for combinator in ("anyOf", "oneOf"):
            if combinator in schema:
                options = [opt for opt in schema[combinator] if opt.get("type") != "null"]
                nullable = len(options) < len(schema[combinator])
                if len(options) == 1:
                    inner = self._type(options[0], owner=owner, prop=prop, at=at)
                    return _with_nullable(inner, nullable or inner.nullable)
                return self._union(schema, combinator, owner=owner, prop=prop, at=at)
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self._type(schema["allOf"][0], owner=owner, prop=prop, at=at)
        if _merges_objects(self.spec, schema) and owner and prop:
            name = _scoped_name(owner, prop)
            self._register_merged(name, schema, at)
            return TypeRef("model", name=self._name_at(name, at))

        declared = schema.get("type")
        types: list[str] = (
            [str(t) for t in declared] if isinstance(declared, list) else [str(declared or "")]
        )
        nullable = "null" in types
        types = [t for t in types if t not in ("null", "")]
        kind = types[0] if len(types) == 1 else None
        values = _string_enum(schema)
        if values is not None:
            enum_name = _scoped_name(owner, prop) if owner and prop else None
            if enum_name is not None:
                known = self.enums.get(enum_name)
                if known is not None and known.pointer != at:  # another enum has the name
                    enum_name = unique(enum_name, self.models.keys() | self.enums.keys())
                description = _text(schema.get("description"))
                self.enums.setdefault(enum_name, Enum(enum_name, description, values, at))
            nullable = nullable or _enum_allows_null(schema)
            return TypeRef("enum", nullable=nullable, name=enum_name, values=values)
        if kind is None and "const" in schema:
            kind = _JSON_KINDS.get(type(schema["const"]))
        if kind in _PRIMITIVES:
            # A file's bytes: `format: binary` (3.0), or a `contentMediaType` with no
            # `contentEncoding` (3.1: the raw bytes of a part or a body).
            binary = "contentMediaType" in schema and "contentEncoding" not in schema
            found = schema.get("format") or ("binary" if binary else None)
            return TypeRef(
                _PRIMITIVES[kind], nullable=nullable, format=found, literals=_literals(schema)
            )
        if kind == "array":
            items_at = join(at, "items")
            item_prop = f"{prop}_item" if prop else None
            written = schema.get("items", {})
            items = self._type(
                written if isinstance(written, dict) else {},
                owner=owner,
                prop=item_prop,
                at=items_at,
            )
            prefix = tuple(
                self._type(
                    item,
                    owner=owner,
                    prop=f"{prop}_item{index + 1}" if prop else None,
                    at=join(at, "prefixItems", str(index)),
                )
                for index, item in enumerate(schema.get("prefixItems") or ())
                if isinstance(item, dict)
            )
            most = schema.get("maxItems")
            closed = written is False or (isinstance(most, int) and most <= len(prefix))
            return TypeRef(
                "array", nullable=nullable, items=items, prefix=prefix, rest=not (prefix and closed)
            )
        if kind == "object" or (kind is None and "properties" in schema):
            if schema.get("properties") and owner and prop:
                name = _scoped_name(owner, prop)
                self._register_model(name, schema, at)
                return TypeRef("model", nullable=nullable, name=self._name_at(name, at))
            return TypeRef(
                "object", nullable=nullable, additional=self._values(schema, owner, prop, at)
            )
        return TypeRef("unknown", nullable=nullable)

    def _union(
        self, schema: Node, combinator: str, *, owner: str | None, prop: str | None, at: str
    ) -> TypeRef:
        """`oneOf`/`anyOf` of two types or more (besides null): each option typed, inline
        objects named after the property (`PetOwnerOption2`), and with a `discriminator` the
        value that selects each model (its `mapping`, else the model's `const`, else the
        schema's name, as OpenAPI says)."""
        written = schema[combinator]
        nullable = any(opt.get("type") == "null" for opt in written)
        options = []
        for index, option in enumerate(written):
            if option.get("type") == "null":
                continue
            option_prop = f"{prop}_option{index + 1}" if prop else None
            here = join(at, combinator, str(index))
            options.append(self._type(option, owner=owner, prop=option_prop, at=here))
        raw = schema.get("discriminator")
        property_name = raw.get("propertyName") if isinstance(raw, dict) else None
        if not isinstance(raw, dict) or not isinstance(property_name, str):
            return TypeRef("unknown", nullable=nullable, options=tuple(options))
        mapping: dict[str, str] = {}
        explicit = raw.get("mapping")
        for value, target in (explicit if isinstance(explicit, dict) else {}).items():
            ref = target if str(target).startswith("#") else SCHEMA_PREFIX + str(target)
            mapping[str(value)] = self._component_name(ref)
        for option in written:
            ref = option.get("$ref") if isinstance(option, dict) else None
            if not isinstance(ref, str) or not ref.startswith(SCHEMA_PREFIX):
                continue
            name = self._component_name(ref)
            if name in mapping.values():
                continue
            own = flatten(self.spec, self.spec.resolve(option)).get("properties", {})
            selector = flatten(self.spec, own.get(property_name, {}))
            values = _literals(selector) or tuple(selector.get("enum") or ())
            for value in values or (ref.removeprefix(SCHEMA_PREFIX),):
                mapping.setdefault(str(value), name)
        return TypeRef(
            "unknown",
            nullable=nullable,
            options=tuple(options),
            discriminator=property_name,
            mapping=tuple(mapping.items()),
        )

    def _register_merged(self, name: str, schema: Node, at: str) -> None:
        """An `allOf` of object schemas as one model with the fields of all its parts (a later
        part's field of the same name wins; required in any part is required)."""
        if name in self.models and self.models[name].pointer != at:
            name = unique(name, self.models.keys() | self.enums.keys())
        self.models[name] = Model(
            name, _text(schema.get("description")), (), False, at
        )  # first, so that a recursive part finds it
        fields: dict[str, Field] = {}
        required: set[str] = set()
        for part, part_at, part_owner in self._parts(schema, name, at):
            required |= set(part.get("required", []))
            for f in self._fields(part, owner=part_owner, at=part_at):
                earlier = fields.get(f.name)
                if earlier is not None and not f.description:  # a narrowing keeps the words
                    f = replace(f, description=earlier.description)
                fields[f.name] = f
        merged = tuple(
            replace(f, required=f.required or f.name in required) for f in fields.values()
        )
        self.models[name] = Model(name, _text(schema.get("description")), merged, False, at)

    def _parts(self, schema: Node, name: str, at: str) -> list[tuple[Node, str, str]]:
        """The object schemas an `allOf` merges, `$ref`s followed (and their own `allOf`s),
        with where each is and the model its inline enums and objects are named after."""
        found: list[tuple[Node, str, str]] = []
        for index, part in enumerate(schema.get("allOf", [])):
            part_at = join(at, "allOf", str(index))
            owner = name
            if "$ref" in part:
                target, part_at = self.spec.resolve_with_pointer(part, part_at)
                ref = str(part["$ref"])
                owner = self._component_name(ref) if ref.startswith(SCHEMA_PREFIX) else name
                part = target
            if "allOf" in part:
                found += self._parts(part, owner, part_at)
            else:
                found.append((part, part_at, owner))
        if "properties" in schema:
            found.append((schema, at, name))
        return found

    def _values(self, schema: Node, owner: str | None, prop: str | None, at: str) -> TypeRef | None:
        """The type of a map's values (`additionalProperties: {schema}`); None for any value."""
        values = schema.get("additionalProperties")
        if not isinstance(values, dict) or not values:
            return None
        value_prop = f"{prop}_value" if prop else None
        here = join(at, "additionalProperties")
        value_type = self._type(values, owner=owner, prop=value_prop, at=here)
        return None if value_type.kind == "unknown" and not value_type.nullable else value_type

    # -- operations -----------------------------------------------------------------------

    def _operations_by_tag(self) -> dict[str, list[Operation]]:
        by_tag: dict[str, list[Operation]] = {name: [] for name in self._tag_docs()}
        taken: dict[tuple[str, str], str] = {}  # (tag, method name) -> operationId
        overridden: set[tuple[str, str]] = set()  # (tag, operationId) named by SDK_METHOD
        for path, item in self.doc.get("paths", {}).items():
            path_item, item_at = _path_item(self.spec, item, join("", "paths", path))
            for http_method in HTTP_METHODS:
                if http_method not in path_item:
                    continue
                at = join(item_at, http_method)
                operation = self._operation(path, path_item, http_method, at)
                if operation is None:
                    continue
                tag = operation.tags[0]
                clash = taken.get((tag, operation.method_name))
                chosen = SDK_METHOD in path_item[http_method] or (tag, clash) in overridden
                if clash is not None and not chosen:
                    # Two derived names alike: the whole operationId, else numbered.
                    names = {name for (owner, name) in taken if owner == tag}
                    whole = naming.snake(operation.operation_id)
                    operation = replace(operation, method_name=unique(whole, names))
                    clash = None
                if clash is not None:
                    self.fail(
                        at,
                        f"operation '{operation.operation_id}' would be the method "
                        f"'{operation.method_name}' of resource '{tag}', like '{clash}'",
                        f"give one of them a distinct name with `{SDK_METHOD}: <name>`",
                    )
                    continue
                taken[(tag, operation.method_name)] = operation.operation_id
                if SDK_METHOD in path_item[http_method]:
                    overridden.add((tag, operation.operation_id))
                by_tag.setdefault(tag, []).append(operation)
        return by_tag

    def _webhooks(self) -> tuple[Operation, ...]:
        """Webhooks as operations the API sends: `path` is the webhook's name."""
        result = []
        for name, raw in self.doc.get("webhooks", {}).items():
            item, item_at = _path_item(self.spec, raw, join("", "webhooks", name))
            for http_method in HTTP_METHODS:
                if http_method in item:
                    at = join(item_at, http_method)
                    operation = self._operation(name, item, http_method, at, webhook=True)
                    if operation is not None:
                        result.append(operation)
        return tuple(result)

    def _operation(
        self, path: str, path_item: Node, http_method: str, at: str, *, webhook: bool = False
    ) -> Operation | None:
        node: Node = path_item[http_method]
        operation_id = self.operation_ids.get(at) or operation_id_for(http_method, path)
        # Untagged operations belong to the resource named by their path's first segment.
        tags = tuple(str(tag) for tag in node.get("tags") or []) or (resource_for_path(path),)
        if webhook:
            method_name: str | None = naming.snake(str(operation_id))
        else:
            method_name = self._method_name(node, str(operation_id), tags[0], at)
        if method_name is None:
            return None

        params = self._parameters(path_item, node, at)
        path_params = tuple(
            sorted(
                (p for p in params if p.location == "path"),
                key=lambda p: path.find("{" + p.name + "}"),
            )
        )
        query_params = tuple(p for p in params if p.location == "query")
        body = self._body(node, at, sent=not webhook)
        taken = {p.identifier for p in (*path_params, *query_params)}
        for f in body.fields if body else ():
            if naming.snake(f.name) in taken:
                self.fail(
                    join(at, "requestBody"),
                    f"body attribute '{f.name}' of '{operation_id}' has the same name as a parameter",
                    "rename the parameter or the body attribute",
                )

        raw_responses: Node = node.get("responses", {})
        success = sorted(
            int(code) for code in raw_responses if str(code).isdigit() and str(code)[0] == "2"
        )
        # Without a 2xx code, the success is what `2XX` says, else what `default` says (the
        # answer to every status not listed): 200 stands for it.
        fallback = next((key for key in ("2XX", "2xx", "default") if key in raw_responses), None)
        if not success and fallback is None:
            self.fail(
                join(at, "responses"),
                f"operation '{operation_id}' declares no 2xx response",
                "add the success response (for example '200' with its schema)",
            )
            if not self.wire_only:
                return None
        if success:
            result = self._result(raw_responses[str(success[0])], join(at, "responses", success[0]))
        elif fallback is not None:
            result = self._result(raw_responses[fallback], join(at, "responses", fallback))
            success = [200]
        else:  # wire_only: an operation that documents no success answers 200, no body
            success, result = [200], None
        errors = sorted(
            int(code) for code in raw_responses if str(code).isdigit() and str(code)[0] in "45"
        )
        upper = http_method.upper()
        security = node.get("security", self.doc.get("security", []))
        return Operation(
            operation_id=str(operation_id),
            method_name=method_name,
            http_method=upper,
            path=path,
            summary=_text(node.get("summary")),
            description=_text(node.get("description")),
            path_params=path_params,
            query_params=query_params,
            body=body,
            success_status=success[0],
            result=result,
            pagination=None,  # semantics.py reads `x-protocol-pagination`
            idempotent=upper in IDEMPOTENT_METHODS,
            error_statuses=tuple(errors),
            header_params=tuple(p for p in params if p.location == "header"),
            responses=self._responses(raw_responses, join(at, "responses")),
            security=tuple(name for requirement in security for name in requirement),
            security_requirements=tuple(tuple(requirement) for requirement in security),
            cookie_params=tuple(p for p in params if p.location == "cookie"),
            tags=tags,
            pointer=at,
        )

    def _method_name(self, node: Node, operation_id: str, tag: str, at: str) -> str | None:
        override = node.get(SDK_METHOD)
        if isinstance(override, str):
            return override  # its form is checked by the vocabulary
        # `listWidgets` under `widgets` is `list`; `showById` (no tag words) is `show_by_id`.
        derived = naming.method_name_from_operation_id(operation_id, tag)
        return derived or naming.snake(operation_id) or None

    def _parameters(self, path_item: Node, node: Node, at: str) -> list[Parameter]:
        merged: dict[tuple[str, str], tuple[str, Node]] = {}
        item_at = at.rsplit("/", 1)[0]
        listed = [
            *(
                (join(item_at, "parameters", i), p)
                for i, p in enumerate(path_item.get("parameters", []))
            ),
            *((join(at, "parameters", i), p) for i, p in enumerate(node.get("parameters", []))),
        ]
        for pointer, raw in listed:
            param, pointer = self.spec.resolve_with_pointer(raw, pointer)
            merged[(str(param["name"]), str(param["in"]))] = (pointer, param)
        result = []
        for (name, location), (pointer, param) in merged.items():
            if location not in ("path", "query", "header", "cookie"):
                continue  # refused by the OpenAPI schema
            schema: Node = param.get("schema", {})
            style = str(param.get("style", "form" if location in ("query", "cookie") else "simple"))
            flat = flatten(self.spec, schema)
            result.append(
                Parameter(
                    name=name,
                    identifier=naming.snake(name),
                    location=location,  # type: ignore[arg-type]
                    type=self._type(schema),
                    required=bool(param.get("required", location == "path")),
                    description=_text(param.get("description")) or _text(flat.get("description")),
                    default=flat.get("default"),
                    has_default="default" in flat,
                    constraints=_constraints(flat),
                    example=param.get("example", flat.get("example")),
                    has_example="example" in param or "example" in flat,
                    own_example="example" in param,
                    pointer=pointer,
                    schema_pointer=join(pointer, "schema"),
                    style=style,  # type: ignore[arg-type]  # OpenAPI's schema allows no other
                    explode=bool(param.get("explode", style == "form")),
                )
            )
        return result

    def _body(self, node: Node, at: str, *, sent: bool = True) -> Body | None:
        if "requestBody" not in node:
            return None
        request_body, body_at = self.spec.resolve_with_pointer(
            node["requestBody"], join(at, "requestBody")
        )
        content: Node = request_body.get("content", {})
        content_types = sorted(
            content, key=lambda t: (t != "application/json", list(content).index(t))
        )
        if not content_types:
            return None
        schema: Node = content[content_types[0]].get("schema", {})
        target: Node = self.spec.resolve(schema) if "$ref" in schema else schema
        ref = str(schema.get("$ref", ""))
        model = self._component_name(ref) if ref.startswith(SCHEMA_PREFIX) else None
        schema_at = join(body_at, "content", content_types[0], "schema")
        if "schema" in content[content_types[0]]:
            _, schema_at = self.spec.resolve_with_pointer(schema, schema_at)
        pointers = {media: join(body_at, "content", media, "schema") for media in content_types}
        examples = {media: self._examples(content[media]) for media in content_types}
        if not _is_object(target):
            # An array, a scalar, a file's bytes or text: the body is one argument.
            return Body(
                content_types=tuple(content_types),
                required=bool(request_body.get("required")),
                fields=(),
                model=None,
                schema_pointers=pointers,
                examples=examples,
                type=self._type(schema, at=schema_at),
            )
        return Body(
            content_types=tuple(content_types),
            required=bool(request_body.get("required")),
            # readOnly attributes are never sent: not arguments of the request (a webhook's
            # body is what the API sends, so it keeps them).
            fields=tuple(
                f
                for f in self._fields(target, owner=model, at=schema_at)
                if not (sent and f.read_only)
            ),
            model=model,
            schema_pointers=pointers,
            examples=examples,
            min_properties=target.get("minProperties"),
            max_properties=target.get("maxProperties"),
            closed=target.get("additionalProperties") is False,
        )

    def _examples(self, media: Node) -> tuple[Example, ...]:
        found = []
        if "example" in media:
            found.append(Example("example", "", media["example"]))
        for name, raw in media.get("examples", {}).items():
            example: Node = self.spec.resolve(raw)
            if "value" in example:
                found.append(Example(name, _text(example.get("summary")), example["value"]))
        return tuple(found)

    def _responses(self, raw_responses: Node, at: str) -> tuple[Response, ...]:
        result = []
        for status, raw in raw_responses.items():
            response, here = self.spec.resolve_with_pointer(raw, join(at, status))
            content: Node = response.get("content", {})
            json_type = next((t for t in content if _is_json(t)), None)
            schema_at = (
                join(here, "content", json_type, "schema")
                if json_type is not None and "schema" in content[json_type]
                else None
            )
            headers = []
            for name, raw_header in response.get("headers", {}).items():
                header, header_at = self.spec.resolve_with_pointer(
                    raw_header, join(here, "headers", name)
                )
                headers.append(
                    Header(
                        name,
                        bool(header.get("required")),
                        _text(header.get("description")),
                        header_at,
                    )
                )
            result.append(
                Response(
                    status=str(status),
                    description=_text(response.get("description")),
                    content_types=tuple(content),
                    schema_pointer=schema_at,
                    headers=tuple(headers),
                    examples=self._examples(content[json_type]) if json_type else (),
                    error_type=_error_type(self.spec, content[json_type].get("schema"))
                    if json_type and str(status)[0] in "45"
                    else None,
                    error_model=self._error_model(content[json_type].get("schema"))
                    if json_type and str(status)[0] in "45"
                    else None,
                    pointer=here,
                )
            )
        return tuple(result)

    def _result(self, raw: Node, at: str) -> TypeRef | None:
        response: Node = self.spec.resolve(raw) if "$ref" in raw else raw
        content: Node = response.get("content", {})
        json_type = next((t for t in content if _is_json(t)), None)
        if json_type is None or "schema" not in content[json_type]:
            return None
        schema: Node = content[json_type]["schema"]
        schema_at = join(at, "content", json_type, "schema")
        result = self._type(schema, at=schema_at)
        if result.kind in ("object", "unknown") and _is_object(schema) and schema.get("properties"):
            # An inline object gets a name of its own: the operation's, plus `Response`.
            operation_id = self.operation_ids.get(at.rsplit("/responses/", 1)[0], "")
            base = naming.pascal(f"{operation_id}_response")
            self._register_model(base, schema, schema_at)
            return TypeRef("model", nullable=result.nullable, name=self._name_at(base, schema_at))
        return result

    def _name_at(self, name: str, at: str) -> str:
        """The name the model defined at `at` was registered under (`name`, or numbered)."""
        return next((m.name for m in self.models.values() if m.pointer == at), name)

    def _component_name(self, ref: str) -> str:
        raw = ref.removeprefix(SCHEMA_PREFIX)
        return self.type_names.get(raw, naming.pascal(raw))

    def _error_model(self, schema: Any) -> str | None:
        """The component schema an error body is: its `$ref`, or the `$ref` among its `allOf`."""
        if not isinstance(schema, dict):
            return None
        refs = [
            schema.get("$ref"),
            *(p.get("$ref") for p in schema.get("allOf", []) if isinstance(p, dict)),
        ]
        for ref in refs:
            if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX):
                return self._component_name(ref)
        return None


def component_type_names(document: Node) -> dict[str, str]:
    """Component schema name -> its type name in every SDK: PascalCase of its words
    (`HTTPValidationError` -> `HttpValidationError`, `a.b.Pet` -> `ABPet`), numbered from 2
    when two names have the same words."""
    components = document.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    names: dict[str, str] = {}
    for raw in schemas if isinstance(schemas, dict) else {}:
        names[raw] = unique(naming.pascal(str(raw)) or "Model", set(names.values()))
    return names


def _operation_ids(document: Node) -> dict[str, str]:
    """Operation pointer -> operationId, for paths then webhooks: the written ones as they are,
    derived ones (`operation_id_for`) numbered when they would repeat any other."""
    found: list[tuple[str, str | None, str, str]] = []
    for section in ("paths", "webhooks"):
        items = document.get(section)
        for path, raw in items.items() if isinstance(items, dict) else ():
            item, item_at = _path_item(document, raw, join("", section, path))
            for method in HTTP_METHODS:
                node = item.get(method)
                if isinstance(node, dict):
                    written = node.get("operationId")
                    at = join(item_at, method)
                    found.append((at, written if isinstance(written, str) else None, method, path))
    taken = {written for _, written, _, _ in found if written}
    result: dict[str, str] = {}
    for at, written, method, path in found:
        if written:
            result[at] = written
        else:
            result[at] = unique(operation_id_for(method, path), taken)
            taken.add(result[at])
    return result


def _path_item(spec: LoadedSpec | Node, item: Any, pointer: str) -> tuple[Node, str]:
    """A path item and where it is defined: a `$ref` to `components/pathItems` is followed
    (operations written there belong to this path; positions point at their definition)."""
    document = spec.document if isinstance(spec, LoadedSpec) else spec
    target = local_ref_pointer(item.get("$ref")) if isinstance(item, dict) else None
    if target is not None:
        found = lookup(document, target)
        if isinstance(found, dict):
            return found, target
    return (item if isinstance(item, dict) else {}), pointer


def _error_type(spec: LoadedSpec, schema: Any) -> str | None:
    """The `type` an error schema promises with `const`, directly or in one of its `allOf`."""
    if not isinstance(schema, dict):
        return None
    flat = flatten(spec, schema)
    const = flat.get("properties", {}).get("type", {}).get("const")
    if isinstance(const, str):
        return const
    for part in flat.get("allOf", []):
        found = _error_type(spec, part)
        if found is not None:
            return found
    return None


def _constraints(flat: Node) -> Constraints:
    def number(key: str) -> float | None:
        value = flat.get(key)
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None

    def whole(key: str) -> int | None:
        value = flat.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    pattern = flat.get("pattern")
    return Constraints(
        minimum=number("minimum"),
        maximum=number("maximum"),
        exclusive_minimum=number("exclusiveMinimum"),
        exclusive_maximum=number("exclusiveMaximum"),
        min_length=whole("minLength"),
        max_length=whole("maxLength"),
        pattern=pattern if isinstance(pattern, str) else None,
    )


def _scoped_name(owner: str, prop: str) -> str:
    """An inline enum's or object's name: its model's and its property's, the property as
    datamodel-code-generator makes it a field (`$template` is `field_template`: other
    characters than letters, digits and `_` become `_`, and a leading `_` or digit gets
    `field`), so that Box's `Classification.$template` enum is `ClassificationFieldTemplate`
    and not the `ClassificationTemplate` schema."""
    field = re.sub(r"\W", "_", prop)
    if field[:1].isdigit():
        field = f"field_{field}"
    while field.startswith("_"):
        field = f"field{field}"
    return naming.pascal(owner + "_" + field)


def _classes_apart(resources: tuple[Resource, ...], types: set[str]) -> tuple[Resource, ...]:
    """A resource whose class would have the name of a model or an enum (Box's `Users` tag and
    `Users` list schema), or whose async or raw-response class would, is `UsersResource`: a
    module of the SDKs imports both."""

    def clashes(name: str) -> bool:
        return bool({name, f"Async{name}", f"{name}WithRawResponse"} & types)

    result = []
    for resource in resources:
        name = resource.class_name
        if clashes(name):
            name = f"{name}Resource"
            while clashes(name):
                name += "_"
            resource = replace(resource, class_name=name)
        result.append(resource)
    return tuple(result)


def _is_object(schema: Node) -> bool:
    """An object schema: a model. `type: object` beside a `oneOf` or `anyOf` and no
    `properties` (Box's `Item`) only says that each option is an object: the schema is the
    union; beside `additionalProperties` and no `properties`, a map."""
    if "properties" not in schema and ("oneOf" in schema or "anyOf" in schema):
        return False
    if "properties" not in schema and isinstance(schema.get("additionalProperties"), dict):
        return False  # a map (Box's `GenericSource`): typed by its values
    declared = schema.get("type")
    if isinstance(declared, list):  # `type: [object, 'null']` (3.0's `nullable: true`)
        return {str(t) for t in declared} - {"null"} == {"object"}
    return declared == "object" or ("properties" in schema and "type" not in schema)


_JSON_KINDS: dict[type, str] = {str: "string", bool: "boolean", int: "integer", float: "number"}


def _literals(schema: Node) -> tuple[str | int | float | bool, ...]:
    """The only values a scalar may take: its `const`, or the values of an enum that are not
    all strings (string enums are `enum` types of their own)."""
    if "const" in schema and isinstance(schema["const"], str | int | float | bool):
        return (schema["const"],)
    values = schema.get("enum")
    if isinstance(values, list) and _string_enum(schema) is None:
        return tuple(v for v in values if isinstance(v, str | int | float | bool))
    return ()


def _merges_objects(spec: LoadedSpec, schema: Node) -> bool:
    """An `allOf` of two parts or more, each an object schema (inline or through `$ref`)."""
    parts = schema.get("allOf")
    if not isinstance(parts, list) or len(parts) < 2:
        return False
    for part in parts:
        target = spec.resolve(part) if isinstance(part, dict) and "$ref" in part else part
        if not isinstance(target, dict):
            return False
        if not (_is_object(target) or _merges_objects(spec, target)):
            return False
    return True


def _string_enum(schema: Node) -> tuple[str, ...] | None:
    """The values of an enum of strings (`null` among them makes it nullable, not a value)."""
    values = schema.get("enum")
    if not isinstance(values, list) or not any(isinstance(v, str) for v in values):
        return None
    if all(isinstance(v, str) or v is None for v in values):
        return tuple(v for v in values if v is not None)
    return None


def _enum_allows_null(schema: Node) -> bool:
    values = schema.get("enum")
    return isinstance(values, list) and None in values


def _with_nullable(type_ref: TypeRef, nullable: bool) -> TypeRef:
    return replace(type_ref, nullable=nullable)


def _text(value: object) -> str:
    return str(value).strip() if value else ""


def _description(schema: Node, spec: LoadedSpec) -> str:
    """A property's own description, else the one of the schema it refers to."""
    if schema.get("description"):
        return _text(schema["description"])
    if "$ref" in schema:
        return _text(spec.resolve(schema).get("description"))
    return ""
