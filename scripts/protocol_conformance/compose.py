"""Create bodies for a resource, and what a new object must then look like.

Bodies start from the fixtures file's create bodies, else the spec's create examples, else the
least the create schema requires; attributes a check wants set are added, and every body is
validated against the create schema before it is sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from protocol_conformance.fixtures import ResourceFixtures
from protocol_conformance.plan import ResourcePlan
from protocol_conformance.references import BodyReference
from protocol_conformance.values import DrawIds, ValueSource, form_encodable, form_text
from protocol_spec import Api

__all__ = [
    "ABSENT",
    "FORM",
    "JSON",
    "MULTIPART",
    "UPLOAD_NAME",
    "UPLOAD_TYPE",
    "Composer",
    "Encoded",
    "Way",
    "encodable",
    "encode",
]

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
# What the suite uploads where a body takes a file (`x-protocol-file: content`): a small text
# file of its own, under this name and media type.
UPLOAD_NAME = "conformance.txt"
UPLOAD_TYPE = "text/plain"
_BOUNDARY = "conformance-boundary-7f3a9c"


class _Absent:
    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()  # "leave this attribute out of the body"


@dataclass(frozen=True)
class Encoded:
    content_type: str
    json_body: Any = None
    form: list[tuple[str, str]] | None = None
    raw: tuple[str, str] | None = None  # (content type, text): a multipart body


def encode(body: dict[str, Any], content_type: str, files: frozenset[str] = frozenset()) -> Encoded:
    """`body` in `content_type`; in a multipart body, the attributes in `files` are file parts
    (UPLOAD_NAME, UPLOAD_TYPE) holding their text."""
    if content_type == FORM:
        return Encoded(FORM, form=[(name, form_text(value)) for name, value in body.items()])
    if content_type == MULTIPART:
        parts = []
        for name, value in body.items():
            if name in files:
                head = (
                    f'Content-Disposition: form-data; name="{name}"; filename="{UPLOAD_NAME}"\r\n'
                    f"Content-Type: {UPLOAD_TYPE}"
                )
            else:
                head = f'Content-Disposition: form-data; name="{name}"'
            parts.append(f"--{_BOUNDARY}\r\n{head}\r\n\r\n{form_text(value)}\r\n")
        text = "".join(parts) + f"--{_BOUNDARY}--\r\n"
        return Encoded(MULTIPART, raw=(f"{MULTIPART}; boundary={_BOUNDARY}", text))
    return Encoded(JSON, json_body=body)


def encodable(body: dict[str, Any], content_type: str) -> bool:
    if content_type == JSON:
        return True
    return content_type in (FORM, MULTIPART) and all(form_encodable(v) for v in body.values())


@dataclass(frozen=True)
class Way:
    """One way of creating: a body, in one content type."""

    body: dict[str, Any]
    content_type: str

    def describe(self) -> str:
        return f"{self.content_type} {self.body}"


class Composer:
    def __init__(
        self,
        api: Api,
        plan: ResourcePlan,
        fixtures: ResourceFixtures,
        *,
        references: Mapping[str, BodyReference] | None = None,
        draw_ids: DrawIds | None = None,
    ) -> None:
        assert api.schemas is not None
        self.schemas = api.schemas
        self.plan = plan
        self.references = dict(references or {})
        self.values = ValueSource(api, plan.resource, fixtures, self.references, draw_ids)
        self.fixtures = fixtures
        create = plan.create
        self.body = create.body if create is not None else None
        self._bases = self._base_bodies()

    @property
    def content_types(self) -> tuple[str, ...]:
        if self.body is None:
            return ()
        return tuple(t for t in self.body.content_types if t in (JSON, FORM, MULTIPART))

    @property
    def files(self) -> frozenset[str]:
        """The body's attributes that hold a file's bytes (`x-protocol-file: content`)."""
        if self.body is None:
            return frozenset()
        return frozenset(f.name for f in self.body.fields if f.file == "content")

    def encode(self, body: dict[str, Any], content_type: str) -> Encoded:
        return encode(body, content_type, self.files)

    def valid(self, body: dict[str, Any]) -> bool:
        if self.body is None:
            return False
        pointer = next(iter(self.body.schema_pointers.values()))
        return bool(self.schemas.is_valid(pointer, body))

    def ways(self) -> list[Way]:
        """Every way of creating the suite knows: each base body in each content type."""
        return [
            Way(body, content_type)
            for body in self._bases
            for content_type in self.content_types
            if encodable(body, content_type)
        ]

    def body_with(self, wanted: dict[str, Any]) -> dict[str, Any] | None:
        """A valid create body that sets `wanted` (ABSENT: leaves it out), or None."""
        present = {k: v for k, v in wanted.items() if v is not ABSENT}
        candidates = [
            {**{k: v for k, v in base.items() if k not in wanted}, **present}
            for base in self._bases
        ]
        candidates.append(present)
        return next((body for body in candidates if self.valid(body)), None)

    def _base_bodies(self) -> list[dict[str, Any]]:
        if self.body is None:
            return []
        if self.fixtures.create:
            return [dict(body) for body in self.fixtures.create]
        found: list[dict[str, Any]] = []
        for examples in self.body.examples.values():
            for example in examples:
                value = example.value
                if isinstance(value, dict) and self.valid(value) and value not in found:
                    found.append(dict(value))
        if found:
            return found
        least: dict[str, Any] = {}
        for f in self.body.fields:
            if f.file == "content":  # a file: the suite's own small text
                least[f.name] = "conformance upload"
            elif f.required:
                samples = self.values.samples(f)
                if samples:
                    least[f.name] = samples[0]
        return [least] if self.valid(least) else []

    def expected_new(self, sent: dict[str, Any]) -> dict[str, Any]:
        """What the spec says a new object holds for each attribute the server does not
        assign: the value sent, else the `default`, else null when nullable."""
        assert self.plan.model is not None
        expected: dict[str, Any] = {}
        for f in self.plan.model.fields:
            if f.assigned is not None or (f.server_set and f.name not in sent):
                continue
            known, initial = f.initial()
            if f.name in sent:
                expected[f.name] = sent[f.name]
            elif known:
                expected[f.name] = initial
        return expected
