"""The scenario's access steps: another account cannot reach this one's objects (nor this one
another's), credentials are demanded, and requests the spec forbids are refused."""

from __future__ import annotations

from typing import Any

from protocol_conformance import checks_access as access
from protocol_conformance.resource_run import ResourceRun

__all__ = ["authentication", "isolation", "refusals"]


def _isolated_operations(run: ResourceRun) -> list[Any]:
    plan = run.plan
    return [op for op in (plan.get, plan.update, plan.delete) if op is not None]


def isolation(run: ResourceRun) -> None:
    plan = run.plan
    other = run.ctx.other
    ops = _isolated_operations(run)
    labels = [op.label for op in ops] + ([plan.listing.label] if plan.listing else [])
    if other is None:
        for label in labels:
            run.ctx.results.skip(
                label, access.TENANT_ISOLATION, "OTHER_TOKEN not given: no second account"
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
            access.TENANT_ISOLATION,
            op.label,
            access.isolation_object,
            plan,
            op,
            victim,
            other,
        )
    if plan.listing is not None:
        run.judge(
            access.TENANT_ISOLATION,
            plan.listing.label,
            access.isolation_list,
            plan,
            run.ours,
            other,
        )
    theirs = run.make(run.composer.ways()[0].body, other)
    if theirs is None:
        return
    for op in [*ops, *([plan.listing.operation] if plan.listing else [])]:
        run.judge(
            access.TENANT_ISOLATION,
            op.label,
            access.isolation_theirs,
            plan,
            op,
            theirs,
        )


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
                access.AUTHENTICATION,
                op.label,
                access.authentication,
                op,
                op.path,
                how,
                {},
            )
    if plan.get is not None and run.ours:
        path = plan.item_path(str(run.ours[0].object_id))
        get = plan.get
        run.judge(
            access.AUTHENTICATION,
            get.label,
            access.authentication,
            get,
            path,
            "none",
            {},
        )


def refusals(run: ResourceRun) -> None:
    for case in access.refusals(run.ctx, run.plan, run.composer, run.ours):
        run.judge(
            access.INVALID_REQUESTS_REJECTED,
            case.operation.label,
            access.refused,
            run.plan,
            case,
        )
