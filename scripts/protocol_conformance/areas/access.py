"""Access: accounts isolated from each other, authentication demanded, and requests the spec
forbids refused with the status it documents; the checks, and the steps that run them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from protocol_conformance.areas.objects import make, valid_update
from protocol_conformance.compose import FORM, JSON, Composer
from protocol_conformance.context import CannotJudge, Context, fail
from protocol_conformance.http import Credential, Exchange
from protocol_conformance.objects import Tracked
from protocol_conformance.pages import collect
from protocol_conformance.plan import ResourcePlan
from protocol_conformance.registry import check, step
from protocol_spec.model import Operation

if TYPE_CHECKING:  # steps are handed a run; they only call its methods
    from protocol_conformance.resource_run import ResourceRun

__all__ = [
    "Refusal",
    "authentication",
    "authentication_check",
    "isolation",
    "isolation_list",
    "isolation_object",
    "isolation_theirs",
    "refusal_cases",
    "refusals",
    "refused",
]

_JsonObject = dict[str, Any]


def _hidden(operation: Operation) -> tuple[int, ...]:
    # An object of another account does not exist for you: 404 (or 403 where only that is declared).
    declared = {r.status for r in operation.responses}
    if "404" in declared or "403" not in declared:
        return (404,)
    return (403,)


@check(
    "tenant_isolation",
    roles=("get", "update", "delete", "list"),
    holds="(with `OTHER_TOKEN`) another account can neither get, update, delete nor list this one's objects, nor this one the other's",
)
def isolation_object(
    ctx: Context, plan: ResourcePlan, operation: Operation, tracked: Tracked, other: Credential
) -> None:
    """Another account can neither read, change nor delete an object that is not its own."""
    assert plan.get is not None
    ctx.involve(tracked)
    path = plan.item_path(str(tracked.object_id))
    body = valid_update(plan, tracked) if operation is plan.update else None
    if operation is plan.update and body:
        # Try to change it for real: a server that lets the update through must show it.
        f = next(f for f in plan.writable() if f.name in body)
        flipped = _other_value(tracked, f.name)
        if flipped is not None:
            body = {f.name: flipped}
    attempt = ctx.send(operation, path, as_=other, json_body=body)
    allowed = _hidden(operation)
    if attempt.status not in allowed:
        fail(
            f"{allowed[0]} for another account's {operation.label} of this object",
            attempt.describe(),
        )
    after = ctx.send(plan.get, path, as_=tracked.credential)
    if after.status == 404:
        ctx.ledger.gone(tracked)  # the other account deleted it: later steps must not count on it
    if after.status != plan.get.success_status or after.body != tracked.state:
        fail(
            f"the object untouched by the other account's {operation.http_method}: {tracked.state}",
            after.describe(),
        )


def _other_value(tracked: Tracked, name: str) -> Any:
    """Another valid value for a boolean attribute (the simplest visible change), else None."""
    current = tracked.state.get(name)
    return (not current) if isinstance(current, bool) else None


def _isolation_list(
    ctx: Context, plan: ResourcePlan, ours: list[Tracked], other: Credential
) -> None:
    """Another account's list holds none of this account's objects."""
    assert plan.listing is not None
    cursor = plan.listing.pagination.cursor_field
    mine = {t.object_id for t in ours}
    leaked = [
        item for item in collect(ctx, plan.listing, {}, as_=other) if item.get(cursor) in mine
    ]
    if leaked:
        fail(
            f"another account's list without any of this account's {len(mine)} objects",
            f"{len(leaked)} of them, e.g. {leaked[0]}",
        )


def _isolation_theirs(
    ctx: Context, plan: ResourcePlan, operation: Operation, theirs: Tracked
) -> None:
    """This account cannot reach an object another account created (nor list it)."""
    assert plan.get is not None
    ctx.involve(theirs)
    path = plan.item_path(str(theirs.object_id))
    if plan.listing is not None and operation is plan.listing.operation:
        cursor = plan.listing.pagination.cursor_field
        listed = [i for i in collect(ctx, plan.listing, {}) if i.get(cursor) == theirs.object_id]
        if listed:
            fail(
                f"this account's list without the other account's {theirs.object_id!r}",
                f"{listed[0]}",
            )
        return
    body = valid_update(plan, theirs) if operation is plan.update else None
    attempt = ctx.send(operation, path, json_body=body)
    if attempt.status not in _hidden(operation):
        fail(f"404 for {operation.label} of another account's object", attempt.describe())
    after = ctx.send(plan.get, path, as_=theirs.credential)
    if after.status != plan.get.success_status or after.body != theirs.state:
        fail(f"the other account's object untouched: {theirs.state}", after.describe())


@check(
    "authentication",
    roles=("get", "list"),
    holds="no or an unknown token gets 401 (with `WWW-Authenticate` where declared); with HTTP Basic (where declared) the token as the password works",
)
def authentication_check(
    ctx: Context, operation: Operation, path: str, how: str, params: dict[str, str]
) -> None:
    """Without a valid credential: 401 (with WWW-Authenticate where declared); with HTTP Basic
    (where declared), the token as password works like the bearer token."""
    if not operation.security:
        raise CannotJudge(f"{operation.label} requires no authentication")
    declared = operation.response(401)
    if how == "basic":
        answer = ctx.send(operation, path, as_=replace(ctx.owner, basic=True), params=params)
        if answer.status != operation.success_status:
            fail(
                f"{operation.success_status} with HTTP Basic, the token as the password",
                answer.describe(),
            )
        return
    if how == "none":
        answer = ctx.send(operation, path, anonymous=True, params=params)
    else:
        bogus = {"Authorization": "Bearer conformance-unknown-token"}
        answer = ctx.send(operation, path, anonymous=True, params=params, headers=bogus)
    what = "no credentials" if how == "none" else "an unknown token"
    if answer.status != 401:
        fail(f"401 for {what}", answer.describe())
    header = declared.header("WWW-Authenticate") if declared else None
    if header is not None and "www-authenticate" not in answer.headers:
        fail(f"401 with a WWW-Authenticate header for {what}", f"{answer.describe()} without it")


@dataclass(frozen=True)
class Refusal:
    """A request the spec forbids, and the status it documents for it."""

    what: str
    operation: Operation
    path: str
    status: int
    params: dict[str, str] | None = None
    json_body: Any = None
    form: list[tuple[str, str]] | None = None
    raw: tuple[str, str] | None = None
    unchanged: Tracked | None = None  # an object the refused request must not have changed


@check(
    "invalid_requests_rejected",
    roles=("create", "update", "list"),
    holds="what the spec forbids (bounds, enums, unknown attributes or parameters, both cursors, a foreign cursor) gets its documented status and changes nothing",
)
def refused(ctx: Context, plan: ResourcePlan, case: Refusal) -> None:
    """The request is refused with its documented status, and changes nothing."""
    answer = ctx.send(
        case.operation,
        case.path,
        params=case.params,
        json_body=case.json_body,
        form=case.form,
        raw=case.raw,
    )
    _track_by_mistake(ctx, plan, case.operation, answer)
    if answer.status != case.status:
        fail(f"{case.status} for {case.what}", answer.describe())
    if case.unchanged is not None and plan.get is not None:
        ctx.involve(case.unchanged)
        path = plan.item_path(str(case.unchanged.object_id))
        after = ctx.send(plan.get, path)
        if after.body != case.unchanged.state:
            fail(f"a refused request to change nothing: {case.unchanged.state}", after.describe())


def _track_by_mistake(ctx: Context, plan: ResourcePlan, op: Operation, answer: Exchange) -> None:
    """A create that should have been refused but made an object: delete it at the end."""
    body = answer.body
    if op is plan.create and 200 <= answer.status < 300 and isinstance(body, dict):
        object_id = body.get(plan.id_attribute or "")
        if object_id is not None:
            ctx.ledger.add(Tracked(plan.name, object_id, ctx.owner, dict(body), answer.curl))


def refusal_cases(
    ctx: Context, plan: ResourcePlan, composer: Composer, ours: list[Tracked]
) -> list[Refusal]:
    """What the spec forbids for this resource, from its schemas and declared statuses."""
    found: list[Refusal] = []
    listing = plan.listing
    if listing is not None and listing.operation.response(400) is not None:
        op, path = listing.operation, listing.operation.path
        found.append(
            Refusal(
                "a query parameter the list does not define",
                op,
                path,
                400,
                {"conformance_unknown": "1"},
            )
        )
        for f in listing.filters:
            kind = f.param.type.kind
            if kind == "boolean":
                found.append(
                    Refusal(
                        f"{f.param.name}=yes (not true/false)", op, path, 400, {f.param.name: "yes"}
                    )
                )
            elif kind == "enum":
                found.append(
                    Refusal(
                        f"{f.param.name} outside its enum",
                        op,
                        path,
                        400,
                        {f.param.name: "conformance-none"},
                    )
                )
        if listing.limit is not None:
            found.append(
                Refusal(f"{listing.limit.param}=ten", op, path, 400, {listing.limit.param: "ten"})
            )
        page = listing.pagination
        mine = [t for t in ours if not t.deleted]
        if mine:
            some = str(mine[0].object_id)
            if page.before_param is not None:
                found.append(
                    Refusal(
                        "both cursors at once",
                        op,
                        path,
                        400,
                        {page.after_param: some, page.before_param: some},
                    )
                )
            unknown = _unknown_id(plan, composer)
            if unknown is not None:
                found.append(
                    Refusal(
                        "a cursor that is none of this account's objects",
                        op,
                        path,
                        400,
                        {page.after_param: unknown},
                    )
                )
    if plan.get is not None and (unknown := _unknown_id(plan, composer)) is not None:
        found.append(Refusal("an id no object has", plan.get, plan.item_path(unknown), 404))
    found += _create_refusals(plan, composer)
    target = next((t for t in ours if not t.deleted), None)
    if target is not None:
        found += _update_refusals(plan, target)
    return found


def _unknown_id(plan: ResourcePlan, composer: Composer) -> str | None:
    id_field = plan.attribute(plan.id_attribute or "")
    if id_field is None:
        return None
    value = composer.values.fresh(id_field)
    return str(value) if value is not None else None


def _create_refusals(plan: ResourcePlan, composer: Composer) -> list[Refusal]:
    create = plan.create
    if create is None or create.body is None or create.response(400) is None:
        return []
    op, path = create, create.path
    found: list[Refusal] = []
    bases = composer.ways()
    base = bases[0].body if bases else {}
    types = composer.content_types

    def sent(body: dict[str, Any]) -> dict[str, Any]:
        """How the body goes: JSON, else in the one content type create takes (a file upload)."""
        if JSON in types or not types:
            return {"json_body": body}
        encoded = composer.encode(body, types[0])
        return {"json_body": encoded.json_body, "form": encoded.form, "raw": encoded.raw}

    if not composer.valid({}):
        found.append(Refusal("an empty body", op, path, 400, **sent({})))
    if create.body.closed:
        body = {**base, "conformance_unknown": 1}
        if not composer.valid(body):
            found.append(Refusal("an attribute create does not know", op, path, 400, **sent(body)))
    if create.body.max_properties is not None:
        body = dict(base)
        for f in create.body.fields:
            if len(body) > create.body.max_properties:
                break
            if f.name not in body and (samples := composer.values.samples(f)):
                body[f.name] = samples[0]
        if len(body) > create.body.max_properties and not composer.valid(body):
            found.append(
                Refusal(
                    f"more than {create.body.max_properties} attributes",
                    op,
                    path,
                    400,
                    **sent(body),
                )
            )
    if create.response(415) is not None:
        found.append(Refusal("a text/plain body", op, path, 415, raw=("text/plain", "conformance")))
    return found


def _update_refusals(plan: ResourcePlan, target: Tracked) -> list[Refusal]:
    update = plan.update
    if update is None or update.body is None or update.response(400) is None:
        return []
    op, path = update, plan.item_path(str(target.object_id))
    found: list[Refusal] = []
    if update.body.closed:
        body = {**valid_update(plan, target), "conformance_unknown": 1}
        found.append(
            Refusal(
                "an attribute update does not know", op, path, 400, json_body=body, unchanged=target
            )
        )
    forms = FORM in update.body.content_types
    for f in plan.writable():
        c = f.constraints
        if f.type.kind == "integer" and c.minimum is not None:
            found.append(
                Refusal(
                    f"{f.name} below its minimum {c.minimum:g}",
                    op,
                    path,
                    400,
                    json_body={f.name: int(c.minimum) - 1},
                    unchanged=target,
                )
            )
        if f.type.kind == "boolean":
            found.append(
                Refusal(
                    f'{f.name} as the string "true" in JSON',
                    op,
                    path,
                    400,
                    json_body={f.name: "true"},
                    unchanged=target,
                )
            )
            if forms:
                found.append(
                    Refusal(
                        f"{f.name} written 1 in a form (only true/false are booleans)",
                        op,
                        path,
                        400,
                        form=[(f.name, "1")],
                        unchanged=target,
                    )
                )
        if f.type.kind == "enum":
            found.append(
                Refusal(
                    f"{f.name} outside its enum",
                    op,
                    path,
                    400,
                    json_body={f.name: "conformance-none"},
                    unchanged=target,
                )
            )
        if forms and f.type.kind == "integer" and f.nullable:
            found.append(
                Refusal(
                    f"an empty form value for {f.name} (an empty string, not null)",
                    op,
                    path,
                    400,
                    form=[(f.name, "")],
                    unchanged=target,
                )
            )
    if update.response(415) is not None:
        found.append(
            Refusal(
                "a text/plain body",
                op,
                path,
                415,
                raw=("text/plain", "conformance"),
                unchanged=target,
            )
        )
    return found


isolation_list = isolation_object.using(_isolation_list)
isolation_theirs = isolation_object.using(_isolation_theirs)


def _isolated_operations(run: ResourceRun) -> list[Any]:
    plan = run.plan
    return [op for op in (plan.get, plan.update, plan.delete) if op is not None]


@step(60)
def isolation(run: ResourceRun) -> None:
    plan = run.plan
    other = run.ctx.other
    ops = _isolated_operations(run)
    labels = [op.label for op in ops] + ([plan.listing.label] if plan.listing else [])
    if not any(op.security for op in plan.resource.operations):
        for label in labels:
            run.ctx.results.skip(
                label,
                isolation_object.name,
                f"the operations of '{plan.resource.name}' declare no security: every "
                "request is in one account",
            )
        return
    if other is None:
        for label in labels:
            run.ctx.results.skip(
                label, isolation_object.name, "OTHER_TOKEN not given: no second account"
            )
        return
    if plan.get is None or not run.ours:
        return
    target = run.ours[0]
    for op in ops:
        victim = (
            target if op is not plan.delete else (run.ours[-1] if len(run.ours) > 1 else target)
        )
        run.judge(
            isolation_object,
            op.label,
            plan,
            op,
            victim,
            other,
        )
    if plan.listing is not None:
        run.judge(
            isolation_list,
            plan.listing.label,
            plan,
            run.ours,
            other,
        )
    theirs = make(run, run.composer.ways()[0].body, other)
    if theirs is None:
        return
    for op in [*ops, *([plan.listing.operation] if plan.listing else [])]:
        run.judge(
            isolation_theirs,
            op.label,
            plan,
            op,
            theirs,
        )


@step(70)
def authentication(run: ResourceRun) -> None:
    plan = run.plan
    schemes = {s.name: s for s in run.ctx.api.security_schemes}
    if plan.listing is not None:
        op = plan.listing.operation
        hows = ["none", "unknown"]
        if any(schemes.get(name) and schemes[name].scheme == "basic" for name in op.security):
            hows.append("basic")
        for how in hows:
            run.judge(
                authentication_check,
                op.label,
                op,
                op.path,
                how,
                {},
            )
    if plan.get is not None and run.ours:
        path = plan.item_path(str(run.ours[0].object_id))
        get = plan.get
        run.judge(
            authentication_check,
            get.label,
            get,
            path,
            "none",
            {},
        )


@step(80)
def refusals(run: ResourceRun) -> None:
    for case in refusal_cases(run.ctx, run.plan, run.composer, run.ours):
        run.judge(
            refused,
            case.operation.label,
            run.plan,
            case,
        )
