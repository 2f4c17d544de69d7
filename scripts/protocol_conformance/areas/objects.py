"""Objects, one at a time: create in every way the spec shows (and what a new object holds),
update every writable attribute (edges, null, forms, empty bodies), delete; the checks of an
object's life, and the steps of the scenario that run them.

A check raises AssertionError ("expected / received") when the server is wrong; a step
decides which objects and values each check gets and asks `run.judge` to judge it.
"""

from __future__ import annotations

import json
import secrets
import time
from functools import partial
from typing import TYPE_CHECKING, Any

from protocol_conformance.compose import FORM, JSON, Composer, Way, encode
from protocol_conformance.context import CannotJudge, Context, fail
from protocol_conformance.http import Credential, Exchange
from protocol_conformance.objects import Tracked
from protocol_conformance.pages import collect
from protocol_conformance.plan import ResourcePlan
from protocol_conformance.references import same_value
from protocol_conformance.registry import check, step
from protocol_conformance.values import form_encodable
from protocol_spec.model import Field

if TYPE_CHECKING:  # steps are handed a run; they only call its methods
    from protocol_conformance.resource_run import ResourceRun

__all__ = [
    "CLOCK_SECOND",
    "Update",
    "arrange",
    "assigned_unchanged",
    "create",
    "create_defaults",
    "create_then_get",
    "creates",
    "delete",
    "delete_removes",
    "differences",
    "files",
    "get",
    "idempotent_create",
    "make",
    "referring",
    "send_update",
    "update_partial",
    "update_persisted",
    "updates",
    "valid_update",
]

_JsonObject = dict[str, Any]
# Assigned attributes must survive a change of the clock's second (a creation-time that is
# rewritten on update would otherwise look unchanged).
CLOCK_SECOND = 1.05


def _nothing_writable(plan: ResourcePlan) -> str | None:
    if plan.update is not None and not plan.writable():
        return "the update body has no attribute a client may set"
    return None


def _initial_unsaid(plan: ResourcePlan) -> str | None:
    """The attributes whose value in a new object the spec leaves unsaid (no `default`, not
    nullable, not assigned, and create may leave them out): `create_defaults` cannot judge them."""
    if plan.model is None:
        return None
    body = plan.create.body if plan.create is not None else None
    required = {f.name for f in body.fields if f.required} if body is not None else set()
    unsaid = [
        f.name
        for f in plan.model.fields
        if f.assigned is None and not f.server_set and f.name not in required and not f.initial()[0]
    ]
    if not unsaid:
        return None
    names = ", ".join(f"'{name}'" for name in unsaid)
    return (
        f"what a new {plan.resource.singular} holds in {names} when create does not set it is "
        "unsaid: no `default`, not nullable, and not `x-protocol-assigned`"
    )


def create(
    ctx: Context, plan: ResourcePlan, way: Way, credential: Credential | None = None
) -> Tracked:
    """Create an object; raise AssertionError unless the answer is the new object. An object
    that was made is tracked (and deleted at the end) even when the answer is wrong."""
    assert plan.create is not None and plan.id_attribute is not None
    ctx.ledger.reserve()
    way = referring(ctx, plan, way, credential)
    encoded = encode(way.body, way.content_type, files(plan))
    answer = ctx.send(
        plan.create,
        plan.create.path,
        as_=credential,
        json_body=encoded.json_body,
        form=encoded.form,
        raw=encoded.raw,
    )
    body = answer.body
    if not (200 <= answer.status < 300 and isinstance(body, dict) and plan.id_attribute in body):
        fail(
            f"{plan.create.success_status} with the new {plan.resource.singular} "
            f"(an object with '{plan.id_attribute}') for {way.describe()}",
            answer.describe(),
        )
    tracked = ctx.ledger.add(
        Tracked(
            resource=plan.name,
            object_id=body[plan.id_attribute],
            credential=credential or ctx.owner,
            state=dict(body),
            created_curl=answer.curl,
            created=dict(body),
            sent=dict(way.body),
        )
    )
    ctx.involve(tracked)
    if answer.status != plan.create.success_status:
        fail(f"{plan.create.success_status} for a create", answer.describe())
    return tracked


