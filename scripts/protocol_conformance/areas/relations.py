"""Relations between resources, checked from the model's relation vocabulary alone: ids that
must name one of the account's objects, what deleting a target does to its referrers, objects
created alongside, values kept in step, objects shown where requests send ids, uploads, and
refused writes that must change nothing.

Every case makes objects of its own (and the objects they refer to, made the same way), so it
reasons only about what it made; everything is tracked and deleted at the end. A resource
whose schema declares no relation runs none of these checks, and is never reported "not run"
for them (`roles=()`); a relation the suite cannot exercise (no way to set the reference, no
delete for the target) says why.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from protocol_conformance.areas.objects import CLOCK_SECOND, create, get
from protocol_conformance.compose import JSON, Composer, Way
from protocol_conformance.context import CannotJudge, Context, fail
from protocol_conformance.http import BrokenAnswer, Credential, Exchange, Upload
from protocol_conformance.objects import Tracked
from protocol_conformance.pages import collect
from protocol_conformance.plan import ResourcePlan, plan_resources
from protocol_conformance.registry import check, step
from protocol_conformance.values import ValueSource
from protocol_spec.model import Field, Operation

if TYPE_CHECKING:  # steps are handed a run; they only call its methods
    from protocol_conformance.resource_run import ResourceRun

__all__ = [
    "MULTIPART",
    "UNKNOWN_ATTRIBUTE",
    "Link",
    "Refused",
    "Relations",
    "created_alongside",
    "delete_cascades",
    "delete_clears",
    "delete_refused",
    "derived_in_step",
    "expanded_objects",
    "reference_exists",
    "rejected_changes_nothing",
    "rejected_create",
    "related",
    "sample_upload",
    "upload_limit",
    "upload_round_trip",
]

_JsonObject = dict[str, Any]
MULTIPART = "multipart/form-data"
# The attribute no schema of ours declares, sent beside valid ones.
UNKNOWN_ATTRIBUTE = "conformance_unknown_attribute"


# -- what the model declares -------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """`field` of `owner`'s objects names objects of `target` (a reference, or an inverse list
    that the server keeps from the target's reference)."""

    owner: ResourcePlan
    field: Field
    target: ResourcePlan

    @property
    def many(self) -> bool:
        return self.field.type.kind == "array"

    def ids(self, value: Any) -> list[Any]:
        """The ids the attribute's value names (objects shown in their place are read by id)."""
        values = value if isinstance(value, list) else [] if value is None else [value]
        key = self.target.id_attribute
        return [v.get(key) if isinstance(v, dict) else v for v in values]

    def sent(self, *ids: Any) -> Any:
        """What a request body gives for these ids."""
        return list(ids) if self.many else ids[0]

    def settable(self, role: str) -> bool:
        op = self.owner.create if role == "create" else self.owner.update
        return op is not None and op.body is not None and op.body.field(self.field.name) is not None


def _references(plan: ResourcePlan, plans: dict[str, ResourcePlan]) -> list[Link]:
    """The attributes of `plan`'s objects that name objects of another resource."""
    if plan.model is None:
        return []
    found = []
    for f in plan.model.fields:
        name = f.reference.resource if f.reference else f.inverse.resource if f.inverse else None
        target = plans.get(name or "")
        if target is not None and target.usable:
            found.append(Link(plan, f, target))
    return found


def _declares(plan: ResourcePlan, wanted: Callable[[Field], bool]) -> bool:
    return plan.model is not None and any(wanted(f) for f in plan.model.fields)


def _no(what: str) -> Callable[[ResourcePlan], str | None]:
    def rule(plan: ResourcePlan) -> str | None:
        return None if _declares(plan, _KINDS[what]) else f"no attribute {what}"

    return rule


_KINDS: dict[str, Callable[[Field], bool]] = {
    "names objects of another resource": lambda f: f.reference is not None or f.inverse is not None,
    "is a reference whose target's delete cascades": lambda f: (
        f.reference is not None and f.reference.on_delete == "cascade"
    ),
    "is a reference whose target's delete clears it": lambda f: (
        f.reference is not None and f.reference.on_delete == "clear"
    ),
    "is a reference whose target's delete is refused": lambda f: (
        f.reference is not None and f.reference.on_delete == "refuse"
    ),
    "is created alongside": lambda f: f.alongside is not None,
    "is kept in step by the server": lambda f: (
        (f.reference is not None and f.reference.touch is not None)
        or f.assigned == "update-time"
        or f.alongside is not None
    ),
    "shows objects where requests send ids": lambda f: (
        (f.reference is not None and f.reference.embedded) or f.inverse is not None
    ),
    "is read from an upload": lambda f: f.file is not None,
}


# -- making objects of any resource ------------------------------------------------------------


