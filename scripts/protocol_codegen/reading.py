"""Tolerant readers, strict writers: which models a client only ever reads.

A newer server may add attributes to what it sends, or values to an enum (a compatible change
in any API's changelog); an older client must still parse it and keep the new values
reachable. What a client sends stays strict. The models a client reads are the results of
operations, the objects listed in pages, error bodies and webhook payloads, and every model
they contain; the targets make exactly those tolerant.
"""

from __future__ import annotations

from protocol_spec.model import Api, TypeRef

__all__ = ["read_models"]


def read_models(api: Api) -> frozenset[str]:
    roots: list[str] = []
    for op in api.operations:
        roots += _names(op.result)
        roots += _names(op.pagination.item if op.pagination else None)
        roots += [r.error_model for r in op.responses if r.error_model is not None]
    for webhook in api.webhooks:
        roots += [webhook.body.model] if webhook.body and webhook.body.model else []
    known = {model.name: model for model in api.models}
    seen: set[str] = set()
    while roots:
        name = roots.pop()
        if name in seen or name not in known:
            continue
        seen.add(name)
        for f in known[name].fields:
            roots += _names(f.type)
    return frozenset(seen)


def _names(type_ref: TypeRef | None) -> list[str]:
    if type_ref is None:
        return []
    if type_ref.kind == "model" and type_ref.name:
        return [type_ref.name]
    options = [name for option in type_ref.options for name in _names(option)]
    return _names(type_ref.items) + _names(type_ref.additional) + options
