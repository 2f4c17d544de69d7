"""What the webhook checks work with: the suite's receiver and secret, the changes the
scenario made (read back from its exchanges), and the events that arrived for them.

A change is an answer in the 2xx range from create (the first time an object's id is seen: an
idempotent replay changes nothing), update or delete, sent as TOKEN (the account the receiver
is configured for). Its event is the webhook the model declares for that resource and action
(`Api.events_of`); a delete's payload is the object as the scenario last saw it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from protocol_conformance.http import Exchange
from protocol_conformance.plan import ResourcePlan
from protocol_conformance.receiver import Delivery, Receiver
from protocol_spec import Api
from protocol_spec.model import WebhookEvent

__all__ = [
    "NOT_CONFIGURED",
    "Change",
    "Received",
    "WebhookSetup",
    "changes_made",
    "event_id",
    "received_for",
]

NOT_CONFIGURED = (
    "the server under test is not configured to send webhooks to the suite: set WEBHOOK_LISTEN "
    "(where the suite's receiver listens), WEBHOOK_URL when the server reaches it at another "
    "address, WEBHOOK_SECRET, and configure the server to send TOKEN's events there"
)


@dataclass(frozen=True)
class WebhookSetup:
    receiver: Receiver
    secret: str | None  # None: signatures cannot be checked
    wait: float  # seconds an event may take to arrive (WEBHOOK_WAIT)
    address: str | None = None  # WEBHOOK_URL: where the server sends, when not the receiver's

    @property
    def url(self) -> str:
        return self.address or self.receiver.url


@dataclass(frozen=True)
class Change:
    action: str  # created | updated | deleted
    object_id: str
    payload: dict[str, Any] | None  # the object the event must carry (None: not known)
    exchange: Exchange


@dataclass
class Received:
    """The distinct events (by event id, first arrival) about one resource's objects."""

    by_object: dict[str, list[tuple[str, dict[str, Any], Delivery]]] = field(default_factory=dict)
    deliveries: list[Delivery] = field(default_factory=list)  # every delivery of those events


def changes_made(
    plan: ResourcePlan, log: Sequence[Exchange], api: Api | None = None
) -> list[Change]:
    """The scenario's changes of this resource's objects, in the order it made them; with
    `api`, also those its writes of other resources made, as the model declares: a create
    that touches (`touch`) an object it refers to, a delete that clears or cascades to the
    objects naming the deleted one. The payload of such a change is not known (None), nor
    that of a later delete until the API shows the object again."""
    id_attribute = plan.id_attribute
    roles = {
        op.label: action
        for op, action in (
            (plan.create, "created"),
            (plan.update, "updated"),
            (plan.delete, "deleted"),
        )
        if op is not None
    }
    effects = _Effects(api, plan) if api is not None else None
    read = plan.get.label if plan.get is not None else None
    seen: dict[str, dict[str, Any]] = {}  # object id -> as last shown
    stale: set[str] = set()  # objects changed since the API last showed them
    changes: list[Change] = []
    for exchange in log:
        if exchange.sent_as != "TOKEN" or not 200 <= exchange.status < 300:
            continue
        action = roles.get(exchange.operation)
        body = exchange.body if isinstance(exchange.body, dict) else None
        if action is None and effects is not None:
            changes += effects.of(exchange, body, seen, stale)
            continue
        if action == "created" and body is not None and id_attribute in body:
            object_id = str(body[id_attribute])
            if object_id not in seen:
                changes.append(Change("created", object_id, dict(body), exchange))
            seen[object_id] = dict(body)
            stale.discard(object_id)
        elif action is not None:
            object_id = _last_segment(exchange.url)
            if action == "updated" and body is not None:
                changes.append(Change("updated", object_id, dict(body), exchange))
                seen[object_id] = dict(body)
                stale.discard(object_id)
            elif action == "deleted" and object_id in seen:
                last = seen.pop(object_id)
                changes.append(
                    Change("deleted", object_id, None if object_id in stale else last, exchange)
                )
        elif exchange.operation == read and body is not None and id_attribute in body:
            seen[str(body[id_attribute])] = dict(body)
            stale.discard(str(body[id_attribute]))
    return changes


def _last_segment(url: str) -> str:
    return unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])