class Relations:
    """Makes objects of any resource of the API for one run, each with real objects behind
    every reference its create body needs (made the same way, as the same account)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.plans = {p.name: p for p in plan_resources(ctx.api)}
        self._composers: dict[str, Composer] = {}

    def composer(self, plan: ResourcePlan) -> Composer:
        if plan.name not in self._composers:
            fixtures = self.ctx.fixtures.of(plan.name)
            self._composers[plan.name] = Composer(self.ctx.api, plan, fixtures)
        return self._composers[plan.name]

    def values(self, plan: ResourcePlan) -> ValueSource:
        return self.composer(plan).values

    def links(self, plan: ResourcePlan) -> list[Link]:
        return _references(plan, self.plans)

    def body(
        self,
        plan: ResourcePlan,
        given: _JsonObject | None = None,
        credential: Credential | None = None,
        depth: int = 0,
    ) -> _JsonObject:
        """A valid JSON create body setting `given`, every other reference it needs naming a
        new object of `credential`'s account (for the owner, one the fixtures file names as
        existing, where it names some)."""
        composer = self.composer(plan)
        given = given or {}
        ways = [w for w in composer.ways() if w.content_type == JSON]
        base = dict(ways[0].body) if ways else {}
        links = {link.field.name: link for link in self.links(plan)}
        create = plan.create
        assert create is not None and create.body is not None
        required = {f.name for f in create.body.fields if f.required}
        # Optional references of the example are left out: each would make objects of its own.
        candidates = [
            {k: v for k, v in base.items() if k not in links or k in required},
            {k: v for k, v in base.items() if k not in links},
            {k: v for k, v in base.items() if k in required},
            base,
        ]
        for candidate in candidates:
            body = {**candidate, **given}
            if not composer.valid(body):
                continue
            for name, value in list(body.items()):
                link = links.get(name)
                if link is None or name in given or value is None:
                    continue
                if link.many:
                    body[name] = []
                    continue
                existing = self.ctx.fixtures.of(link.target.name).existing
                if existing and credential in (None, self.ctx.owner):
                    body[name] = existing[0]  # the deployment's own, named in the fixtures file
                    continue
                if depth > len(self.plans):
                    whose = "OTHER_TOKEN's" if credential == self.ctx.other else "TOKEN's"
                    raise CannotJudge(
                        f"the required references of {plan.name} go round in a circle: no "
                        f"object of {whose} account can be made first (the fixtures file's "
                        "`existing` objects are TOKEN's)"
                    )
                made = self.make(link.target, credential=credential, depth=depth + 1)
                body[name] = made.object_id
            return body
        raise CannotJudge(
            f"no valid create body for {plan.name} with {given or 'its references'}: give one "
            "in the fixtures file (FIXTURES)"
        )

    def make(
        self,
        plan: ResourcePlan,
        given: _JsonObject | None = None,
        credential: Credential | None = None,
        depth: int = 0,
    ) -> Tracked:
        """A new object of `plan`'s resource (an upload where its create takes a file)."""
        if not plan.usable or plan.create is None:
            raise CannotJudge(f"the suite cannot make objects of {plan.name}")
        if _upload_part(plan.create) is not None:
            tracked, _ = self.upload(plan, sample_upload(plan), credential)
            return tracked
        body = self.body(plan, given, credential, depth)
        made = create(self.ctx, plan, Way(body, JSON), credential)
        made.aside = True
        return made

    def upload(
        self, plan: ResourcePlan, upload: Upload, credential: Credential | None = None
    ) -> tuple[Tracked, Exchange]:
        """Create by uploading a file; the object made is tracked (deleted at the end)."""
        assert plan.create is not None and plan.id_attribute is not None
        self.ctx.ledger.reserve()
        answer = self.ctx.send(plan.create, plan.create.path, as_=credential, upload=upload)
        body = answer.body
        if not (
            200 <= answer.status < 300 and isinstance(body, dict) and plan.id_attribute in body
        ):
            fail(
                f"{plan.create.success_status} with the new {plan.resource.singular} for the "
                f"upload of {upload.filename} ({len(upload.data)} bytes, {upload.media_type})",
                answer.describe(),
            )
        return self.track(plan, body, answer.curl, credential), answer

    def track(
        self,
        plan: ResourcePlan,
        body: _JsonObject,
        curl: str = "",
        credential: Credential | None = None,
    ) -> Tracked:
        """Remember an object (made by us or by the server beside ours) for the clean-up."""
        assert plan.id_attribute is not None
        found = self.ctx.ledger.find(plan.name, body.get(plan.id_attribute))
        if found is not None:
            return found
        tracked = self.ctx.ledger.add(
            Tracked(
                resource=plan.name,
                object_id=body[plan.id_attribute],
                credential=credential or self.ctx.owner,
                state=dict(body),
                created_curl=curl,
                created=dict(body),
                aside=True,
            )
        )
        self.ctx.involve(tracked)
        return tracked

    def referrer(self, link: Link, target: Tracked) -> Tracked:
        """A new object of `link.owner` whose attribute names `target`, made the way the spec
        allows: in the create body, by an update, or through the target's inverse list."""
        value = link.sent(target.object_id)
        if link.settable("create"):
            return self.make(link.owner, {link.field.name: value}, target.credential)
        if link.settable("update"):
            made = self.make(link.owner, credential=target.credential)
            _write(self.ctx, link.owner, made, {link.field.name: value})
            return made
        raise CannotJudge(
            f"no request sets '{link.field.name}' of {link.owner.name}: the suite cannot make "
            f"one naming a {link.target.resource.singular}"
        )

    def pair(self, link: Link, credential: Credential | None = None) -> tuple[Tracked, Tracked]:
        """(target, referrer): a new object of the target and one of the owner naming it."""
        inverse = self.inverse_of(link)
        if not (link.settable("create") or link.settable("update")) and inverse is not None:
            referrer = self.make(link.owner, credential=credential)
            target = self.make(
                link.target, {inverse.name: [referrer.object_id]}, credential=credential
            )
            return target, self.refresh(link.owner, referrer)
        if not (link.settable("create") or link.settable("update")) and link.field.alongside:
            referrer = self.make(link.owner, credential=credential)
            named = referrer.created.get(link.field.name)
            if named is None:
                fail(
                    f"'{link.field.name}' of a new {link.owner.resource.singular} to name the "
                    f"{link.target.resource.singular} created alongside",
                    f"null in {referrer.created}",
                )
            answer = self.read(link.target, named, credential)
            return self.track(link.target, answer, credential=credential), referrer
        target = self.make(link.target, credential=credential)
        return target, self.referrer(link, target)

    def inverse_of(self, link: Link) -> Field | None:
        """The target's inverse list of this reference that its create body sets."""
        create = link.target.create
        if link.field.reference is None or link.target.model is None or create is None:
            return None
        for f in link.target.model.fields:
            inverse = f.inverse
            if (
                inverse is not None
                and inverse.resource == link.owner.name
                and inverse.attribute == link.field.name
                and create.body is not None
                and create.body.field(f.name) is not None
            ):
                return f
        return None

    def read(
        self, plan: ResourcePlan, object_id: Any, credential: Credential | None
    ) -> _JsonObject:
        """The object as get answers it (the case cannot go on without it)."""
        assert plan.get is not None
        answer = self.ctx.send(plan.get, plan.item_path(str(object_id)), as_=credential)
        if answer.status != plan.get.success_status or not isinstance(answer.body, dict):
            fail(
                f"{plan.get.success_status} with the {plan.resource.singular} {object_id!r}",
                answer.describe(),
            )
        return answer.body

    def refresh(self, plan: ResourcePlan, tracked: Tracked) -> Tracked:
        tracked.state = self.read(plan, tracked.object_id, tracked.credential)
        return tracked


