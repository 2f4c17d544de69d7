"""Our checks that run inside schemathesis, on every response it gets: the spec's error rules
(see error_object.py), the same ones the semantic scenario applies.

Importing this module registers them (schemathesis keeps a global registry of checks). They
read the rules of the spec being fuzzed from `use_rules`, set by the fuzz part for its run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import schemathesis

from protocol_conformance.error_object import ErrorRules

__all__ = ["error_object", "error_type", "use_rules"]

_rules: list[ErrorRules] = []


@contextmanager
def use_rules(rules: ErrorRules) -> Iterator[None]:
    _rules.append(rules)
    try:
        yield
    finally:
        _rules.remove(rules)


def _answer(response: schemathesis.Response) -> tuple[str, Any, str]:
    content_type = response.headers.get("content-type", [""])[0].split(";")[0].strip().lower()
    body: Any
    try:
        body = json.loads(response.content) if response.content else None
    except (ValueError, RecursionError):
        body = None
    return content_type, body, response.content.decode("utf-8", "replace")[:300]


@schemathesis.check
def error_object(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case[Any]
) -> bool | None:
    """Every 4xx or 5xx response has the spec's error object as its body, served as JSON."""
    if response.status_code < 400 or not _rules:
        return None
    rules = _rules[-1]
    operation = rules.operation(case.operation.label)
    content_type, body, text = _answer(response)
    problem = rules.object_problem(operation, response.status_code, content_type, body)
    if problem is not None:
        raise AssertionError(
            f"expected: a {response.status_code} response with "
            f"{rules.expected_object(operation, response.status_code)}\n"
            f"received: {problem} in {response.status_code} {text}"
        )
    return True


@schemathesis.check
def error_type(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case[Any]
) -> bool | None:
    """An error's `type` is the one the spec promises for its status on that operation."""
    if response.status_code < 400 or not _rules:
        return None
    rules = _rules[-1]
    operation = rules.operation(case.operation.label)
    if rules.expected_type(operation, response.status_code) is None:
        return None  # the spec declares no error type for it: nothing to judge
    _, body, text = _answer(response)
    problem = rules.type_problem(operation, response.status_code, body)
    if problem is not None:
        wanted = rules.expected_type(operation, response.status_code)
        raise AssertionError(
            f"expected: `type` {wanted!r} for {response.status_code} on {case.operation.label}\n"
            f"received: {problem} in {response.status_code} {text}"
        )
    return True
