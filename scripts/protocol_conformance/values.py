"""Values to send, from the spec: its examples first, then what its constraints allow.

Every value is checked against the attribute's own schema before it is offered, so the
scenario never sends something the spec forbids by accident. Attributes the fixtures file
names get only the file's values (a real server checks references; see fixtures.py).
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from protocol_conformance.fixtures import ResourceFixtures
from protocol_conformance.references import BodyReference
from protocol_spec import Api
from protocol_spec.model import Field, Resource
from protocol_spec.semantics import id_format

__all__ = ["DrawIds", "ValueSource", "form_encodable", "form_text"]

# (target resource, how many, ids to avoid) -> ids of the owner's objects of that resource.
DrawIds = Callable[[str, int, Collection[Any]], list[Any]]

_ALPHANUMERIC = string.ascii_letters + string.digits
# The `format`s of strings the suite draws values of (never free text, which a server that
# checks the format rightly refuses).
_FORMATS = frozenset({"uri", "uri-reference", "email", "date-time", "date"})


def form_text(value: Any) -> str:
    """How a form body writes a value: booleans `true`/`false`, null the word `null`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def form_encodable(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


class ValueSource:
    """The values of one resource's attributes."""

    def __init__(
        self,
        api: Api,
        resource: Resource,
        fixtures: ResourceFixtures,
        references: Mapping[str, BodyReference] | None = None,
        draw_ids: DrawIds | None = None,
    ) -> None:
        assert api.schemas is not None
        # Attributes that name other objects: their values are ids of real objects (none
        # without `draw_ids`, since made-up ids name nothing).
        self.references = {
            name: r for name, r in (references or {}).items() if name not in fixtures.fixed()
        }
        self.draw_ids = draw_ids
        self.api = api
        self.schemas = api.schemas
        self.resource = resource
        self.fixed = fixtures.fixed()
        self.rng = random.Random()  # a fresh draw each run: values no earlier run left behind
        self._examples = _examples(resource)

    def valid(self, f: Field, value: Any) -> bool:
        return bool(self.schemas.is_valid(f.pointer, value))

    def is_fixed(self, name: str) -> bool:
        return name in self.fixed

    def samples(self, f: Field) -> list[Any]:
        """Distinct valid non-null values: the fixtures' only, else examples then constraints."""
        if f.name in self.fixed:
            return [v for v in self.fixed[f.name] if v is not None]
        if f.name in self.references:
            return self._referred(f, [])
        found: list[Any] = []
        for value in [*self._examples.get(f.name, []), *self._generated(f)]:
            if value is not None and value not in found and self.valid(f, value):
                found.append(value)
        return found

    def fresh(self, f: Field, avoid: Collection[Any] = ()) -> Any:
        """A valid non-null value not in `avoid` (drawn at random where the schema allows);
        None when there is none."""
        if f.name in self.references:
            return next(iter(self._referred(f, avoid, fresh=True)), None)
        if f.name not in self.fixed:
            for _ in range(20):
                value = self._draw(f)
                if value is not None and value not in avoid and self.valid(f, value):
                    return value
        return next((v for v in self.samples(f) if v not in avoid), None)

    def boundaries(self, f: Field) -> list[Any]:
        """The edges the schema allows (a minimum of 0 is a value like any other)."""
        if f.name in self.fixed or f.name in self.references:
            return []
        c = f.constraints
        kind = f.type.kind
        found: list[Any] = []
        if kind in ("integer", "number"):
            for bound in (c.minimum, c.maximum):
                if bound is not None:
                    found.append(int(bound) if kind == "integer" else bound)
        elif (
            kind == "string"
            and c.pattern is None
            and c.min_length is not None
            and f.type.format not in _FORMATS
        ):
            found.append(self._text(c.min_length, c.min_length))
        return [v for v in found if self.valid(f, v)]

    def variants(self, f: Field, base: Any) -> list[Any]:
        """Near misses of a string: another case, another last character, a longer value.
        A filter that matches exactly must tell each of them from `base`."""
        if not isinstance(base, str) or not base or f.name in self.fixed:
            return []
        if f.name in self.references:
            return []  # a near miss of an id names nothing: refused, not filtered
        last = base[-1]
        other = next(c for c in _ALPHANUMERIC if c not in (last, last.swapcase()))
        candidates = [base.swapcase(), base[:-1] + other, base + other]
        return [v for v in dict.fromkeys(candidates) if v != base and self.valid(f, v)]

    def _referred(self, f: Field, avoid: Collection[Any], fresh: bool = False) -> list[Any]:
        """Ids of real objects for a reference: two (none in `avoid`) for one id, else lists
        of none, one and two ids; only one value, unused, with `fresh`."""
        reference = self.references[f.name]
        if self.draw_ids is None:
            return []
        flat = [i for v in avoid for i in (v if isinstance(v, list) else [v])]
        ids = self.draw_ids(reference.target, 1 if fresh else 2, flat)
        if not reference.many:
            found: list[Any] = ids
        elif fresh:
            found = [ids[:1]] if ids else []
        else:
            found = [[], ids[:1], ids[:2]] if ids else [[]]
        return [v for v in found if self.valid(f, v)]

    # -- generation ------------------------------------------------------------------------

    def _generated(self, f: Field) -> Iterable[Any]:
        kind = f.type.kind
        if kind == "boolean":
            return [True, False]
        if kind == "enum":
            return list(f.type.values)
        if kind in ("integer", "number", "string"):
            drawn = [self._draw(f) for _ in range(3)]
            return [*drawn, *self.boundaries(f)]
        if kind == "array":
            item = "conformance" if f.type.items and f.type.items.kind == "string" else None
            return [[], [item]] if item is not None else [[]]
        return []

    def _draw(self, f: Field) -> Any:
        kind = f.type.kind
        c = f.constraints
        if kind == "boolean":
            return self.rng.choice([True, False])
        if kind == "enum":
            return self.rng.choice(f.type.values) if f.type.values else None
        if kind in ("integer", "number"):
            low = c.minimum if c.minimum is not None else 0
            if c.exclusive_minimum is not None:
                low = max(low, c.exclusive_minimum + 1)
            high = c.maximum if c.maximum is not None else low + 1_000_000
            if c.exclusive_maximum is not None:
                high = min(high, c.exclusive_maximum - 1)
            if high < low:
                return None
            value = self.rng.randint(int(-(-low // 1)), int(high // 1))
            return value if kind == "integer" else value + 0.5 if value + 0.5 <= high else value
        if kind == "string":
            shaped = self._formatted(f)
            if shaped is not None or f.type.format in _FORMATS:
                return shaped
            if c.pattern is not None:
                shape = id_format(c.pattern)
                if shape is None:
                    return None  # a pattern we cannot draw from: examples only
                return "".join(self.rng.choice(shape.alphabet) for _ in range(shape.length))
            return self._text(c.min_length or 0, c.max_length)
        return None

    def _formatted(self, f: Field) -> str | None:
        """A value of the attribute's `format` (a URL, an address, a time) within its length,
        or None when the format is not one the suite draws (or does not fit)."""
        token = "".join(self.rng.choice(_ALPHANUMERIC) for _ in range(10)).lower()
        value = {
            "uri": f"https://conformance.example/{token}",
            "uri-reference": f"https://conformance.example/{token}",
            "email": f"conformance.{token}@example.com",
            "date-time": "2001-02-03T04:05:06Z",
            "date": "2001-02-03",
        }.get(f.type.format or "")
        c = f.constraints
        if value is None or len(value) < (c.min_length or 0):
            return None
        return value if c.max_length is None or len(value) <= c.max_length else None

    def _text(self, low: int, high: int | None) -> str:
        token = "".join(self.rng.choice(_ALPHANUMERIC) for _ in range(10))
        text = f"conformance {token}"
        if len(text) < low:
            text += "x" * (low - len(text))
        return text if high is None else text[:high]


def _examples(resource: Resource) -> dict[str, list[Any]]:
    """Every example value the spec gives for each attribute of the resource's bodies."""
    found: dict[str, list[Any]] = {}

    def add(name: str, value: Any) -> None:
        found.setdefault(name, [])
        if value not in found[name]:
            found[name].append(value)

    for op in resource.operations:
        if op.body is None:
            continue
        for examples in op.body.examples.values():
            for example in examples:
                if isinstance(example.value, dict):
                    for name, value in example.value.items():
                        add(name, value)
        for f in op.body.fields:
            if f.has_example:
                add(f.name, f.example)
    return found