def _write(ctx: Context, plan: ResourcePlan, tracked: Tracked, change: _JsonObject) -> Exchange:
    """An update that must succeed (the case needs it)."""
    assert plan.update is not None
    answer = ctx.send(
        plan.update,
        plan.item_path(str(tracked.object_id)),
        as_=tracked.credential,
        json_body=change,
    )
    if answer.status != plan.update.success_status or not isinstance(answer.body, dict):
        fail(f"{plan.update.success_status} for the update {change}", answer.describe())
    tracked.state = dict(answer.body)
    return answer


def _delete(ctx: Context, plan: ResourcePlan, tracked: Tracked) -> None:
    assert plan.delete is not None
    answer = ctx.send(plan.delete, plan.item_path(str(tracked.object_id)), as_=tracked.credential)
    if not 200 <= answer.status < 300:
        fail(f"{plan.delete.success_status} for the delete", answer.describe())
    tracked.deleted = True


def _listed(ctx: Context, plan: ResourcePlan, credential: Credential) -> dict[Any, _JsonObject]:
    """Every object the list shows, by id; {} without a list."""
    if plan.listing is None or plan.id_attribute is None:
        return {}
    return {
        item.get(plan.id_attribute): item for item in collect(ctx, plan.listing, {}, as_=credential)
    }


def _lists_naming(link: Link, target_id: Any) -> Iterator[dict[str, Any]]:
    """The queries of the owner's list that narrow by this reference (its filters on it)."""
    listing = link.owner.listing
    if listing is None:
        return
    for f in listing.filters:
        rule = f.param.filter
        named = f.attribute_name == link.field.name and f.match == "equals"
        if named and rule is not None and rule.through is None:
            yield {f.param.name: target_id}


def _dangling(relations: Relations, link: Link) -> Any:
    """An id of the target's form that names nothing."""
    plan = link.target
    assert plan.model is not None and plan.id_attribute is not None
    id_field = plan.model.field(plan.id_attribute)
    if id_field is not None and id_field.id_format is not None:
        fmt = id_field.id_format
        return "".join(secrets.choice(fmt.alphabet) for _ in range(fmt.length))
    value = relations.values(plan).fresh(id_field) if id_field is not None else None
    if value is None:
        raise CannotJudge(f"no id of the form of {plan.name}'s ids to draw")
    return value


# -- reference_exists -------------------------------------------------------------------------


@check(
    roles=(),
    holds="(where an attribute names objects of another resource) a create or update naming an id that names nothing, or another account's object (with `OTHER_TOKEN`), is refused with `400` and the documented error type, and creates or changes nothing",
    unless=_no("names objects of another resource"),
)
def reference_exists(
    ctx: Context, relations: Relations, link: Link, role: str, foreign: bool
) -> None:
    """A request naming an object that is not the account's is refused and writes nothing."""
    plan = link.owner
    op = plan.create if role == "create" else plan.update
    assert op is not None and plan.id_attribute is not None
    if foreign:
        if ctx.other is None:
            raise CannotJudge("OTHER_TOKEN not given: no object of another account to name")
        named = relations.make(link.target, credential=ctx.other).object_id
        what = f"a {link.target.resource.singular} of another account ({named!r})"
    else:
        named = _dangling(relations, link)
        what = f"an id that names no {link.target.resource.singular} ({named!r})"
    value = link.sent(named)
    if role == "create":
        body = relations.body(plan, {link.field.name: value})
        before = _listed(ctx, plan, ctx.owner)
        answer = ctx.send(op, op.path, json_body=body)
        if (
            isinstance(answer.body, dict)
            and plan.id_attribute in answer.body
            and answer.status < 300
        ):
            relations.track(plan, answer.body, answer.curl)
        change = body
    else:
        target = relations.make(plan)
        relations.refresh(plan, target)
        before = _listed(ctx, plan, ctx.owner)
        change = {link.field.name: value}
        answer = ctx.send(op, plan.item_path(str(target.object_id)), json_body=change)
    _refused_as_documented(ctx, op, answer, f"'{link.field.name}' naming {what}")
    if role == "update":
        _unchanged(ctx, plan, target, f"before the refused {op.label} {change}")
    after = _listed(ctx, plan, ctx.owner)
    if plan.listing is not None and after != before:
        new = sorted(str(k) for k in after.keys() - before.keys())
        changed = sorted(str(k) for k in after.keys() & before.keys() if after[k] != before[k])
        fail(
            f"the list of {plan.name} as it was before the refused {op.label} {change}",
            f"new: {new}, changed: {changed}",
        )


def _refused_as_documented(ctx: Context, op: Operation, answer: Exchange, what: str) -> None:
    status = 400  # docs/spec.md: an id that is not one of the account's objects
    if answer.status != status:
        fail(f"{status} for a {op.label} with {what}", answer.describe())
    problem = ctx.rules.type_problem(op, answer.status, answer.body)
    if problem is not None:
        wanted = ctx.rules.expected_type(op, answer.status)
        fail(f"{status} with `type` {wanted!r} for {what}", f"{problem} in {answer.describe()}")


