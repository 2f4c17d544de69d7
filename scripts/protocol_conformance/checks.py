"""Our checks that run inside schemathesis, on every response it gets.

Importing this module registers them (schemathesis keeps a global registry of checks).
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis

from protocol_conformance.error_object import EXPECTED_ERROR_OBJECT, error_object_problem


@schemathesis.check
def error_object(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case[Any]
) -> bool | None:
    """Every 4xx or 5xx response has the spec's Error object as its body, served as application/json."""
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])[0].split(";")[0].strip().lower()
    body: Any
    try:
        body = json.loads(response.content) if response.content else None
    except ValueError:
        body = None
    problem = error_object_problem(response.status_code, content_type, body)
    if problem is not None:
        text = response.content.decode("utf-8", "replace")[:300]
        raise AssertionError(
            f"expected: a {response.status_code} response with {EXPECTED_ERROR_OBJECT}\n"
            f"received: {problem} in {response.status_code} {text}"
        )
    return True
