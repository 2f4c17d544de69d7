"""The suite has teeth: the reference server passes, and each deliberately broken variant of it
(one fault each, see faults.py) is reported under the check that exists to catch that fault.

Each variant runs only the part that matters (the semantic scenario, or schemathesis with the
phases that reach the fault and few examples) to keep the whole file fast. Every check stays
enabled, so a fault reported only under some other check would fail the test.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest

from protocol_conformance import scenario as s
from protocol_conformance.fuzz import PHASES, FuzzSettings, run_fuzz
from protocol_conformance.report import render_summary
from protocol_conformance.results import SCHEMATHESIS, SEMANTIC, RunResults
from protocol_conformance.scenario import run_scenario

from .conftest import SPEC
from .faults import (
    OTHER_TOKEN,
    OWNER_TOKEN,
    AuthNotEnforced,
    CreateAnswers200,
    CreateDoesNotStore,
    DeleteDoesNotDelete,
    Fault,
    GetIgnoresOwner,
    HasMoreWhenPageFull,
    IgnoreQuery,
    LimitClamped,
    OldestFirst,
    PlainErrorBody,
    ReshapeConversation,
    ServerErrorOnBigLimit,
    TenantLeak,
    UpdateNotStored,
)

Serve = Callable[[Fault], AbstractContextManager[str]]


def fuzz(base_url: str, phases: tuple[str, ...], *, max_examples: int = 10) -> RunResults:
    results = RunResults()
    settings = FuzzSettings(
        spec=SPEC,
        base_url=base_url,
        token=OWNER_TOKEN,
        other_token=OTHER_TOKEN,
        seed=1,
        max_examples=max_examples,
        workers=1,
        request_timeout=5,
        phases=phases,
    )
    run_fuzz(settings, results)
    return results


def scenario(base_url: str) -> RunResults:
    results = RunResults()
    run_scenario(base_url, OWNER_TOKEN, OTHER_TOKEN, results, timeout=5)
    return results


def explain(results: RunResults) -> str:
    return render_summary(results, target="variant", settings_line="", elapsed=0)


def test_reference_server_passes_every_check(serve_fault: Serve) -> None:
    with serve_fault(Fault()) as base_url:
        results = fuzz(base_url, PHASES, max_examples=20)
        run_scenario(base_url, OWNER_TOKEN, OTHER_TOKEN, results, timeout=5)
    assert results.ok, explain(results)
    # Everything ran: every built-in check schemathesis has for this spec, and all of ours.
    ran = {check for suite, check in results.by_check if suite == SEMANTIC}
    assert ran == set(s.SEMANTIC_CHECKS)
    fuzzed = {check for suite, check in results.by_check if suite == SCHEMATHESIS}
    assert {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "positive_data_acceptance",
        "negative_data_rejection",
        "use_after_free",
        "ensure_resource_availability",
        "ignored_auth",
        "object_level_authorization",
        "error_object",
    } <= fuzzed
    assert results.requests[SCHEMATHESIS] > 100 and results.requests[SEMANTIC] > 50


@pytest.mark.parametrize(
    ("fault", "check"),
    [
        pytest.param(IgnoreQuery(("muted",)), s.FILTER_MUTED, id="muted filter ignored"),
        pytest.param(IgnoreQuery(("pinned",)), s.FILTER_PINNED, id="pinned filter ignored"),
        pytest.param(IgnoreQuery(("archived",)), s.FILTER_ARCHIVED, id="archived filter ignored"),
        pytest.param(IgnoreQuery(("group_id",)), s.FILTER_GROUP_ID, id="group_id filter ignored"),
        pytest.param(IgnoreQuery(("limit",)), s.LIMIT_RESPECTED, id="limit ignored"),
        pytest.param(HasMoreWhenPageFull(), s.HAS_MORE_EXACT, id="has_more wrong"),
        pytest.param(
            IgnoreQuery(("starting_after", "ending_before")), s.CURSOR_WALK, id="cursor ignored"
        ),
        pytest.param(OldestFirst(), s.LIST_ORDER, id="wrong order"),
        pytest.param(CreateDoesNotStore(), s.CREATE_THEN_GET, id="create does not store"),
        pytest.param(CreateAnswers200(), s.CREATE_THEN_GET, id="create answers 200"),
        pytest.param(UpdateNotStored(), s.UPDATE_PERSISTED, id="update not stored"),
        pytest.param(DeleteDoesNotDelete(), s.DELETE_REMOVES, id="delete does not delete"),
        pytest.param(TenantLeak(), s.TENANT_ISOLATION, id="tenant leak"),
        pytest.param(GetIgnoresOwner(), s.TENANT_ISOLATION, id="get ignores the owner"),
        pytest.param(AuthNotEnforced(), s.AUTHENTICATION, id="auth not enforced"),
        pytest.param(PlainErrorBody(), s.ERROR_OBJECT, id="error body not the error object"),
        pytest.param(LimitClamped(), s.INVALID_REQUESTS_REJECTED, id="bad limit accepted"),
    ],
)
def test_semantic_scenario_reports_the_fault(serve_fault: Serve, fault: Fault, check: str) -> None:
    with serve_fault(fault) as base_url:
        results = scenario(base_url)
    assert check in results.failed_checks(), explain(results)
    failure = next(f for f in results.failures if f.check == check)
    assert "expected: " in failure.message and "\nreceived: " in failure.message
    assert failure.curl.startswith("curl ")
    if check != s.AUTHENTICATION:  # that one's requests carry no token on purpose
        assert '"Authorization: Bearer $' in failure.curl
    assert OWNER_TOKEN not in failure.curl + failure.message


@pytest.mark.parametrize(
    ("fault", "check", "phases"),
    [
        pytest.param(
            ServerErrorOnBigLimit(), "not_a_server_error", ("coverage",), id="5xx on some input"
        ),
        pytest.param(
            ReshapeConversation(change=lambda body: body.update(is_muted="false")),
            "response_schema_conformance",
            ("stateful",),
            id="wrong type in a response field",
        ),
        pytest.param(
            ReshapeConversation(change=lambda body: body.pop("archived_at")),
            "response_schema_conformance",
            ("stateful",),
            id="missing field",
        ),
        pytest.param(
            ReshapeConversation(change=lambda body: body.update(colour="blue")),
            "response_schema_conformance",
            ("stateful",),
            id="extra field",
        ),
        pytest.param(AuthNotEnforced(), "ignored_auth", ("examples",), id="auth not enforced"),
        pytest.param(
            CreateAnswers200(), "status_code_conformance", ("examples",), id="wrong success status"
        ),
        pytest.param(
            DeleteDoesNotDelete(), "use_after_free", ("stateful",), id="delete does not delete"
        ),
        pytest.param(
            CreateDoesNotStore(),
            "ensure_resource_availability",
            ("stateful",),
            id="create does not store",
        ),
        pytest.param(
            GetIgnoresOwner(),
            "object_level_authorization",
            ("stateful",),
            id="get ignores the owner",
        ),
        pytest.param(
            PlainErrorBody(), "error_object", ("examples",), id="error body not the error object"
        ),
        pytest.param(
            LimitClamped(), "negative_data_rejection", ("coverage",), id="bad limit accepted"
        ),
    ],
)
def test_schemathesis_reports_the_fault(
    serve_fault: Serve, fault: Fault, check: str, phases: tuple[str, ...]
) -> None:
    with serve_fault(fault) as base_url:
        results = fuzz(base_url, phases)
    assert check in results.failed_checks(), explain(results)
    failure = next(f for f in results.failures if f.check == check)
    assert "curl " in failure.curl
    assert OWNER_TOKEN not in failure.curl