# -- deletes ----------------------------------------------------------------------------------


@check(
    roles=(),
    holds="(where a reference says `onDelete: cascade`) deleting the target deletes each object naming it (get says 404, no list shows it) and no other",
    unless=_no("is a reference whose target's delete cascades"),
)
def delete_cascades(ctx: Context, relations: Relations, link: Link) -> None:
    _deleted_target(ctx, relations, link)


@check(
    roles=(),
    holds="(where a reference says `onDelete: clear`) deleting the target clears the reference of each object naming it (`null`, or the id gone from the array), through get and every list, and changes nothing else",
    unless=_no("is a reference whose target's delete clears it"),
)
def delete_clears(ctx: Context, relations: Relations, link: Link) -> None:
    _deleted_target(ctx, relations, link)


def _deleted_target(ctx: Context, relations: Relations, link: Link) -> None:
    """Two targets, each named by a referrer of ours; delete the first: its referrer goes (or
    loses the reference) as declared, the other pair stays as it was."""
    owner, target_plan = link.owner, link.target
    assert link.field.reference is not None and target_plan.delete is not None
    assert owner.get is not None
    first, referrer = relations.pair(link)
    second, bystander = relations.pair(link)
    for plan, tracked in ((owner, referrer), (owner, bystander), (target_plan, second)):
        relations.refresh(plan, tracked)
    if first.object_id not in link.ids(referrer.state.get(link.field.name)):
        raise CannotJudge(
            f"the {owner.resource.singular} made to name {first.object_id!r} does not: "
            f"{referrer.state.get(link.field.name)!r}"
        )
    _delete(ctx, target_plan, first)
    cascade = link.field.reference.on_delete == "cascade"
    fetched = get(ctx, owner, referrer)
    listed = _listed(ctx, owner, referrer.credential)
    filtered = []
    if owner.listing is not None:
        for query in _lists_naming(link, first.object_id):
            filtered += [
                item.get(owner.id_attribute or "") for item in collect(ctx, owner.listing, query)
            ]
    what = f"the {owner.resource.singular} {referrer.object_id!r} naming it in '{link.field.name}'"
    if cascade:
        if fetched.status != 404:
            fail(f"404 for {what}, after deleting {first.object_id!r}", fetched.describe())
        referrer.deleted = True
        if referrer.object_id in listed or referrer.object_id in filtered:
            fail(f"no list to show {what}, deleted with its target", "it is listed")
    else:
        wanted = dict(referrer.state)
        remaining = [i for i in link.ids(wanted.get(link.field.name)) if i != first.object_id]
        wanted[link.field.name] = remaining if link.many else None
        for where, body in (("get", fetched.body), ("the list", listed.get(referrer.object_id))):
            if not isinstance(body, dict) or link.ids(body.get(link.field.name)) != link.ids(
                wanted[link.field.name]
            ):
                fail(
                    f"{where} to show {what} with '{link.field.name}' cleared: "
                    f"{wanted[link.field.name]!r}",
                    fetched.describe() if where == "get" else repr(body),
                )
            moved = _moved(owner, referrer.state, body, {link.field.name})
            if moved:
                fail(f"{where} to show {what} otherwise as it was", f"{moved} in {body}")
        if referrer.object_id in filtered:
            fail(f"the list narrowed to {first.object_id!r} without {what}", "it is listed")
    _unchanged(ctx, owner, bystander, f"after deleting another {target_plan.resource.singular}")
    _unchanged(ctx, target_plan, second, f"after deleting another {target_plan.resource.singular}")


def _moved(
    plan: ResourcePlan, before: _JsonObject, after: _JsonObject, allowed: set[str]
) -> dict[str, Any]:
    """Attributes other than `allowed` whose value is not what it was (ids compared for
    objects shown)."""
    assert plan.model is not None
    return {
        f.name: after.get(f.name, "(missing)")
        for f in plan.model.fields
        if f.name not in allowed
        and _shape(after.get(f.name, "(missing)")) != _shape(before.get(f.name))
    }


def _shape(value: Any) -> Any:
    if isinstance(value, list):
        return [_shape(v) for v in value]
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in sorted(value.items())}
    return value


def _unchanged(ctx: Context, plan: ResourcePlan, tracked: Tracked, when: str) -> None:
    if plan.get is None:
        return
    fetched = get(ctx, plan, tracked)
    if fetched.status != plan.get.success_status or fetched.body != tracked.state:
        fail(
            f"the {plan.resource.singular} {tracked.object_id!r} as it was {when}: {tracked.state}",
            fetched.describe(),
        )


@check(
    roles=(),
    holds="(where a reference says `onDelete: refuse`) deleting a target that is still named is refused with `409`, and both objects stay as they were",
    unless=_no("is a reference whose target's delete is refused"),
)
def delete_refused(ctx: Context, relations: Relations, link: Link) -> None:
    target_plan = link.target
    assert target_plan.delete is not None
    target, referrer = relations.pair(link)
    relations.refresh(link.owner, referrer)
    relations.refresh(target_plan, target)
    answer = ctx.send(
        target_plan.delete, target_plan.item_path(str(target.object_id)), as_=target.credential
    )
    if 200 <= answer.status < 300:
        target.deleted = True
    if answer.status != 409:
        fail(
            f"409 for deleting the {target_plan.resource.singular} {target.object_id!r} while "
            f"the {link.owner.resource.singular} {referrer.object_id!r} names it",
            answer.describe(),
        )
    _unchanged(ctx, target_plan, target, "after the refused delete")
    _unchanged(ctx, link.owner, referrer, "after the refused delete")
    # Referrers first, so that the clean-up can delete both.
    if link.owner.delete is not None:
        _delete(ctx, link.owner, referrer)


# -- created alongside and kept in step -------------------------------------------------------


