"""The schemathesis part of the run: every built-in check, phases examples, coverage, fuzzing
and stateful (through the spec's links), with the project's expectations.

What schemathesis should expect of a server lives in `schemathesis.toml` at the project root,
the file plain `schemathesis run` reads too; this module adds only what belongs to one run
(URL, tokens, seed, phases, examples, TLS, pacing). The spec is the one `protocol_spec` loaded.

schemathesis is driven in-process through the same event stream its own CLI consumes
(`from_schema(schema).execute()`): one process, our checks registered by import, and every
check result (passes too, with the curl that reproduces each failure) available for our
summary, our request count and our JUnit report. The version is fixed exactly, which is what
makes leaning on this API safe.
"""

from __future__ import annotations

import copy
import json
import re
import shlex
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
import schemathesis
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.config import ConfigError, SchemathesisConfig
from schemathesis.core.failures import Failure as SchemathesisFailure
from schemathesis.core.result import Ok
from schemathesis.engine import Status, events, from_schema
from schemathesis.engine.recorder import ScenarioRecorder
from schemathesis.schemas import BaseSchema

from protocol_conformance import checks as our_checks
from protocol_conformance.error_object import ErrorRules
from protocol_conformance.errors import CannotTest
from protocol_conformance.guard import Limits, Refusal, Watch
from protocol_conformance.http import Pacer
from protocol_conformance.requests_guard import Guard, RunEnded, guarding
from protocol_conformance.results import SCHEMATHESIS, CreatedObject, Failure, RunResults
from protocol_conformance.schemathesis_hooks import known_model
from protocol_spec import PROJECT_ROOT, Api, SpecErrors, load_api

__all__ = [
    "PHASES",
    "PROJECT_CONFIG",
    "RECORDED_BYTES",
    "FuzzSettings",
    "FuzzSetupError",
    "build_config",
    "mask_secrets",
    "project_expectations",
    "run_fuzz",
]

PHASES = ("examples", "coverage", "fuzzing", "stateful")
PROJECT_CONFIG = PROJECT_ROOT / "schemathesis.toml"
# Bytes of each answer schemathesis keeps for its reports (what a finding shows), whatever
# MAX_RESPONSE_BYTES lets through: memory stays flat in the number of answers.
RECORDED_BYTES = 16 * 1024


@dataclass(frozen=True)
class FuzzSettings:
    spec: Path
    base_url: str
    token: str
    other_token: str | None
    seed: int
    max_examples: int
    request_timeout: float
    phases: tuple[str, ...] = PHASES
    shrink: bool = True
    checks: tuple[str, ...] | None = None  # None: every check
    config_file: Path | None = PROJECT_CONFIG  # the project's expectations
    rate_limit: float | None = None  # requests per second
    rate_auto: bool = False  # RATE_LIMIT=auto
    limits: Limits | None = None  # sizes and DEADLINE; None: the defaults
    operations: tuple[str, ...] | None = None  # labels ("GET /things"); None: every operation
    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None


class FuzzSetupError(CannotTest):
    """schemathesis could not be configured or could not load the spec."""


def project_expectations(path: Path | None) -> dict[str, Any]:
    """The expectations in the project's schemathesis.toml (none when there is no file)."""
    if path is None or not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise FuzzSetupError(f"{path} cannot be read: {exc}") from None


def build_config(
    settings: FuzzSettings, wfc_path: Path | None, bearer_scheme: str = "bearerAuth"
) -> SchemathesisConfig:
    """The project's expectations plus this run's settings."""
    run: dict[str, Any] = {
        "seed": settings.seed,
        "cache": {"enabled": False},
        # Tokens are shown as $TOKEN by our report, so schemathesis need not mask them.
        "output": {
            "sanitization": {"enabled": False},
            "truncation": {"max-recorded-payload-size": RECORDED_BYTES},
        },
        "base-url": settings.base_url,
        # One thread: schemathesis' own thread workers crash in Hypothesis here; WORKERS runs
        # shards in processes instead (protocol_conformance.shards).
        "workers": 1,
        "request-timeout": settings.request_timeout,
        "warnings": False,
        # `requests_guard` waits out and retries every 429 first; one still there after its
        # retries is retried by schemathesis too, and never judged (`_honoured`).
        "rate-limit": "auto",
        "generation": {
            "max-examples": settings.max_examples,
            # No replay of earlier runs' failures: the same seed sends the same requests.
            "database": "none",
            "no-shrink": not settings.shrink,
        },
        "phases": _phases(settings.phases),
        "auth": _auth(settings, wfc_path, bearer_scheme),
    }
    if settings.ca_bundle is not None:
        run["tls-verify"] = str(settings.ca_bundle)
    if settings.client_cert is not None:
        run["request-cert"] = str(settings.client_cert)
    if settings.client_key is not None:
        run["request-cert-key"] = str(settings.client_key)
    if settings.checks is not None:
        run["checks"] = {"enabled": False, **{name: {"enabled": True} for name in settings.checks}}
    data = _merge(project_expectations(settings.config_file), run)
    try:
        return SchemathesisConfig.from_dict(data, base_dir=str(PROJECT_ROOT))
    except ConfigError as exc:
        raise FuzzSetupError(f"schemathesis rejected the configuration: {exc}") from exc


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _auth(settings: FuzzSettings, wfc_path: Path | None, bearer_scheme: str) -> dict[str, Any]:
    auth: dict[str, Any] = {"auto-signup": False}
    if wfc_path is not None:
        # Two identities: `object_level_authorization` replays one account's reads as the other.
        auth["wfc"] = {"path": str(wfc_path), "user": "owner", "peers": ["owner", "other"]}
    else:
        auth["openapi"] = {bearer_scheme: {"bearer": settings.token}}
    return auth


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


