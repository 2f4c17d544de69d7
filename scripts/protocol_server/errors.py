"""The error object every unsuccessful response carries, and the exception that produces it."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import JSONResponse

__all__ = ["ApiError", "error_response"]

_DOCS = "https://protocol.chat/docs/errors/"


class ApiError(Exception):
    """Raised anywhere in a request; becomes `{"type", "message", "documentation_url"}`."""

    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        headers: Mapping[str, str] | None = None,
        error_type: str = "invalid_request",
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.headers = dict(headers or {})
        self.error_type = error_type


def error_response(error: ApiError) -> JSONResponse:
    body = {
        "type": error.error_type,
        "message": error.message,
        "documentation_url": _DOCS + error.error_type,
    }
    return JSONResponse(body, status_code=error.status_code, headers=error.headers)