class _Effects:
    """What writes of other resources do to one resource's objects, from the model."""

    def __init__(self, api: Api, plan: ResourcePlan) -> None:
        self.plan = plan
        # another resource's create label -> its attributes that touch ours
        self.touching: dict[str, list[str]] = {}
        # another resource's delete label -> our attributes naming it: (attribute, on_delete,
        # the id attribute of the objects shown in place of ids)
        self.naming: dict[str, list[tuple[str, str, str]]] = {}
        # another resource's create or update label -> its list naming ours (x-protocol-inverse):
        # (the list, our attribute the server points at it, the listed objects' id attribute)
        self.listing: dict[str, list[tuple[str, str, str]]] = {}
        for resource in api.resources:
            create, delete = resource.operation("create"), resource.operation("delete")
            model = api.model(resource.model) if resource.model else None
            for f in model.fields if model is not None else ():
                inverse = f.inverse
                if inverse is None or inverse.resource != plan.name:
                    continue
                for operation in (create, resource.operation("update")):
                    body = operation.body if operation is not None else None
                    if operation is not None and body is not None and body.field(f.name):
                        self.listing.setdefault(operation.label, []).append(
                            (f.name, inverse.attribute, resource.id_attribute or "")
                        )
            if create is not None and model is not None:
                for f in model.fields:
                    reference = f.reference
                    if reference and reference.resource == plan.name and reference.touch:
                        self.touching.setdefault(create.label, []).append(f.name)
            if delete is not None and plan.model is not None:
                for f in plan.model.fields:
                    reference = f.reference
                    if reference and reference.resource == resource.name:
                        self.naming.setdefault(delete.label, []).append(
                            (f.name, reference.on_delete, resource.id_attribute or "")
                        )

    def of(
        self,
        exchange: Exchange,
        body: dict[str, Any] | None,
        seen: dict[str, dict[str, Any]],
        stale: set[str],
    ) -> list[Change]:
        found: list[Change] = []
        for attribute in self.touching.get(exchange.operation, []):
            named = body.get(attribute) if body is not None else None
            if isinstance(named, str) and named in seen:
                stale.add(named)
                found.append(Change("updated", named, None, exchange))
        ours = self.plan.id_attribute or ""
        for attribute, pointer, key in self.listing.get(exchange.operation, []):
            listed = body.get(attribute) if body is not None else None
            asked = exchange.sent_attributes
            if not isinstance(listed, list) or asked is None or attribute not in asked:
                continue  # the server re-points only the lists a request names
            owner = body.get(key) if body is not None else None
            ids = [v.get(ours) if isinstance(v, dict) else v for v in listed]
            for object_id, state in list(seen.items()):
                pointed = object_id in ids
                detached = not pointed and owner is not None and state.get(pointer) == owner
                if pointed or detached:  # the server set or cleared its reference
                    stale.add(object_id)
                    seen[object_id] = {**state, pointer: owner if pointed else None}
                    found.append(Change("updated", object_id, None, exchange))
        gone = _last_segment(exchange.url)
        for attribute, on_delete, key in self.naming.get(exchange.operation, []):
            for object_id, state in list(seen.items()):
                value = state.get(attribute)
                items = value if isinstance(value, list) else [value]
                ids = [v.get(key) if isinstance(v, dict) else v for v in items]
                if gone not in ids:
                    continue
                if on_delete == "cascade":
                    seen.pop(object_id)
                    last = None if object_id in stale else state
                    found.append(Change("deleted", object_id, last, exchange))
                elif on_delete == "clear":
                    kept = (
                        [v for v, i in zip(items, ids, strict=True) if i != gone]
                        if isinstance(value, list)
                        else None
                    )
                    seen[object_id] = {**state, attribute: kept}
                    found.append(Change("updated", object_id, None, exchange))
        return found


def event_id(api: Api, event: WebhookEvent, delivery: Delivery, body: dict[str, Any]) -> str:
    """The event's id: the Standard Webhooks id header, else the body's id attribute (the one
    that is neither the payload nor the type)."""
    signing = api.webhook_signing
    if signing is not None and signing.scheme == "standard-webhooks":
        return delivery.headers.get(signing.headers[0], "")
    webhook = next((op for op in api.webhooks if op.path == event.type), None)
    for f in webhook.body.fields if webhook is not None and webhook.body is not None else ():
        if f.name != event.payload and event.type not in f.type.values:
            return str(body.get(f.name, ""))
    return ""


def received_for(api: Api, plan: ResourcePlan, receiver: Receiver) -> Received:
    events = {e.type: e for e in api.events_of(plan.resource)}
    found = Received()
    known: set[str] = set()
    for delivery in receiver.deliveries():
        try:
            body = json.loads(delivery.body)
        except ValueError:
            continue
        if not isinstance(body, dict):
            continue
        event = next((e for e in events.values() if body.get(e.payload) is not None), None)
        payload = body.get(event.payload) if event is not None else None
        if event is None or not isinstance(payload, dict) or plan.id_attribute not in payload:
            continue
        found.deliveries.append(delivery)
        identity = event_id(api, event, delivery, body) or delivery.body.decode(errors="replace")
        if identity in known:
            continue
        known.add(identity)
        kind = str(body.get(_type_attribute(api, event), ""))
        found.by_object.setdefault(str(payload[plan.id_attribute]), []).append(
            (kind, body, delivery)
        )
    return found


def _type_attribute(api: Api, event: WebhookEvent) -> str:
    webhook = next((op for op in api.webhooks if op.path == event.type), None)
    for f in webhook.body.fields if webhook is not None and webhook.body is not None else ():
        if event.type in f.type.values:
            return f.name
    return ""