def _honoured(
    context: schemathesis.HookContext,
    failure: SchemathesisFailure,
    case: schemathesis.Case[Any],
    response: schemathesis.Response,
) -> bool:
    """Keep every finding except about a 429: a rate limit belongs to the deployment, and
    was waited out and retried (`requests_guard`); one still there after the retries is not
    judged either. (The findings both tools drop are in
    `protocol_conformance.schemathesis_hooks`.)"""
    return response.status_code != 429


class _Watcher:
    """A hook on every answer: remember the objects created, for the clean-up. (Pace, 429s and
    bounds: `requests_guard`; idempotency keys: `protocol_conformance.schemathesis_hooks`,
    which schemathesis.toml loads.)"""

    def __init__(self, api: Api, settings: FuzzSettings, results: RunResults) -> None:
        self.results = results
        self.variables = {f"Bearer {settings.token}": "TOKEN"}
        if settings.other_token:
            self.variables[f"Bearer {settings.other_token}"] = "OTHER_TOKEN"
        self.creates = {
            op.label: (resource.name, resource.id_attribute)
            for resource in api.resources
            if (op := resource.operation("create")) is not None and resource.id_attribute
        }

    def after_call(
        self,
        context: schemathesis.HookContext,
        case: schemathesis.Case[Any],
        response: schemathesis.Response,
    ) -> None:
        created = self.creates.get(case.operation.label)
        if created is None or not 200 <= response.status_code < 300:
            return
        try:
            body = json.loads(response.content)
        except (ValueError, RecursionError):
            return
        resource, id_attribute = created
        if isinstance(body, dict) and isinstance(body.get(id_attribute), str | int):
            authorization = str(response.request.headers.get("Authorization", ""))
            variable = self.variables.get(authorization, "TOKEN")
            self.results.created.append(CreatedObject(resource, str(body[id_attribute]), variable))


@contextmanager
def _scratch_hypothesis_home() -> Iterator[None]:
    """Keep Hypothesis' caches out of the caller's working directory (no stray .hypothesis/)."""
    with tempfile.TemporaryDirectory(prefix="conformance-hypothesis-") as directory:
        set_hypothesis_home_dir(directory)
        try:
            yield
        finally:
            set_hypothesis_home_dir(None)


# The model of each spec file a shard ran on, by (path, size, modification time): the shards of
# one run, one after another in a process, load a large spec once rather than once each.
_MODELS: dict[tuple[str, int, int], Api] = {}


