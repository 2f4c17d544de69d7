"""The five roles an operation can play (list, create, get, update, delete), for any resource.

Everything specific to a resource comes from the plan (plan.py), which comes from the model:
which attributes exist and who sets them, the list's cursors, page size, filters and order,
the success status, the `Location` header. There is no resource-specific code here.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response

from protocol_server.auth import Accounts
from protocol_server.errors import ApiError
from protocol_server.formats import check_formats, check_integer_format, check_value_format
from protocol_server.plan import UNPAGED_LIMIT, Plan, Served
from protocol_server.relations import Relations, initial_value
from protocol_server.requests import (
    INT64_MAX,
    INT64_MIN,
    check_content_type,
    describe,
    format_value,
    path_value,
    read_body,
    read_query,
)
from protocol_server.store import (
    Condition,
    CursorNotFound,
    IdempotencyConflict,
    IdempotencyKey,
    Store,
)
from protocol_server.uploads import FileStore, Upload, read_upload
from protocol_spec.model import Operation

__all__ = ["MAX_BODY_BYTES", "Engine", "Handler"]

MAX_BODY_BYTES = 65536

T = TypeVar("T")
Handler = Callable[[Request, Served, Operation, str], Awaitable[Response]]


class Engine:
    def __init__(
        self,
        plan: Plan,
        store: Store,
        accounts: Accounts,
        files: FileStore,
        public_url: str,
    ) -> None:
        self.plan = plan
        self.store = store
        self.accounts = accounts
        self.files = files
        self.public_url = public_url.rstrip("/")
        self.relations = Relations(plan.served, self.download_url, store.changed)
        by_table = {s.layout.table: s for s in plan.served}
        store.show = lambda db, layout, account, row: self.relations.shown(
            db, account, by_table[layout.table], row
        )
        self.schemas = plan.validation
        # Writes wait for fsync, so they run off the event loop, on one thread: the store
        # serialises writes anyway, and one thread taking them in turn avoids a convoy of
        # threads blocked on the store's lock.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="protocol-writer")
        self._roles: dict[str, Handler] = {
            "list": self.list,
            "create": self.create,
            "get": self.get,
            "update": self.update,
            "delete": self.delete,
        }

    async def handle(self, request: Request, served: Served, operation: Operation) -> Response:
        account = self.accounts.authenticate(request.headers.get("authorization"))
        assert operation.role is not None  # the plan serves no operation without a role
        return await self._roles[operation.role](request, served, operation, account)

    # -- the roles -------------------------------------------------------------------------

    async def list(
        self, request: Request, served: Served, operation: Operation, account: str
    ) -> Response:
        query = self._query(request, operation)
        page = operation.pagination
        if page is None:  # unpaged: the whole list (bounded), its parameters not applied
            assert served.unpaged
            found = self.store.list(served.layout, account, [], served.order, UNPAGED_LIMIT)
            rows = self.store.read(
                lambda db: [self.relations.shown(db, account, served, row) for row in found.rows]
            )
            return JSONResponse(rows, status_code=operation.success_status)
        assert page.limit_param is not None
        after = query.get(page.after_param)
        before = query.get(page.before_param) if page.before_param else None
        if after is not None and before is not None:
            raise ApiError(400, f"Give {page.after_param} or {page.before_param}, not both.")
        conditions = []
        for parameter in operation.filters:
            if parameter.name in query and parameter.filter is not None:
                value = query[parameter.name]
                if parameter.filter.through is not None:
                    clause = self.relations.through(
                        served, account, parameter.filter.through, parameter.filter.attribute, value
                    )
                    conditions.append(Condition(parameter.filter.through, "sql", clause))
                elif parameter.filter.match == "is-set":
                    conditions.append(
                        Condition(parameter.filter.attribute, "set" if value else "unset")
                    )
                elif parameter.filter.match in ("contains", "since", "before"):
                    check_value_format(parameter.name, parameter.type, value)
                    conditions.append(
                        Condition(parameter.filter.attribute, parameter.filter.match, value)
                    )
                else:
                    conditions.append(Condition(parameter.filter.attribute, "equals", value))
        try:
            found = self.store.list(
                served.layout,
                account,
                conditions,
                served.order,
                query[page.limit_param],
                after,
                before,
            )
        except CursorNotFound as missing:
            name = page.after_param if after is not None else page.before_param
            raise ApiError(
                400,
                f"{name}: none of your {served.resource.name} matching this list's filters has "
                f"{page.cursor_field} {_shown(missing.args[0])}; pass one from the page you are "
                "on, with the same filters.",
            ) from None
        rows = self.store.read(
            lambda db: [self.relations.shown(db, account, served, row) for row in found.rows]
        )
        envelope = {page.items_field: rows, page.has_more_field: found.more}
        assert operation.result is not None and operation.result.name is not None
        fields = self.plan.api.model(operation.result.name).fields
        body = {f.name: envelope[f.name] for f in fields if f.name in envelope}
        return JSONResponse(body, status_code=operation.success_status)

    async def create(
        self, request: Request, served: Served, operation: Operation, account: str
    ) -> Response:
        query = self._query(request, operation)
        upload = await self._upload(request, served, operation)
        given = (
            self._from_upload(served, upload)
            if upload
            else await self._attributes(request, operation)
        )
        # Two uploads are the same request only with the same bytes.
        meaning = {**given, "<file>": hashlib.sha256(upload.data).hexdigest()} if upload else given
        idempotency = self._idempotency(request, operation, query, meaning)
        inverse = {
            f.name: given.pop(f.name) for f in served.model.fields if f.inverse and f.name in given
        }
        now = int(time.time())
        # Written and fsynced off the event loop, before the object's transaction.
        staged = await asyncio.to_thread(self.files.stage, upload.data) if upload else None

        def new_object() -> dict[str, Any]:
            return {f.name: initial_value(f, given, now) for f in served.model.fields}

        def within(db: Any, row: dict[str, Any]) -> None:
            self.relations.check_ids(db, account, served, {**given, **inverse})
            self.relations.after_insert(db, account, served, row, inverse, now)
            if staged is not None:
                self.files.place(staged, account, served.resource.name, row[served.id_attribute])

        try:
            stored, _ = await self._write(
                self.store.insert, served.layout, account, new_object, idempotency, within
            )
        except IdempotencyConflict as conflict:
            raise ApiError(
                422,
                f"{operation.idempotency_key.name if operation.idempotency_key else 'The key'} "
                f"{_shown(conflict.args[0])} was already used with another request; send a "
                "new key for a new request.",
            ) from None
        finally:
            if staged is not None:
                staged.unlink(missing_ok=True)  # placed, or not wanted after all
        stored = self._shown(account, served, stored)
        headers = {}
        success = operation.success
        location = success.header("Location") if success else None
        if location is not None:
            headers[location.name] = self._item_path(served, stored[served.id_attribute])
        return JSONResponse(stored, status_code=operation.success_status, headers=headers)

    async def get(
        self, request: Request, served: Served, operation: Operation, account: str
    ) -> Response:
        self._query(request, operation)
        object_id = self._object_id(request, served, operation)
        found = self.store.get(served.layout, account, object_id)
        if found is None:
            raise _not_found(served, object_id)
        return JSONResponse(
            self._shown(account, served, found), status_code=operation.success_status
        )

    async def update(
        self, request: Request, served: Served, operation: Operation, account: str
    ) -> Response:
        self._query(request, operation)
        object_id = self._object_id(request, served, operation)
        changes = await self._attributes(request, operation)
        inverse = {
            f.name: changes.pop(f.name)
            for f in served.model.fields
            if f.inverse and f.name in changes
        }

        def within(db: Any, columns: Any) -> Any:
            self.relations.check_ids(db, account, served, {**columns, **inverse})
            now = int(time.time())
            return self.relations.before_update(
                db, account, served, object_id, columns, inverse, now
            )

        updated = await self._write(
            self.store.update, served.layout, account, object_id, changes, within
        )
        if updated is None:
            raise _not_found(served, object_id)
        return JSONResponse(
            self._shown(account, served, updated), status_code=operation.success_status
        )

    async def delete(
        self, request: Request, served: Served, operation: Operation, account: str
    ) -> Response:
        self._query(request, operation)
        object_id = self._object_id(request, served, operation)
        gone: list[tuple[Served, dict[str, Any]]] = []

        def within(db: Any) -> None:
            self.relations.before_delete(db, account, served, object_id, gone)

        deleted = await self._write(self.store.delete, served.layout, account, object_id, within)
        if deleted is None:
            raise _not_found(served, object_id)
        for owner, row in gone:  # after the commit: a crash leaves a file, never a lost one
            if any(f.file for f in owner.model.fields):
                self.files.remove(account, owner.resource.name, row[owner.id_attribute])
        if operation.result is None:
            return Response(status_code=operation.success_status)
        return JSONResponse(deleted, status_code=operation.success_status)

    async def download(self, request: Request, served: Served) -> Response:
        """The bytes of an uploaded file, to the account that owns it."""
        account = self.accounts.authenticate(request.headers.get("authorization"))
        object_id = str(request.path_params[served.id_parameter])
        found = self.store.get(served.layout, account, object_id)
        path = self.files.path(account, served.resource.name, object_id)
        if found is None or not path.is_file():
            raise _not_found(served, object_id)
        name = next((found[f.name] for f in served.model.fields if f.file == "name"), None)
        media_type = next(
            (found[f.name] for f in served.model.fields if f.file == "media-type"), None
        )
        shown_name = "".join(c for c in str(name or object_id) if c.isprintable() and c != '"')
        return FileResponse(path, media_type=media_type, filename=shown_name or object_id)

    def download_url(self, served: Served, object_id: str) -> str:
        path = self.plan.api.download_path(served.resource)
        assert path is not None, "only a resource with an `x-protocol-file: url` attribute"
        return self.public_url + path.replace("{" + served.id_parameter + "}", object_id)

    # -- helpers ---------------------------------------------------------------------------

    def _shown(self, account: str, served: Served, row: dict[str, Any]) -> dict[str, Any]:
        return self.store.read(lambda db: self.relations.shown(db, account, served, row))

    async def _upload(
        self, request: Request, served: Served, operation: Operation
    ) -> Upload | None:
        body = operation.body
        if body is None or not any(f.file == "content" for f in body.fields):
            return None
        size = next((f for f in served.model.fields if f.file == "size"), None)
        limit = (
            int(size.constraints.maximum) if size and size.constraints.maximum else MAX_BODY_BYTES
        )
        return await read_upload(request, operation, limit)

    def _from_upload(self, served: Served, upload: Upload) -> dict[str, Any]:
        """The attributes a new object reads from its file."""
        read: dict[str, Any] = {
            "name": upload.name,
            "media-type": upload.media_type,
            "size": len(upload.data),
        }
        given = {f.name: read[f.file] for f in served.model.fields if f.file in read}
        for f in served.model.fields:
            limit = f.constraints.max_length
            if (
                f.file in ("name", "media-type")
                and limit is not None
                and len(given[f.name]) > limit
            ):
                raise ApiError(
                    400,
                    f"{f.name}: the file's {f.file} is longer than {f.constraints.max_length} "
                    "characters; shorten it.",
                )
        return given

    async def _write(self, work: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writer, functools.partial(work, *args))

    def _query(self, request: Request, operation: Operation) -> dict[str, Any]:
        """The query's values, checked against their schemas and integer formats."""
        query = read_query(self.schemas, operation, request.scope["query_string"])
        for parameter in operation.query_params:
            value = query.get(parameter.name)
            if not check_integer_format(parameter.name, parameter.type, value):
                raise ApiError(
                    400,
                    f"{parameter.name}: {format_value(value)} is beyond {parameter.type.format}.",
                )
        return query

    def _object_id(self, request: Request, served: Served, operation: Operation) -> Any:
        """The path's id, as its schema's type (an integer id as a number); one its schema
        does not allow is simply not found (404)."""
        object_id = str(request.path_params[served.id_parameter])
        parameter = operation.parameter(served.id_parameter)
        if parameter is None:
            return object_id
        value = path_value(self.schemas, parameter.schema_pointer, object_id)
        in_range = check_integer_format(parameter.name, parameter.type, value) and (
            not isinstance(value, int) or INT64_MIN <= value <= INT64_MAX
        )
        if not in_range or not self.schemas.is_valid(parameter.schema_pointer, value):
            raise _not_found(served, object_id)
        return value

    def _idempotency(
        self, request: Request, operation: Operation, query: dict[str, Any], given: dict[str, Any]
    ) -> IdempotencyKey | None:
        """The request's idempotency key, when the operation declares one and it was sent."""
        header = operation.idempotency_key
        key = request.headers.get(header.name) if header is not None else None
        if header is None or key is None:
            return None
        if not self.schemas.is_valid(header.schema_pointer, key):
            raise ApiError(
                400,
                f"{header.name}: must be {describe(self.schemas.resolved(header.schema_pointer))}, "
                f"got {format_value(key)}.",
            )
        # What the request means, not its bytes: the same attributes as JSON or as a form.
        meaning = {"path": request.url.path, "query": query, "body": given}
        fingerprint = json.dumps(meaning, sort_keys=True, separators=(",", ":"), default=str)
        return IdempotencyKey(operation.label, key, fingerprint)

    def _item_path(self, served: Served, object_id: object) -> str:
        assert served.resource.item_path is not None
        return served.resource.item_path.replace("{" + served.id_parameter + "}", str(object_id))

    async def _attributes(self, request: Request, operation: Operation) -> dict[str, Any]:
        if operation.body is None:
            return {}
        content_type = request.headers.get("content-type")
        check_content_type(content_type, operation)
        body = await _read_limited_body(request)
        given = read_body(self.schemas, operation, content_type, body)
        check_formats(operation.body.fields, given)
        return given


async def _read_limited_body(request: Request) -> bytes:
    too_large = ApiError(413, f"The request body is larger than {MAX_BODY_BYTES} bytes.")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY_BYTES:
        raise too_large
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                raise too_large
    except ClientDisconnect:
        raise ApiError(400, "The client disconnected before sending the whole body.") from None
    return bytes(body)


def _shown(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _not_found(served: Served, object_id: object) -> ApiError:
    return ApiError(
        404, f"No {served.resource.singular} with {served.id_attribute} {_shown(object_id)}."
    )