@check(
    roles=(),
    holds="(where an attribute is created alongside) creating an object creates the other, which exists and names it back; deleting it deletes the other or clears its reference, as declared",
    unless=_no("is created alongside"),
)
def created_alongside(ctx: Context, relations: Relations, link: Link) -> None:
    owner, other = link.owner, link.target
    back_name = link.field.alongside
    assert back_name is not None and other.model is not None
    made = relations.make(owner)
    other_id = made.created.get(link.field.name)
    if other_id is None:
        fail(
            f"'{link.field.name}' of the new {owner.resource.singular} to name the "
            f"{other.resource.singular} created with it",
            f"null in {made.created}",
        )
    shown = relations.track(other, relations.read(other, other_id, made.credential))
    if shown.state.get(back_name) != made.object_id:
        fail(
            f"the {other.resource.singular} {other_id!r} created alongside to name "
            f"{made.object_id!r} in '{back_name}'",
            repr(shown.state),
        )
    listed = _listed(ctx, other, made.credential)
    if other.listing is not None and other_id not in listed:
        fail(
            f"the list of {other.name} to show {other_id!r}, created alongside", "it is not listed"
        )
    back = other.model.field(back_name)
    if owner.delete is None or back is None or back.reference is None:
        return
    on_delete = back.reference.on_delete
    if on_delete == "refuse":
        return
    _delete(ctx, owner, made)
    after = get(ctx, other, shown)
    if on_delete == "cascade":
        if after.status != 404:
            fail(
                f"404 for the {other.resource.singular} {other_id!r} created alongside, once "
                f"{made.object_id!r} is deleted (`onDelete: cascade`)",
                after.describe(),
            )
        shown.deleted = True
    elif not isinstance(after.body, dict) or after.body.get(back_name) is not None:
        fail(
            f"the {other.resource.singular} {other_id!r} created alongside to remain with "
            f"'{back_name}' null once {made.object_id!r} is deleted (`onDelete: clear`)",
            after.describe(),
        )


@check(
    roles=(),
    holds="(where the server keeps a value in step) a new referrer moves the target's `touch` attribute to its creation time; an update moves the `update-time` attribute and nothing else; an object created alongside names its creator back, and a cleared one takes the next object naming it",
    unless=_no("is kept in step by the server"),
)
def derived_in_step(ctx: Context, relations: Relations, case: Callable[[], None]) -> None:
    case()


def _touched(ctx: Context, relations: Relations, link: Link) -> None:
    """A new referrer moves the target's `touch` attribute to its creation time."""
    reference = link.field.reference
    assert reference is not None and reference.touch is not None
    touch = reference.touch
    target, referrer = relations.pair(link)
    born = _creation_time(link.owner, referrer.created)
    fetched = relations.read(link.target, target.object_id, target.credential)
    listed = _listed(ctx, link.target, target.credential).get(target.object_id)
    for where, body in (("get", fetched), ("the list", listed)):
        if body is None and where == "the list" and link.target.listing is None:
            continue
        value = body.get(touch) if isinstance(body, dict) else "(missing)"
        if (born is not None and value != born) or value is None:
            fail(
                f"{where} to show the {link.target.resource.singular}'s '{touch}' moved to "
                f"{born if born is not None else 'a time'} by the new "
                f"{link.owner.resource.singular} {referrer.object_id!r}",
                repr(body),
            )


def _creation_time(plan: ResourcePlan, body: _JsonObject) -> Any:
    assert plan.model is not None
    f = next((f for f in plan.model.fields if f.assigned == "creation-time"), None)
    return body.get(f.name) if f is not None else None


def _update_time(ctx: Context, relations: Relations, plan: ResourcePlan, stamp: str) -> None:
    """An update moves the update-time attribute, and nothing it did not name."""
    assert plan.update is not None
    writable = [f for f in plan.writable() if f.reference is None and f.inverse is None]
    made = relations.make(plan)
    relations.refresh(plan, made)
    values = relations.values(plan)
    change = None
    for f in writable:
        value = values.fresh(f, avoid=[made.state.get(f.name)])
        if value is not None:
            change = {f.name: value}
            break
    if change is None:
        raise CannotJudge(f"no attribute of {plan.name} to give another value")
    wait = made.born + CLOCK_SECOND - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    before = dict(made.state)
    answer = _write(ctx, plan, made, change)
    fetched = relations.read(plan, made.object_id, made.credential)
    for where, body in (("the update's answer", answer.body), ("the next get", fetched)):
        stamped = body.get(stamp)
        if stamped is None or (before.get(stamp) is not None and stamped <= before[stamp]):
            fail(
                f"{where} to show '{stamp}' moved by the update {change} (it was "
                f"{before.get(stamp)!r})",
                repr(body),
            )
        moved = _moved(plan, before, body, {stamp, *change})
        if moved:
            fail(f"{where} to show only {change} and '{stamp}' moved", f"{moved} in {body}")


def _kept_alongside(ctx: Context, relations: Relations, link: Link) -> None:
    """The object created alongside names its creator back; once cleared, the attribute takes
    the next object created naming it."""
    owner, other = link.owner, link.target
    back_name = link.field.alongside
    assert back_name is not None and other.model is not None and other.create is not None
    made = relations.make(owner)
    first_id = made.created.get(link.field.name)
    if first_id is None:
        fail(f"'{link.field.name}' naming an object created alongside", repr(made.created))
    first = relations.track(other, relations.read(other, first_id, made.credential))
    if first.state.get(back_name) != made.object_id:
        fail(
            f"the {other.resource.singular} {first_id!r} to name {made.object_id!r} back in "
            f"'{back_name}'",
            repr(first.state),
        )
    back = other.model.field(back_name)
    creatable = other.create.body is not None and other.create.body.field(back_name) is not None
    if other.delete is None or not creatable or link.field.reference is None:
        return
    if link.field.reference.on_delete != "clear":
        return
    _delete(ctx, other, first)
    relations.refresh(owner, made)
    if made.state.get(link.field.name) is not None:
        fail(
            f"'{link.field.name}' of {made.object_id!r} null once {first_id!r} is deleted",
            repr(made.state),
        )
    assert back is not None
    second = relations.make(other, {back_name: made.object_id})
    relations.refresh(owner, made)
    if made.state.get(link.field.name) != second.object_id:
        fail(
            f"'{link.field.name}' of {made.object_id!r} to take {second.object_id!r}, the next "
            f"{other.resource.singular} naming it",
            repr(made.state),
        )


