"""What the engine serves, read from the model, and why it cannot serve a spec.

`plan(api)` returns a `Plan` (one `Served` per resource: its model, table layout, list order)
or raises `SpecErrors`: every reason the engine cannot serve the spec, each with the file, the
line and what to add, like any other spec error. The server prints them and exits. A resource
the engine cannot serve is left out when others can be served: `Plan.not_served` says why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from protocol_server.storage import TableLayout, kind_of
from protocol_spec import Api, SpecError, SpecErrors
from protocol_spec.model import Model, Operation, Resource
from protocol_spec.pointers import join

__all__ = ["BODY_MEDIA_TYPES", "Plan", "Served", "plan"]

BODY_MEDIA_TYPES = ("application/json", "application/x-www-form-urlencoded")
_SCALARS = ("string", "enum", "integer", "number", "boolean")
_SCHEMES = {("http", "bearer"), ("http", "basic")}

_Fail = Callable[[str, str, str], None]  # (pointer, problem, fix)


@dataclass(frozen=True)
class Served:
    """One resource as the engine serves it."""

    resource: Resource
    model: Model
    layout: TableLayout
    id_attribute: str
    id_parameter: str  # the item path's parameter
    order: tuple[tuple[str, bool], ...]  # (attribute, descending), ending with the id


@dataclass(frozen=True)
class Plan:
    api: Api
    served: tuple[Served, ...]
    error_types: dict[str, str]  # "4" / "5" -> the `type` of errors of that class
    error_models: dict[str, str]  # "4" / "5" -> the schema of errors of that class
    schemes: frozenset[str]  # "bearer", "basic"
    # Why each resource left out is not served (the others are): printed at start-up.
    not_served: tuple[SpecError, ...] = ()

    def error_type(self, status: int, operation: Operation | None = None) -> str:
        """The `type` the spec promises for `status` (on `operation` when known)."""
        declared = operation.response(status) if operation is not None else None
        if declared is not None and declared.error_type is not None:
            return declared.error_type
        return self.error_types[str(status)[0]]

    def error_documentation(self, status: int, operation: Operation | None = None) -> str | None:
        """The `externalDocs` URL of the error schema for `status`, if the spec gives one."""
        declared = operation.response(status) if operation is not None else None
        name = declared.error_model if declared is not None else None
        name = name or self.error_models.get(str(status)[0])
        return self.api.model(name).external_docs if name else None

    @property
    def layouts(self) -> list[TableLayout]:
        return [served.layout for served in self.served]

    @property
    def paths(self) -> list[str]:
        return [
            path
            for served in self.served
            for path in (served.resource.collection_path, served.resource.item_path)
            if path is not None
        ]


def plan(api: Api) -> Plan:
    errors: list[SpecError] = []

    def fail(pointer: str, problem: str, fix: str) -> None:
        errors.append(
            SpecError(api.positions.file, api.positions.line_of(pointer), pointer, problem, fix)
        )

    if not api.resources:
        fail(
            "/paths",
            "the spec declares no operation with a tag: nothing to serve",
            "add tagged operations",
        )
    served: list[Served] = []
    not_served: list[SpecError] = []
    for resource in api.resources:
        # Each resource on its own: one the engine cannot serve leaves the others served.
        own: list[SpecError] = []
        found = _served(api, resource, _collect(api, own))
        if found is not None and not own:
            served.append(found)
        else:
            not_served += own
    error_types, error_models = _errors(api, fail)
    schemes = _schemes(api, fail)
    if errors or not served:
        raise SpecErrors([*errors, *not_served])
    return Plan(api, tuple(served), error_types, error_models, schemes, tuple(not_served))


def _collect(api: Api, into: list[SpecError]) -> _Fail:
    def fail(pointer: str, problem: str, fix: str) -> None:
        into.append(
            SpecError(api.positions.file, api.positions.line_of(pointer), pointer, problem, fix)
        )

    return fail


def _served(api: Api, resource: Resource, fail: _Fail) -> Served | None:
    for gap in resource.gaps:
        fail(gap.pointer, gap.problem, gap.fix)
    if resource.model is None or resource.gaps:
        return None
    model = api.model(resource.model)
    ok = True
    for f in model.fields:
        if f.name.startswith("_"):
            fail(
                f.pointer,
                f"the attribute '{f.name}' starts with '_', which the engine keeps for itself",
                "rename the attribute",
            )
            ok = False
    for op in resource.operations:
        ok = _operation_ok(api, op, fail) and ok
    listing = resource.operation("list")
    order: tuple[tuple[str, bool], ...] = ()
    if listing is not None and listing.pagination is not None:
        ok = _list_ok(api, model, listing, fail) and ok
        order = tuple((key.attribute, key.descending) for key in listing.order)
    id_attribute = resource.id_attribute
    if id_attribute is None:
        anchor = resource.operations[0].pointer
        fail(
            anchor,
            f"'{resource.name}' has no get, update or delete on {resource.collection_path}/{{id}}: no object can be named",
            "add GET <collection>/{id} returning the resource",
        )
        return None
    if order and order[-1][0] != id_attribute:
        order += ((id_attribute, order[-1][1]),)  # a total order: ties broken by id
    if not ok:
        return None
    assert resource.item_path is not None
    return Served(
        resource=resource,
        model=model,
        layout=TableLayout.of(resource.identifier, model, id_attribute, order),
        id_attribute=id_attribute,
        id_parameter=resource.item_path.rsplit("{", 1)[1].rstrip("}"),
        order=order,
    )


def _operation_ok(api: Api, op: Operation, fail: _Fail) -> bool:
    ok = True
    if not op.security:
        fail(
            op.pointer,
            f"{op.label} requires no authentication; the engine keeps every object in an account",
            "declare `security` for it (or for the whole document)",
        )
        ok = False
    for param in op.query_params:
        if param.type.kind not in _SCALARS:
            fail(
                param.pointer,
                f"the query parameter '{param.name}' of {op.label} is {param.type.kind}; the engine reads strings, numbers and booleans",
                "make it a scalar",
            )
            ok = False
    if op.body is not None:
        others = [t for t in op.body.content_types if t not in BODY_MEDIA_TYPES]
        if others:
            fail(
                join(op.pointer, "requestBody"),
                f"{op.label} takes {', '.join(others)}; the engine reads JSON and form bodies",
                "declare application/json (and application/x-www-form-urlencoded)",
            )
            ok = False
    return ok


def _list_ok(api: Api, model: Model, listing: Operation, fail: _Fail) -> bool:
    assert listing.pagination is not None and listing.result is not None
    ok = True
    envelope = api.model(listing.result.name or "")
    page = listing.pagination
    for f in envelope.fields:
        if f.required and f.name not in (page.items_field, page.has_more_field):
            fail(
                f.pointer,
                f"{envelope.name}.{f.name} is required, but the engine fills only '{page.items_field}' and '{page.has_more_field}' of a page",
                "make it optional or remove it",
            )
            ok = False
    limit = listing.parameter(page.limit_param) if page.limit_param else None
    if limit is None or not limit.has_default:
        fail(
            join(listing.pointer, "x-protocol-pagination"),
            f"{listing.label} has no page size the engine can use when none is asked for",
            "name the page-size parameter in `limit:` and give its schema a `default`",
        )
        ok = False
    for key in listing.order:
        attribute = model.field(key.attribute)
        if attribute is not None and (attribute.nullable or kind_of(attribute.type) == "json"):
            fail(
                join(listing.pointer, "x-protocol-order"),
                f"the list sorts by '{key.attribute}', which is {'nullable' if attribute.nullable else 'not a scalar'}; the engine sorts by scalars that are always set",
                "sort by attributes that are never null",
            )
            ok = False
    return ok


def _errors(api: Api, fail: _Fail) -> tuple[dict[str, str], dict[str, str]]:
    """The error `type` and schema of each status class, as the first response declaring
    them says (operations may still declare their own)."""
    found: dict[str, str] = {}
    models: dict[str, str] = {}
    for op in api.operations:
        for response in op.responses:
            if response.error_type is not None:
                found.setdefault(response.status[0], response.error_type)
            if response.error_model is not None:
                models.setdefault(response.status[0], response.error_model)
    for status_class, example in (("4", "400"), ("5", "5XX")):
        if status_class not in found:
            fail(
                "/paths",
                f"no {status_class}xx response says the error `type` it carries, so the engine cannot write its {status_class}xx errors",
                f"add a '{example}' response whose schema sets `type` with `const` (allOf: [$ref: Error, {{properties: {{type: {{const: ...}}}}}}])",
            )
    return found, models


def _schemes(api: Api, fail: _Fail) -> frozenset[str]:
    schemes = set()
    for scheme in api.security_schemes:
        if (scheme.type, scheme.scheme) in _SCHEMES:
            schemes.add(str(scheme.scheme))
        else:
            fail(
                join("/components/securitySchemes", scheme.name),
                f"the security scheme '{scheme.name}' is {scheme.type} {scheme.scheme or ''}".rstrip()
                + "; the engine checks HTTP bearer and basic tokens",
                "use `type: http` with `scheme: bearer` (or basic)",
            )
    return frozenset(schemes)