def referring(ctx: Context, plan: ResourcePlan, way: Way, credential: Credential | None) -> Way:
    """`way` with every reference naming a real object of the creating account's."""
    if ctx.referrals is None:
        return way
    body = ctx.referrals.refer(plan.name, way.body, credential or ctx.owner)
    return way if body == way.body else Way(body, way.content_type)


def files(plan: ResourcePlan) -> frozenset[str]:
    """Create's attributes that hold a file's bytes (`x-protocol-file: content`): a multipart
    body sends them as file parts, and no response shows them."""
    body = plan.create.body if plan.create is not None else None
    return frozenset(f.name for f in body.fields if f.file == "content") if body else frozenset()


def differences(
    ctx: Context, plan: ResourcePlan, sent: _JsonObject, shown: _JsonObject
) -> _JsonObject:
    """The attributes of `sent` that `shown` does not hold (ids sent, objects shown where the
    model says so), with what `shown` holds instead."""
    references = ctx.references(plan.name)
    uploaded = files(plan)
    return {
        k: shown.get(k, "(missing)")
        for k, v in sent.items()
        if k not in uploaded and (k not in shown or not same_value(references, k, v, shown[k]))
    }


@check(
    roles=("create", "get"),
    holds="every way of creating the spec shows (each example body, JSON and form) answers the success status with what was sent (and `Location` where declared); get returns the same object",
)
def create_then_get(ctx: Context, plan: ResourcePlan, way: Way) -> Tracked:
    """Create answers the object with what was sent and where it lives; get returns it as is."""
    assert plan.create is not None
    tracked = create(ctx, plan, way)
    created = tracked.created
    wrong = differences(ctx, plan, tracked.sent, created)
    if wrong:
        fail(f"the new object to hold what was sent: {tracked.sent}", f"{wrong} in {created}")
    _location(ctx, plan, tracked)
    if plan.get is not None:
        fetched = get(ctx, plan, tracked)
        if fetched.status != plan.get.success_status or fetched.body != created:
            fail(
                f"{plan.get.success_status} with the object create answered: {created}",
                fetched.describe(),
            )
    return tracked


def _location(ctx: Context, plan: ResourcePlan, tracked: Tracked) -> None:
    assert plan.create is not None
    success = plan.create.success
    declared = success.header("Location") if success else None
    if declared is None:
        return
    answer = next(e for e in reversed(ctx.log) if e.operation == plan.create.label)
    location = answer.headers.get("location", "")
    path = plan.item_path(str(tracked.object_id))
    if not location.endswith(path):
        fail(f"a Location header naming {path}", f"Location: {location or '(none)'}")


@check(
    roles=("create",),
    holds="what create did not set holds its `default`, or `null`",
    unless=_initial_unsaid,
)
def create_defaults(ctx: Context, plan: ResourcePlan, composer: Composer, tracked: Tracked) -> None:
    """Attributes create did not set hold their `default`, or null when nullable."""
    ctx.involve(tracked)
    expected = composer.expected_new(tracked.sent)
    wrong = {
        name: tracked.created.get(name, "(missing)")
        for name, value in expected.items()
        if name not in tracked.sent and tracked.created.get(name, "(missing)") != value
    }
    if wrong:
        wanted = {name: expected[name] for name in wrong}
        fail(
            f"a new {plan.resource.singular} made from {tracked.sent} to hold the defaults {wanted}",
            f"{wrong} in {tracked.created}",
        )


def get(
    ctx: Context, plan: ResourcePlan, tracked: Tracked, as_: Credential | None = None
) -> Exchange:
    assert plan.get is not None
    return ctx.send(plan.get, plan.item_path(str(tracked.object_id)), as_=as_ or tracked.credential)