# -- objects shown where requests send ids ----------------------------------------------------


@check(
    roles=(),
    holds="(where requests send ids and responses show objects) each object shown is the one named, with the attributes its schema promises, in the create's answer, get and the list",
    unless=_no("shows objects where requests send ids"),
)
def expanded_objects(ctx: Context, relations: Relations, link: Link) -> None:
    owner, target_plan = link.owner, link.target
    assert target_plan.model is not None and ctx.api.schemas is not None
    count = 2 if link.many else 1
    targets = [relations.make(target_plan) for _ in range(count)]
    named = [t.object_id for t in targets]
    value = link.sent(*named)
    if link.settable("create"):
        made = relations.make(owner, {link.field.name: value})
        shown_in = [("the create's answer", made.created)]
    elif link.settable("update"):
        made = relations.make(owner)
        _write(ctx, owner, made, {link.field.name: value})
        shown_in = [("the update's answer", made.state)]
    else:
        raise CannotJudge(f"no request sets '{link.field.name}' of {owner.name}")
    shown_in.append(("get", relations.read(owner, made.object_id, made.credential)))
    listed = _listed(ctx, owner, made.credential)
    if owner.listing is not None:
        shown_in.append(("the list", listed.get(made.object_id) or {}))
    now: dict[Any, _JsonObject] = {
        t.object_id: relations.read(target_plan, t.object_id, t.credential) for t in targets
    }
    pointer = target_plan.model.pointer
    for where, body in shown_in:
        value = body.get(link.field.name)
        listed_items: list[Any] = value if isinstance(value, list) else [value]
        if isinstance(value, list) != link.many or (not link.many and not isinstance(value, dict)):
            fail(
                f"{where} to show '{link.field.name}' as {'objects' if link.many else 'an object'} "
                f"of {target_plan.name} ({named})",
                repr(value),
            )
        items: list[_JsonObject] = [i for i in listed_items if isinstance(i, dict)]
        if len(items) != len(listed_items):
            fail(
                f"{where} to show objects of {target_plan.name} in '{link.field.name}', not ids",
                repr(value),
            )
        key = target_plan.id_attribute or ""
        ids = [i.get(key) for i in items]
        if sorted(map(str, ids)) != sorted(map(str, named)):
            fail(f"{where} to show in '{link.field.name}' the objects named: {named}", repr(ids))
        for item in items:
            if not ctx.api.schemas.is_valid(pointer, item):
                fail(
                    f"{where} to show in '{link.field.name}' a {target_plan.model.name} with "
                    "the attributes its schema promises",
                    repr(item),
                )
            expected = now[item.get(key)]
            differ = {
                k: item.get(k) for k in expected if _shape(item.get(k)) != _shape(expected[k])
            }
            if differ:
                fail(
                    f"{where} to show the {target_plan.resource.singular} as get shows it: "
                    f"{expected}",
                    f"{differ} in {item}",
                )


# -- uploads ----------------------------------------------------------------------------------


def _upload_part(operation: Operation) -> Field | None:
    body = operation.body
    if body is None or MULTIPART not in body.content_types:
        return None
    return next((f for f in body.fields if f.file == "content"), None)


