"""What every semantic check works with: the spec's rules, the client, the objects created so
far, and `judge`, which turns one call of a check into one recorded outcome.

A check is a small function that sends requests through `ctx.send` and raises AssertionError
("expected: … / received: …") when the server is wrong, schemathesis-style. `judge` records a
pass, or a failure with the curl lines of that call's requests; whatever else goes wrong
(no answer, a bug of ours) becomes a finding or an error, never a traceback, and the scenario
goes on with the next check.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn, Protocol

from protocol_conformance.error_object import ERROR_OBJECT, ERROR_TYPE, NO_ERROR_TYPE, ErrorRules
from protocol_conformance.errors import ConformanceError
from protocol_conformance.fixtures import Fixtures
from protocol_conformance.http import (
    ApiClient,
    Credential,
    Exchange,
    ServerUnreachable,
    TransportFailure,
    Upload,
)
from protocol_conformance.objects import Ledger, ObjectCapReached, Tracked
from protocol_conformance.references import BodyReference
from protocol_conformance.results import SEMANTIC, Failure, RunResults
from protocol_conformance.webhooks import WebhookSetup
from protocol_spec import Api
from protocol_spec.model import Operation

__all__ = [
    "LOG_KEPT",
    "MAX_CURL_LINES",
    "MAX_UNREACHABLE",
    "CannotJudge",
    "Context",
    "Referrals",
    "ScenarioStopped",
    "fail",
]

# After this many requests in a row without an answer, the server is gone: stop the scenario.
MAX_UNREACHABLE = 3
# A failure shows at most this many requests of its check (the last ones).
MAX_CURL_LINES = 8
# Exchanges of earlier checks kept in `log`: memory stays flat however long the run.
LOG_KEPT = 4
# Roles whose successful exchanges `writes` keeps for the webhook checks.
_KEPT = frozenset({"create", "update", "delete", "get"})


class CannotJudge(ConformanceError):
    """The check cannot be judged here (not the server's fault); the message says why."""


class ScenarioStopped(ConformanceError):
    """The server stopped answering altogether."""


class Referrals(Protocol):
    """Ids of real objects for the attributes that refer to other resources (provider.py)."""

    def refer(
        self, resource: str, body: Mapping[str, Any], credential: Credential
    ) -> dict[str, Any]:
        """`body` with each reference that names no object of `credential`'s (that the suite
        knows of) replaced by one that does."""
        ...

    def make_with(self, target: str, wanted: Mapping[str, Any], credential: Credential) -> Any:
        """The id of a new object of `target` whose create body sets `wanted` (its other
        references provided); None when the suite cannot make one."""
        ...

    def of(self, resource: str) -> Mapping[str, BodyReference]:
        """The body attributes of `resource`'s create and update that carry ids."""
        ...

    def one(self, target: str, credential: Credential, avoid: Collection[Any] = ()) -> Any:
        """The id of an object of `target` that `credential` owns, not in `avoid` (made when
        there is none); None when none can be had."""
        ...


def fail(expected: str, received: str) -> NoReturn:
    raise AssertionError(f"expected: {expected}\nreceived: {received}")


@dataclass
class Context:
    api: Api
    client: ApiClient
    owner: Credential
    other: Credential | None
    results: RunResults
    ledger: Ledger
    rules: ErrorRules
    log: list[Exchange] = field(default_factory=list)
    # What the webhook checks read back (only when the server sends to the suite): the
    # successful writes and reads of single objects, kept for the run while `log` is trimmed;
    # as many as the requests that made or showed the scenario's objects.
    writes: list[Exchange] = field(default_factory=list)
    involved: list[Tracked] = field(default_factory=list)
    steps: list[Exchange] = field(default_factory=list)
    unreachable: int = 0
    webhooks: WebhookSetup | None = None  # the suite's receiver, when the server sends to it
    referrals: Referrals | None = None  # real ids for references (None: none needed)
    # The fixtures file: create bodies of every resource (the checks of relations make objects
    # of other resources than the one whose steps run).
    fixtures: Fixtures = field(default_factory=Fixtures)
    # While a check works on objects of its own, kept aside (areas/relations.py): the objects it
    # makes are no step's `ours`, and its writes are not the scenario's changes that the webhook
    # checks expect events for (a cascade's or a kept value's events are not theirs to judge).
    aside: bool = False

    # -- requests --------------------------------------------------------------------------

    def send(
        self,
        operation: Operation,
        path: str,
        *,
        as_: Credential | None = None,
        anonymous: bool = False,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
        form: list[tuple[str, str]] | None = None,
        raw: tuple[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        upload: Upload | None = None,
    ) -> Exchange:
        """Send (as the owner unless told otherwise) and hold an error answer to the spec's
        error rules."""
        credential = None if anonymous else (as_ or self.owner)
        try:
            exchange = self.client.send(
                operation.label,
                operation.http_method,
                path,
                credential,
                params=params,
                json_body=json_body,
                form=form,
                raw=raw,
                headers=headers,
                upload=upload,
            )
        except ServerUnreachable:
            self.unreachable += 1
            raise
        self.unreachable = 0
        self.log.append(exchange)
        kept = operation.role in _KEPT and not self.aside
        if self.webhooks is not None and 200 <= exchange.status < 300 and kept:
            self.writes.append(exchange)
        self._error_rules(operation, exchange)
        return exchange

    def _error_rules(self, operation: Operation, exchange: Exchange) -> None:
        if exchange.status < 400:
            return
        problem = self.rules.object_problem(
            operation, exchange.status, exchange.content_type, exchange.body
        )
        self._outcome(
            ERROR_OBJECT.name,
            exchange,
            problem,
            f"a {exchange.status} answer with {self.rules.expected_object(operation, exchange.status)}",
        )
        wanted = self.rules.expected_type(operation, exchange.status)
        if wanted is None:
            self.results.skip(exchange.operation, ERROR_TYPE.name, NO_ERROR_TYPE)
        if wanted is not None and isinstance(exchange.body, dict):
            problem = self.rules.type_problem(operation, exchange.status, exchange.body)
            self._outcome(
                ERROR_TYPE.name,
                exchange,
                problem,
                f"`type` {wanted!r}, as the spec promises for {exchange.status} on {operation.label}",
            )

    def _outcome(self, check: str, exchange: Exchange, problem: str | None, expected: str) -> None:
        if problem is None:
            self.results.record(SEMANTIC, check, exchange.operation, passed=True)
            return
        self.results.fail(
            Failure(
                SEMANTIC,
                check,
                exchange.operation,
                f"expected: {expected}\nreceived: {problem} in {exchange.describe()}",
                exchange.curl,
            )
        )

    def references(self, resource: str) -> Mapping[str, BodyReference]:
        """The body attributes of `resource` that carry ids (none known without referrals)."""
        return self.referrals.of(resource) if self.referrals is not None else {}

    # -- outcomes --------------------------------------------------------------------------

    def involve(self, *objects: Tracked) -> None:
        """Name the objects a check is about: a failure shows how to create them anew."""
        self.involved += [t for t in objects if t not in self.involved]

    def judge(
        self,
        check: str,
        operation: str,
        run: Callable[[], object],
        steps: Sequence[Exchange] = (),
    ) -> bool:
        """Run one case of `check` about `operation`; record and return whether it held.
        `steps` are earlier requests the case judges (shown first in a failure)."""
        del self.log[:-LOG_KEPT]
        start = len(self.log)
        self.steps = list(steps)
        self.involved = []
        try:
            run()
        except AssertionError as exc:
            self._failed(check, operation, str(exc), start)
            return False
        except CannotJudge as exc:
            self.results.skip(operation, check, str(exc))
            return False
        except ObjectCapReached as exc:
            self.results.skip(operation, check, str(exc))
            self.results.capped.append(f"{check} on {operation}")
            return False
        except TransportFailure as exc:
            message, _, curl = str(exc).rpartition("\n")
            self._failed(
                check,
                operation,
                f"expected: an answer\nreceived: {message or exc}",
                start,
                extra=curl,
            )
            if self.unreachable >= MAX_UNREACHABLE:
                raise ScenarioStopped(str(exc)) from exc
            return False
        except Exception as exc:  # noqa: BLE001 - a bug of ours must not hide other findings
            self.results.errors.append(
                f"the suite could not judge {check} on {operation}: {type(exc).__name__}: {exc}"
            )
            return False
        self.results.record(SEMANTIC, check, operation, passed=True)
        return True

    def _failed(
        self, check: str, operation: str, message: str, start: int, extra: str = ""
    ) -> None:
        steps = [exchange.curl for exchange in [*self.steps, *self.log[start:]]]
        if extra:
            steps.append(extra)
        shown = list(dict.fromkeys(steps))
        lines = []
        if len(shown) > MAX_CURL_LINES:
            lines.append(f"# … {len(shown) - MAX_CURL_LINES} earlier requests of this check")
            shown = shown[-MAX_CURL_LINES:]
        created = [t.created_curl for t in self.involved if t.created_curl]
        if created:
            lines.append("# the run deleted its objects at the end; create one anew first:")
            lines += created[:2]
        self.results.fail(Failure(SEMANTIC, check, operation, message, "\n".join(lines + shown)))
