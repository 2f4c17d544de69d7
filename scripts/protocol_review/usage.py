"""Which schemas clients only send: the component schemas no response and no webhook payload
refers to (directly or through other schemas). A model of such a schema is an input: its
fields follow the rules of values clients send (a wider type or an optional field breaks
nobody), not those of values they read."""

from __future__ import annotations

from typing import Any

from protocol_spec.model import Api
from protocol_spec.pointers import MISSING, local_ref_pointer, lookup

__all__ = ["received_schemas", "sent_only"]


def _refs(node: Any, found: set[str], document: Any) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            target = local_ref_pointer(current.get("$ref"))
            if target is not None and target not in found:
                found.add(target)
                resolved = lookup(document, target)
                if resolved is not MISSING:
                    stack.append(resolved)
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


def received_schemas(api: Api) -> frozenset[str]:
    """Pointers of the schemas clients or webhook receivers get (responses and payloads)."""
    found: set[str] = set()
    for op in api.operations:
        for response in op.responses:
            node = lookup(api.document, response.pointer)
            if node is not MISSING:
                _refs(node, found, api.document)
    for hook in api.webhooks:
        if hook.body is not None:
            for pointer in hook.body.schema_pointers.values():
                found.add(pointer)
                node = lookup(api.document, pointer)
                if node is not MISSING:
                    _refs(node, found, api.document)
    return frozenset(found)


def sent_only(pointer: str, received: frozenset[str]) -> bool:
    """Whether the schema at `pointer` (a component, or a schema inside one) is only sent."""
    if not pointer or "/responses/" in pointer or pointer.startswith("/webhooks/"):
        return False
    if "/requestBody/" in pointer:
        return True
    return not any(pointer == r or pointer.startswith(r + "/") for r in received)
