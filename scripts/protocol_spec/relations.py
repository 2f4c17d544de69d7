"""How resources relate: references, objects created alongside, inverse lists, filters through a
reference, file uploads (`x-protocol-reference`, `-alongside`, `-inverse`, `-file`, and
`x-protocol-filter`'s `through`).

`relation_fields` reads the extensions into a `Field` (their form is checked by the
vocabulary); `check_relations` then checks that what they name exists and fits, once every
resource is known, and that a list declares no query parameter it would ignore. Mistakes are
spec errors with file, line, pointer and fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from .errors import SpecError
from .loaded import LoadedSpec
from .messages import kind_words
from .model import Field, FileRole, Inverse, Model, Operation, Reference, Resource, TypeRef
from .pointers import join, lookup

__all__ = [
    "ALONGSIDE",
    "FILE",
    "INVERSE",
    "MULTIPART",
    "REFERENCE",
    "check_relations",
    "relation_fields",
]

REFERENCE = "x-protocol-reference"
ALONGSIDE = "x-protocol-alongside"
INVERSE = "x-protocol-inverse"
FILE = "x-protocol-file"
MULTIPART = "multipart/form-data"
_FILE_ROLES: tuple[FileRole, ...] = ("content", "name", "media-type", "size", "url")
_FILE_TYPES: dict[str, str] = {
    "content": "string",
    "name": "string",
    "media-type": "string",
    "size": "integer",
    "url": "string",
}


def relation_fields(flat: Mapping[str, Any], type_ref: TypeRef) -> dict[str, Any]:
    """The `Field` arguments the relation extensions of a property give (well-formed ones)."""
    found: dict[str, Any] = {}
    raw = flat.get(REFERENCE)
    if isinstance(raw, dict) and isinstance(raw.get("resource"), str):
        inner = type_ref.items if type_ref.kind == "array" and type_ref.items else type_ref
        on_delete = raw.get("onDelete")
        found["reference"] = Reference(
            resource=raw["resource"],
            on_delete=on_delete if on_delete in ("cascade", "clear", "refuse") else "refuse",
            touch=raw["touch"] if isinstance(raw.get("touch"), str) else None,
            many=type_ref.kind == "array",
            embedded=inner.kind == "model",
        )
    raw = flat.get(ALONGSIDE)
    if isinstance(raw, dict) and isinstance(raw.get("attribute"), str):
        found["alongside"] = raw["attribute"]
    raw = flat.get(INVERSE)
    if isinstance(raw, dict) and all(
        isinstance(raw.get(k), str) for k in ("resource", "attribute")
    ):
        found["inverse"] = Inverse(raw["resource"], raw["attribute"])
    raw = flat.get(FILE)
    if raw in _FILE_ROLES:
        found["file"] = raw
    return found


def check_relations(
    spec: LoadedSpec,
    models: Mapping[str, Model],
    resources: Sequence[Resource],
    errors: list[SpecError],
) -> None:
    _Check(spec, models, resources, errors).run()


class _Check:
    def __init__(
        self,
        spec: LoadedSpec,
        models: Mapping[str, Model],
        resources: Sequence[Resource],
        errors: list[SpecError],
    ) -> None:
        self.spec = spec
        self.models = models
        self.errors = errors
        self.by_tag = {r.name: r for r in resources if r.model is not None}
        self.owner = {r.model: r for r in resources if r.model is not None}
        self.upload_bodies = {
            op.body.model: op
            for r in resources
            for op in r.operations
            if op.body is not None and op.body.model and MULTIPART in op.body.content_types
        }

    def fail(self, at: str, problem: str, fix: str) -> None:
        self.errors.append(self.spec.error(at, problem, fix))

    def run(self) -> None:
        for model in self.models.values():
            resource = self.owner.get(model.name)
            for f in model.fields:
                if resource is None:
                    self._outside_a_resource(model, f)
                    continue
                if f.reference is not None:
                    self._reference(f)
                if f.alongside is not None:
                    self._alongside(resource, f)
                if f.inverse is not None:
                    self._inverse(resource, f)
                if f.file is not None:
                    self._file(resource, f)
        for resource in self.by_tag.values():
            listing = resource.operation("list")
            if listing is not None and listing.pagination is not None:
                self._list_parameters(resource, listing)

    # -- references -----------------------------------------------------------------------

    def _target(self, at: str, name: str, what: str) -> tuple[Resource, Model] | None:
        resource = self.by_tag.get(name)
        model = self.models.get(resource.model or "") if resource else None
        if resource is None or model is None:
            known = sorted(self.by_tag)
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            self.fail(
                at,
                f"{what} names the resource '{name}', but no tag of the spec is a resource "
                "with a schema by that name",
                f"{hint}name one of: {', '.join(known)}",
            )
            return None
        return resource, model

    def _reference(self, f: Field) -> None:
        assert f.reference is not None
        at = join(f.pointer, REFERENCE)
        found = self._target(
            join(at, "resource"), f.reference.resource, f"'{REFERENCE}' of '{f.name}'"
        )
        if found is None:
            return
        target, target_model = found
        inner = f.type.items if f.type.kind == "array" and f.type.items else f.type
        if inner.kind not in ("string", "model") or (
            inner.kind == "model" and inner.name != target_model.name
        ):
            self.fail(
                at,
                f"'{f.name}' refers to {target.name}, but it is {kind_words(f.type, detailed=True)}",
                f"give it the id's type (`type: string`, or an array of them) or "
                f"{target_model.name}'s schema (`$ref`, or an array of them)",
            )
        if f.reference.on_delete == "clear" and not (f.reference.many or f.nullable):
            self.fail(
                join(at, "onDelete"),
                f"deleting a {target.singular} clears '{f.name}', but '{f.name}' is not nullable",
                "make it nullable (type: [string, 'null']), or use `onDelete: cascade` or `refuse`",
            )
        touch = f.reference.touch
        if touch is not None:
            touched = target_model.field(touch)
            if touched is None or touched.type.kind != "integer":
                self.fail(
                    join(at, "touch"),
                    f"'{REFERENCE}' of '{f.name}' touches '{touch}', but {target_model.name} has "
                    "no integer attribute by that name",
                    _name_one(
                        touch, [a.name for a in target_model.fields if a.type.kind == "integer"]
                    ),
                )

    def _alongside(self, resource: Resource, f: Field) -> None:
        at = join(f.pointer, ALONGSIDE)
        if f.reference is None or f.reference.many:
            self.fail(
                at,
                f"'{ALONGSIDE}' on '{f.name}' says an object is created alongside, but "
                f"'{f.name}' is no single `{REFERENCE}`",
                f"add `{REFERENCE}: {{resource: <tag>, onDelete: clear}}` beside it",
            )
            return
        if not f.read_only:
            self.fail(
                at,
                f"the server sets '{f.name}' (created alongside), but it is not readOnly",
                "add `readOnly: true` beside it",
            )
        target = self.by_tag.get(f.reference.resource)
        target_model = self.models.get(target.model or "") if target else None
        if target_model is None:
            return  # the reference's own check reports it
        back = target_model.field(f.alongside or "")
        if back is None or back.reference is None or back.reference.resource != resource.name:
            self.fail(
                join(at, "attribute"),
                f"'{ALONGSIDE}' of '{f.name}' names '{f.alongside}', but {target_model.name} has "
                f"no attribute by that name referring to {resource.name}",
                _name_one(
                    f.alongside or "",
                    [
                        a.name
                        for a in target_model.fields
                        if a.reference and a.reference.resource == resource.name
                    ],
                    f"give {target_model.name} a `{REFERENCE}` to {resource.name}",
                ),
            )

    def _inverse(self, resource: Resource, f: Field) -> None:
        assert f.inverse is not None
        at = join(f.pointer, INVERSE)
        found = self._target(join(at, "resource"), f.inverse.resource, f"'{INVERSE}' of '{f.name}'")
        if found is None:
            return
        target, target_model = found
        if f.type.kind != "array" or f.type.items is None or f.type.items.name != target_model.name:
            self.fail(
                at,
                f"'{f.name}' lists {target.name}, but it is {kind_words(f.type, detailed=True)}",
                f"give it `type: array` with `items: {{$ref: '#/components/schemas/"
                f"{target_model.name}'}}`",
            )
        back = target_model.field(f.inverse.attribute)
        ok = (
            back is not None
            and back.reference is not None
            and back.reference.resource == resource.name
            and not back.reference.many
            and back.nullable
        )
        if not ok:
            self.fail(
                join(at, "attribute"),
                f"'{INVERSE}' of '{f.name}' names '{f.inverse.attribute}', but {target_model.name} "
                f"has no nullable attribute by that name referring to one {resource.singular}",
                _name_one(
                    f.inverse.attribute,
                    [
                        a.name
                        for a in target_model.fields
                        if a.reference and a.reference.resource == resource.name
                    ],
                    f"give {target_model.name} a nullable `{REFERENCE}` to {resource.name}",
                ),
            )

    # -- uploads --------------------------------------------------------------------------

    def _file(self, resource: Resource, f: Field) -> None:
        at = join(f.pointer, FILE)
        if f.file == "content":
            self.fail(
                at,
                f"'{f.name}' of {resource.model} is the upload's `content`, which is a part of "
                "the create body, not an attribute of the object",
                f"put `{FILE}: content` on the file property of the create operation's "
                f"{MULTIPART} body",
            )
            return
        assert f.file is not None
        wanted = _FILE_TYPES[f.file]
        if f.type.kind != wanted or f.nullable:
            self.fail(
                at,
                f"'{f.name}' holds the upload's {f.file}, but it is {kind_words(f.type, detailed=True)}",
                f"give it `type: {wanted}`",
            )
        if f.file != "name" and not f.read_only:
            self.fail(
                at,
                f"the server reads '{f.name}' from the upload, but it is not readOnly",
                "add `readOnly: true` beside it (only the file's name may be changed later)",
            )
        if f.file == "size" and f.constraints.maximum is None:
            self.fail(
                at,
                f"'{f.name}' is the upload's size, but no `maximum` says the largest file accepted",
                "add `maximum: <bytes>`, e.g. `maximum: 10485760` (10 MiB)",
            )
        create = resource.operation("create")
        body = create.body if create is not None else None
        if body is None or MULTIPART not in body.content_types:
            self.fail(
                at,
                f"'{f.name}' is read from an upload, but creating a {resource.singular} takes "
                f"no {MULTIPART} body",
                f"give the create operation a {MULTIPART} body with a property marked "
                f"`{FILE}: content`",
            )
        elif not any(part.file == "content" for part in body.fields):
            self.fail(
                at,
                f"'{f.name}' is read from an upload, but the {MULTIPART} body of creating a "
                f"{resource.singular} marks no part as the file",
                f"mark the file's property `{FILE}: content` (type: string, contentMediaType)",
            )

    def _outside_a_resource(self, model: Model, f: Field) -> None:
        """Relation extensions belong on a resource's schema; the file's content on an upload
        body."""
        if f.file == "content":
            op = self.upload_bodies.get(model.name)
            if op is None:
                self.fail(
                    join(f.pointer, FILE),
                    f"'{f.name}' of {model.name} is an upload's content, but no create operation "
                    f"takes {model.name} as a {MULTIPART} body",
                    f"use {model.name} as the {MULTIPART} body of a create operation",
                )
            elif f.type.kind != "string":
                self.fail(
                    join(f.pointer, FILE),
                    f"'{f.name}' is an upload's content, but it is {kind_words(f.type, detailed=True)}",
                    "give it `type: string` with `contentMediaType: application/octet-stream`",
                )
            return
        for key, present in (
            (REFERENCE, f.reference),
            (ALONGSIDE, f.alongside),
            (INVERSE, f.inverse),
            (FILE, f.file),
        ):
            if present is not None:
                self.fail(
                    join(f.pointer, key),
                    f"'{key}' sits on {model.name}.{f.name}, but {model.name} is no resource's "
                    "schema (what its get returns)",
                    "put it on the resource's schema; request bodies send ids and the server "
                    "reads the meaning from the resource",
                )

    # -- lists ----------------------------------------------------------------------------

    def _list_parameters(self, resource: Resource, listing: Operation) -> None:
        page = listing.pagination
        assert page is not None
        model = self.models.get(resource.model or "")
        paging = {*page.cursor_params, page.limit_param}
        for param in listing.query_params:
            if param.name in paging:
                continue
            if param.filter is None:
                if "x-protocol-filter" in lookup(self.spec.document, param.pointer):
                    continue  # a malformed filter: reported where it is checked
                self.fail(
                    param.pointer,
                    f"the query parameter '{param.name}' of '{listing.operation_id}' is neither a "
                    "filter, a cursor nor the page size: the list would ignore it",
                    "say which attribute it narrows by with `x-protocol-filter: {attribute: ...}`, "
                    "or remove it",
                )
            elif param.filter.through is not None and model is not None:
                self._through(param.pointer, param.filter.attribute, param.filter.through, model)

    def _through(self, pointer: str, attribute: str, through: str, model: Model) -> None:
        at = join(pointer, "x-protocol-filter")
        via = model.field(through)
        if via is None or via.reference is None or via.reference.many:
            self.fail(
                join(at, "through"),
                f"the filter goes through '{through}', but {model.name} has no single "
                f"`{REFERENCE}` attribute by that name",
                _name_one(
                    through,
                    [f.name for f in model.fields if f.reference and not f.reference.many],
                    f"give {model.name} a `{REFERENCE}` attribute to go through",
                ),
            )
            return
        target = self.by_tag.get(via.reference.resource)
        target_model = self.models.get(target.model or "") if target else None
        if target_model is not None and target_model.field(attribute) is None:
            self.fail(
                join(at, "attribute"),
                f"the filter compares '{attribute}' of what '{through}' names, but "
                f"{target_model.name} has no such attribute",
                _name_one(attribute, [f.name for f in target_model.fields]),
            )


def _name_one(name: str, candidates: Sequence[str], otherwise: str = "") -> str:
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    if candidates:
        return f"{hint}name one of: {', '.join(candidates)}"
    return otherwise or "add it first"
