"""Webhooks: each change the scenario made comes to the suite's receiver as its declared event,
with the object as the API showed it, signed under the declared scheme, and again with the same
id when the receiver refuses it. Runs last (after delete), once every change is made.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from typing import TYPE_CHECKING

from protocol_conformance.areas.objects import create
from protocol_conformance.context import CannotJudge, Context, fail
from protocol_conformance.plan import ResourcePlan
from protocol_conformance.receiver import Delivery
from protocol_conformance.registry import check, step
from protocol_conformance.signatures import problem, tampered
from protocol_conformance.webhooks import (
    NOT_CONFIGURED,
    Change,
    Received,
    WebhookSetup,
    changes_made,
    event_id,
    received_for,
)
from protocol_spec.model import WebhookEvent

if TYPE_CHECKING:
    from protocol_conformance.resource_run import ResourceRun

__all__ = [
    "webhook_delivered",
    "webhook_payload",
    "webhook_redelivery",
    "webhook_signature",
    "webhooks",
]

_ACTIONS: dict[str, str] = {"create": "created", "update": "updated", "delete": "deleted"}
_SHOWN = 3  # objects named in one failure


def _no_events(plan: ResourcePlan) -> str | None:
    if not plan.events:
        return "the spec declares no webhook reporting this resource's changes"
    return None


@check(
    roles=("create", "update", "delete"),
    holds="each change the scenario makes produces exactly its declared event (`type`), per object in order, within WEBHOOK_WAIT seconds",
    unless=_no_events,
)
def webhook_delivered(
    ctx: Context, plan: ResourcePlan, action: str, expected: list[Change], got: Received
) -> None:
    types: dict[str, str] = {e.action: e.type for e in plan.events}
    wrong = []
    for object_id in dict.fromkeys(c.object_id for c in expected):
        wanted = [types.get(c.action, "?") for c in expected if c.object_id == object_id]
        arrived = [kind for kind, _, _ in got.by_object.get(object_id, [])]
        mine = types.get(action)
        if Counter(k for k in wanted if k == mine) != Counter(k for k in arrived if k == mine) or (
            action == "updated" and wanted != arrived
        ):
            wrong.append(f"{plan.id_attribute} {object_id}: expected {wanted}, received {arrived}")
    if wrong:
        fail(
            f"one `{types.get(action)}` event per change of the scenario (each object's "
            "events in the order of its changes)",
            "; ".join(wrong[:_SHOWN])
            + (f" (and {len(wrong) - _SHOWN} more)" if len(wrong) > _SHOWN else ""),
        )


@check(
    roles=("create", "update", "delete"),
    holds="an event's body validates against its webhook's schema and its payload equals the object as the API last showed it (for a delete, as it was before)",
    unless=_no_events,
)
def webhook_payload(
    ctx: Context, plan: ResourcePlan, action: str, expected: list[Change], got: Received
) -> None:
    schemas = ctx.api.schemas
    assert schemas is not None
    events: dict[str, WebhookEvent] = {e.action: e for e in plan.events}
    event = events.get(action)
    if event is None:
        raise CannotJudge(f"the spec declares no webhook for a {action} {plan.resource.singular}")
    webhook = next(op for op in ctx.api.webhooks if op.path == event.type)
    pointer = next(iter(webhook.body.schema_pointers.values()), None) if webhook.body else None
    compared = 0
    for object_id in dict.fromkeys(c.object_id for c in expected):
        wanted = [c for c in expected if c.object_id == object_id and c.action == action]
        arrived = [b for kind, b, _ in got.by_object.get(object_id, []) if kind == event.type]
        for change, body in zip(wanted, arrived, strict=False):
            compared += 1
            if pointer is not None and not schemas.is_valid(pointer, body):
                first = schemas.errors(pointer, body)[0].message
                fail(f"a body valid against {event.type}'s schema", f"{first} in {body}")
            if change.payload is not None and body.get(event.payload) != change.payload:
                fail(
                    f"`{event.payload}` equal to the object as the API showed it: {change.payload}",
                    f"{body.get(event.payload)}",
                )
    if compared == 0:
        raise CannotJudge(f"no `{event.type}` event arrived to compare (see webhook_delivered)")


@check(
    roles=("create",),
    holds="every delivery is signed under the spec's `x-protocol-webhook-signature` scheme with WEBHOOK_SECRET (and the suite's verifier refuses a tampered copy)",
    unless=_no_events,
)
def webhook_signature(ctx: Context, plan: ResourcePlan, setup: WebhookSetup, got: Received) -> None:
    signing = ctx.api.webhook_signing
    if signing is None:
        raise CannotJudge("the spec declares no signing scheme (x-protocol-webhook-signature)")
    if setup.secret is None:
        raise CannotJudge("WEBHOOK_SECRET is not given: signatures cannot be checked")
    if not got.deliveries:
        raise CannotJudge("no delivery arrived to check (see webhook_delivered)")
    for delivery in got.deliveries:
        found = problem(
            signing, setup.secret, delivery.headers, delivery.body, delivery.received_at
        )
        if found is not None:
            fail(f"a valid {signing.scheme} signature", f"{found}; body {delivery.body[:300]!r}")
        copy = tampered(delivery.body)
        if problem(signing, setup.secret, delivery.headers, copy, delivery.received_at) is None:
            raise RuntimeError("the suite's verifier accepted a tampered body")


@check(
    roles=("create",),
    holds="a delivery the receiver refuses with 500 comes again, with the same event id, within WEBHOOK_WAIT seconds",
    unless=_no_events,
)
def webhook_redelivery(
    ctx: Context, plan: ResourcePlan, run: ResourceRun, setup: WebhookSetup
) -> None:
    receiver = setup.receiver
    before = len(receiver.deliveries())
    receiver.refuse(1)
    way = run.composer.ways()[0]
    tracked = create(ctx, plan, way)

    def refused_and_back(found: list[Delivery]) -> bool:
        new = found[before:] if len(found) >= before else found
        refused = [d for d in new if d.status == 500]
        if not refused:
            return False
        first = _identity(ctx, plan, refused[0])
        return any(_identity(ctx, plan, d) == first for d in new if d.status < 300)

    receiver.wait_for(refused_and_back, setup.wait)
    new = receiver.deliveries()[before:]
    refused = [d for d in new if d.status == 500]
    if not refused:
        fail(
            f"a delivery (of the {plan.resource.singular} {tracked.object_id} created) within "
            f"{setup.wait:g} s, to refuse",
            "none arrived",
        )
    wanted = _identity(ctx, plan, refused[0])
    later = [_identity(ctx, plan, d) for d in new if d is not refused[0]]
    if wanted not in later:
        same = [i for i in later if i[1:] == wanted[1:]]
        fail(
            f"the refused event {wanted[0]!r} ({wanted[1]}) again within {setup.wait:g} s",
            f"it came again with another id: {same[0][0]!r}" if same else "it did not come again",
        )


def _identity(ctx: Context, plan: ResourcePlan, delivery: Delivery) -> tuple[str, str, str]:
    """(event id, type, object id) of a delivery, as far as it can be read."""
    try:
        body = json.loads(delivery.body)
    except ValueError:
        return ("", "", "")
    if not isinstance(body, dict):
        return ("", "", "")
    for event in plan.events:
        payload = body.get(event.payload)
        if isinstance(payload, dict):
            types = {e.type for e in plan.events}
            kind = next((v for v in body.values() if isinstance(v, str) and v in types), "")
            return (
                event_id(ctx.api, event, delivery, body),
                kind,
                str(payload.get(plan.id_attribute)),
            )
    return ("", "", "")


@step(95)
def webhooks(run: ResourceRun) -> None:
    plan, ctx = run.plan, run.ctx
    if not plan.events:
        return
    setup = ctx.webhooks
    operations = {role: getattr(plan, role) for role in ("create", "update", "delete")}
    if setup is None:
        for found in (webhook_delivered, webhook_payload, webhook_signature, webhook_redelivery):
            for role in found.roles:
                operation = operations.get(role)
                if operation is not None:
                    ctx.results.skip(operation.label, found.name, NOT_CONFIGURED)
        return
    expected = changes_made(plan, ctx.writes, ctx.api)
    counts = Counter(c.object_id for c in expected)

    def all_arrived(_: list[Delivery]) -> bool:
        got = received_for(ctx.api, plan, setup.receiver)
        return all(len(got.by_object.get(o, [])) >= n for o, n in counts.items())

    setup.receiver.wait_for(all_arrived, setup.wait)
    time.sleep(min(0.2, setup.wait))  # an extra (wrong) event a moment behind the last
    got = received_for(ctx.api, plan, setup.receiver)
    for verb, action in _ACTIONS.items():
        operation = operations[verb]
        if operation is None:
            continue
        mine = [c for c in expected if c.action == action]
        if not mine:
            for found in (webhook_delivered, webhook_payload):
                ctx.results.skip(operation.label, found.name, f"the scenario made no {verb}")
            continue
        steps = [c.exchange for c in mine][-4:]
        run.judge(webhook_delivered, operation.label, plan, action, expected, got, steps=steps)
        run.judge(webhook_payload, operation.label, plan, action, expected, got, steps=steps)
    if plan.create is not None:
        made = [c.exchange for c in expected if c.action == "created"][:2]
        run.judge(webhook_signature, plan.create.label, plan, setup, got, steps=made)
        run.judge(webhook_redelivery, plan.create.label, plan, run, setup)
