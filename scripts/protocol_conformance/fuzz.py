"""The schemathesis part of the run: every built-in check, phases examples, coverage, fuzzing and
stateful (through the spec's links), configured for this spec.

schemathesis is driven in-process through the same event stream its own CLI consumes
(`from_schema(schema).execute()`): one process, our checks registered by
import, and every check result (passes too, with the curl that reproduces each failure) available
for our summary, our request count and our JUnit report. The version is pinned exactly, which is
what makes leaning on this API safe.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.config import ConfigError, SchemathesisConfig
from schemathesis.core.failures import Failure as SchemathesisFailure
from schemathesis.core.result import Ok
from schemathesis.engine import Status, events, from_schema
from schemathesis.engine.recorder import ScenarioRecorder
from schemathesis.openapi.checks import RejectedPositiveData

from protocol_conformance import checks as _our_checks  # noqa: F401  (registers our checks)
from protocol_conformance.errors import CannotTest
from protocol_conformance.results import SCHEMATHESIS, Failure, RunResults

PHASES = ("examples", "coverage", "fuzzing", "stateful")
LIST_OPERATION = "GET /v1/conversations"


@dataclass(frozen=True)
class FuzzSettings:
    spec: Path
    base_url: str
    token: str
    other_token: str | None
    seed: int
    max_examples: int
    workers: int
    request_timeout: float
    phases: tuple[str, ...] = PHASES
    shrink: bool = True
    checks: tuple[str, ...] | None = None  # None: every check


class FuzzSetupError(CannotTest):
    """schemathesis could not be configured or could not load the spec."""


def build_config(settings: FuzzSettings, wfc_path: Path | None) -> SchemathesisConfig:
    """The schemathesis configuration for our spec (as `schemathesis.toml` would hold it)."""
    checks: dict[str, Any] = {
        # A schema-valid request may still be refused for what only the server knows: an id that
        # is none of your conversations (404), a cursor that is not one of them (400; allowed
        # narrowly by `_keep_failure`), or an Idempotency-Key already used with another request
        # (422, which the spec documents where the key is declared). Everything else
        # schema-valid must succeed.
        "positive_data_acceptance": {"expected-statuses": ["2xx", "404", "422"]},
        # Schema-invalid input must be refused as the spec documents: 400, 413 or 415; 401 when
        # the negated part is the Authorization header, 404 when it is the id in the path.
        "negative_data_rejection": {"expected-statuses": ["400", "401", "404", "413", "415"]},
    }
    if settings.checks is not None:
        checks["enabled"] = False
        for name in settings.checks:
            checks.setdefault(name, {})["enabled"] = True
    auth: dict[str, Any] = {"auto-signup": False}
    if wfc_path is not None:
        # Two identities: `object_level_authorization` replays one account's reads as the other.
        auth["wfc"] = {"path": str(wfc_path), "user": "owner", "peers": ["owner", "other"]}
    else:
        auth["openapi"] = {"bearerAuth": {"bearer": settings.token}}
    generation = {
        "max-examples": settings.max_examples,
        "database": "none",  # no replay of earlier runs' failures: the same seed sends the same requests
        "no-shrink": not settings.shrink,
    }
    data: dict[str, Any] = {
        "seed": settings.seed,
        "cache": {"enabled": False},
        # Tokens are shown as $TOKEN by our report, so schemathesis need not mask them.
        "output": {"sanitization": {"enabled": False}},
        "base-url": settings.base_url,
        "workers": settings.workers,
        "request-timeout": settings.request_timeout,
        "warnings": False,
        "generation": generation,
        "phases": _phases(settings.phases),
        "checks": checks,
        "auth": auth,
    }
    try:
        return SchemathesisConfig.from_dict(data)
    except ConfigError as exc:
        raise FuzzSetupError(f"schemathesis rejected the configuration: {exc}") from exc


def _phases(enabled: tuple[str, ...]) -> dict[str, Any]:
    phases: dict[str, Any] = {name: {"enabled": name in enabled} for name in PHASES}
    # Ids the server hands out are random; feeding them back into generated cases outside the
    # stateful phase (which follows the spec's links on purpose) would make every run differ.
    for name in ("examples", "coverage", "fuzzing"):
        phases[name]["extra-data-sources"] = {"responses": False}
    return phases


@contextmanager
def _identities(settings: FuzzSettings) -> Iterator[Path | None]:
    """A WFC auth document naming both accounts, when there are two."""
    if not settings.other_token:
        yield None
        return
    document = {
        "auth": [
            {"name": name, "fixedHeaders": [{"name": "Authorization", "value": f"Bearer {token}"}]}
            for name, token in (("owner", settings.token), ("other", settings.other_token))
        ]
    }
    with tempfile.TemporaryDirectory(prefix="conformance-") as directory:
        path = Path(directory) / "identities.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        yield path


def _keep_failure(
    context: schemathesis.HookContext,
    failure: SchemathesisFailure,
    case: schemathesis.Case[Any],
    response: schemathesis.Response,
) -> bool:
    """Drop only the documented refusal of a schema-valid list request: an unknown cursor, or both."""
    if not isinstance(failure, RejectedPositiveData) or response.status_code != 400:
        return True
    if case.operation.label != LIST_OPERATION:
        return True
    query = case.query or {}
    return not ("starting_after" in query or "ending_before" in query)


@contextmanager
def _scratch_hypothesis_home() -> Iterator[None]:
    """Keep Hypothesis' caches out of the caller's working directory (no stray .hypothesis/)."""
    with tempfile.TemporaryDirectory(prefix="conformance-hypothesis-") as directory:
        set_hypothesis_home_dir(directory)
        try:
            yield
        finally:
            set_hypothesis_home_dir(None)


def run_fuzz(settings: FuzzSettings, results: RunResults) -> None:
    """Run schemathesis and add every check outcome and the request count to `results`."""
    with _identities(settings) as wfc_path, _scratch_hypothesis_home():
        config = build_config(settings, wfc_path)
        try:
            schema = schemathesis.openapi.from_path(settings.spec, config=config)
        except (
            Exception
        ) as exc:  # schemathesis raises several loader errors; all mean the same here
            raise FuzzSetupError(f"schemathesis could not load {settings.spec}: {exc}") from exc
        schema.hooks.register_hook_with_name(_keep_failure, "filter_failure")
        tokens = {settings.token: "TOKEN"}
        if settings.other_token:
            tokens[settings.other_token] = "OTHER_TOKEN"
        for event in from_schema(schema).execute():
            _consume(event, results, tokens)


def _consume(event: events.EngineEvent, results: RunResults, tokens: dict[str, str]) -> None:
    if isinstance(event, events.ScenarioFinished):
        _record_scenario(event.recorder, results, tokens)
    elif isinstance(event, events.PhaseFinished) and isinstance(event.payload, Ok):
        # The probing phase's requests (capabilities of the server) are not scenarios.
        results.requests[SCHEMATHESIS] += len(event.payload.ok().probes)
    elif isinstance(event, events.NonFatalError):
        results.errors.append(
            f"schemathesis: {event.label}: {event.info.title}: {event.info.message}"
        )
    elif isinstance(event, events.FatalError):
        results.errors.append(f"schemathesis stopped: {event.exception}")
    elif isinstance(event, events.EngineFinished):
        for failure in event.failures:
            results.fail(
                Failure(
                    SCHEMATHESIS,
                    _check_name(failure),
                    failure.operation or "(whole run)",
                    _describe(failure),
                    curl="",
                )
            )


def _record_scenario(
    recorder: ScenarioRecorder, results: RunResults, tokens: dict[str, str]
) -> None:
    results.requests[SCHEMATHESIS] += len(recorder.interactions)
    for case_id, nodes in recorder.checks.items():
        case_node = recorder.cases.get(case_id)
        operation = case_node.value.operation.label if case_node is not None else recorder.label
        for node in nodes:
            if node.status == Status.SUCCESS:
                results.record(SCHEMATHESIS, node.name, operation, passed=True)
            elif node.failure_info is not None:
                info = node.failure_info
                steps = [step.curl for step in info.steps] or [info.code_sample]
                results.fail(
                    Failure(
                        suite=SCHEMATHESIS,
                        check=node.name,
                        operation=operation,
                        message=_describe(info.failure),
                        curl=_mask_tokens("\n".join(steps), tokens),
                    )
                )


def _check_name(failure: SchemathesisFailure) -> str:
    names = getattr(failure, "checks", ())
    return str(names[0]) if names else type(failure).__name__


def _describe(failure: SchemathesisFailure) -> str:
    title = f"[{failure.code}] {failure.title}"
    return f"{title}\n{failure.message}".strip()


def _mask_tokens(text: str, tokens: dict[str, str]) -> str:
    """Show `$TOKEN` in place of the secret; the quotes let the shell expand it."""
    for token, variable in tokens.items():
        text = text.replace(
            f"'Authorization: Bearer {token}'", f'"Authorization: Bearer ${variable}"'
        )
        text = text.replace(token, f"${variable}")
    return text
