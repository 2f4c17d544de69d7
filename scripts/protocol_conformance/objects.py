"""The objects the scenario created: what each should look like now, and the clean-up.

The scenario reasons only about these (never about data the account held before), and at the
end, whatever happened, every one still there is deleted; those that cannot be are listed with
the command that deletes them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from protocol_conformance.errors import ConformanceError
from protocol_conformance.guard import RunOver
from protocol_conformance.http import ApiClient, Credential, TransportFailure
from protocol_conformance.plan import ResourcePlan
from protocol_conformance.results import Leftover, RunResults
from protocol_spec import Api

__all__ = [
    "GIVE_UP_AFTER",
    "JsonObject",
    "Ledger",
    "ObjectCapReached",
    "Referrer",
    "Tracked",
    "clean_up",
    "referrers",
]

JsonObject = dict[str, Any]


GIVE_UP_AFTER = 3


class ObjectCapReached(ConformanceError):
    """MAX_OBJECTS objects exist already; the check that wanted one more cannot run fully."""


@dataclass
class Tracked:
    resource: str
    object_id: str
    credential: Credential
    state: JsonObject  # what the object should look like now, as far as the spec says
    created_curl: str  # how it was created: failures show it, since the run deletes the object
    created: JsonObject = field(default_factory=dict)  # the create's answer
    sent: JsonObject = field(default_factory=dict)  # the create's body
    born: float = field(default_factory=time.monotonic)  # when the create answered
    deleted: bool = False
    # Made by a check for its own case (areas/relations.py): no other step counts on it.
    aside: bool = False


@dataclass(frozen=True)
class Referrer:
    """Objects of `resource` whose `attribute` names objects of another resource: what
    deleting one of those does to them (`on_delete`), as the model declares."""

    resource: str
    attribute: str
    on_delete: str  # cascade, clear, refuse; "inverse": a list the server keeps in step
    many: bool


def referrers(api: Api | None) -> dict[str, list[Referrer]]:
    """For each resource, the attributes of other resources that name its objects."""
    found: dict[str, list[Referrer]] = {}
    if api is None:
        return found
    for resource in api.resources:
        model = api.model(resource.model) if resource.model else None
        for f in model.fields if model is not None else ():
            if f.reference is not None:
                found.setdefault(f.reference.resource, []).append(
                    Referrer(resource.name, f.name, f.reference.on_delete, f.reference.many)
                )
            elif f.inverse is not None:
                found.setdefault(f.inverse.resource, []).append(
                    Referrer(resource.name, f.name, "inverse", True)
                )
    return found


class Ledger:
    def __init__(self, cap: int, api: Api | None = None) -> None:
        self.cap = cap
        self.objects: list[Tracked] = []
        self.referrers = referrers(api)
        self.id_attributes = {
            r.name: r.id_attribute for r in (api.resources if api is not None else ())
        }

    @property
    def room(self) -> int:
        return self.cap - len(self.objects)

    def reserve(self) -> None:
        """Raise ObjectCapReached when the next create would go over MAX_OBJECTS."""
        if self.room <= 0:
            raise ObjectCapReached(
                f"MAX_OBJECTS={self.cap} objects were created already; raise MAX_OBJECTS to run it"
            )

    def add(self, tracked: Tracked) -> Tracked:
        self.objects.append(tracked)
        return tracked

    def live(self, resource: str, credential: Credential | None = None) -> list[Tracked]:
        return [
            t
            for t in self.objects
            if t.resource == resource
            and not t.deleted
            and not t.aside
            and (credential is None or t.credential == credential)
        ]

    def gone(self, tracked: Tracked) -> None:
        """`tracked` was deleted: so are the objects its deletion cascades to, and the
        references the model says are cleared hold null (or leave the list) in what the ledger
        expects of the others."""
        tracked.deleted = True
        reached = [(tracked.resource, tracked.object_id)]
        while reached:
            resource, object_id = reached.pop()
            for referrer in self.referrers.get(resource, ()):
                for other in self.live(referrer.resource):
                    if other.credential != tracked.credential:
                        continue
                    value = other.state.get(referrer.attribute)
                    named = _named(value, self.id_attributes.get(resource))
                    if object_id not in named:
                        continue
                    if referrer.on_delete == "cascade":
                        other.deleted = True
                        reached.append((other.resource, other.object_id))
                    elif referrer.many and isinstance(value, list):
                        other.state[referrer.attribute] = [
                            v for v, i in zip(value, named, strict=True) if i != object_id
                        ]
                    elif referrer.on_delete == "clear":
                        other.state[referrer.attribute] = None

    def find(self, resource: str, object_id: Any) -> Tracked | None:
        return next(
            (t for t in self.objects if t.resource == resource and t.object_id == object_id), None
        )


def _named(value: Any, id_attribute: str | None) -> list[Any]:
    """The ids a reference's value names (ids, or objects shown in their place)."""
    values = value if isinstance(value, list) else [] if value is None else [value]
    return [v.get(id_attribute) if isinstance(v, dict) and id_attribute else v for v in values]


def clean_up(
    client: ApiClient,
    plans: dict[str, ResourcePlan],
    leftovers: list[tuple[str, str, Credential]],
    results: RunResults,
) -> None:
    """Delete each (resource, id, owner) still there; list the ones that cannot be deleted."""
    silent = 0  # requests in a row without an answer: after a few, the server is gone
    for resource, object_id, credential in leftovers:
        plan = plans.get(resource)
        if plan is None or plan.delete is None or plan.resource.item_path is None:
            results.leftovers.append(
                Leftover(resource, object_id, "the spec has no delete operation for it", "")
            )
            continue
        path = plan.item_path(object_id)
        if silent >= GIVE_UP_AFTER:
            curl = client.curl("DELETE", path, credential)
            results.leftovers.append(Leftover(resource, object_id, "the server is gone", curl))
            continue
        try:
            answer = client.send(plan.delete.label, "DELETE", path, credential)
        except TransportFailure as exc:
            silent += 1
            curl = str(exc).rsplit("\n", 1)[-1]
            results.leftovers.append(Leftover(resource, object_id, "no answer", curl))
            continue
        except RunOver:
            # The server hangs (or the deadline is past): send nothing more, list the rest.
            silent = GIVE_UP_AFTER
            curl = client.curl("DELETE", path, credential)
            results.leftovers.append(Leftover(resource, object_id, "the run was ended", curl))
            continue
        silent = 0
        if 200 <= answer.status < 300 or answer.status == 404:
            # 404: gone already, through the cascade of a target deleted before it
            results.deleted += 1
        else:
            results.leftovers.append(
                Leftover(resource, object_id, f"delete answered {answer.describe()}", answer.curl)
            )