class Update:
    """One update sent, with the get that followed it, judged by three checks."""

    def __init__(self, tracked: Tracked, change: _JsonObject, before: _JsonObject) -> None:
        self.tracked = tracked
        self.change = change
        self.before = before
        self.answer: Exchange | None = None
        self.fetched: Exchange | None = None

    @property
    def steps(self) -> list[Exchange]:
        return [e for e in (self.answer, self.fetched) if e is not None]

    def bodies(self) -> list[tuple[str, _JsonObject]]:
        found = []
        for what, exchange in (
            ("the update's answer", self.answer),
            ("the next get", self.fetched),
        ):
            if exchange is not None and isinstance(exchange.body, dict):
                found.append((what, exchange.body))
        return found


def send_update(
    ctx: Context,
    plan: ResourcePlan,
    tracked: Tracked,
    change: _JsonObject,
    content_type: str,
    *,
    no_body: bool = False,
    settle: bool = True,
) -> Update:
    """PUT/PATCH `change`, then get. With `settle`, first wait (once) until the object's
    creation second has passed. The object's known state becomes what the server now holds."""
    assert plan.update is not None
    wait = tracked.born + CLOCK_SECOND - time.monotonic()
    if settle and wait > 0:
        time.sleep(wait)
    update = Update(tracked, change, dict(tracked.state))
    path = plan.item_path(str(tracked.object_id))
    if no_body:
        update.answer = ctx.send(plan.update, path, as_=tracked.credential)
    else:
        encoded = encode(change, content_type)
        update.answer = ctx.send(
            plan.update,
            path,
            as_=tracked.credential,
            json_body=encoded.json_body,
            form=encoded.form,
        )
    if plan.get is not None:
        update.fetched = get(ctx, plan, tracked)
    latest = update.fetched if update.fetched is not None else update.answer
    if latest.status == 200 and isinstance(latest.body, dict):
        tracked.state = dict(latest.body)
    return update


@check(
    roles=("update",),
    holds="each writable attribute, set to another value, its bounds (a minimum of `0` is a value) and `null`, in JSON and in a form, is what the update answers and the next get shows",
    unless=_nothing_writable,
)
def update_persisted(ctx: Context, plan: ResourcePlan, update: Update) -> None:
    """The attributes sent are what the update answers and what the next get shows."""
    assert plan.update is not None
    ctx.involve(update.tracked)
    answer = update.answer
    assert answer is not None
    if answer.status != plan.update.success_status:
        fail(f"{plan.update.success_status} for the update {update.change}", answer.describe())
    for what, body in update.bodies():
        wrong = differences(ctx, plan, update.change, body)
        if wrong:
            fail(f"{what} to hold the update {update.change}", f"{wrong} in {body}")
    if update.fetched is not None and not isinstance(update.fetched.body, dict):
        fail("the next get to answer the object", update.fetched.describe())


@check(
    roles=("update",),
    holds="what an update did not name keeps its value; an empty update changes nothing",
    unless=_nothing_writable,
)
def update_partial(ctx: Context, plan: ResourcePlan, update: Update) -> None:
    """Attributes the update did not name keep their values."""
    ctx.involve(update.tracked)
    kept = _attributes(plan, assigned=False)
    for what, body in update.bodies():
        if update.answer is not None and update.answer.status >= 300 and what != "the next get":
            continue
        changed = {
            name: body.get(name, "(missing)")
            for name in kept
            if name not in update.change and body.get(name, "(missing)") != update.before.get(name)
        }
        if changed:
            wanted = {name: update.before.get(name) for name in changed}
            fail(
                f"{what} to keep what the update {update.change} did not name: {wanted}",
                f"{changed} in {body}",
            )


@check(
    roles=("update",),
    holds="what the server assigned (id, creation time) is unchanged by updates made more than a second later",
)
def assigned_unchanged(ctx: Context, plan: ResourcePlan, update: Update) -> None:
    """What the server assigned at creation (id, creation time) never changes afterwards."""
    ctx.involve(update.tracked)
    assigned = _attributes(plan, assigned=True)
    if not assigned:
        raise CannotJudge("the object has no attribute the server assigns")
    for what, body in update.bodies():
        changed = {
            name: body.get(name, "(missing)")
            for name in assigned
            if body.get(name, "(missing)") != update.tracked.created.get(name)
        }
        if changed:
            wanted = {name: update.tracked.created.get(name) for name in changed}
            fail(
                f"{what}, more than a second after creation, to keep {wanted}",
                f"{changed} in {body}",
            )