def _loaded(spec: Path) -> Api:
    try:
        stat = spec.stat()
    except OSError:
        return load_api(spec)  # load_api explains what is wrong with the path
    key = (str(spec.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _MODELS:
        _MODELS.clear()
        _MODELS[key] = load_api(spec)
    return _MODELS[key]


def run_fuzz(settings: FuzzSettings, results: RunResults) -> None:
    """Run schemathesis and add every check outcome, the request count and the objects it
    created (for the clean-up) to `results`."""
    try:
        api = _loaded(settings.spec)
    except SpecErrors as exc:
        raise FuzzSetupError(f"{settings.spec} is not a usable spec:\n{exc}") from None
    with _identities(settings) as wfc_path, _scratch_hypothesis_home():
        bearer = next(
            (s.name for s in api.security_schemes if (s.type, s.scheme) == ("http", "bearer")),
            "bearerAuth",
        )
        config = build_config(settings, wfc_path, bearer)
        schema: BaseSchema
        try:
            schema = schemathesis.openapi.from_dict(
                copy.deepcopy(dict(api.document)), config=config
            )
        except (
            Exception
        ) as exc:  # schemathesis raises several loader errors; all mean the same here
            raise FuzzSetupError(f"schemathesis could not load {settings.spec}: {exc}") from exc
        known_model(schema.raw_schema, api)
        if settings.operations is not None:
            # An exclusion, not `include`: the project's [[operations]] blocks already make
            # schemathesis include every operation, and inclusions only add to that.
            wanted = frozenset(settings.operations)
            schema = schema.exclude(lambda context: context.operation.label not in wanted)
        watcher = _Watcher(api, settings, results)
        schema.hooks.register_hook_with_name(_honoured, "filter_failure")
        schema.hooks.register_hook_with_name(watcher.after_call, "after_call")
        tokens = {settings.token: "TOKEN"}
        if settings.other_token:
            tokens[settings.other_token] = "OTHER_TOKEN"
        watch = Watch(settings.limits or Limits(timeout=settings.request_timeout))
        guard = Guard(
            watch,
            Pacer(settings.rate_limit, auto=settings.rate_auto),
            _refusal_recorder(results, _operation_finder(api, settings.base_url), tokens),
        )
        try:
            with guarding(guard), our_checks.use_rules(ErrorRules(api)):
                stream = from_schema(schema).execute()
                for event in stream:
                    _consume(event, results, tokens)
                    if watch.over is not None:
                        stream.stop()  # the server hangs, or DEADLINE: finish with what ran
        finally:
            results.rate_limited += guard.rate_limited
            results.rate_limit_wait += guard.waited
            if watch.over is not None:
                results.ended = str(watch.over)


def _operation_finder(api: Api, base_url: str) -> Callable[[str, str], str]:
    """The label of the spec's operation a request went to ("GET /things/{id}"), from its URL."""
    prefix = urlsplit(base_url).path.rstrip("/")
    patterns = [(op.http_method, _path_pattern(op.path), op.label) for op in api.operations]

    def find(method: str, url: str) -> str:
        path = urlsplit(url).path
        path = path[len(prefix) :] if prefix and path.startswith(prefix) else path
        return next(
            (label for m, pattern, label in patterns if m == method and pattern.match(path)),
            f"{method} {path}",
        )

    return find


def _path_pattern(path: str) -> re.Pattern[str]:
    literal = re.split(r"\{[^}]*\}", path)
    return re.compile("^" + "[^/]+".join(re.escape(part) for part in literal) + "$")


def _refusal_recorder(
    results: RunResults, operation_of: Callable[[str, str], str], tokens: dict[str, str]
) -> Callable[[requests.PreparedRequest, Refusal], None]:
    def record(request: requests.PreparedRequest, refusal: Refusal) -> None:
        operation = operation_of(str(request.method), str(request.url))
        results.fail(
            Failure(SCHEMATHESIS, refusal.check, operation, str(refusal), _curl(request, tokens))
        )
        results.drop(operation, refusal.check)

    return record


def _curl(request: requests.PreparedRequest, tokens: dict[str, str]) -> str:
    parts = ["curl", "-sS", "-i", "-X", str(request.method), shlex.quote(str(request.url))]
    for name, value in request.headers.items():
        if name.lower() not in ("content-length", "user-agent", "accept-encoding", "connection"):
            parts += ["-H", shlex.quote(f"{name}: {value!s}")]
    body = request.body
    if body:
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
        parts += ["--data-raw", shlex.quote(text)]
    return mask_secrets(" ".join(parts), tokens)


def _consume(event: events.EngineEvent, results: RunResults, tokens: dict[str, str]) -> None:
    if isinstance(event, events.ScenarioFinished):
        _record_scenario(event.recorder, results, tokens)
    elif isinstance(event, events.PhaseFinished) and isinstance(event.payload, Ok):
        # The probing phase's requests (capabilities of the server) are not scenarios.
        results.requests[SCHEMATHESIS] += len(event.payload.ok().probes)
    elif isinstance(event, events.NonFatalError):
        if isinstance(event.value, RunEnded):
            results.drop(event.label, "not sent: the run was ended")
        elif not isinstance(getattr(event.value, "refusal", None), Refusal):
            # (A refused answer is a finding already, counted as a dropped case.)
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
                        curl=mask_secrets("\n".join(steps), tokens),
                    )
                )


def _check_name(failure: SchemathesisFailure) -> str:
    names = getattr(failure, "checks", ())
    return str(names[0]) if names else type(failure).__name__


def _describe(failure: SchemathesisFailure) -> str:
    title = f"[{failure.code}] {failure.title}"
    return f"{title}\n{failure.message}".strip()


def mask_secrets(text: str, tokens: dict[str, str]) -> str:
    """Show `$TOKEN` in place of the secret, where it is a whole header or parameter value
    (never inside another word: TOKEN=x leaves `application/x-www-form-urlencoded` alone);
    the double quotes let the shell expand it."""
    for token, variable in tokens.items():
        text = text.replace(
            f"'Authorization: Bearer {token}'", f'"Authorization: Bearer ${variable}"'
        )
        whole_value = rf"(?<![^\s'\"=:])({re.escape(token)})(?![^\s'\"&;,])"
        text = re.sub(whole_value, f"${variable}", text)
    return text
