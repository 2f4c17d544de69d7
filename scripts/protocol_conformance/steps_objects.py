"""The scenario's object steps: create in every way the spec shows (and what a new object
holds), update every writable attribute (edges, null, forms, empty bodies), delete."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from protocol_conformance import checks_objects as objects
from protocol_conformance.compose import FORM, JSON
from protocol_conformance.objects import Tracked
from protocol_conformance.resource_run import ResourceRun
from protocol_conformance.values import form_encodable
from protocol_spec.model import Field

__all__ = ["creates", "delete", "updates"]


def creates(run: ResourceRun) -> None:
    plan = run.plan
    assert plan.create is not None
    ways = run.composer.ways()
    for way in ways:
        tracked = run.attempt(
            objects.CREATE_THEN_GET,
            plan.create.label,
            objects.create_then_get,
            plan,
            way,
        )
        tracked = tracked or run.latest()
        if tracked is not None:
            run.judge(
                objects.CREATE_DEFAULTS,
                plan.create.label,
                objects.create_defaults,
                plan,
                run.composer,
                tracked,
            )
    if plan.create.idempotency_key is not None and ways:
        # Another request: another body in the same content type, when the suite has one.
        other = next(
            (
                w
                for w in ways[1:]
                if w.body != ways[0].body and w.content_type == ways[0].content_type
            ),
            None,
        )
        run.judge(
            objects.IDEMPOTENT_CREATE,
            plan.create.label,
            objects.idempotent_create,
            plan,
            ways[0],
            other,
        )


def updates(run: ResourceRun) -> None:
    plan = run.plan
    writable = plan.writable()
    if plan.update is None or plan.update.body is None or not writable or not run.ours:
        return
    body = plan.update.body
    target = run.ours[0]
    for f in writable:  # first give every attribute a value of its own, one at a time
        value = _different(run, f, target.state.get(f.name))
        if value is not None:
            _update(run, target, {f.name: value}, JSON)
    for f in writable:  # then the edges, the other values, and null
        values = [*run.values.boundaries(f), *run.values.samples(f)[:3]]
        values += [None] if f.nullable else []
        for value in _distinct(values)[:5]:
            if value != target.state.get(f.name):
                _update(run, target, {f.name: value}, JSON)
    if FORM in body.content_types:  # a form body means the same as JSON
        for f in writable:
            value = _different(run, f, target.state.get(f.name), allow_null=f.nullable)
            if form_encodable(value) and value != target.state.get(f.name):
                _update(run, target, {f.name: value}, FORM)
    if run.composer.schemas.is_valid(next(iter(body.schema_pointers.values())), {}):
        _update(run, target, {}, JSON)
    if not body.required:
        _update(run, target, {}, JSON, no_body=True)


def _different(run: ResourceRun, f: Field, current: Any, allow_null: bool = False) -> Any:
    """A value for `f` other than `current` (examples first), or None."""
    for value in run.values.samples(f):
        if value != current:
            return value
    if allow_null and current is not None:
        return None
    return run.values.fresh(f, avoid=[current])


def _update(
    run: ResourceRun,
    target: Tracked,
    change: dict[str, Any],
    content_type: str,
    no_body: bool = False,
) -> None:
    """One update, judged by update_persisted (what was sent is stored), update_partial
    (nothing else moved) and assigned_unchanged (id and creation time stay)."""
    plan = run.plan
    assert plan.update is not None
    label = plan.update.label
    sent: list[objects.Update] = []

    def send() -> objects.Update:
        update = objects.send_update(run.ctx, plan, target, change, content_type, no_body=no_body)
        sent.append(update)
        return update

    if not change:  # an empty update: judged only by what must not move
        run.ctx.judge(
            objects.UPDATE_PARTIAL,
            label,
            lambda: objects.update_partial(run.ctx, plan, send()),
        )
        return
    run.ctx.judge(
        objects.UPDATE_PERSISTED,
        label,
        lambda: objects.update_persisted(run.ctx, plan, send()),
    )
    if sent:
        update = sent[0]
        run.ctx.judge(
            objects.UPDATE_PARTIAL,
            label,
            partial(objects.update_partial, run.ctx, plan, update),
            update.steps,
        )
        run.ctx.judge(
            objects.ASSIGNED_UNCHANGED,
            label,
            partial(objects.assigned_unchanged, run.ctx, plan, update),
            update.steps,
        )


def delete(run: ResourceRun) -> None:
    plan = run.plan
    if plan.delete is None or not run.ours:
        return
    victim = run.ours[-1]
    run.judge(
        objects.DELETE_REMOVES,
        plan.delete.label,
        objects.delete_removes,
        plan,
        victim,
    )


def _distinct(values: list[Any]) -> list[Any]:
    """`values` without repeats (lists and objects included)."""
    seen: set[str] = set()
    found = []
    for value in values:
        key = json.dumps(value, sort_keys=True)
        if key not in seen:
            seen.add(key)
            found.append(value)
    return found