def sample_upload(plan: ResourcePlan, size: int = 1200) -> Upload:
    """A file of every byte value, of `size` bytes, under a name drawn for this run."""
    assert plan.create is not None
    part = _upload_part(plan.create)
    assert part is not None
    token = secrets.token_hex(6)
    seed = hashlib.sha256(token.encode()).digest()
    data = (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) + seed * (size // len(seed) + 1))[:size]
    return Upload(part.name, f"conformance-{token}.png", "image/png", data)


def _file_fields(plan: ResourcePlan) -> dict[str, str]:
    assert plan.model is not None
    return {f.file: f.name for f in plan.model.fields if f.file is not None}


@check(
    roles=(),
    holds="(where a create takes a file) the new object's name, media type and size are those of the file sent, its URL serves the same bytes to the owner, and a file over the declared `maximum` is refused with `413` and leaves no object",
    unless=_no("is read from an upload"),
)
def upload_round_trip(ctx: Context, relations: Relations, plan: ResourcePlan) -> None:
    assert plan.model is not None and plan.create is not None
    roles = _file_fields(plan)
    upload = sample_upload(plan)
    made, _ = relations.upload(plan, upload)
    sent = {"name": upload.filename, "media-type": upload.media_type, "size": len(upload.data)}
    for where, body in (
        ("the create's answer", made.created),
        ("get", relations.read(plan, made.object_id, made.credential)),
    ):
        wrong = {
            roles[role]: body.get(roles[role], "(missing)")
            for role, value in sent.items()
            if role in roles and body.get(roles[role], "(missing)") != value
        }
        if wrong:
            wanted = {roles[r]: v for r, v in sent.items() if r in roles}
            fail(f"{where} to hold what the file sent has: {wanted}", f"{wrong} in {body}")
    url = made.created.get(roles["url"]) if "url" in roles else None
    if isinstance(url, str):
        _served_back(ctx, url, upload, made.credential)


def _over_the_limit(ctx: Context, relations: Relations, plan: ResourcePlan) -> None:
    """A file one byte over the declared maximum is refused with 413 and makes nothing."""
    assert plan.model is not None and plan.create is not None
    size_field = plan.model.field(_file_fields(plan).get("size", ""))
    maximum = size_field.constraints.maximum if size_field is not None else None
    if maximum is None:
        raise CannotJudge("no `maximum` of the upload's size")
    before = _listed(ctx, plan, ctx.owner)
    big = Upload(
        sample_upload(plan).part,
        "conformance-too-large.bin",
        "application/octet-stream",
        b"\0" * (int(maximum) + 1),
    )
    ctx.ledger.reserve()
    refused: Exchange | None = None
    try:
        refused = ctx.send(plan.create, plan.create.path, upload=big)
    except BrokenAnswer:
        pass  # closed while the file was sent: refused, if it left no trace
    taken = refused.body if refused is not None and refused.status < 300 else None
    if isinstance(taken, dict) and plan.id_attribute in taken and refused is not None:
        relations.track(plan, taken, refused.curl)
    if refused is not None and refused.status != 413:
        fail(
            f"413 for a file of {int(maximum) + 1} bytes, over the declared maximum {int(maximum)} "
            f"(curl: head -c {int(maximum) + 1} /dev/zero > {big.filename})",
            refused.describe(),
        )
    after = _listed(ctx, plan, ctx.owner)
    if after.keys() != before.keys():
        fail(
            f"no new {plan.resource.singular} after the refused upload",
            f"new: {sorted(map(str, after.keys() - before.keys()))}",
        )
    if refused is None:
        raise CannotJudge(
            f"the server closed the connection while the {int(maximum) + 1}-byte file was sent "
            "(it made nothing): no status to compare with 413"
        )


upload_limit = upload_round_trip.using(_over_the_limit)


def _served_back(ctx: Context, url: str, upload: Upload, credential: Credential) -> None:
    base = ctx.client.base_url
    if url.startswith(base):
        path = url[len(base) :]
    elif url.startswith("/"):
        path = url
    else:
        raise CannotJudge(f"the file's URL {url} is not on the server under test")
    answer = ctx.client.send(f"GET {path}", "GET", path, credential)
    ctx.log.append(answer)
    digest = hashlib.sha256(upload.data).hexdigest()
    if answer.status != 200 or (answer.length, answer.sha256) != (len(upload.data), digest):
        fail(
            f"200 with the {len(upload.data)} bytes uploaded (SHA-256 {digest}) at {url}",
            f"{answer.status}, {answer.length} bytes (SHA-256 {answer.sha256})",
        )


# -- refused writes change nothing ------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """What makes a write refused, sent beside valid attributes."""

    extra: _JsonObject
    why: str
    by_schema: bool = True  # the schema forbids it (else: an id that names nothing)
    # An array of ids: a real object of the target is named first, and must stay as it was.
    beside: Link | None = None

    def sent(self, relations: Relations) -> tuple[_JsonObject, list[tuple[ResourcePlan, Tracked]]]:
        """What to send (the real object named beside the bad id made now), and the objects
        named that must not change."""
        link = self.beside
        if link is None:
            return dict(self.extra), []
        target = relations.refresh(link.target, relations.make(link.target))
        named = [target.object_id, *self.extra[link.field.name]]
        return {**self.extra, link.field.name: named}, [(link.target, target)]


def _has_update(plan: ResourcePlan) -> str | None:
    if plan.update is None or not plan.writable():
        return "no update with an attribute a client may set"
    return None


@check(
    roles=(),
    holds="a create or update refused for any reason (an unknown attribute beside valid ones, one value out of bounds among valid ones, an id that names nothing) leaves every object as it was, through get and the list",
    unless=_has_update,
)
def rejected_changes_nothing(
    ctx: Context, relations: Relations, plan: ResourcePlan, refused: Refused
) -> None:
    """An update of a valid attribute beside something the spec forbids is refused, and the
    object keeps every value."""
    assert plan.update is not None and plan.update.body is not None
    made = relations.make(plan)
    relations.refresh(plan, made)
    values = relations.values(plan)
    valid = None
    for f in plan.writable():
        if f.reference is not None or f.inverse is not None or f.name in refused.extra:
            continue
        value = values.fresh(f, avoid=[made.state.get(f.name)])
        if value is not None:
            valid = {f.name: value}
            break
    if valid is None:
        raise CannotJudge(f"no attribute of {plan.name} to change beside {refused.why}")
    extra, named = refused.sent(relations)
    body = {**valid, **extra}
    if refused.by_schema and _schema_allows(ctx, plan.update, body):
        raise CannotJudge(f"the update's schema allows {refused.why}")
    answer = ctx.send(plan.update, plan.item_path(str(made.object_id)), json_body=body)
    if not 400 <= answer.status < 500:
        fail(f"a 4xx for the update {body} ({refused.why})", answer.describe())
    _unchanged(ctx, plan, made, f"before the refused update {body} ({refused.why})")
    for target_plan, target in named:
        _unchanged(ctx, target_plan, target, f"before the refused update {body}, which named it")
    listed = _listed(ctx, plan, made.credential).get(made.object_id)
    if plan.listing is not None and _shape(listed) != _shape(made.state):
        fail(
            f"the list to show {made.object_id!r} as it was before the refused update {body}",
            repr(listed),
        )


def _schema_allows(ctx: Context, operation: Operation, body: _JsonObject) -> bool:
    pointers = operation.body.schema_pointers if operation.body is not None else {}
    pointer = pointers.get(JSON)
    return (
        ctx.api.schemas is not None
        and pointer is not None
        and ctx.api.schemas.is_valid(pointer, body)
    )


def _refused_create(
    ctx: Context, relations: Relations, plan: ResourcePlan, refused: Refused
) -> None:
    """A create of a valid body beside something the spec forbids is refused and makes
    nothing."""
    assert plan.create is not None and plan.id_attribute is not None
    extra, named = refused.sent(relations)
    body = {**relations.body(plan), **extra}
    if refused.by_schema and _schema_allows(ctx, plan.create, body):
        raise CannotJudge(f"the create's schema allows {refused.why}")
    before = _listed(ctx, plan, ctx.owner)
    answer = ctx.send(plan.create, plan.create.path, json_body=body)
    if isinstance(answer.body, dict) and plan.id_attribute in answer.body and answer.status < 300:
        relations.track(plan, answer.body, answer.curl)
    if not 400 <= answer.status < 500:
        fail(f"a 4xx for the create {body} ({refused.why})", answer.describe())
    after = _listed(ctx, plan, ctx.owner)
    if after != before:
        new = sorted(str(k) for k in after.keys() - before.keys())
        fail(f"the list of {plan.name} as it was before the refused create {body}", f"new: {new}")
    for target_plan, target in named:
        _unchanged(ctx, target_plan, target, f"before the refused create {body}, which named it")


rejected_create = rejected_changes_nothing.using(_refused_create)


def _refusals(relations: Relations, plan: ResourcePlan, role: str) -> list[Refused]:
    """What makes a create or update refused, each to send beside valid attributes."""
    op = plan.create if role == "create" else plan.update
    assert op is not None and op.body is not None
    cases: list[Refused] = []
    if op.body.closed:
        cases.append(
            Refused({UNKNOWN_ATTRIBUTE: True}, f"the unknown attribute {UNKNOWN_ATTRIBUTE!r}")
        )
    links = relations.links(plan)
    referring = {link.field.name for link in links}
    for f in op.body.fields:
        found = _out_of_bounds(f)
        if found is not None and f.name not in referring:
            cases.append(Refused({f.name: found[0]}, f"'{f.name}' {found[1]}"))
            break
    # An array of ids first: a real object named beside the bad id must not be pointed at.
    for link in sorted(links, key=lambda link: not link.many):
        if link.settable(role):
            named = link.sent(_dangling(relations, link))
            why = f"'{link.field.name}' naming nothing"
            beside = link if link.many else None
            cases.append(Refused({link.field.name: named}, why, by_schema=False, beside=beside))
            break
    return cases


def _out_of_bounds(f: Field) -> tuple[Any, str] | None:
    """A value just past one of the attribute's bounds, and what it is."""
    c = f.constraints
    if f.type.kind == "string" and c.max_length is not None and c.pattern is None:
        return "x" * (int(c.max_length) + 1), f"one character over its maxLength {c.max_length}"
    if f.type.kind == "integer" and c.maximum is not None:
        return int(c.maximum) + 1, f"one over its maximum {c.maximum}"
    if f.type.kind == "integer" and c.minimum is not None:
        return int(c.minimum) - 1, f"one under its minimum {c.minimum}"
    return None


# -- the step ---------------------------------------------------------------------------------


@step(85, needs_body=False)  # after refusals (80), before delete (90): objects of its own
def related(run: ResourceRun) -> None:
    """Every relation case of the resource, on objects kept aside (`Context.aside`)."""
    if run.plan.model is None or not run.plan.usable:
        return
    run.ctx.aside = True
    try:
        _cases(run)
    finally:
        run.ctx.aside = False


def _cases(run: ResourceRun) -> None:
    plan = run.plan
    ctx = run.ctx
    assert plan.model is not None
    model = plan.model
    rel = Relations(ctx)
    plan = rel.plans[plan.name]
    links = rel.links(plan)
    create_label = plan.create.label if plan.create else ""
    for link in links:
        for role in ("create", "update"):
            op = plan.create if role == "create" else plan.update
            if op is None or not link.settable(role):
                continue
            for foreign in (False, True):
                if foreign and ctx.other is None:
                    reason = "OTHER_TOKEN not given: no object of another account to name"
                    ctx.results.skip(op.label, reference_exists.name, reason)
                    continue
                run.judge(reference_exists, op.label, rel, link, role, foreign)
    for link in links:
        reference = link.field.reference
        if reference is None:
            continue
        deletes = {"cascade": delete_cascades, "clear": delete_clears}
        judged = deletes.get(reference.on_delete, delete_refused)
        if link.target.delete is None:
            if create_label:
                ctx.results.skip(
                    create_label,
                    judged.name,
                    f"{link.target.name} has no delete operation: what deleting one does to "
                    f"'{link.field.name}' (onDelete: {reference.on_delete}) cannot be checked",
                )
            continue
        run.judge(judged, link.target.delete.label, rel, link)
    for link in links:
        if link.field.alongside is not None:
            run.judge(created_alongside, create_label, rel, link)
            run.judge(
                derived_in_step,
                create_label,
                rel,
                lambda link=link: _kept_alongside(ctx, rel, link),
            )
        if link.field.reference is not None and link.field.reference.touch is not None:
            run.judge(
                derived_in_step, create_label, rel, lambda link=link: _touched(ctx, rel, link)
            )
        embedded = link.field.reference is not None and link.field.reference.embedded
        if embedded or link.field.inverse is not None:
            run.judge(expanded_objects, create_label, rel, link)
    stamps = [f.name for f in model.fields if f.assigned == "update-time"]
    if plan.update is not None and stamps:
        run.judge(
            derived_in_step, plan.update.label, rel, lambda: _update_time(ctx, rel, plan, stamps[0])
        )
    if plan.create is not None and _upload_part(plan.create) is not None and _file_fields(plan):
        run.judge(upload_round_trip, create_label, rel, plan)
        run.judge(upload_limit, create_label, rel, plan)
    if _has_update(plan) is None and plan.update is not None:
        for refused in _refusals(rel, plan, "update"):
            run.judge(rejected_changes_nothing, plan.update.label, rel, plan, refused)
        if plan.create is not None and _upload_part(plan.create) is None:
            for refused in _refusals(rel, plan, "create"):
                run.judge(rejected_create, plan.create.label, rel, plan, refused)
