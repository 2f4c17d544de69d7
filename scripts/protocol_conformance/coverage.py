"""What cannot run whatever the server does, and why: the coverage table's "not run" reasons,
from the model and each check's registered coverage rule (`@check(unless=...)`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from protocol_conformance.plan import ResourcePlan
from protocol_conformance.registry import Check, checks_by_role

__all__ = [
    "EVERY_CHECK",
    "not_run",
    "parameter_checks",
]

EVERY_CHECK = "(every check)"


def not_run(plan: ResourcePlan, checks: Sequence[Check]) -> list[tuple[str, str, str]]:
    """(operation label, check, reason) for each of `checks` (every area's: `areas.checks()`)
    that cannot run on `plan`'s resource; where several reasons hold, the first is reported."""
    return [*_generic(plan, checks), *_by_rule(plan, checks)]


def _generic(plan: ResourcePlan, checks: Sequence[Check]) -> Iterator[tuple[str, str, str]]:
    """What the resource lacks that no check of a role can do without."""
    by_role = checks_by_role(checks)
    per_filter = [c for c in checks if c.per_filter]
    resource = plan.resource
    gaps = {gap.pointer: gap.problem for gap in resource.gaps}
    for op in resource.operations:
        if op.role is None:
            yield op.label, EVERY_CHECK, gaps.get(op.pointer, "not one of the five roles")
    if plan.model is None:
        reason = next(iter(gaps.values()), "no schema of one object")
        for op in resource.operations:
            if op.role is not None:
                for name in by_role[op.role]:
                    yield op.label, name, reason
        return
    listing = resource.operation("list")
    if listing is not None and plan.listing is None:
        reason = gaps.get(listing.pointer, "the list has no x-protocol-pagination")
        for name in by_role["list"]:
            yield listing.label, name, reason
        for family in per_filter:
            for param in listing.query_params:
                yield listing.label, family.named(param.name), reason
    if not plan.usable:
        reason = (
            f"'{resource.name}' has no create operation: the suite cannot make objects of its own"
            if plan.create is None or plan.create.body is None
            else f"'{resource.name}' has no item path: its objects cannot be named"
        )
        for op in resource.operations:
            if op.role is not None and op.role != "create":
                for name in by_role[op.role]:
                    yield op.label, name, reason
        if plan.listing is not None:
            for family in per_filter:
                for f in plan.listing.filters:
                    yield plan.listing.label, family.named(f.param.name), reason


def _by_rule(plan: ResourcePlan, checks: Sequence[Check]) -> Iterator[tuple[str, str, str]]:
    """Each check's own coverage rule, on the operations of its roles."""
    if plan.model is None:
        return
    for found in checks:
        reason = found.unless(plan) if found.unless is not None else None
        if reason is None:
            continue
        for op in plan.resource.operations:
            if op.role in found.roles:
                yield op.label, found.name, reason


def parameter_checks(plan: ResourcePlan, checks: Sequence[Check]) -> dict[str, list[str]]:
    """Each query parameter of the resource's list, and the checks that send it (the coverage
    table says what each of those ran, or why not). A parameter no check sends maps to []."""
    listing = plan.resource.operation("list")
    if listing is None:
        return {}
    page = listing.pagination
    names = [c.name for c in checks if "list" in c.roles and not c.per_filter]
    found: dict[str, list[str]] = {}
    for param in listing.query_params:
        if page is not None and param.name == page.limit_param:
            found[param.name] = [n for n in names if n.startswith("limit_")]
        elif page is not None and param.name in (page.after_param, page.before_param):
            found[param.name] = [n for n in ("cursor_walk", "more_flag_exact") if n in names]
        elif param.filter is not None:
            found[param.name] = [c.named(param.name) for c in checks if c.per_filter]
            if param.filter.through is None and "filters_combined" in names:
                found[param.name].append("filters_combined")
        else:
            found[param.name] = []
    return found
