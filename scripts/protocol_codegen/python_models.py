"""Pydantic v2 models for the Python target, made by datamodel-code-generator (as a library).

`MODEL_OPTIONS` is the one place where its flags are chosen; each has a reason. The generator
runs in-process (no second interpreter) and without formatters: the whole tree is formatted
once, by the pinned ruff, in `protocol_codegen.formatting`.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import json
import os
import re
import signal
import threading
import warnings
from collections.abc import Callable
from typing import Any

import datamodel_code_generator as dmcg
from datamodel_code_generator import InputFileType, OpenAPIScope, PythonVersion
from datamodel_code_generator.enums import DataModelType, UnionMode

from protocol_codegen.errors import GeneratorError
from protocol_codegen.named_schemas import named_document
from protocol_codegen.reading import read_models
from protocol_codegen.sdk_view import SdkField, SdkModel, schema_pointers
from protocol_spec.model import Api

__all__ = [
    "MODEL_OPTIONS",
    "ModelNameMismatch",
    "ModelsInBackground",
    "reader_document",
    "render_models",
    "sdk_models",
]

MODEL_OPTIONS: dict[str, Any] = {
    # Read the document as OpenAPI and emit only components/schemas (webhook bodies included),
    # not inline parameter or response schemas: every type the client returns has a name.
    "input_file_type": InputFileType.OpenAPI,
    "openapi_scopes": [OpenAPIScope.Schemas],
    "output_model_type": DataModelType.PydanticV2BaseModel,
    "target_python_version": PythonVersion.PY_311,
    # Optional is not nullable: a field that may be left out is `bool | MISSING = MISSING`
    # and rejects null; only a spec-nullable one is `str | None | MISSING`.
    "use_missing_sentinel": True,
    "target_pydantic_version": "2.14",
    # Deterministic output: no timestamp; no formatter here (ruff runs once over all files).
    "disable_timestamp": True,
    "formatters": [],
    # Constraints as `Annotated[int, Field(ge=0)]`, not `conint(...)`, which mypy cannot read.
    "use_annotated": True,
    "field_constraints": True,
    # Aliases such as `Id` (a constrained string) become plain `str` fields, not RootModels.
    "collapse_root_models": True,
    # Inline enums are named after their model and field: `ErrorType`, not `Type`.
    "parent_scoped_naming": True,
    # Docstrings from the spec's descriptions, on classes and fields.
    "use_schema_description": True,
    "use_field_description": True,
    "use_double_quotes": True,
    # `ErrorType | str` must try the enum first; pydantic's default (smart) picks `str` for
    # any string, known value or not. datamodel-code-generator also writes it on `X | None`
    # (`anyOf: [X, {type: 'null'}]`), where pydantic refuses it at import: `_without_union_mode`
    # takes it off those.
    "union_mode": UnionMode.left_to_right,
    # An enum's default as its member (`= Role.signer`), which mypy takes for the enum's type.
    "set_default_enum_member": True,
}

_SCHEMAS = "/components/schemas/"


class ModelNameMismatch(GeneratorError):
    """The intermediate model names a type that datamodel-code-generator did not produce."""


_CLASS = re.compile(r"^class (\w+)\(", re.MULTILINE)


def reader_document(api: Api) -> dict[str, Any]:
    """The document as the models should read it: every model a client reads (see
    `protocol_codegen.reading`) keeps the attributes it does not know (`extra="allow"`, so
    `model.model_extra` holds them) and takes enum values it does not know as plain strings
    (`ErrorType | str`, tried in that order). Models the client only writes stay as strict
    as the spec says."""
    document = copy.deepcopy(dict(api.document))
    for schema in document.get("components", {}).get("schemas", {}).values():
        _unbounded_inner_scalars(schema)
        _nullable_maps(schema)
    # Named as the model names them, inline models (hoisted) and allOf parts included.
    document = named_document(api, document)
    schemas: dict[str, Any] = document["components"]["schemas"]
    for name in sorted(read_models(api) & schemas.keys()):
        _tolerant(schemas[name], document)
    return document


def _tolerant(schema: dict[str, Any], document: dict[str, Any]) -> None:
    """A model the client reads: undeclared attributes kept, unknown enum values taken; so
    are the objects written inline in it (which datamodel-code-generator names itself)."""
    schema["additionalProperties"] = True
    parts = [schema] + [
        p for p in schema.get("allOf", []) if isinstance(p, dict) and "$ref" not in p
    ]
    for part in parts:
        for name, prop in part.get("properties", {}).items():
            part["properties"][name] = _open_enum(prop, document)
            for inline in _inline_objects(part["properties"][name]):
                _tolerant(inline, document)


def _inline_objects(node: Any) -> list[dict[str, Any]]:
    """The object schemas written inline at `node`: itself, its items, its options."""
    if not isinstance(node, dict) or "$ref" in node:
        return []
    if "properties" in node:
        return [node]
    found = _inline_objects(node.get("items"))
    for key in ("anyOf", "oneOf"):
        for option in node.get(key) or ():
            found += _inline_objects(option)
    return found


def _nullable_maps(node: Any) -> None:
    """`type: [object, 'null']` with `additionalProperties` and no properties, written as
    `anyOf: [{type: object, ...}, {type: 'null'}]`: datamodel-code-generator keeps the values'
    type only from the second (`dict[str, float] | None`, not `dict[str, Any] | None`)."""
    if isinstance(node, list):
        for item in node:
            _nullable_maps(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _nullable_maps(value)
    declared = node.get("type")
    if (
        isinstance(declared, list)
        and sorted(map(str, declared)) == ["null", "object"]
        and isinstance(node.get("additionalProperties"), dict)
        and "properties" not in node
    ):
        described = {k: node.pop(k) for k in ("description", "default", "example") if k in node}
        the_map = {**node, "type": "object"}
        node.clear()
        node.update({"anyOf": [the_map, {"type": "null"}], **described})


# What bounds a value without changing its type (datamodel-code-generator gives an inline
# item that has one a class of its own, `MessageReactionsAdditionalPropertyItem(RootModel[str])`).
_BOUNDS = frozenset(
    {
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minItems",
        "maxItems",
        "uniqueItems",
    }
)


def _unbounded_inner_scalars(node: Any, inner: bool = False) -> None:
    """Drop the bounds of inline array items and map values that are not objects, so that a
    map of lists of strings is `dict[str, list[str]]` and a list of bounded strings is
    `list[str]`, as a person would write them, not a chain of root-model classes. The server
    checks those bounds; the models keep every bound of a model's own attributes."""
    if isinstance(node, list):
        for item in node:
            _unbounded_inner_scalars(item, inner)
        return
    if not isinstance(node, dict):
        return
    if inner and "$ref" not in node and "properties" not in node:
        for key in _BOUNDS & node.keys():
            del node[key]
    for key, value in node.items():
        if key in ("items", "additionalProperties"):
            _unbounded_inner_scalars(value, inner=True)
        elif key == "properties" and isinstance(value, dict):
            for child in value.values():
                _unbounded_inner_scalars(child)
        elif key in ("anyOf", "oneOf", "allOf"):
            _unbounded_inner_scalars(value, inner)