def valid_update(plan: ResourcePlan, tracked: Tracked) -> _JsonObject:
    """A valid update that changes nothing: one writable attribute at its current value."""
    for f in plan.writable():
        if f.name in tracked.state:
            return {f.name: tracked.state[f.name]}
    return {}


def _attributes(plan: ResourcePlan, *, assigned: bool) -> list[str]:
    assert plan.model is not None
    if assigned:  # an update time moves on every update, by definition
        return [f.name for f in plan.model.fields if f.assigned not in (None, "update-time")]
    # Read-only attributes the server does not assign (say, an activity time) may move.
    return [f.name for f in plan.model.fields if not f.read_only]


@check(
    roles=("delete",),
    holds="delete answers as declared; afterwards get, update and delete say 404 and no list has it",
)
def delete_removes(ctx: Context, plan: ResourcePlan, tracked: Tracked) -> None:
    """Delete answers as declared; afterwards get, update and delete say 404."""
    assert plan.delete is not None
    ctx.involve(tracked)
    path = plan.item_path(str(tracked.object_id))
    answer = ctx.send(plan.delete, path, as_=tracked.credential)
    if 200 <= answer.status < 300:
        ctx.ledger.gone(tracked)
    empty = plan.delete.result is None
    if answer.status != plan.delete.success_status or (empty and answer.text != ""):
        body = "an empty body" if empty else "the object"
        fail(f"{plan.delete.success_status} with {body}", answer.describe())
    for operation in (plan.get, plan.update, plan.delete):
        if operation is None:
            continue
        change: Any = valid_update(plan, tracked) if operation is plan.update else None
        after = ctx.send(operation, path, as_=tracked.credential, json_body=change)
        if after.status != 404:
            fail(f"404 for {operation.label} after the delete", after.describe())
    if plan.listing is not None:
        listed = collect(ctx, plan.listing, {}, as_=tracked.credential)
        cursor = plan.listing.pagination.cursor_field
        if any(item.get(cursor) == tracked.object_id for item in listed):
            fail(
                f"the list without the deleted {tracked.object_id!r}",
                f"it is still listed: {next(i for i in listed if i.get(cursor) == tracked.object_id)}",
            )


# No role: it runs only where create declares the key, and is never reported "not run".
@check(
    roles=(),
    holds="(where create declares `Idempotency-Key`) the same request with the same key is answered as the first time and makes nothing new; the key with another request is refused (4xx) and makes nothing",
)
def idempotent_create(ctx: Context, plan: ResourcePlan, way: Way, other: Way | None) -> None:
    """A create sent again with the same idempotency key is answered as the first time and
    makes nothing new; the same key with another request is refused (4xx) and makes nothing."""
    create = plan.create
    assert create is not None and create.idempotency_key is not None
    assert plan.id_attribute is not None and ctx.api.schemas is not None
    header = create.idempotency_key
    way = referring(ctx, plan, way, None)
    other = referring(ctx, plan, other, None) if other is not None else None
    key = f"conformance-{secrets.token_hex(12)}"
    if not ctx.api.schemas.is_valid(header.schema_pointer, key):
        raise CannotJudge(f"{key!r} is not a valid {header.name}; no key of our own to send")
    ctx.ledger.reserve()

    def send(body: dict[str, Any]) -> Exchange:
        encoded = encode(body, way.content_type, files(plan))
        return ctx.send(
            create,
            create.path,
            json_body=encoded.json_body,
            form=encoded.form,
            raw=encoded.raw,
            headers={header.name: key},
        )

    first = send(way.body)
    made = first.body if isinstance(first.body, dict) else {}
    if not (200 <= first.status < 300 and plan.id_attribute in made):
        fail(f"{create.success_status} with the new {plan.resource.singular}", first.describe())
    _track(ctx, plan, made, first, way)
    again = send(way.body)
    if isinstance(again.body, dict) and again.body.get(plan.id_attribute) not in (
        None,
        made[plan.id_attribute],
    ):
        _track(ctx, plan, again.body, again, way)
        fail(f"the same request with {header.name} {key} to make nothing new", again.describe())
    if (again.status, again.body) != (first.status, first.body):
        fail(
            f"the same request with {header.name} {key} answered as the first time: "
            f"{first.describe()}",
            again.describe(),
        )
    if other is None:
        return
    refused = send(other.body)
    if 200 <= refused.status < 300:
        if isinstance(refused.body, dict) and plan.id_attribute in refused.body:
            _track(ctx, plan, refused.body, refused, other)
        fail(
            f"another request ({other.describe()}) with the {header.name} {key} already used "
            "to be refused (4xx)",
            refused.describe(),
        )
    if not 400 <= refused.status < 500:
        fail(f"a 4xx for another request with the same {header.name}", refused.describe())


