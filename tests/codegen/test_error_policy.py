"""ERROR_POLICY, the one status -> error class table the three runtimes are rendered from, is a
table a runtime can be built from: one class per status, one for every 5xx, no name twice.
(That each client raises the class the table gives is tests/clients/test_retry_parity.py.)"""

from __future__ import annotations

from protocol_codegen.policy import ERROR_POLICY, RETRY_POLICY


def test_each_status_has_at_most_one_class_and_every_5xx_has_one() -> None:
    statuses = [error.status for error in ERROR_POLICY.errors]
    assert statuses.count(None) == 1, "exactly one class stands for every 5xx"
    exact = [status for status in statuses if status is not None]
    assert len(exact) == len(set(exact)), f"a status with two classes: {exact}"
    assert all(400 <= status < 500 for status in exact), exact
    assert ERROR_POLICY.server_error.statuses == "5xx"
    assert [error.status for error in ERROR_POLICY.by_status] == sorted(exact)


def test_class_names_are_distinct_in_every_runtime() -> None:
    for suffix in ("Error", "Exception"):
        names = ERROR_POLICY.class_names(suffix)
        assert len(names) == len(set(names)), names
        assert all(name.isidentifier() and name.endswith(suffix) for name in names), names


def test_a_class_doc_says_it_is_retried_exactly_when_the_retry_policy_retries_it() -> None:
    for error in ERROR_POLICY.errors:
        status = 500 if error.status is None else error.status
        assert error.doc.startswith(f"{error.statuses}: "), error.doc
        assert ("Retried automatically" in error.doc) == RETRY_POLICY.retries(status), error
