"""What the engine serves, read from the model, and why it cannot serve a spec.

`plan(api)` returns a `Plan` (one `Served` per resource: its model, table layout, list order)
or raises `SpecErrors`: every reason the engine cannot serve the spec, each with the file, the
line and what to add, like any other spec error. The server prints them and exits. A resource
the engine cannot serve is left out when others can be served: `Plan.unserved` says why, per
resource. `survey(api)` gives the same without raising: the plan (None when nothing can be
served), the spec-wide problems, and each resource left out with its reasons. It is the one
source of what is served: the server, and the conformance suite deciding what to test on the
embedded server, both read it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from protocol_server.error_bodies import ErrorSchemas
from protocol_server.patterns import pattern_problems
from protocol_server.storage import TableLayout, kind_of
from protocol_server.validation import Validation
from protocol_spec import Api, SpecError, SpecErrors
from protocol_spec.model import Model, Operation, Resource
from protocol_spec.pointers import join
from protocol_spec.semantics import unpaged

__all__ = [
    "BODY_MEDIA_TYPES",
    "UNPAGED_LIMIT",
    "UPLOAD_MEDIA_TYPE",
    "Plan",
    "Served",
    "Survey",
    "Unserved",
    "plan",
    "survey",
]

BODY_MEDIA_TYPES = ("application/json", "application/x-www-form-urlencoded")
UPLOAD_MEDIA_TYPE = "multipart/form-data"  # for a create whose body has a file's content
UNPAGED_LIMIT = 1000  # objects an unpaged list answers with at most: the first, in id order
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
    order: tuple[tuple[str, bool], ...]  # (attribute, descending): the list's total order
    # A list the spec does not page, answered as one top-level array of at most
    # UNPAGED_LIMIT objects in id order; its query parameters are accepted, not applied.
    unpaged: bool = False

    @property
    def not_applied(self) -> tuple[str, ...]:
        """The query parameters of an unpaged list: accepted and checked, never applied."""
        listing = self.resource.operation("list")
        if not self.unpaged or listing is None:
            return ()
        return tuple(p.name for p in listing.query_params)


@dataclass(frozen=True)
class Unserved:
    """A resource of the spec the engine leaves out, and every reason why."""

    resource: Resource
    reasons: tuple[SpecError, ...]


@dataclass(frozen=True)
class Plan:
    api: Api
    served: tuple[Served, ...]
    schemes: frozenset[str]  # "bearer", "basic"
    validation: Validation  # request values against the spec's schemas
    # Each resource left out (the others are served), with why: printed at start-up.
    unserved: tuple[Unserved, ...] = ()
    # The spec declares no security at all: every request is served, in one account.
    open: bool = False

    @property
    def not_served(self) -> tuple[SpecError, ...]:
        """Every reason of every resource left out."""
        return tuple(reason for left in self.unserved for reason in left.reasons)

    def error_type(self, status: int, operation: Operation | None = None) -> str | None:
        """The `type` the spec promises for `status` (on `operation` when known); None when
        it promises none: the body is then derived from the declared error schema
        (`error_bodies`)."""
        return self.api.error(status, operation).type

    @property
    def error_schemas(self) -> ErrorSchemas:
        """The declared error schemas, for the errors whose `type` the spec does not say."""
        return ErrorSchemas(self.api, self.validation)

    def error_documentation(self, status: int, operation: Operation | None = None) -> str | None:
        """The `externalDocs` URL of the error schema for `status`, if the spec gives one."""
        name = self.api.error(status, operation).model
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


@dataclass(frozen=True)
class Survey:
    """What the engine can serve of a spec, without raising."""

    plan: Plan | None  # None: nothing can be served
    problems: tuple[SpecError, ...]  # spec-wide: while one remains, nothing is served
    unserved: tuple[Unserved, ...]  # each resource left out, with its reasons

    @property
    def reasons(self) -> tuple[SpecError, ...]:
        """Every reason, spec-wide ones first: what `plan` raises when nothing is served."""
        return (*self.problems, *(reason for left in self.unserved for reason in left.reasons))


def plan(api: Api) -> Plan:
    found = survey(api)
    if found.plan is None:
        raise SpecErrors(list(found.reasons))
    return found.plan


def survey(api: Api) -> Survey:
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
    unserved: list[Unserved] = []
    is_open = not api.security_schemes and not any(op.security for op in api.operations)
    for resource in api.resources:
        # Each resource on its own: one the engine cannot serve leaves the others served.
        own: list[SpecError] = []
        found = _served(api, resource, _collect(api, own), is_open)
        if found is not None and not own:
            served.append(found)
        else:
            unserved.append(Unserved(resource, tuple(own)))
    _relations_ok(served, fail)
    schemes = _schemes(api, fail)
    assert api.schemas is not None
    pattern_problems(api.schemas.document, fail)
    validation = Validation(api.schemas)
    if not errors:
        _compile_request_schemas(served, validation, fail)
    if errors or not served:
        return Survey(None, tuple(errors), tuple(unserved))
    return Survey(
        Plan(api, tuple(served), schemes, validation, tuple(unserved), is_open),
        (),
        tuple(unserved),
    )


def _collect(api: Api, into: list[SpecError]) -> _Fail:
    def fail(pointer: str, problem: str, fix: str) -> None:
        into.append(
            SpecError(api.positions.file, api.positions.line_of(pointer), pointer, problem, fix)
        )

    return fail


def _compile_request_schemas(served: list[Served], validation: Validation, fail: _Fail) -> None:
    """Compile now every schema a request value to a served resource is checked against."""
    for resource in (s.resource for s in served):
        for op in resource.operations:
            pointers = [
                parameter.schema_pointer
                for parameter in (*op.path_params, *op.query_params, *op.header_params)
            ]
            pointers += list(op.body.schema_pointers.values()) if op.body else []
            for pointer in filter(None, pointers):
                problem = validation.compile_problem(pointer)
                if problem is not None:
                    fail(pointer, f"the schema cannot be compiled: {problem}", "correct it")


def _served(api: Api, resource: Resource, fail: _Fail, is_open: bool) -> Served | None:
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
        ok = _operation_ok(op, fail, is_open) and ok
    listing = resource.operation("list")
    order: tuple[tuple[str, bool], ...] = ()
    is_unpaged = listing is not None and unpaged(listing, model)
    if is_unpaged and resource.id_attribute is not None:
        order = ((resource.id_attribute, False),)
    if listing is not None and listing.pagination is not None:
        ok = _list_ok(api, model, listing, fail) and ok
        ok = _cursor_ok(resource, listing, fail) and ok
        order = tuple((key.attribute, key.descending) for key in listing.pagination.total_order)
    id_attribute = resource.id_attribute
    if id_attribute is None:
        anchor = resource.operations[0].pointer
        fail(
            anchor,
            f"'{resource.name}' has no get, update or delete on {resource.collection_path}/{{id}}: no object can be named",
            "add GET <collection>/{id} returning the resource",
        )
        return None
    if not ok:
        return None
    assert resource.id_parameter is not None
    return Served(
        resource=resource,
        model=model,
        layout=TableLayout.of(resource.identifier, model, id_attribute, order),
        id_attribute=id_attribute,
        id_parameter=resource.id_parameter,
        order=order,
        unpaged=is_unpaged,
    )


def _relations_ok(served: list[Served], fail: _Fail) -> None:
    """Every resource a relation names is served too."""
    names = {s.resource.name for s in served}
    for s in served:
        for f in s.model.fields:
            target = f.reference.resource if f.reference else None
            target = target or (f.inverse.resource if f.inverse else None)
            if target is not None and target not in names:
                fail(
                    f.pointer,
                    f"{s.model.name}.{f.name} refers to {target}, which the engine cannot serve "
                    "(its reasons are listed too)",
                    f"make {target} servable, or remove the relation",
                )


def _operation_ok(op: Operation, fail: _Fail, is_open: bool) -> bool:
    ok = True
    if not op.security and not is_open:
        fail(
            op.pointer,
            f"{op.label} requires no authentication; the engine keeps every object in an account",
            "declare `security` for it (or for the whole document)",
        )
        ok = False
    for param in op.query_params:
        items = param.type.items
        if param.type.kind == "array" and param.filter is None and items and items.kind in _SCALARS:
            continue  # a list of values, repeated (`?tag=a&tag=b`); no filter to apply
        if param.type.kind not in _SCALARS:
            fail(
                param.pointer,
                f"the query parameter '{param.name}' of {op.label} is {param.type.kind}; the engine reads strings, numbers and booleans",
                "make it a scalar",
            )
            ok = False
    if op.body is not None and op.body.type is not None:
        fail(
            join(op.pointer, "requestBody"),
            f"the body of {op.label} is not an object schema; the engine reads an object's attributes",
            "make the body `type: object` with `properties`",
        )
        ok = False
    if op.body is not None:
        upload = op.role == "create" and any(f.file == "content" for f in op.body.fields)
        readable = (*BODY_MEDIA_TYPES, UPLOAD_MEDIA_TYPE) if upload else BODY_MEDIA_TYPES
        others = [t for t in op.body.content_types if t not in readable]
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


def _cursor_ok(resource: Resource, listing: Operation, fail: _Fail) -> bool:
    """The store finds a cursor's object by its id, and breaks ties in the order by the cursor
    attribute: the two must be the same attribute."""
    assert listing.pagination is not None
    cursor = listing.pagination.cursor_field
    if resource.id_attribute is None or cursor == resource.id_attribute:
        return True
    fail(
        join(listing.pointer, "x-protocol-pagination"),
        f"{listing.label} takes '{cursor}' as its cursor; the engine pages by the id "
        f"attribute '{resource.id_attribute}'",
        f"set `cursor: {resource.id_attribute}` (or leave it out: it defaults to id)",
    )
    return False


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
