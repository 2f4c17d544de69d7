"""What a request's attributes refer to, read from the model: which body attributes carry ids of
other objects (`x-protocol-reference`, and the ids of an `x-protocol-inverse` list), whether
responses show those objects where requests send ids, and the order in which resources must be
filled so that every reference can name an object that exists.

A request sends ids; a response may show the objects they name (`embedded`, or an inverse
list): `shown_ids` reads the ids back out of what a response shows, so that a check compares
like with like.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from protocol_spec import Api
from protocol_spec.model import Field, Operation, Resource

__all__ = [
    "BodyReference",
    "FillOrder",
    "body_references",
    "fill_order",
    "same_value",
    "shown_ids",
]


@dataclass(frozen=True)
class BodyReference:
    """A body attribute whose value is the id (or a list of ids) of objects of `target`."""

    attribute: str
    target: str  # the target resource's tag
    many: bool  # a list of ids
    required: bool  # the body cannot leave it out
    nullable: bool  # `null` is a value for it
    shown_as_objects: bool  # responses show the objects named, not their ids
    target_id: str  # the attribute of a target object that is its id


def body_references(
    api: Api, resource: Resource, operation: Operation | None
) -> dict[str, BodyReference]:
    """The body attributes of `operation` (a create or update of `resource`) that carry ids."""
    if operation is None or operation.body is None or resource.model is None:
        return {}
    model = api.model(resource.model)
    found: dict[str, BodyReference] = {}
    for f in operation.body.fields:
        attribute = model.field(f.name)
        if attribute is None:
            continue
        target_name, objects = _target(attribute)
        target = _resource(api, target_name)
        if target is None or target.id_attribute is None:
            continue
        found[f.name] = BodyReference(
            attribute=f.name,
            target=target.name,
            many=f.type.kind == "array",
            required=f.required,
            nullable=f.nullable,
            shown_as_objects=objects,
            target_id=target.id_attribute,
        )
    return found


def _target(attribute: Field) -> tuple[str | None, bool]:
    if attribute.reference is not None:
        return attribute.reference.resource, attribute.reference.embedded
    if attribute.inverse is not None:
        return attribute.inverse.resource, True
    return None, False


def _resource(api: Api, name: str | None) -> Resource | None:
    return next((r for r in api.resources if r.name == name), None) if name else None


def shown_ids(value: Any, reference: BodyReference) -> Any:
    """What a response shows for a reference, as the ids a request would send."""
    if not reference.shown_as_objects:
        return value
    if isinstance(value, list):
        return [v.get(reference.target_id) if isinstance(v, dict) else v for v in value]
    if isinstance(value, dict):
        return value.get(reference.target_id)
    return value


def same_value(
    references: Mapping[str, BodyReference], attribute: str, sent: Any, shown: Any
) -> bool:
    """Whether a response showing `shown` holds the `sent` value of `attribute` (ids sent,
    objects shown where the model says so; a list of ids compared in order)."""
    reference = references.get(attribute)
    if reference is not None:
        shown = shown_ids(shown, reference)
    return bool(shown == sent)


@dataclass(frozen=True)
class FillOrder:
    """The resources in the order they are filled: each after those its create body refers to.
    `broken`: references left out of the order to break a cycle (they may be null or left out),
    as (resource, attribute, target); `cycle`: resources that cannot be filled, because their
    required references form a cycle that nothing breaks, or name a resource of one; `needs`:
    the required references among them, as (resource, attribute, target)."""

    resources: tuple[Resource, ...]
    broken: tuple[tuple[str, str, str], ...] = ()
    cycle: tuple[str, ...] = ()
    needs: tuple[tuple[str, str, str], ...] = ()

    def unfillable(self) -> str:
        """Why the `cycle` resources cannot be filled, in words ("" when they can)."""
        if not self.cycle:
            return ""
        chain = "; ".join(
            f"creating {resource} needs '{attribute}', an id of {target}"
            for resource, attribute, target in self.needs
        )
        return (
            f"no object of {', '.join(self.cycle)} can be made first: their create bodies "
            f"require ids of each other ({chain}) and none of those may be null or left out"
        )


def fill_order(api: Api, existing: Collection[str] = ()) -> FillOrder:
    """The spec's resources, each after the targets of its create body's references (the
    spec's order where nothing demands another); a reference to a resource of `existing` (the
    fixtures file names objects of it on the deployment) needs nothing made first; a cycle is
    broken at a reference that may be left out or null, else reported."""
    resources = list(api.resources)
    edges: dict[str, list[tuple[str, BodyReference]]] = {r.name: [] for r in resources}
    for resource in resources:
        for reference in body_references(api, resource, resource.operation("create")).values():
            if reference.target != resource.name and reference.target not in existing:
                edges[resource.name].append((reference.target, reference))
    broken: list[tuple[str, str, str]] = []
    while True:
        order, stuck = _sorted(resources, edges)
        if not stuck:
            return FillOrder(tuple(order), tuple(broken))
        optional = [
            (name, reference)
            for name in stuck
            for target, reference in edges[name]
            if target in stuck and (not reference.required or reference.nullable)
        ]
        if not optional:
            needs = tuple(
                (name, reference.attribute, target)
                for name in stuck
                for target, reference in edges[name]
                if target in stuck
            )
            return FillOrder(
                (*order, *(r for r in resources if r.name in stuck)),
                tuple(broken),
                tuple(stuck),
                needs,
            )
        name, reference = optional[0]
        edges[name] = [(t, r) for t, r in edges[name] if r is not reference]
        broken.append((name, reference.attribute, reference.target))


def _sorted(
    resources: Sequence[Resource], edges: dict[str, list[tuple[str, BodyReference]]]
) -> tuple[list[Resource], list[str]]:
    """Kahn's order, the spec's order among those ready; the names left in a cycle."""
    done: set[str] = set()
    order: list[Resource] = []
    waiting = list(resources)
    while waiting:
        ready = next(
            (r for r in waiting if all(t in done for t, _ in edges[r.name])),
            None,
        )
        if ready is None:
            return order, [r.name for r in waiting]
        order.append(ready)
        done.add(ready.name)
        waiting.remove(ready)
    return order, []
