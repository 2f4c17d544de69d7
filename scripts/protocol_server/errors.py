"""The error object every unsuccessful response carries, and the exception that produces it.

Its `type` is what the spec promises for the status (`const` in the error response's schema,
see plan.Plan.error_type); `documentation_url` is the error schema's `externalDocs` URL followed
by `/` and the type, when the spec gives one.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import JSONResponse

__all__ = ["ApiError", "error_response"]


class ApiError(Exception):
    """Raised anywhere in a request; becomes `{"type", "message", "documentation_url"}`."""

    def __init__(
        self, status_code: int, message: str, *, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.headers = dict(headers or {})


def error_response(error: ApiError, error_type: str, documentation: str | None) -> JSONResponse:
    body = {"type": error_type, "message": error.message}
    if documentation is not None:
        body["documentation_url"] = f"{documentation.rstrip('/')}/{error_type}"
    return JSONResponse(body, status_code=error.status_code, headers=error.headers)
