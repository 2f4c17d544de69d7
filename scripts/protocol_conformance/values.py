"""Values to send, from the spec: its examples first, then what its constraints allow.

Every value is checked against the attribute's own schema before it is offered, so the
scenario never sends something the spec forbids by accident. Attributes the fixtures file
names get only the file's values (a real server checks references; see fixtures.py).
"""

from __future__ import annotations

import random
import string
from collections.abc import Collection, Iterable
from typing import Any

from protocol_conformance.fixtures import ResourceFixtures
from protocol_spec import Api
from protocol_spec.model import Field, Resource
from protocol_spec.semantics import id_format

__all__ = ["ValueSource", "form_encodable", "form_text"]

_ALPHANUMERIC = string.ascii_letters + string.digits


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

    def __init__(self, api: Api, resource: Resource, fixtures: ResourceFixtures) -> None:
        assert api.schemas is not None
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
        found: list[Any] = []
        for value in [*self._examples.get(f.name, []), *self._generated(f)]:
            if value is not None and value not in found and self.valid(f, value):
                found.append(value)
        return found

    def fresh(self, f: Field, avoid: Collection[Any] = ()) -> Any:
        """A valid non-null value not in `avoid` (drawn at random where the schema allows);
        None when there is none."""
        if f.name not in self.fixed:
            for _ in range(20):
                value = self._draw(f)
                if value is not None and value not in avoid and self.valid(f, value):
                    return value
        return next((v for v in self.samples(f) if v not in avoid), None)

    def boundaries(self, f: Field) -> list[Any]:
        """The edges the schema allows (a minimum of 0 is a value like any other)."""
        if f.name in self.fixed:
            return []
        c = f.constraints
        kind = f.type.kind
        found: list[Any] = []
        if kind in ("integer", "number"):
            for bound in (c.minimum, c.maximum):
                if bound is not None:
                    found.append(int(bound) if kind == "integer" else bound)
        elif kind == "string" and c.pattern is None and c.min_length is not None:
            found.append(self._text(c.min_length, c.min_length))
        return [v for v in found if self.valid(f, v)]

    def variants(self, f: Field, base: Any) -> list[Any]:
        """Near misses of a string: another case, another last character, a longer value.
        A filter that matches exactly must tell each of them from `base`."""
        if not isinstance(base, str) or not base or f.name in self.fixed:
            return []
        last = base[-1]
        other = next(c for c in _ALPHANUMERIC if c not in (last, last.swapcase()))
        candidates = [base.swapcase(), base[:-1] + other, base + other]
        return [v for v in dict.fromkeys(candidates) if v != base and self.valid(f, v)]

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
            if c.pattern is not None:
                shape = id_format(c.pattern)
                if shape is None:
                    return None  # a pattern we cannot draw from: examples only
                return "".join(self.rng.choice(shape.alphabet) for _ in range(shape.length))
            return self._text(c.min_length or 0, c.max_length)
        return None

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
