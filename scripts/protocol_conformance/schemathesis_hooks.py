"""schemathesis hooks that `make conformance` and plain `schemathesis run` both load: the
project's schemathesis.toml names this module (`hooks = ...`), so the two tools agree.

**A fresh idempotency key for every generated request.** Generated values collide ('wc' twice, or the spec's example every time), and a server that
keeps its promise answers the second request with the first one's answer, whose object a
later step may have deleted: the fuzzer would report a created object gone (ST302). A client
never reuses a key for another request, so the fuzzer should not either. Every valid key
becomes a digest of the generated one, the operation, the phase, how many times that phase
sent it and a value drawn afresh for each run (each process): within a run no key repeats, and
a run never reuses a key an earlier run sent to the same server (the server would replay that
run's answer, about objects since deleted). The rest of each request is what the seed makes it.
Invalid keys stay as generated, to test the server's refusal; what a server does with a key
reused on purpose is the semantic scenario's `idempotent_create` check.

**No "schema-valid request rejected" (ST202) for a reference that names nothing.** A generated
id, or the spec's example id on an empty account, names no object of the caller's: the server
must refuse it (400, naming the attribute), which is what the spec documents. Each id of such a
refused body is looked up with a get as the caller; a 404 means the refusal was right.

**No "schema-valid request rejected" (ST202) for an object in a form body**: form encoding
cannot write one (schemathesis spreads its keys as attributes of their own).

**No "schema-invalid request accepted" (ST201) for a file part made "invalid".** A multipart
body writes whatever value schemathesis puts in a file part (`null`, a number) as that file's
bytes: the server receives a valid file (the four bytes `null`), and accepting it is right.
Only a case whose every mutation is of a file part (`x-protocol-file: content`) is spared.

**No "created resource not found" (ST302) for an object a cascade may have deleted.** A
stateful sequence may delete the object a message names (its conversation) between the
message's create and a later call on it; the server then rightly answers 404. Spared only for
resources whose schema names a target with `onDelete: cascade`.

**No "schema-valid request rejected" (ST202) for a case schemathesis made invalid.** Its
metadata lists the mutations it made; schemathesis 4.32.5 still labels a fuzzing case whose
Authorization header it gave a broken format as positive, and reports the 401 it rightly gets.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import Counter
from typing import Any
from urllib.parse import quote, urlsplit

import requests
import schemathesis

from protocol_conformance.references import body_references
from protocol_spec import Api, SpecErrors, build_api, load_spec_bytes

__all__ = [
    "ACCEPTED_NEGATIVE_DATA",
    "CREATED_RESOURCE_GONE",
    "REJECTED_POSITIVE_DATA",
    "RUN_SALT",
    "before_call",
    "dangling_reference",
    "deleted_by_cascade",
    "file_part_as_bytes",
    "filter_failure",
    "fresh_key",
    "known_model",
    "made_invalid",
    "unencodable_form",
]

REJECTED_POSITIVE_DATA = "ST202"
ACCEPTED_NEGATIVE_DATA = "ST201"
CREATED_RESOURCE_GONE = "ST302"

# Drawn once per process: keys are fresh for every run against the same server.
RUN_SALT = secrets.token_hex(8)
# (operation, phase, generated key) -> how many times it was sent, in this process.
_sent: Counter[tuple[str, str, str]] = Counter()
# The model of each schema schemathesis tests (None: one we cannot read), by the raw document's
# id, with the document itself (kept alive, so that its id names it and no other).
_models: dict[int, tuple[Any, Api | None]] = {}


@schemathesis.hook
def before_call(
    context: schemathesis.HookContext, case: schemathesis.Case[Any], kwargs: Any
) -> None:
    fresh_key(case)


@schemathesis.hook
def filter_failure(
    context: schemathesis.HookContext,
    failure: Any,
    case: schemathesis.Case[Any],
    response: schemathesis.Response,
) -> bool:
    if failure.code == ACCEPTED_NEGATIVE_DATA:
        return not file_part_as_bytes(case)
    if failure.code == CREATED_RESOURCE_GONE:
        return not deleted_by_cascade(case)
    if failure.code != REJECTED_POSITIVE_DATA:
        return True
    return not (made_invalid(case) or unencodable_form(case) or dangling_reference(case, response))


def deleted_by_cascade(case: schemathesis.Case[Any]) -> bool:
    """Whether objects of the operation's resource may be gone through a cascade: its schema
    names a target whose delete deletes them (`onDelete: cascade`), and a stateful sequence may
    delete that target between the create and this call. The semantic scenario checks such
    objects (`create_then_get`, `delete_cascades`); a resource no cascade touches keeps ST302."""
    api = _model(case.operation.schema.raw_schema)
    if api is None:
        return False
    resource = next(
        (r for r in api.resources for op in r.operations if op.label == case.operation.label),
        None,
    )
    if resource is None or resource.model is None:
        return False
    fields = api.model(resource.model).fields
    return any(f.reference is not None and f.reference.on_delete == "cascade" for f in fields)


def unencodable_form(case: schemathesis.Case[Any]) -> bool:
    """Whether a form body holds an object: form encoding has no way to write one (schemathesis
    spreads its keys as attributes of their own, which the server rightly refuses as unknown)."""
    if case.media_type != "application/x-www-form-urlencoded" or not isinstance(case.body, dict):
        return False
    return any(
        isinstance(value, dict)
        or (isinstance(value, list) and any(isinstance(v, dict | list) for v in value))
        for value in case.body.values()
    )


def file_part_as_bytes(case: schemathesis.Case[Any]) -> bool:
    """Whether every mutation of a multipart case is of a file part: multipart writes any
    value there as the file's bytes, so the server got a valid file."""
    if not (case.media_type or "").startswith("multipart/form-data"):
        return False
    data = case.meta.phase.data if case.meta is not None else None
    mutations = tuple(getattr(data, "mutations", ()))
    api = _model(case.operation.schema.raw_schema)
    operation = (
        next((op for op in api.operations if op.label == case.operation.label), None)
        if api
        else None
    )
    if not mutations or operation is None or operation.body is None:
        return False
    files = {f.name for f in operation.body.fields if f.file == "content"}
    pointers = {f"/properties/{name}" for name in files}
    return all(
        str(getattr(m, "parameter_location", "")).lower().endswith("body")
        and any(
            str(getattr(m, "schema_pointer", "")) == p
            or str(getattr(m, "schema_pointer", "")).startswith(p + "/")
            for p in pointers
        )
        for m in mutations
    )


