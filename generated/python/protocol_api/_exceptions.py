# Generated from spec/openapi.yaml + templates/python/_exceptions.py.jinja. Do not edit.
"""One exception hierarchy for everything a call can raise."""

from __future__ import annotations

from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "UnsupportedMediaTypeError",
    "WebhookVerificationError",
    "status_error_class",
]


class APIError(Exception):
    """Base of every error this client raises."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WebhookVerificationError(APIError):
    """A webhook delivery failed verification: not signed with the secret, a timestamp out of
    tolerance, or a body that is not a declared event. Answer it with a 4xx and ignore it."""


class APIConnectionError(APIError):
    """The request never got a response: DNS, refused connection, reset, TLS..."""

    request: httpx.Request

    def __init__(self, request: httpx.Request, message: str | None = None) -> None:
        super().__init__(message or f"Connection error: {request.method} {request.url}")
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request took longer than the client's timeout."""

    def __init__(self, request: httpx.Request) -> None:
        super().__init__(request, f"Request timed out: {request.method} {request.url}")


class APIResponseValidationError(APIError):
    """A successful response whose body does not match the spec's schema."""

    response: httpx.Response
    status_code: int

    def __init__(self, response: httpx.Response, detail: str) -> None:
        request = response.request
        super().__init__(
            f"{request.method} {request.url} returned a body that does not match the spec: {detail}"
        )
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status and an error object.

    `type` is the error object's type (`invalid_request` or `api_error`), `message` its
    message, `body` the decoded JSON body (None when the body was not JSON).
    """

    response: httpx.Response
    status_code: int
    type: str | None
    body: object

    def __init__(self, response: httpx.Response, body: object) -> None:
        fields: dict[str, Any] = body if isinstance(body, dict) else {}
        error_type, message = fields.get("type"), fields.get("message")
        request = response.request
        self.type = error_type if isinstance(error_type, str) else None
        text = message if isinstance(message, str) else response.reason_phrase
        super().__init__(
            f"{response.status_code} {self.type or 'error'}: {text} "
            f"({request.method} {request.url})"
        )
        self.message = text  # the server's own sentence; str(error) adds status and request
        self.response = response
        self.status_code = response.status_code
        self.body = body


class BadRequestError(APIStatusError):
    """400: the request is malformed or asks for something impossible."""


class AuthenticationError(APIStatusError):
    """401: the API token is missing or unknown."""


class PermissionDeniedError(APIStatusError):
    """403: the token may not do this."""


class NotFoundError(APIStatusError):
    """404: no such object among yours."""


class ConflictError(APIStatusError):
    """409: the request clashes with the current state. Retried automatically when the request is
    safe to send twice."""


class PayloadTooLargeError(APIStatusError):
    """413: the body is larger than the server accepts."""


class UnsupportedMediaTypeError(APIStatusError):
    """415: the server does not accept the body's type."""


class UnprocessableEntityError(APIStatusError):
    """422: the request is well-formed but cannot be done."""


class RateLimitError(APIStatusError):
    """429: too many requests: slow down. Retried automatically when the request is safe to send
    twice."""


class InternalServerError(APIStatusError):
    """5xx: the server failed; trying again later may succeed. Retried automatically when the
    request is safe to send twice."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    """The exception class for an unsuccessful status code."""
    if status_code >= 500:
        return InternalServerError
    return _BY_STATUS.get(status_code, APIStatusError)
