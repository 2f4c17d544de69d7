"""The fixtures file: what a real deployment needs that the spec cannot invent.

A real server checks references (an id must name an object that exists), so the suite cannot
send values it made up for them. The file (YAML or JSON) gives, per resource (a tag of the
spec), bodies that create an object as they are, and the only values the suite may send for
some attributes:

    resources:
      <resource>:
        create:                 # bodies the server accepts; the suite picks among them
          - {<attribute>: <value>, ...}
        values:                 # the only values sent for these attributes
          <attribute>: [<value>, ...]
        existing: [<id>, ...]   # objects of the owner's account the suite may refer to

Every attribute named in `create` or `values` gets only the values the file names for it.
`existing` names objects that are on the deployment already: every reference to the resource
(any attribute of any resource that names its objects) gets one of them unless the suite has
an object of its own to name, and no object of the resource is made just to be referred to;
a cycle of required references is broken there. Everything is checked against the spec before
the run starts, and each existing id against the server (`preflight.check_existing`): a
mistake is a `FixturesError` (exit 2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from protocol_conformance.errors import CannotTest
from protocol_spec import Api

__all__ = ["Fixtures", "FixturesError", "ResourceFixtures", "load_fixtures"]


class FixturesError(CannotTest):
    """The fixtures file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class ResourceFixtures:
    create: tuple[dict[str, Any], ...] = ()
    values: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    existing: tuple[Any, ...] = ()  # ids of the owner's objects on the deployment

    def fixed(self) -> dict[str, list[Any]]:
        """Every attribute the file names, with all the values it gives for it."""
        found: dict[str, list[Any]] = {}
        for body in self.create:
            for name, value in body.items():
                found.setdefault(name, [])
                if value not in found[name]:
                    found[name].append(value)
        for name, values in self.values.items():
            found.setdefault(name, [])
            found[name] += [value for value in values if value not in found[name]]
        return found


@dataclass(frozen=True)
class Fixtures:
    by_resource: Mapping[str, ResourceFixtures] = field(default_factory=dict)

    def of(self, resource: str) -> ResourceFixtures:
        return self.by_resource.get(resource, ResourceFixtures())

    def existing(self) -> dict[str, tuple[Any, ...]]:
        """The resources the file names existing objects of, with their ids."""
        return {name: found.existing for name, found in self.by_resource.items() if found.existing}


def load_fixtures(path: Path | None, api: Api) -> Fixtures:
    """The fixtures in `path` (none when None), checked against the spec."""
    if path is None:
        return Fixtures()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FixturesError(f"The fixtures file {path} cannot be read: {exc}.") from None
    try:
        document = YAML(typ="safe", pure=True).load(text)
    except YAMLError as exc:
        raise FixturesError(
            f"The fixtures file {path} is not valid YAML or JSON: {' '.join(str(exc).split())}"
        ) from None
    problems: list[str] = []
    fixtures = _read(document, api, problems)
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        raise FixturesError(
            f"The fixtures file {path} does not fit {api.source}:\n{listed}\n"
            "See docs/conformance.md, 'Against a real deployment', for its format."
        )
    return fixtures


def _read(document: Any, api: Api, problems: list[str]) -> Fixtures:
    if document is None:
        return Fixtures()
    if not isinstance(document, dict) or set(document) - {"resources"}:
        problems.append("the top level must be a mapping with one key, 'resources'")
        return Fixtures()
    entries = document.get("resources") or {}
    if not isinstance(entries, dict):
        problems.append("'resources' must map each resource (a tag of the spec) to its fixtures")
        return Fixtures()
    known = {resource.name: resource for resource in api.resources}
    by_resource: dict[str, ResourceFixtures] = {}
    for name, entry in entries.items():
        resource = known.get(str(name))
        if resource is None:
            problems.append(
                f"resources.{name}: the spec has no resource '{name}' "
                f"(its resources: {', '.join(known) or 'none'})"
            )
            continue
        if not isinstance(entry, dict) or set(entry) - {"create", "values", "existing"}:
            problems.append(
                f"resources.{name}: give 'create', 'values' and/or 'existing', nothing else"
            )
            continue
        by_resource[resource.name] = _resource(api, resource.name, entry, problems)
    return Fixtures(by_resource)


def _resource(api: Api, name: str, entry: dict[str, Any], problems: list[str]) -> ResourceFixtures:
    assert api.schemas is not None
    resource = api.resource(name)
    create = resource.operation("create")
    update = resource.operation("update")
    bodies: list[dict[str, Any]] = []
    raw_bodies = entry.get("create") or []
    if raw_bodies and (create is None or create.body is None):
        problems.append(f"resources.{name}.create: '{name}' has no create operation with a body")
    elif not isinstance(raw_bodies, list):
        problems.append(f"resources.{name}.create: must be a list of bodies")
    elif create is not None and create.body is not None:
        pointer = next(iter(create.body.schema_pointers.values()))
        for index, body in enumerate(raw_bodies):
            errors = api.schemas.errors(pointer, body)
            if errors:
                problems.append(
                    f"resources.{name}.create[{index}]: not a valid body for {create.label}: "
                    + "; ".join(error.message for error in errors[:3])
                )
            elif isinstance(body, dict):
                bodies.append(dict(body))
    values: dict[str, tuple[Any, ...]] = {}
    raw_values = entry.get("values") or {}
    if not isinstance(raw_values, dict):
        problems.append(f"resources.{name}.values: must map attributes to lists of values")
        raw_values = {}
    for attribute, given in raw_values.items():
        where = f"resources.{name}.values.{attribute}"
        fields = [
            f
            for op in (create, update)
            if op is not None and op.body is not None
            for f in op.body.fields
            if f.name == attribute
        ]
        if not fields:
            problems.append(f"{where}: neither create nor update of '{name}' takes '{attribute}'")
            continue
        if not isinstance(given, list) or not given:
            problems.append(f"{where}: must be a non-empty list of values")
            continue
        for value in given:
            if not any(api.schemas.is_valid(f.pointer, value) for f in fields):
                problems.append(f"{where}: {value!r} is not a valid '{attribute}' for the spec")
        values[str(attribute)] = tuple(given)
    return ResourceFixtures(tuple(bodies), values, _existing(api, name, entry, problems))


def _existing(api: Api, name: str, entry: dict[str, Any], problems: list[str]) -> tuple[Any, ...]:
    """The ids of `existing`: a non-empty list of distinct ids of the form the spec gives."""
    if "existing" not in entry:
        return ()
    where = f"resources.{name}.existing"
    given = entry["existing"]
    resource = api.resource(name)
    id_parameter = resource.id_parameter
    if resource.operation("get") is None or id_parameter is None:
        problems.append(
            f"{where}: '{name}' has no get operation on an item path, so the suite can neither "
            "check nor read existing objects of it; leave 'existing' out"
        )
        return ()
    if not isinstance(given, list) or not given:
        problems.append(f"{where}: must be a non-empty list of ids of objects of the account")
        return ()
    found: list[Any] = []
    for index, value in enumerate(given):
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            problems.append(f"{where}[{index}]: {value!r} is not an id (a string or an integer)")
        elif value in found:
            problems.append(f"{where}[{index}]: {value!r} is named twice")
        else:
            found.append(value)
    return tuple(found)