def dangling_reference(case: schemathesis.Case[Any], response: schemathesis.Response) -> bool:
    """Whether a 400 answers a request whose body names an object the caller does not have
    (a generated id, or the spec's example id on an empty account): refusing it is the
    documented answer to a reference that names nothing, so "schema-valid request rejected"
    does not apply. Each id is looked up with a get, as the caller."""
    api = _model(case.operation.schema.raw_schema)
    operation = (
        next((op for op in api.operations if op.label == case.operation.label), None)
        if api
        else None
    )
    if api is None or operation is None or response.status_code != 400:
        return False
    if not isinstance(case.body, dict):
        return False
    resource = next((r for r in api.resources if operation in r.operations), None)
    if resource is None:
        return False
    try:
        base = case.operation.schema.get_base_url().rstrip("/")
    except Exception:  # noqa: BLE001 - no base URL: cannot tell
        return False
    base = base[: -len(urlsplit(base).path)] if urlsplit(base).path else base
    headers = {k: v for k, v in response.request.headers.items() if k.lower() == "authorization"}
    for name, reference in body_references(api, resource, operation).items():
        value = case.body.get(name)
        target = api.resource(reference.target)
        if target.item_path is None or target.id_parameter is None:
            continue
        for object_id in value if isinstance(value, list) else [value]:
            if not isinstance(object_id, str):
                continue
            path = target.item_path.replace(
                "{" + target.id_parameter + "}", quote(object_id, safe="")
            )
            try:
                answer = requests.get(
                    base + path, headers=headers, verify=response.verify, timeout=5
                )
            except requests.RequestException:
                return False
            if answer.status_code == 404:
                return True
    return False


def made_invalid(case: schemathesis.Case[Any]) -> bool:
    """Whether schemathesis mutated the case (whatever generation mode it says)."""
    data = case.meta.phase.data if case.meta is not None else None
    return bool(getattr(data, "mutations", ()))


def fresh_key(case: schemathesis.Case[Any]) -> None:
    """Give `case` an idempotency key of its own, when its operation takes one."""
    api = _model(case.operation.schema.raw_schema)
    operation = (
        next((op for op in api.operations if op.label == case.operation.label), None)
        if api
        else None
    )
    parameter = operation.idempotency_key if operation is not None else None
    headers = case.headers
    if api is None or api.schemas is None or parameter is None or not headers:
        return
    value = headers.get(parameter.name)
    if not isinstance(value, str) or not api.schemas.is_valid(parameter.schema_pointer, value):
        return
    phase = case.meta.phase.name.value if case.meta is not None else ""
    occurrence = (case.operation.label, phase, value)
    _sent[occurrence] += 1
    unique = hashlib.sha256(repr((RUN_SALT, *occurrence, _sent[occurrence])).encode()).hexdigest()
    # The value with the digest after it, or a digest as long as the value (under a length
    # limit), whichever the key's schema accepts.
    for fresh in (f"{value}.{unique[:16]}", unique[: max(len(value), 16)]):
        if api.schemas.is_valid(parameter.schema_pointer, fresh):
            headers[parameter.name] = fresh
            return


def known_model(document: Any, api: Api) -> None:
    """Say that `document` (a schema's raw document) is `api`'s: `make conformance` loaded the
    model already, and each of its shards gives schemathesis a copy of the document, which the
    hooks would otherwise parse and model again, once per shard."""
    _models[id(document)] = (document, api)


def _model(document: Any) -> Api | None:
    known = _models.get(id(document))
    if known is not None and known[0] is document:
        return known[1]
    try:
        data = json.dumps(document).encode()
        api: Api | None = build_api(load_spec_bytes(data, "schemathesis"), "schemathesis")
    except (SpecErrors, TypeError, ValueError):
        api = None
    _models[id(document)] = (document, api)
    return api
