"""What the semantic scenario can check for each resource, read from the model, and what it
cannot and why (the coverage table's "not run" reasons).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import quote

from protocol_spec import Api
from protocol_spec.model import (
    Field,
    Model,
    Operation,
    Pagination,
    Parameter,
    Resource,
    SortKey,
)

__all__ = [
    "CHECKS_BY_ROLE",
    "FilterPlan",
    "LimitPlan",
    "ListPlan",
    "ResourcePlan",
    "Settable",
    "plan_resources",
]

Settable = Literal["create", "update"]


@dataclass(frozen=True)
class LimitPlan:
    param: str
    default: int | None
    minimum: int | None
    maximum: int | None


@dataclass(frozen=True)
class FilterPlan:
    param: Parameter
    attribute: Field  # the listed objects' attribute it narrows by
    match: Literal["equals", "is-set"]
    settable: Settable | None  # how the scenario gives its objects differing values

    @property
    def check(self) -> str:
        return f"filter_{self.param.name}"

    @property
    def attribute_name(self) -> str:
        return self.attribute.name


@dataclass(frozen=True)
class ListPlan:
    operation: Operation
    pagination: Pagination
    limit: LimitPlan | None
    filters: tuple[FilterPlan, ...]
    order: tuple[SortKey, ...]  # the declared keys, ending with the cursor attribute as tie-break

    @property
    def label(self) -> str:
        return self.operation.label

    @property
    def page_size(self) -> int | None:
        """The largest page the list serves (its maximum, else its default)."""
        if self.limit is None:
            return None
        return self.limit.maximum or self.limit.default


@dataclass(frozen=True)
class ResourcePlan:
    resource: Resource
    model: Model | None
    id_attribute: str | None
    listing: ListPlan | None
    create: Operation | None
    get: Operation | None
    update: Operation | None
    delete: Operation | None
    # (operation label, check, reason): what cannot run whatever the server does.
    not_run: tuple[tuple[str, str, str], ...]

    @property
    def name(self) -> str:
        return self.resource.name

    @property
    def usable(self) -> bool:
        """Objects can be created and named: the checks that need objects of their own can run."""
        return (
            self.model is not None
            and self.id_attribute is not None
            and self.create is not None
            and self.create.body is not None
            and self.resource.item_path is not None
        )

    def writable(self) -> list[Field]:
        """Update's attributes that the object has and the client may set."""
        if self.update is None or self.update.body is None or self.model is None:
            return []
        found = []
        for f in self.update.body.fields:
            attribute = self.model.field(f.name)
            if attribute is not None and not attribute.read_only:
                found.append(f)
        return found

    def attribute(self, name: str) -> Field | None:
        return self.model.field(name) if self.model is not None else None

    def item_path(self, object_id: str) -> str:
        assert self.resource.item_path is not None
        parameter = self.resource.item_path.rsplit("{", 1)[1].rstrip("}")
        return self.resource.item_path.replace("{" + parameter + "}", quote(object_id, safe=""))


# Which checks each role's operation gets, for the coverage table.
CHECKS_BY_ROLE: dict[str, tuple[str, ...]] = {
    "create": ("create_then_get", "create_defaults", "invalid_requests_rejected"),
    "get": ("create_then_get", "tenant_isolation", "authentication"),
    "update": (
        "update_persisted",
        "update_partial",
        "assigned_unchanged",
        "tenant_isolation",
        "invalid_requests_rejected",
    ),
    "delete": ("delete_removes", "tenant_isolation"),
    "list": (
        "filters_combined",
        "limit_default",
        "limit_maximum",
        "limit_bounds",
        "limit_respected",
        "more_flag_exact",
        "cursor_walk",
        "list_order",
        "tenant_isolation",
        "authentication",
        "invalid_requests_rejected",
    ),
}


def plan_resources(api: Api) -> list[ResourcePlan]:
    return [_plan(api, resource) for resource in api.resources]


