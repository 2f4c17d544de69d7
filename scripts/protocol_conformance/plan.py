"""What the semantic scenario works with for each resource, read from the model: its
operations by role, its list's pagination, page size and filters, what a client may set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from protocol_spec import Api
from protocol_spec.model import (
    Field,
    FilterMatch,
    Model,
    Operation,
    Pagination,
    Parameter,
    Resource,
    SortKey,
    WebhookEvent,
)

__all__ = [
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
    match: FilterMatch
    settable: Settable | None  # how the scenario gives its objects differing values
    # A filter through a reference: the listed objects' attribute naming the objects whose
    # `attribute` the filter narrows by (`x-protocol-filter` `through`), and their resource.
    through: Field | None = None
    target: str | None = None

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
    events: tuple[WebhookEvent, ...] = ()  # the webhooks reporting its changes

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
        parameter = self.resource.id_parameter
        assert self.resource.item_path is not None and parameter is not None
        return self.resource.item_path.replace("{" + parameter + "}", quote(object_id, safe=""))


def plan_resources(api: Api) -> list[ResourcePlan]:
    return [_plan(api, resource) for resource in api.resources]


def _plan(api: Api, resource: Resource) -> ResourcePlan:
    model = api.model(resource.model) if resource.model else None
    listing = resource.operation("list")
    create = resource.operation("create")
    list_plan = (
        _list_plan(api, listing, model, create, resource.operation("update"))
        if listing is not None and listing.pagination is not None and model is not None
        else None
    )
    return ResourcePlan(
        resource=resource,
        model=model,
        id_attribute=resource.id_attribute,
        listing=list_plan,
        create=create,
        get=resource.operation("get"),
        update=resource.operation("update"),
        delete=resource.operation("delete"),
        events=api.events_of(resource),
    )


def _list_plan(
    api: Api,
    listing: Operation,
    model: Model,
    create: Operation | None,
    update: Operation | None,
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
        if param.filter.through is not None:
            found = _through(api, model, param)
            if found is not None:
                filters.append(found)
            continue
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
    return ListPlan(listing, page, limit, tuple(filters), page.total_order)


def _through(api: Api, model: Model, param: Parameter) -> FilterPlan | None:
    """A filter through a reference: the listed objects' referring attribute, and the
    attribute of the objects it names (the loader checked both exist)."""
    assert param.filter is not None and param.filter.through is not None
    through = model.field(param.filter.through)
    if through is None or through.reference is None:
        return None
    target = next((r for r in api.resources if r.name == through.reference.resource), None)
    target_model = api.model(target.model) if target is not None and target.model else None
    attribute = target_model.field(param.filter.attribute) if target_model else None
    if target is None or attribute is None:
        return None
    return FilterPlan(param, attribute, param.filter.match, None, through, target.name)