def _open_enum(prop: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    """An enum property that also takes any other string; other properties as they are."""
    target = prop
    ref = prop.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        target = document["components"]["schemas"].get(ref.rsplit("/", 1)[1], {})
    if not isinstance(target.get("enum"), list):
        return prop
    declared = target.get("type")
    types: list[Any] = declared if isinstance(declared, list) else [declared]
    nullable = "null" in types
    described = {k: v for k, v in prop.items() if k in ("description", "default", "example")}
    known = {k: v for k, v in prop.items() if k not in described}
    if nullable and "$ref" not in known:
        known["type"] = [t for t in types if t != "null"] or "string"
    options = [known, {"type": "string"}] + ([{"type": "null"}] if nullable else [])
    return {"anyOf": options, **described}


class ModelsInBackground:
    """`render_models(api, header)` in a child process, so that datamodel-code-generator (the
    slowest part of generation) runs on the other core while this process does the rest;
    `result()` collects it, `cancel()` ends it. Without `fork`, or in a process running other
    threads (a fork copies their locks, held or not), it renders inline at `result()` instead.
    Either way the bytes are the same: the child runs the same function on the same model."""

    def __init__(self, api: Api, header: str) -> None:
        self._api, self._header = api, header
        self._child: tuple[int, int] | None = None  # (pid, the pipe's read end)
        if hasattr(os, "fork") and threading.active_count() == 1:
            self._child = _fork(lambda: _generate(api, header))

    def result(self) -> tuple[str, tuple[str, ...]]:
        if self._child is None:
            return render_models(self._api, self._header)
        pid, read_end = self._child
        self._child = None
        with os.fdopen(read_end, encoding="utf-8") as pipe:
            received = pipe.read()
        os.waitpid(pid, 0)
        outcome = json.loads(received) if received else {"crash": "the child process died"}
        if "error" in outcome:
            raise GeneratorError(outcome["error"])
        if "crash" in outcome:
            raise GeneratorError(f"datamodel-code-generator failed: {outcome['crash']}")
        return _finish(self._api, outcome["text"])

    def cancel(self) -> None:
        if self._child is not None:
            pid, read_end = self._child
            self._child = None
            os.close(read_end)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _fork(generate: Callable[[], str]) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid != 0:
        os.close(write_end)
        return pid, read_end
    # The child: render, send the outcome as JSON, and leave without running the parent's cleanup.
    try:
        os.close(read_end)
        try:
            outcome = {"text": generate()}
        except GeneratorError as error:
            outcome = {"error": str(error)}
        except BaseException as error:  # noqa: BLE001 - the parent reports it, whatever it is
            outcome = {"crash": f"{type(error).__name__}: {error}"}
        with os.fdopen(write_end, "w", encoding="utf-8") as pipe:
            json.dump(outcome, pipe)
    finally:
        os._exit(0)


def render_models(api: Api, header: str) -> tuple[str, tuple[str, ...]]:
    """`models.py` for `api` and the names it defines (in file order)."""
    return _finish(api, _generate(api, header))


def _generate(api: Api, header: str) -> str:
    """datamodel-code-generator's module, as it writes it."""
    document = reader_document(api)
    if not document["components"]["schemas"]:
        return f"{header}\n\nfrom __future__ import annotations\n"  # an API without models
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its own deprecation notices are not our users' concern
        text = dmcg.generate(document, custom_file_header=header, **MODEL_OPTIONS)
    if not isinstance(text, str):
        raise ModelNameMismatch("datamodel-code-generator returned several modules, expected one")
    return _without_union_mode(text)


_UNION_MODE = "union_mode"
_NOT_A_CHOICE = {"None", "MISSING"}


def _without_union_mode(text: str) -> str:
    """`text` with `union_mode` taken off every annotation that is one type or null (and
    perhaps MISSING): pydantic accepts it only on a union of two types or more, and fails the
    import otherwise (`Unable to apply constraint 'union_mode' to schema of type 'model'`).
    `Annotated[Contact | None, Field(union_mode=...)]` becomes `Contact | None`; other
    arguments of `Field` stay. Edits the source by position, so the rest is byte for byte;
    nested annotations take one more pass each."""
    while True:
        edits = _union_mode_edits(text)
        if not edits:
            return text
        kept: list[tuple[int, int, str]] = []
        for start, end, replacement in sorted(edits):
            if not kept or start >= kept[-1][1]:  # one of two overlapping edits waits a pass
                kept.append((start, end, replacement))
        for start, end, replacement in reversed(kept):
            text = text[:start] + replacement + text[end:]


def _union_mode_edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of each `union_mode` to take off (see `_without_union_mode`)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(lineno: int, col: int) -> int:  # ast columns count UTF-8 bytes
        return starts[lineno - 1] + len(lines[lineno - 1].encode()[:col].decode())

    edits: list[tuple[int, int, str]] = []
    for node in ast.walk(ast.parse(text)):
        if not (isinstance(node, ast.Subscript) and ast.unparse(node.value) == "Annotated"):
            continue
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else []
        if len(parts) < 2 or len(_choices(parts[0])) > 1:
            continue
        for meta in parts[1:]:
            if not (isinstance(meta, ast.Call) and ast.unparse(meta.func) == "Field"):
                continue
            keywords = [k for k in meta.keywords if k.arg == _UNION_MODE]
            if not keywords:
                continue
            if len(parts) == 2 and len(meta.keywords) == 1 and not meta.args:
                inner = parts[0]
                start = offset(node.lineno, node.col_offset)
                end = offset(node.end_lineno or node.lineno, node.end_col_offset or 0)
                inner_text = text[
                    offset(inner.lineno, inner.col_offset) : offset(
                        inner.end_lineno or inner.lineno, inner.end_col_offset or 0
                    )
                ]
                edits.append((start, end, inner_text))
                continue
            (keyword,) = keywords
            start = offset(keyword.lineno, keyword.col_offset)
            end = offset(keyword.end_lineno or keyword.lineno, keyword.end_col_offset or 0)
            after = re.match(r"\s*,\s*", text[end:])
            if after:  # the comma and space after it go too
                end += after.end()
            else:  # the last argument: the comma before it goes
                before = re.search(r",\s*$", text[:start])
                start = before.start() if before else start
            edits.append((start, end, ""))
    return edits


def _choices(annotation: ast.expr) -> list[str]:
    """The types of a `|` union that are neither None nor MISSING."""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return _choices(annotation.left) + _choices(annotation.right)
    text = ast.unparse(annotation)
    return [] if text in _NOT_A_CHOICE else [text]


# `union_mode` on a model that may be null (`anyOf: [$ref, {type: 'null'}]`): pydantic refuses
# it when the module is imported, and `X | None` needs no order anyway.
_NULLABLE_MODEL_UNION = re.compile(
    r"Annotated\[(\w+) \| None, Field\(union_mode=[\"']left_to_right[\"']\)\]"
)


def _finish(api: Api, text: str) -> tuple[str, tuple[str, ...]]:
    text = _NULLABLE_MODEL_UNION.sub(r"\1 | None", text)
    text = _unshadowed_members(text)
    names = tuple(_CLASS.findall(text))
    missing = sorted(({m.name for m in api.models} | {e.name for e in api.enums}) - set(names))
    if missing:
        raise ModelNameMismatch(
            f"datamodel-code-generator produced no class named {', '.join(missing)}; "
            "the intermediate model and the generated models disagree on names "
            "(see protocol_spec.build)"
        )
    exports = ", ".join(f'"{name}"' for name in sorted(names))
    return f"{text.rstrip()}\n\n__all__ = [{exports}]\n", names


# A string enum's members that would shadow a method of `str` (Box's `title`, `upper`), which
# mypy refuses: `title_ = "title"` (the value is the spec's).
_STR_ENUM = re.compile(r"^class (\w+)\(StrEnum\):\n((?:(?:    .*)?\n)*)", re.MULTILINE)
_MEMBER = re.compile(r"^    (\w+) = ", re.MULTILINE)
_STR_ATTRIBUTES = frozenset(name for name in dir(str) if not name.startswith("_"))


def _unshadowed_members(text: str) -> str:
    renamed: list[tuple[str, str]] = []  # (enum, member)

    def enum_class(found: re.Match[str]) -> str:
        enum, body = found.group(1), found.group(2)

        def member(line: re.Match[str]) -> str:
            if line.group(1) not in _STR_ATTRIBUTES:
                return line.group(0)
            renamed.append((enum, line.group(1)))
            return f"    {line.group(1)}_ = "

        return f"class {enum}(StrEnum):\n" + _MEMBER.sub(member, body)

    text = _STR_ENUM.sub(enum_class, text)
    for enum, name in renamed:
        text = re.sub(rf"\b{enum}\.{name}\b", f"{enum}.{name}_", text)
    return text


def sdk_models(api: Api) -> tuple[SdkModel, ...]:
    """The classes of `models.py` as the SDK view lists them: pydantic models with their fields
    (name, alias on the wire, annotation) and enums with their members, read from
    datamodel-code-generator's own output (unformatted: the review needs no formatter)."""
    text, _ = render_models(api, "")
    pointers = schema_pointers(api)
    fields = {m.name: {f.name: f.pointer for f in m.fields} for m in api.models}
    models = []
    for node in ast.parse(text).body:
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {ast.unparse(base) for base in node.bases}
        enum = bool(bases & {"Enum", "StrEnum", "IntEnum"})
        members = _enum_members(node) if enum else _model_fields(node, fields.get(node.name, {}))
        models.append(
            SdkModel(
                name=node.name,
                kind="enum" if enum else "model",
                pointer=pointers.get(node.name, f"/components/schemas/{node.name}"),
                natural="",  # datamodel-code-generator names classes by its own rules
                fields=members,
            )
        )
    return tuple(models)


def _enum_members(node: ast.ClassDef) -> tuple[SdkField, ...]:
    members = []
    for item in node.body:
        if isinstance(item, ast.Assign) and isinstance(item.targets[0], ast.Name):
            value = ast.unparse(item.value)
            name = item.targets[0].id
            members.append(SdkField(name, f"{node.name}.{name}", value, value, True, "", ""))
    return tuple(members)


def _model_fields(node: ast.ClassDef, pointers: dict[str, str]) -> tuple[SdkField, ...]:
    members = []
    for item in node.body:
        if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
            continue
        annotation = item.annotation
        alias = item.target.id
        if isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value) == "Annotated":
            parts = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else []
            annotation = parts[0] if parts else annotation
            for meta in parts[1:]:
                if isinstance(meta, ast.Call):
                    for keyword in meta.keywords:
                        if keyword.arg == "alias" and isinstance(keyword.value, ast.Constant):
                            alias = str(keyword.value.value)
        name = item.target.id
        members.append(
            SdkField(
                name=name,
                display=f"{node.name}.{name}",
                wire_name=alias,
                type=ast.unparse(annotation).replace(" | MISSING", ""),
                required=item.value is None,
                pointer=pointers.get(alias, ""),
                natural=alias,
            )
        )
    return tuple(members)