def _plan(api: Api, resource: Resource) -> ResourcePlan:
    model = api.model(resource.model) if resource.model else None
    listing = resource.operation("list")
    create = resource.operation("create")
    list_plan = (
        _list_plan(listing, model, create, resource.operation("update"))
        if listing is not None and listing.pagination is not None and model is not None
        else None
    )
    plan = ResourcePlan(
        resource=resource,
        model=model,
        id_attribute=resource.id_attribute,
        listing=list_plan,
        create=create,
        get=resource.operation("get"),
        update=resource.operation("update"),
        delete=resource.operation("delete"),
        not_run=(),
    )
    return replace(plan, not_run=tuple(_not_run(plan)))


def _list_plan(
    listing: Operation, model: Model, create: Operation | None, update: Operation | None
) -> ListPlan:
    assert listing.pagination is not None
    page = listing.pagination
    limit = None
    if page.limit_param is not None and (param := listing.parameter(page.limit_param)):
        c = param.constraints
        limit = LimitPlan(
            param=param.name,
            default=int(param.default) if isinstance(param.default, int) else None,
            minimum=int(c.minimum) if c.minimum is not None else None,
            maximum=int(c.maximum) if c.maximum is not None else None,
        )
    creatable = {f.name for f in create.body.fields} if create and create.body else set()
    updatable = {f.name for f in update.body.fields} if update and update.body else set()
    filters = []
    for param in listing.filters:
        assert param.filter is not None
        attribute = model.field(param.filter.attribute)
        if attribute is None:
            continue
        settable: Settable | None = (
            "create"
            if attribute.name in creatable
            else "update"
            if attribute.name in updatable
            else None
        )
        filters.append(FilterPlan(param, attribute, param.filter.match, settable))
    order = tuple(listing.order)
    if not order or order[-1].attribute != page.cursor_field:
        descending = order[-1].descending if order else False
        order += (SortKey(page.cursor_field, descending),)
    return ListPlan(listing, page, limit, tuple(filters), order)


def _not_run(plan: ResourcePlan) -> Iterator[tuple[str, str, str]]:
    resource = plan.resource
    gaps = {gap.pointer: gap.problem for gap in resource.gaps}
    for op in resource.operations:
        if op.role is None:
            yield op.label, "(every check)", gaps.get(op.pointer, "not one of the five roles")
    if plan.model is None:
        reason = next(iter(gaps.values()), "no schema of one object")
        for op in resource.operations:
            if op.role is not None:
                for check in CHECKS_BY_ROLE[op.role]:
                    yield op.label, check, reason
        return
    listing = resource.operation("list")
    if listing is not None and plan.listing is None:
        reason = gaps.get(listing.pointer, "the list has no x-protocol-pagination")
        for check in CHECKS_BY_ROLE["list"]:
            yield listing.label, check, reason
        for param in listing.query_params:
            yield listing.label, f"filter_{param.name}", reason
    if not plan.usable:
        reason = (
            f"'{resource.name}' has no create operation: the suite cannot make objects of its own"
            if plan.create is None or plan.create.body is None
            else f"'{resource.name}' has no item path: its objects cannot be named"
        )
        for op in resource.operations:
            if op.role is not None and op.role != "create":
                for check in CHECKS_BY_ROLE[op.role]:
                    yield op.label, check, reason
        if plan.listing is not None:
            for f in plan.listing.filters:
                yield plan.listing.label, f.check, reason
    if plan.listing is not None:
        label = plan.listing.label
        if plan.listing.limit is None:
            for check in ("limit_default", "limit_maximum", "limit_bounds", "limit_respected"):
                yield (
                    label,
                    check,
                    "the list has no page-size parameter (x-protocol-pagination limit)",
                )
        else:
            if plan.listing.limit.default is None:
                yield label, "limit_default", "the page-size parameter has no default"
            if plan.listing.limit.maximum is None:
                yield label, "limit_maximum", "the page-size parameter has no maximum"
        if len(plan.listing.filters) < 2:
            yield label, "filters_combined", "the list has fewer than two filters"
    if plan.update is not None and not plan.writable():
        for check in ("update_persisted", "update_partial"):
            yield plan.update.label, check, "the update body has no attribute a client may set"
