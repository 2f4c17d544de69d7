"""The rule every unsuccessful response must follow: an `Error` object served as JSON."""

from __future__ import annotations

from typing import Any

ERROR_TYPES = ("api_error", "invalid_request")
ERROR_FIELDS = {"type", "message", "documentation_url"}


def error_object_problem(status: int, content_type: str, body: Any) -> str | None:
    """Why this response breaks the error-object rule, or None when it follows it (or succeeded)."""
    if status < 400:
        return None
    if content_type != "application/json":
        return f"Content-Type {content_type or '(none)'!r}, not 'application/json'"
    if not isinstance(body, dict):
        return "a body that is not a JSON object"
    problems = []
    if body.get("type") not in ERROR_TYPES:
        problems.append(f"`type` is {body.get('type')!r}, not one of {', '.join(ERROR_TYPES)}")
    if not isinstance(body.get("message"), str):
        problems.append(f"`message` is {body.get('message')!r}, not a string")
    url = body.get("documentation_url")
    if url is not None and not isinstance(url, str):
        problems.append(f"`documentation_url` is {url!r}, not a string")
    extra = sorted(set(body) - ERROR_FIELDS)
    if extra:
        problems.append(f"unknown attributes {', '.join(extra)}")
    return "; ".join(problems) or None


EXPECTED_ERROR_OBJECT = (
    'an Error object {"type": "api_error" | "invalid_request", "message": "…"'
    ' [, "documentation_url": "…"]} served as application/json'
)