def _track(ctx: Context, plan: ResourcePlan, made: _JsonObject, answer: Exchange, way: Way) -> None:
    """Remember an object the check made, so that the clean-up deletes it."""
    assert plan.id_attribute is not None
    if ctx.ledger.find(plan.name, made[plan.id_attribute]) is None:
        tracked = Tracked(
            resource=plan.name,
            object_id=made[plan.id_attribute],
            credential=ctx.owner,
            state=dict(made),
            created_curl=answer.curl,
            created=dict(made),
            sent=dict(way.body),
        )
        ctx.involve(ctx.ledger.add(tracked))


def make(
    run: ResourceRun, body: dict[str, Any], credential: Credential | None = None
) -> Tracked | None:
    """One more object (judged as a create, by the other areas too); None when it could not
    be made."""
    assert run.plan.create is not None
    types = run.composer.content_types
    content_type = JSON if JSON in types or not types else types[0]
    made: Tracked | None = run.attempt(
        create_then_get.using(create),
        run.plan.create.label,
        run.plan,
        Way(body, content_type),
        credential,
    )
    return made


def arrange(run: ResourceRun, tracked: Tracked, change: dict[str, Any]) -> None:
    """Give an object attribute values through update (judged as an update)."""
    plan = run.plan
    assert plan.update is not None
    if not change:
        return

    def persisted(ctx: Context) -> None:
        update = send_update(ctx, plan, tracked, change, JSON, settle=False)
        update_persisted(ctx, plan, update)

    run.judge(update_persisted.using(persisted), plan.update.label)


@step(10)
def creates(run: ResourceRun) -> None:
    plan = run.plan
    assert plan.create is not None
    ways = run.composer.ways()
    for way in ways:
        tracked = run.attempt(
            create_then_get,
            plan.create.label,
            plan,
            way,
        )
        tracked = tracked or run.latest()
        if tracked is not None:
            run.judge(
                create_defaults,
                plan.create.label,
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
            idempotent_create,
            plan.create.label,
            plan,
            ways[0],
            other,
        )


@step(50)
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
            if value is None and not f.nullable:
                continue  # no other value the suite can draw
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
    sent: list[Update] = []

    def send() -> Update:
        update = send_update(run.ctx, plan, target, change, content_type, no_body=no_body)
        sent.append(update)
        return update

    if not change:  # an empty update: judged only by what must not move
        run.ctx.judge(
            update_partial.name,
            label,
            lambda: update_partial(run.ctx, plan, send()),
        )
        return
    run.ctx.judge(
        update_persisted.name,
        label,
        lambda: update_persisted(run.ctx, plan, send()),
    )
    if sent:
        update = sent[0]
        run.ctx.judge(
            update_partial.name,
            label,
            partial(update_partial, run.ctx, plan, update),
            update.steps,
        )
        run.ctx.judge(
            assigned_unchanged.name,
            label,
            partial(assigned_unchanged, run.ctx, plan, update),
            update.steps,
        )


@step(90)
def delete(run: ResourceRun) -> None:
    plan = run.plan
    if plan.delete is None or not run.ours:
        return
    victim = run.ours[-1]
    run.judge(
        delete_removes,
        plan.delete.label,
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
