"""Lint of the new spec: our conventions, in the same finding format as the diff.

What the loader already refuses (no operationId, an example that does not validate, a `$ref`
to nothing, a misused `x-protocol-` annotation) never reaches this point: the review stops
with exit status 2 and the loader's file:line errors.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

from protocol_codegen.languages import SDK_LANGUAGES
from protocol_spec import naming
from protocol_spec.build import SDK_METHOD
from protocol_spec.model import Api, Operation, Response
from protocol_spec.pointers import join, lookup

from .findings import Finding
from .places import Places
from .schema_view import view
from .sdk_surface import LANGUAGES, Surface, Symbol
from .values import equivalent

__all__ = ["ERROR_SCHEMA", "lint_findings"]

# The schema every 4xx/5xx response body uses (directly, or as the `$ref` of an `allOf`).
ERROR_SCHEMA = "/components/schemas/Error"


def lint_findings(places: Places, surfaces: dict[str, Surface]) -> list[Finding]:
    api = places.new.api
    findings: list[Finding] = []

    def add(rule_id: str, message: str, pointer: str, language: str | None = None) -> None:
        findings.append(places.finding(rule_id, message, "new", pointer, language))

    declared = {str(tag.get("name")) for tag in api.document.get("tags", [])}
    for op in api.operations:
        _operation(op, declared, add)
    for op in (*api.operations, *api.webhooks):
        for response in op.responses:
            _response(api, op, response, add)
    for model in api.models:
        for f in model.fields:
            if not f.description:
                add(
                    "lint-property-description",
                    f"property `{f.name}` of {model.name} has no description; the SDKs' doc "
                    "comments and the reference stay empty.",
                    f.pointer,
                )
    for op in api.operations:
        if op.body is not None and op.body.model is None:
            for f in op.body.fields:
                if not f.description:
                    add(
                        "lint-property-description",
                        f"attribute `{f.name}` of the {op.label} request body has no description.",
                        f.pointer,
                    )
    _semantics(api, add)
    for language, surface in surfaces.items():
        _names(language, surface, add)
    return findings


class _Add(Protocol):
    def __call__(
        self, rule_id: str, message: str, pointer: str, language: str | None = None
    ) -> None: ...


def _operation(op: Operation, declared: set[str], add: _Add) -> None:
    if not op.summary:
        add(
            "lint-summary",
            f"{op.label} has no summary; SDK doc comments start with it.",
            op.pointer,
        )
    if not op.description:
        add("lint-description", f"{op.label} has no description.", op.pointer)
    for tag in op.tags[:1]:
        if tag not in declared:
            add(
                "lint-tag",
                f"{op.label} has the tag `{tag}`, which is not declared under `tags`; its "
                "resource gets no description.",
                join(op.pointer, "tags"),
            )
    if naming.method_name_from_operation_id(op.operation_id, op.tags[0]) is None:
        add(
            "lint-method-name",
            f"operationId `{op.operation_id}` of {op.label} yields no method name from its tag "
            f"`{op.tags[0]}`; only `{SDK_METHOD}` names it. Rename it verb + resource.",
            join(op.pointer, "operationId"),
        )


def _response(api: Api, op: Operation, response: Response, add: _Add) -> None:
    what = f"the {response.status} response of {op.label}"
    if response.content_types and not response.examples:
        add(
            "lint-response-example",
            f"{what} has no example; the reference and the mock server have nothing to show.",
            response.pointer,
        )
    if response.status[0] not in "45" and response.status != "default":
        return
    uses_error = False
    if response.schema_pointer is not None:
        schema = lookup(api.document, response.schema_pointer)
        uses_error = ERROR_SCHEMA in view(api.document, [(schema, response.schema_pointer)]).refs
    if not uses_error:
        add(
            "lint-error-schema",
            f"{what} does not use the `{ERROR_SCHEMA.rsplit('/', 1)[-1]}` schema; clients "
            "read the error type and message from it.",
            response.schema_pointer or response.pointer,
        )


def _semantics(api: Api, add: _Add) -> None:
    """The model's gaps, and what the annotations need from the schemas beyond them."""
    for resource in api.resources:
        for gap in resource.gaps:
            add("lint-semantic-gap", f"{gap.problem}; {gap.fix}.", gap.pointer)
        for op in resource.operations:
            pagination = op.pagination
            limit = (
                op.parameter(pagination.limit_param)
                if pagination and pagination.limit_param
                else None
            )
            if limit is not None and (limit.constraints.maximum is None or not limit.has_default):
                add(
                    "lint-annotation-inconsistent",
                    f"`{limit.name}` is the page size of {op.label} but has no "
                    f"{'maximum' if limit.constraints.maximum is None else 'default'}; clients "
                    "cannot know how many objects a page holds.",
                    limit.schema_pointer,
                )
            if pagination is not None and pagination.item.name:
                _cursors(api, op, add)


def _cursors(api: Api, op: Operation, add: _Add) -> None:
    """A cursor parameter takes a value of the listed objects' cursor attribute: the two
    schemas must allow the same values, or valid cursors get refused (or invalid ones pass)."""
    pagination = op.pagination
    assert pagination is not None and pagination.item.name is not None
    attribute = api.model(pagination.item.name).field(pagination.cursor_field)
    if attribute is None:
        return
    cursor_view = view(api.document, [(lookup(api.document, attribute.pointer), attribute.pointer)])
    for name in pagination.cursor_params:
        param = op.parameter(name)
        if param is None:
            continue
        param_view = view(
            api.document, [(lookup(api.document, param.schema_pointer), param.schema_pointer)]
        )
        if not equivalent(api.document, api.document, cursor_view, param_view):
            add(
                "lint-annotation-inconsistent",
                f"`{name}` of {op.label} takes the `{pagination.cursor_field}` of a "
                f"{pagination.item.name} as its cursor, but their schemas allow different values.",
                param.schema_pointer,
            )


def _names(language: str, surface: Surface, add: _Add) -> None:
    """Collisions and renamed reserved words, in every scope of one SDK's surface."""
    name = LANGUAGES[language]
    ignore_case = SDK_LANGUAGES[language].type_names_ignore_case

    def scope(symbols: Iterable[Symbol], where: str) -> None:
        seen: dict[str, list[Symbol]] = defaultdict(list)
        for symbol in symbols:
            key = symbol.key.lower() if ignore_case and symbol.kind == "model" else symbol.key
            seen[f"{symbol.kind}:{key}"].append(symbol)
            if symbol.natural and symbol.natural != symbol.key:
                add(
                    "lint-reserved-word",
                    f"{name}: `{symbol.natural}` is reserved or not an identifier, so the SDK "
                    f"calls it `{symbol.key}`{where}.",
                    symbol.pointer,
                    language,
                )
            scope(symbol.children, f" in `{symbol.display}`")
        for clashing in seen.values():
            if len(clashing) > 1:
                # The spec's own names: the wire name of a parameter or field.
                naturals = ", ".join(f"`{s.anchor or s.natural or s.key}`" for s in clashing)
                add(
                    "lint-name-collision",
                    f"{name}: {naturals} all become `{clashing[0].key}`{where}; the generated "
                    "code cannot hold them both.",
                    clashing[-1].pointer,
                    language,
                )

    scope(surface, "")
