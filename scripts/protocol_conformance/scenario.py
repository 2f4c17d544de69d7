"""The semantic scenario: for every resource the model describes, make objects of its own and
check what a schema-driven fuzzer cannot know (areas/ holds the checks and their steps).

Per resource, in order: create in every way the spec shows; objects whose attributes differ
so that each filter has something to keep and something to leave out; the filters; enough
objects to fill the largest page; page sizes, the more-flag, cursor walks and order; updates;
accounts and authentication; refused requests; delete. A step that cannot run says why in the
coverage table; a server that misbehaves gets findings and the scenario goes on. Whatever
happens, everything it created is deleted at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

from protocol_conformance.areas import checks, checks_by_role, steps
from protocol_conformance.context import Context, ScenarioStopped
from protocol_conformance.coverage import not_run, parameter_checks
from protocol_conformance.error_object import ErrorRules
from protocol_conformance.fixtures import Fixtures
from protocol_conformance.http import ApiClient, Credential, Pacer, RateLimits, TransportOptions
from protocol_conformance.objects import Ledger, clean_up
from protocol_conformance.plan import ResourcePlan, plan_resources
from protocol_conformance.provider import Provider
from protocol_conformance.references import body_references, fill_order
from protocol_conformance.registry import filter_checks
from protocol_conformance.resource_run import ResourceRun
from protocol_conformance.results import SEMANTIC, RunResults
from protocol_conformance.webhooks import WebhookSetup
from protocol_spec import Api

__all__ = [
    "ESSENTIAL_OBJECTS",
    "REFERENCE_OBJECTS",
    "STEPS",
    "ScenarioSettings",
    "objects_needed",
    "run_resource",
    "run_scenario",
]

# The steps in the order of their phases (`@step`): filters need objects made by the creates,
# pages the ones `fill` adds, and delete comes last, once nothing else needs an object.
STEPS = steps()
# Objects a resource needs besides those that fill the largest page.
ESSENTIAL_OBJECTS = 24
# Objects each attribute that refers to another resource may need made for it: two values, one
# no object holds (for a filter), one for the second account.
REFERENCE_OBJECTS = 4


def objects_needed(api: Api) -> int:
    """What the scenario needs to run every check (MAX_OBJECTS' default): per resource it can
    make objects of, its largest page plus one, the objects its other checks make, and those
    its references need."""
    total = 0
    for plan in plan_resources(api):
        if not plan.usable:
            continue
        limit = plan.listing.limit if plan.listing is not None else None
        largest = max(limit.maximum or 0, limit.default or 0) if limit is not None else 0
        references = {
            **body_references(api, plan.resource, plan.create),
            **body_references(api, plan.resource, plan.update),
        }
        total += largest + 1 + ESSENTIAL_OBJECTS + REFERENCE_OBJECTS * len(references)
    return total


@dataclass(frozen=True)
class ScenarioSettings:
    api: Api
    base_url: str
    token: str
    other_token: str | None
    transport: TransportOptions
    fixtures: Fixtures
    max_objects: int
    webhooks: WebhookSetup | None = None  # None: the webhook checks are "not run"


def run_scenario(
    settings: ScenarioSettings,
    results: RunResults,
    *,
    pacer: Pacer | None = None,
    rate_limits: RateLimits | None = None,
) -> None:
    """Run every semantic check against the server; add outcomes, coverage, the request count
    and the clean-up's result to `results`."""
    limits = rate_limits or RateLimits()
    client = ApiClient(settings.base_url, settings.transport, pacer=pacer, rate_limits=limits)
    ctx = Context(
        api=settings.api,
        client=client,
        owner=Credential(settings.token, "TOKEN"),
        other=Credential(settings.other_token, "OTHER_TOKEN") if settings.other_token else None,
        results=results,
        ledger=Ledger(settings.max_objects, settings.api),
        rules=ErrorRules(settings.api),
        webhooks=settings.webhooks,
        fixtures=settings.fixtures,
    )
    results.object_cap = settings.max_objects
    results.objects_needed = objects_needed(settings.api)
    order = fill_order(settings.api, settings.fixtures.existing())
    by_name = {p.name: p for p in plan_resources(settings.api)}
    plans = [by_name[r.name] for r in order.resources]
    provider = Provider(ctx, by_name, settings.fixtures)
    ctx.referrals = provider
    unfillable = ""
    if order.cycle:
        unfillable = (
            f"{order.unfillable()}; name objects the account has already in the fixtures "
            f"file (FIXTURES: resources: {order.needs[0][2]}: existing: [<id>, ...])"
        )
        results.errors.append(f"the suite cannot fill {', '.join(order.cycle)}: {unfillable}")
    try:
        for number, plan in enumerate(plans):
            if plan.name in order.cycle:
                _cannot_fill(
                    plan,
                    f"no object of {plan.name} can be made: a cycle of required references "
                    "(the ERROR below says which, and what to give)",
                    results,
                )
                continue
            for operation, check, reason in not_run(plan, checks()):
                results.skip(operation, check, reason)
            listing = plan.resource.operation("list")
            if listing is not None:
                results.parameters[listing.label] = parameter_checks(plan, checks())
            later = sum(ESSENTIAL_OBJECTS for p in plans[number + 1 :] if p.usable)
            run_resource(ResourceRun(ctx, plan, provider.composer(plan.name), reserve=later))
    except ScenarioStopped as exc:
        if client.watch.over is not None:
            raise client.watch.over from None  # answers that never came whole: it hangs
        results.errors.append(f"The semantic scenario stopped: the server stopped answering. {exc}")
    finally:
        # Referrers before their targets: the fill order backwards (a target's deletion
        # would cascade to them or be refused while they name it).
        rank = {plan.name: number for number, plan in enumerate(plans)}
        leftovers = [
            (t.resource, str(t.object_id), t.credential)
            for t in sorted(ctx.ledger.objects, key=lambda t: -rank.get(t.resource, 0))
            if not t.deleted
        ]
        try:
            with client.watch.clean_up_time():
                clean_up(client, {p.name: p for p in plans}, leftovers, results)
        finally:
            results.requests[SEMANTIC] += client.requests_sent
            results.rate_limited += limits.honoured
            results.rate_limit_wait += limits.waited
            client.close()


def _cannot_fill(plan: ResourcePlan, reason: str, results: RunResults) -> None:
    """Every check of `plan`'s resource "not run", for `reason`: no object of it can be made."""
    every = checks()
    for op in plan.resource.operations:
        for check in checks_by_role(every).get(op.role or "", ()):
            results.skip(op.label, check, reason)
        for param in op.filters if op.role == "list" else ():
            for per_filter in filter_checks():
                results.skip(op.label, per_filter.named(param.name), reason)
    if plan.create is not None:  # the relation checks (no role of their own) the spec asks for
        for found in every:
            if not found.roles and found.unless is not None and found.unless(plan) is None:
                results.skip(plan.create.label, found.name, reason)
    listing = plan.resource.operation("list")
    if listing is not None:
        results.parameters[listing.label] = parameter_checks(plan, every)


def run_resource(run: ResourceRun) -> None:
    """Every step for one resource; a step that fails for a reason of ours is an error, and
    the next step runs."""
    plan = run.plan
    if not plan.usable:
        return
    if not run.composer.ways():
        reason = (
            "no create body: the spec has no valid create example and the least body the "
            "schema requires is not valid; give one in the fixtures file (FIXTURES)"
        )
        if not run.composer.content_types and plan.create is not None and plan.create.body:
            reason = (
                f"create takes {', '.join(plan.create.body.content_types)} only; the scenario "
                "sends JSON and form bodies (schemathesis still sends this one)"
            )
        by_role = checks_by_role()
        for op in plan.resource.operations:
            for check in by_role.get(op.role or "", ()):
                run.ctx.results.skip(op.label, check, reason)
            for param in op.filters if op.role == "list" else ():
                for per_filter in filter_checks():
                    run.ctx.results.skip(op.label, per_filter.named(param.name), reason)
    for step in STEPS if run.composer.ways() else steps(without_body=True):
        try:
            step(run)
        except ScenarioStopped:
            raise
        except Exception as exc:  # noqa: BLE001 - one step's bug must not stop the rest
            run.ctx.results.errors.append(
                f"the scenario's step '{step.__name__}' for {plan.name} failed: "
                f"{type(exc).__name__}: {exc}"
            )
