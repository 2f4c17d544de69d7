"""The root of the server's exceptions, and `ApiError`, the one that becomes a response.

Every exception class of protocol_server derives from `ProtocolServerError`. This module imports
nothing beyond the standard library, so the configuration and the harness can use it without
loading the web framework.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["ApiError", "ProtocolServerError"]


class ProtocolServerError(Exception):
    """The root of every exception protocol_server raises."""


class ApiError(ProtocolServerError):
    """Raised anywhere in a request; becomes `{"type", "message", "documentation_url"}`."""

    def __init__(
        self, status_code: int, message: str, *, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.headers = dict(headers or {})
