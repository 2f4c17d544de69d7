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

Every attribute named in either place gets only the values the file names for it. Everything
is checked against the spec before the run starts: a mistake is a `FixturesError` (exit 2).
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
        if not isinstance(entry, dict) or set(entry) - {"create", "values"}:
            problems.append(f"resources.{name}: give 'create' and/or 'values', nothing else")
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
    return ResourceFixtures(tuple(bodies), values)
