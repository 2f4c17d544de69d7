"""Requests and responses of one schema that differ: each side of the SDKs gets its own type.

A spec may use one schema for what a client sends and what it gets back. Two kinds of
attribute then differ between the sides, and the SDKs type each side as the spec means it:
- `readOnly` attributes (an id, a creation time) are answered, never sent: no argument;
- a reference that answers whole objects (`x-protocol-reference` on a `$ref` to the target's
  schema, `Reference.embedded`) is sent as the target's ids: `members: Sequence[str]` in the
  request, `members: list[Member]` in the response.

    as_sent(api)   # the model with each request body as requests send it

A body changed so no longer names its schema (`Body.model` None): TypeScript then declares the
body's own interface (`CreateTeamBody`) instead of reusing the response's. Every SDK view starts
from `as_sent` (it changes nothing the second time), so the targets and the review agree.
"""

from __future__ import annotations

from dataclasses import replace

from protocol_spec.model import Api, Body, Field, Operation, TypeRef

__all__ = ["as_sent", "sent_fields"]


def as_sent(api: Api) -> Api:
    """`api` with each operation's body as requests send it (see the module's docstring)."""
    ids = {resource.name: _id_type(api, resource.name) for resource in api.resources}
    resources = tuple(
        replace(resource, operations=tuple(_sent(op, ids) for op in resource.operations))
        for resource in api.resources
    )
    if resources == api.resources:
        return api
    return replace(api, resources=resources)


def sent_fields(body: Body, ids: dict[str, TypeRef]) -> tuple[Field, ...]:
    """The attributes a request sends: no read-only one, ids for embedded references."""
    return tuple(_sent_field(f, ids) for f in body.fields if not f.read_only)


def _sent(op: Operation, ids: dict[str, TypeRef]) -> Operation:
    if op.body is None:
        return op
    fields = sent_fields(op.body, ids)
    if fields == op.body.fields:
        return op
    return replace(op, body=replace(op.body, fields=fields, model=None))


def _sent_field(f: Field, ids: dict[str, TypeRef]) -> Field:
    reference = f.reference
    if reference is None or not reference.embedded:
        return f
    id_type = ids.get(reference.resource, TypeRef("string"))
    type_ref = f.type
    if type_ref.kind == "array" and type_ref.items is not None:
        items = replace(id_type, nullable=type_ref.items.nullable)
        return replace(f, type=replace(type_ref, items=items))
    if type_ref.kind == "model":
        return replace(f, type=replace(id_type, nullable=type_ref.nullable))
    return f


def _id_type(api: Api, tag: str) -> TypeRef:
    """The type of the id of one object of the resource `tag` (a string when unknown)."""
    resource = api.resource(tag)
    if resource.model is None or resource.id_attribute is None:
        return TypeRef("string")
    model = next((m for m in api.models if m.name == resource.model), None)
    found = model.field(resource.id_attribute) if model is not None else None
    if found is None or found.type.kind not in ("string", "integer"):
        return TypeRef("string")
    return replace(found.type, nullable=False)
