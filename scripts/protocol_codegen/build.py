"""Stage 2: a loaded spec -> the intermediate model (`model.Api`).

Driven only by the spec: resources are tags, methods come from operationIds (or
`x-client-method`), pagination is recognised by its shape. Problems this stage finds are
collected and raised together as `SpecErrors`, each with its JSON pointer and a fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from protocol_codegen import naming
from protocol_codegen.model import (
    Api,
    Body,
    Enum,
    Field,
    Model,
    Operation,
    Pagination,
    Parameter,
    Resource,
    TypeKind,
    TypeRef,
)
from protocol_codegen.spec import LoadedSpec, SpecError, SpecErrors

__all__ = ["build_api"]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
SCHEMA_PREFIX = "#/components/schemas/"
METHOD_EXTENSION = "x-client-method"
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
_PRIMITIVES: dict[str, TypeKind] = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
}

Node = Mapping[str, Any]


def pointer(*parts: str | int) -> str:
    """A JSON pointer from unescaped parts: ("paths", "/v1/x") -> "/paths/~1v1~1x"."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def build_api(spec: LoadedSpec, source: str) -> Api:
    """The intermediate model of `spec`; raises SpecErrors listing every problem found."""
    return _Builder(spec).build(source)


class _Builder:
    def __init__(self, spec: LoadedSpec) -> None:
        self.spec = spec
        self.doc: Node = spec.document
        self.errors: list[SpecError] = []
        self.models: dict[str, Model] = {}
        self.enums: dict[str, Enum] = {}

    def fail(self, at: str, problem: str, fix: str) -> None:
        self.errors.append(self.spec.error(at, problem, fix))

    # -- whole document -------------------------------------------------------------------

    def build(self, source: str) -> Api:
        self._collect_component_schemas()
        resources = self._resources()
        if self.errors:
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
            document=self.doc,
        )

    def _collect_component_schemas(self) -> None:
        schemas: Node = self.doc.get("components", {}).get("schemas", {})
        for raw_name, schema in schemas.items():
            name = naming.pascal(raw_name)
            if _is_object(schema):
                self._register_model(name, schema)
            elif _string_enum(schema) is not None:
                self.enums[name] = Enum(
                    name, _text(schema.get("description")), _string_enum(schema) or ()
                )

    def _register_model(self, name: str, schema: Node) -> None:
        closed = schema.get("additionalProperties") is False
        fields = self._fields(schema, owner=name)
        self.models[name] = Model(name, _text(schema.get("description")), fields, closed)

    def _fields(self, schema: Node, owner: str | None) -> tuple[Field, ...]:
        """The fields of an object schema, in the spec's order."""
        required = set(schema.get("required", []))
        return tuple(
            Field(
                name=prop,
                type=self._type(prop_schema, owner=owner, prop=prop),
                required=prop in required,
                description=_description(prop_schema, self.spec),
                default=prop_schema.get("default"),
                has_default="default" in prop_schema,
            )
            for prop, prop_schema in schema.get("properties", {}).items()
        )

    # -- types ----------------------------------------------------------------------------

    def _type(self, schema: Node, *, owner: str | None = None, prop: str | None = None) -> TypeRef:
        """The neutral type of a schema. Inline enums and objects inside a model get the
        name datamodel-code-generator gives them: owner + property (`ErrorType`)."""
        if "$ref" in schema:
            ref = str(schema["$ref"])
            target: Node = self.spec.resolve(schema)
            if ref.startswith(SCHEMA_PREFIX):
                name = naming.pascal(ref.removeprefix(SCHEMA_PREFIX))
                if _is_object(target):
                    return TypeRef("model", name=name)
                values = _string_enum(target)
                if values is not None:
                    return TypeRef("enum", name=name, values=values)
            return self._type(target, owner=owner, prop=prop)  # an alias such as Id: collapse it
        for combinator in ("anyOf", "oneOf"):
            if combinator in schema:
                options = [opt for opt in schema[combinator] if opt.get("type") != "null"]
                nullable = len(options) < len(schema[combinator])
                if len(options) == 1:
                    inner = self._type(options[0], owner=owner, prop=prop)
                    return _with_nullable(inner, nullable or inner.nullable)
                return TypeRef("unknown", nullable=nullable)
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self._type(schema["allOf"][0], owner=owner, prop=prop)

        declared = schema.get("type")
        types: list[str] = (
            [str(t) for t in declared] if isinstance(declared, list) else [str(declared or "")]
        )
        nullable = "null" in types
        types = [t for t in types if t not in ("null", "")]
        kind = types[0] if len(types) == 1 else None
        values = _string_enum(schema)
        if values is not None:
            enum_name = naming.pascal(owner + "_" + prop) if owner and prop else None
            if enum_name is not None:
                description = _text(schema.get("description"))
                self.enums.setdefault(enum_name, Enum(enum_name, description, values))
            return TypeRef("enum", nullable=nullable, name=enum_name, values=values)
        if kind in _PRIMITIVES:
            return TypeRef(_PRIMITIVES[kind], nullable=nullable, format=schema.get("format"))
        if kind == "array":
            items = self._type(schema.get("items", {}), owner=owner, prop=prop)
            return TypeRef("array", nullable=nullable, items=items)
        if kind == "object" or (kind is None and "properties" in schema):
            if schema.get("properties") and owner and prop:
                name = naming.pascal(owner + "_" + prop)
                self._register_model(name, schema)
                return TypeRef("model", nullable=nullable, name=name)
            return TypeRef("object", nullable=nullable)
        return TypeRef("unknown", nullable=nullable)

    # -- resources and operations ---------------------------------------------------------

    def _resources(self) -> tuple[Resource, ...]:
        tag_docs = {
            str(tag["name"]): _text(tag.get("description")) for tag in self.doc.get("tags", [])
        }
        by_tag: dict[str, list[Operation]] = {name: [] for name in tag_docs}
        taken: dict[tuple[str, str], str] = {}  # (tag, method name) -> operationId
        for path, path_item in self.doc.get("paths", {}).items():
            for http_method in HTTP_METHODS:
                if http_method not in path_item:
                    continue
                at = pointer("paths", path, http_method)
                built = self._operation(path, path_item, http_method, at)
                if built is None:
                    continue
                tag, operation = built
                clash = taken.get((tag, operation.method_name))
                if clash is not None:
                    self.fail(
                        at,
                        f"operation '{operation.operation_id}' would be the method "
                        f"'{operation.method_name}' of resource '{tag}', like '{clash}'",
                        f"give one of them a distinct name with `{METHOD_EXTENSION}: <name>`",
                    )
                    continue
                taken[(tag, operation.method_name)] = operation.operation_id
                by_tag.setdefault(tag, []).append(operation)
        return tuple(
            Resource(
                name=tag,
                identifier=naming.snake(tag),
                class_name=naming.pascal(tag),
                description=tag_docs.get(tag, ""),
                operations=tuple(operations),
            )
            for tag, operations in by_tag.items()
            if operations
        )

    def _operation(
        self, path: str, path_item: Node, http_method: str, at: str
    ) -> tuple[str, Operation] | None:
        node: Node = path_item[http_method]
        operation_id = node.get("operationId")
        if not operation_id:
            self.fail(
                at,
                f"{http_method.upper()} {path} has no operationId, so it cannot be named",
                "add `operationId: <verbResource>`, e.g. `listWidgets`",
            )
            return None
        tags = node.get("tags") or []
        if not tags:
            self.fail(
                at,
                f"operation '{operation_id}' has no tag, so no client resource can hold it",
                "add `tags: [<resource>]`; the first tag becomes `client.<resource>`",
            )
            return None
        tag = str(tags[0])
        method_name = self._method_name(node, str(operation_id), tag, at)
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
        body = self._body(node, at)
        taken = {p.identifier for p in params}
        for f in body.fields if body else ():
            if naming.snake(f.name) in taken:
                self.fail(
                    pointer("paths", path, http_method, "requestBody"),
                    f"body attribute '{f.name}' of '{operation_id}' has the same name as a parameter",
                    "rename the parameter or the body attribute",
                )

        responses: Node = node.get("responses", {})
        success = sorted(
            int(code) for code in responses if str(code).isdigit() and str(code)[0] == "2"
        )
        if not success:
            self.fail(
                pointer("paths", path, http_method, "responses"),
                f"operation '{operation_id}' declares no 2xx response",
                "add the success response (for example '200' with its schema)",
            )
            return None
        result = self._result(
            responses[str(success[0])], pointer(*_split(at), "responses", success[0])
        )
        errors = sorted(
            int(code) for code in responses if str(code).isdigit() and str(code)[0] in "45"
        )
        upper = http_method.upper()
        operation = Operation(
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
            pagination=self._pagination(upper, result, query_params),
            idempotent=upper in IDEMPOTENT_METHODS,
            error_statuses=tuple(errors),
        )
        return tag, operation

    def _method_name(self, node: Node, operation_id: str, tag: str, at: str) -> str | None:
        override = node.get(METHOD_EXTENSION)
        if override is not None:
            if isinstance(override, str) and _IDENTIFIER.match(override):
                return override
            self.fail(
                pointer(*_split(at), METHOD_EXTENSION),
                f"`{METHOD_EXTENSION}` is {override!r}, not a snake_case name",
                "use lower-case letters, digits and underscores, e.g. `list` or `archive_all`",
            )
            return None
        derived = naming.method_name_from_operation_id(operation_id, tag)
        if derived is None:
            self.fail(
                pointer(*_split(at), "operationId"),
                f"cannot derive a method name from operationId '{operation_id}' and tag '{tag}' "
                "(the operationId must contain the tag plus a verb, e.g. 'listWidgets')",
                f"rename the operationId, or set `{METHOD_EXTENSION}: <name>` on the operation",
            )
        return derived

    def _parameters(self, path_item: Node, node: Node, at: str) -> list[Parameter]:
        merged: dict[tuple[str, str], Node] = {}
        for raw in [*path_item.get("parameters", []), *node.get("parameters", [])]:
            param: Node = self.spec.resolve(raw) if "$ref" in raw else raw
            merged[(str(param["name"]), str(param["in"]))] = param
        result = []
        for (name, location), param in merged.items():
            if location not in ("path", "query"):
                continue  # headers and cookies are the client's own business
            schema: Node = param.get("schema", {})
            target: Node = self.spec.resolve(schema) if "$ref" in schema else schema
            result.append(
                Parameter(
                    name=name,
                    identifier=naming.snake(name),
                    location="path" if location == "path" else "query",
                    type=self._type(schema),
                    required=bool(param.get("required", location == "path")),
                    description=_text(param.get("description")) or _text(target.get("description")),
                    default=target.get("default"),
                    has_default="default" in target,
                )
            )
        return result

    def _body(self, node: Node, at: str) -> Body | None:
        if "requestBody" not in node:
            return None
        raw: Node = node["requestBody"]
        request_body: Node = self.spec.resolve(raw) if "$ref" in raw else raw
        content: Node = request_body.get("content", {})
        content_types = sorted(
            content, key=lambda t: (t != "application/json", list(content).index(t))
        )
        if not content_types:
            return None
        schema: Node = content[content_types[0]].get("schema", {})
        target: Node = self.spec.resolve(schema) if "$ref" in schema else schema
        if not _is_object(target):
            self.fail(
                pointer(*_split(at), "requestBody"),
                "the request body is not an object schema, so it cannot become keyword arguments",
                "make the body `type: object` with `properties`",
            )
            return None
        ref = str(schema.get("$ref", ""))
        model = (
            naming.pascal(ref.removeprefix(SCHEMA_PREFIX))
            if ref.startswith(SCHEMA_PREFIX)
            else None
        )
        fields = self._fields(target, owner=model)
        return Body(tuple(content_types), bool(request_body.get("required")), fields, model)

    def _result(self, raw: Node, at: str) -> TypeRef | None:
        response: Node = self.spec.resolve(raw) if "$ref" in raw else raw
        content: Node = response.get("content", {})
        json_type = next(
            (t for t in content if t == "application/json" or t.endswith("+json")), None
        )
        if json_type is None or "schema" not in content[json_type]:
            return None
        schema: Node = content[json_type]["schema"]
        result = self._type(schema)
        if result.kind in ("object", "unknown") and _is_object(schema):
            self.fail(
                pointer(*_split(at), "content", json_type, "schema"),
                "the response schema is an inline object, so its model has no name",
                "move it to components/schemas and refer to it with $ref",
            )
        return result

    def _pagination(
        self, http_method: str, result: TypeRef | None, query_params: tuple[Parameter, ...]
    ) -> Pagination | None:
        """A GET whose body is `{has_more: boolean, data: [Model with id]}` and that takes
        `starting_after` is a cursor list; any other shape is a plain result."""
        shape = Pagination(item=TypeRef("model"))
        if http_method != "GET" or result is None or result.kind != "model" or result.name is None:
            return None
        if shape.cursor_param not in {p.name for p in query_params}:
            return None
        envelope = {f.name: f for f in self.models[result.name].fields}
        has_more, items = envelope.get(shape.has_more_field), envelope.get(shape.items_field)
        if has_more is None or has_more.type.kind != "boolean" or items is None:
            return None
        item = items.type.items
        if items.type.kind != "array" or item is None or item.kind != "model" or item.name is None:
            return None
        if shape.cursor_field not in {f.name for f in self.models[item.name].fields}:
            return None
        return Pagination(item=item)


def _is_object(schema: Node) -> bool:
    return schema.get("type") == "object" or ("properties" in schema and "type" not in schema)


def _string_enum(schema: Node) -> tuple[str, ...] | None:
    values = schema.get("enum")
    if isinstance(values, list) and values and all(isinstance(v, str) for v in values):
        return tuple(values)
    return None


def _with_nullable(type_ref: TypeRef, nullable: bool) -> TypeRef:
    return TypeRef(
        type_ref.kind, nullable, type_ref.name, type_ref.items, type_ref.values, type_ref.format
    )


def _text(value: object) -> str:
    return str(value).strip() if value else ""


def _description(schema: Node, spec: LoadedSpec) -> str:
    """A property's own description, else the one of the schema it refers to."""
    if schema.get("description"):
        return _text(schema["description"])
    if "$ref" in schema:
        return _text(spec.resolve(schema).get("description"))
    return ""


def _split(json_pointer: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in json_pointer.split("/")[1:]]
