"""Real ids for references: a message needs a conversation that exists, and belongs to the
account that sends it. Whatever a body refers to (read from the model, references.py) names,
for the owner, an object the fixtures file names as existing on the deployment (`existing`:
the user's choice, so preferred); else an object the suite made for that account and still
has; else one made on the spot (its own references provided the same way). For the owner, a
value the fixtures file gives for the attribute itself (`create`, `values`) is sent as it is.
Objects made here are tracked like any other, and deleted at the end.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from protocol_conformance.areas.objects import create
from protocol_conformance.compose import Composer, Way
from protocol_conformance.context import Context
from protocol_conformance.fixtures import Fixtures
from protocol_conformance.http import Credential
from protocol_conformance.plan import ResourcePlan
from protocol_conformance.references import BodyReference, body_references
from protocol_spec import Api

__all__ = ["MAX_DEPTH", "Provider"]

# References of references of ...: a chain longer than this is not followed.
MAX_DEPTH = 4


class Provider:
    def __init__(self, ctx: Context, plans: Mapping[str, ResourcePlan], fixtures: Fixtures) -> None:
        self.ctx = ctx
        self.api: Api = ctx.api
        self.plans = plans
        self.fixtures = fixtures
        self._composers: dict[str, Composer] = {}
        self._making: list[str] = []
        self.references: dict[str, dict[str, BodyReference]] = {
            name: {
                **body_references(self.api, plan.resource, plan.update),
                **body_references(self.api, plan.resource, plan.create),
            }
            for name, plan in plans.items()
        }

    def composer(self, resource: str) -> Composer:
        if resource not in self._composers:
            self._composers[resource] = Composer(
                self.api,
                self.plans[resource],
                self.fixtures.of(resource),
                references=self.of(resource),
                draw_ids=self.owned,
            )
        return self._composers[resource]

    def of(self, resource: str) -> dict[str, BodyReference]:
        return self.references.get(resource, {})

    # -- Referrals -------------------------------------------------------------------------

    def refer(
        self, resource: str, body: Mapping[str, Any], credential: Credential
    ) -> dict[str, Any]:
        found = dict(body)
        fixed = self.fixtures.of(resource).fixed() if credential == self.ctx.owner else {}
        for name, reference in self.of(resource).items():
            value = found.get(name)
            if value is None or name in fixed:
                continue
            # An id of an object the suite made for this account stays, kept aside or not (a
            # relation check names the objects it made for itself); only other ids are replaced.
            known = self._known(reference.target, credential)
            if reference.many and isinstance(value, list):
                ours = known
                kept: list[Any] = []
                for item in value:
                    if item not in ours:
                        item = self.one(reference.target, credential, avoid=kept)
                    if item is not None and item not in kept:
                        kept.append(item)
                found[name] = kept
            elif not reference.many and value not in known:
                replaced = self.one(reference.target, credential)
                if replaced is not None:
                    found[name] = replaced
        return found

    def one(self, target: str, credential: Credential, avoid: Collection[Any] = ()) -> Any:
        for known in (self._existing(target, credential), self._ids(target, credential)):
            found = [i for i in known if i not in avoid]
            if found:
                return found[0]
        return self._make(target, credential)

    def owned(self, target: str, wanted: int, avoid: Collection[Any] = ()) -> list[Any]:
        """`wanted` distinct ids of the owner's `target` objects, none in `avoid` (fewer when
        no more can be had)."""
        found: list[Any] = []
        while len(found) < wanted:
            made = self.one(target, self.ctx.owner, avoid=[*avoid, *found])
            if made is None:
                break
            found.append(made)
        return found

    # -- making ----------------------------------------------------------------------------

    def _ids(self, target: str, credential: Credential) -> list[Any]:
        """The ids of `target` objects the suite may refer to (not those kept aside)."""
        return [t.object_id for t in self.ctx.ledger.live(target, credential)]

    def _existing(self, target: str, credential: Credential) -> tuple[Any, ...]:
        """The ids of the owner's `target` objects the fixtures file names (none for others)."""
        return self.fixtures.of(target).existing if credential == self.ctx.owner else ()

    def _known(self, target: str, credential: Credential) -> set[Any]:
        """The ids of every `target` object the suite made for `credential` and did not delete,
        those kept aside by a relation check included, and those the fixtures file names."""
        return {
            *self._existing(target, credential),
            *(
                t.object_id
                for t in self.ctx.ledger.objects
                if t.resource == target and not t.deleted and t.credential == credential
            ),
        }

    def make_with(self, target: str, wanted: Mapping[str, Any], credential: Credential) -> Any:
        plan = self.plans.get(target)
        if plan is None or not plan.usable:
            return None
        body = self.composer(target).body_with(dict(wanted))
        ways = self.composer(target).ways()
        if body is None or not ways:
            return None
        tracked = create(self.ctx, plan, Way(body, ways[0].content_type), credential)
        return tracked.object_id

    def _make(self, target: str, credential: Credential) -> Any:
        plan = self.plans.get(target)
        if plan is None or not plan.usable or target in self._making:
            return None
        if len(self._making) >= MAX_DEPTH:
            return None
        ways = self.composer(target).ways()
        if not ways:
            return None
        self._making.append(target)
        try:
            tracked = create(self.ctx, plan, ways[0], credential)
        finally:
            self._making.pop()
        return tracked.object_id
