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
    # any string, known value or not. Only real unions are affected, not `X | None`.
    "union_mode": UnionMode.left_to_right,
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
    schemas: dict[str, Any] = document.get("components", {}).get("schemas", {})
    readers = read_models(api)
    for model in api.models:
        raw_name = model.pointer.removeprefix(_SCHEMAS)
        if model.name not in readers or raw_name not in schemas or "/" in raw_name:
            continue
        schema = schemas[raw_name]
        schema["additionalProperties"] = True
        for name, prop in schema.get("properties", {}).items():
            schema["properties"][name] = _open_enum(prop, document)
    return named_document(api, document)


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
    return text


# `union_mode` on a model that may be null (`anyOf: [$ref, {type: 'null'}]`): pydantic refuses
# it when the module is imported, and `X | None` needs no order anyway.
_NULLABLE_MODEL_UNION = re.compile(
    r"Annotated\[(\w+) \| None, Field\(union_mode=[\"']left_to_right[\"']\)\]"
)


def _finish(api: Api, text: str) -> tuple[str, tuple[str, ...]]:
    text = _NULLABLE_MODEL_UNION.sub(r"\1 | None", text)
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
