"""The ASGI application: a route per path the plan serves, each method to its operation's role.

Starlette is used only for routing, requests and responses; it publishes no OpenAPI document
(the spec is the only one). `/docs` serves the generated reference page when it exists.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from protocol_server.auth import Accounts
from protocol_server.engine import Engine
from protocol_server.errors import ApiError
from protocol_server.plan import Plan, Served, plan
from protocol_server.store import Store
from protocol_server.uploads import FileStore
from protocol_spec import load_api
from protocol_spec.model import Operation

__all__ = ["DOCS_PATH", "application", "create_app", "error_body"]

DOCS_PATH = "/docs"


class _PathEndpoint:
    """All methods of one path; undocumented methods get 405 with `Allow`."""

    def __init__(self, engine: Engine, served: Served, operations: dict[str, Operation]) -> None:
        self.engine = engine
        self.served = served
        # HEAD is GET without the body (uvicorn leaves the body out, keeps the headers).
        self.operations = {}
        for method, operation in operations.items():
            self.operations[method] = operation
            if method == "GET":
                self.operations.setdefault("HEAD", operations.get("HEAD", operation))
        self.allow = ", ".join(self.operations)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        operation = self.operations.get(request.method)
        try:
            if operation is None:
                raise ApiError(
                    405,
                    f"{request.method} is not allowed here; use {self.allow}.",
                    headers={"Allow": self.allow},
                )
            response = await self.engine.handle(request, self.served, operation)
        except ApiError as error:
            response = _error(self.engine.plan, error, operation)
        await response(scope, receive, send)


def _error(plan: Plan, error: ApiError, operation: Operation | None = None) -> Response:
    """The error object of the response: its `type` is what the spec promises for the status
    (see Plan.error_type); `documentation_url` is the error schema's `externalDocs` URL followed
    by `/` and the type, when the spec gives one. Where the spec promises no `type`, the body
    is built from the error schema it declares for the status (`error_bodies`)."""
    error_type = plan.error_type(error.status_code, operation)
    if error_type is None:  # a spec without our vocabulary: its declared error schema's shape
        body = plan.error_schemas.body(error.status_code, error.message, operation)
        return JSONResponse(body, status_code=error.status_code, headers=error.headers)
    documentation = plan.error_documentation(error.status_code, operation)
    body = {"type": error_type, "message": error.message}
    if documentation is not None:
        body["documentation_url"] = f"{documentation.rstrip('/')}/{error_type}"
    return JSONResponse(body, status_code=error.status_code, headers=error.headers)


def error_body(plan: Plan) -> Callable[[int, str], bytes]:
    """(status, message) -> the error object's bytes, for answers written below the
    application (connection.py: limits, timeouts, what the HTTP parser rejects)."""

    def body(status: int, message: str) -> bytes:
        return bytes(_error(plan, ApiError(status, message)).body)

    return body


def create_app(
    plan: Plan,
    store: Store,
    tokens: Sequence[str],
    lifespan: Callable[[Starlette], AbstractAsyncContextManager[None]] | None = None,
    docs_dir: Path | None = None,
    files: FileStore | None = None,
    public_url: str = "",
) -> Starlette:
    """The application; `store` stays owned by the caller (open it before, close it after).
    Uploaded files go to `files` (a temporary directory when not given); their URLs start with
    `public_url`."""
    files = files or FileStore(Path(tempfile.mkdtemp(prefix="protocol-files-")))
    engine = Engine(
        plan,
        store,
        Accounts(tokens, store.account_key, plan.schemes, open=plan.open),
        files,
        public_url,
    )
    routes: list[BaseRoute] = []
    for served in plan.served:
        by_path: dict[str, dict[str, Operation]] = {}
        for operation in served.resource.operations:
            by_path.setdefault(operation.path, {})[operation.http_method] = operation
        # An endpoint that is not a function is mounted as a raw ASGI app receiving every method.
        routes += [
            Route(path, endpoint=_PathEndpoint(engine, served, operations))
            for path, operations in by_path.items()
        ]
        download = plan.api.download_path(served.resource)
        if download is not None:
            routes.append(_download_route(engine, served, download))
    if docs_dir is not None and (docs_dir / "index.html").is_file():
        routes.append(Route(DOCS_PATH, endpoint=_to_docs_index))
        routes.append(Mount(DOCS_PATH, app=StaticFiles(directory=docs_dir, html=True)))
    served_paths = ", ".join(plan.paths)

    async def http_exception(request: Request, exc: Exception) -> Response:
        # Only the router raises these: a path the spec does not have.
        assert isinstance(exc, HTTPException)
        message = (
            f"No such path: {request.url.path}. The API serves {served_paths}."
            if exc.status_code == 404
            else str(exc.detail)
        )
        return _error(plan, ApiError(exc.status_code, message, headers=exc.headers))

    async def unexpected(request: Request, exc: Exception) -> Response:
        # Never expected; the exception is re-raised after this response so the log shows it.
        return _error(plan, ApiError(500, "The server failed to handle this request; retry later."))

    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_exception, Exception: unexpected},
        lifespan=lifespan,
    )
    # A trailing slash is another path of the API, so a 404, not a redirect.
    app.router.redirect_slashes = False
    return app


def application(spec_path: Path, db_path: str, tokens: Sequence[str]) -> tuple[Starlette, Store]:
    """The application for a spec file, in-process (tests and faults wrap it); close the store
    when done. Raises SpecErrors when the spec cannot be served."""
    served = plan(load_api(spec_path))
    store = Store(db_path, served.layouts)
    return create_app(served, store, tokens), store


def _download_route(engine: Engine, served: Served, path: str) -> Route:
    """Where a resource's uploaded files are served back (the attribute marked
    `x-protocol-file: url` holds this address)."""

    async def download(request: Request) -> Response:
        try:
            return await engine.download(request, served)
        except ApiError as error:
            return _error(engine.plan, error)

    return Route(path, endpoint=download, methods=["GET"])


async def _to_docs_index(request: Request) -> Response:
    return RedirectResponse(DOCS_PATH + "/", status_code=308)
