"""`WORKERS=N`: the schemathesis part in N processes, sharded by operation.

schemathesis' own workers are threads, and Hypothesis raises threading errors under them here;
processes share nothing. Each shard is one operation's examples, coverage and fuzzing phases,
plus one shard for the stateful phase (which follows links across operations, so it is never
split). Every shard uses the run's seed, and Hypothesis derives an operation's cases from the
seed and that operation's own phases alone (not from its other phases run apart: they stay
together), so the same seed sends the same cases whatever the number of workers, plus a path's
unsupported-method probes, which each operation's shard sends once more: the same findings,
sooner. The results are merged in a fixed order (the spec's
operations, then the stateful phase), whichever shard finished first.

The workers start when the pool is made, importing schemathesis while the caller starts the
server and runs its preflight. The caller's semantic scenario can run while only the shards of
operations that change nothing (GET) are running, so that it never sees the fuzzer's writes.
A request-rate limit is shared out: each of N workers paces itself at 1/N of it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Self

from protocol_conformance.errors import CannotTest
from protocol_conformance.fuzz import FuzzSettings, run_fuzz
from protocol_conformance.results import RunResults
from protocol_spec import Api, SpecErrors, load_api

__all__ = ["STATEFUL", "FuzzWorkers", "run_one_by_one", "shards"]

STATEFUL = "stateful"


def shards(settings: FuzzSettings, api: Api, workers: int) -> list[FuzzSettings]:
    """The units of work: one per operation (in the spec's order), then the stateful phase."""
    rate = settings.rate_limit / workers if settings.rate_limit else settings.rate_limit
    per_operation = tuple(phase for phase in settings.phases if phase != STATEFUL)
    units = []
    if per_operation:
        units = [
            replace(settings, operations=(operation.label,), phases=per_operation, rate_limit=rate)
            for operation in api.operations
            if settings.operations is None or operation.label in settings.operations
        ]
    if STATEFUL in settings.phases:
        units.append(replace(settings, phases=(STATEFUL,), rate_limit=rate))
    return units


def run_one_by_one(settings: FuzzSettings, api: Api, results: RunResults) -> None:
    """The shards in this process, one after the other (WORKERS=1): the same units as with
    several workers, the stateful phase first, so that the number of workers changes when
    they run, not what they are. Merged in the same order as `FuzzWorkers.run` merges them."""
    units = shards(settings, api, 1)
    outcomes: dict[int, Callable[[], RunResults]] = {}
    ended = False
    for unit in sorted(units, key=lambda u: not _is_stateful(u)):
        # Once the run is ended (the server hangs, DEADLINE), the other shards do not run.
        outcomes[id(unit)] = _not_run(unit) if ended else _outcome(unit)
        ended = ended or _ended(outcomes[id(unit)])
    for unit in units:
        _merge_shard(results, unit, outcomes[id(unit)])


class FuzzWorkers:
    """`count` worker processes, started at once; `run` shares a run's shards out to them."""

    def __init__(self, count: int, spec: Path) -> None:
        self.count = count
        # Fresh interpreters ("spawn"), not forks of this one: nothing of the parent's threads,
        # sockets or Hypothesis state is inherited.
        self._pool = ProcessPoolExecutor(
            max_workers=count, mp_context=multiprocessing.get_context("spawn")
        )
        # One task per worker now, so that every process starts, imports and reads the spec
        # straight away.
        for _ in range(count):
            self._pool.submit(_warm_up, spec)

    def run(
        self,
        settings: FuzzSettings,
        api: Api,
        results: RunResults,
        alongside: Callable[[], None] | None = None,
    ) -> None:
        """Every shard, merged into `results`. `alongside`, when given, runs here while only
        the shards that change nothing are running (operations with a safe method: GET,
        HEAD, OPTIONS); the others start when it returns."""
        units = shards(settings, api, self.count)
        # The stateful phase first, as `run_one_by_one` runs it (what it explores depends on
        # the objects the server holds when it starts); then the operations longest first (by
        # how many inputs they take), so that no long shard starts last. With something to run
        # alongside, the operations that change nothing go first, while it runs, and the
        # stateful phase leads the others once it is done.
        by_weight = sorted(
            (index for index, unit in enumerate(units) if not _is_stateful(unit)),
            key=lambda index: -_weight(units[index], api),
        )
        stateful = [index for index, unit in enumerate(units) if _is_stateful(unit)]
        readers = [index for index in by_weight if _reads_only(units[index], api)]
        writers = [index for index in by_weight if index not in readers]
        started: dict[int, Future[RunResults]] = {}
        if alongside is None:
            first, then = [*stateful, *by_weight], []
        else:
            first, then = readers, [*stateful, *writers]
        for index in first:
            started[index] = self._pool.submit(_run_shard, units[index])
        if alongside is not None:
            alongside()
        for index in then:
            started[index] = self._pool.submit(_run_shard, units[index])
        for index, unit in enumerate(units):
            if started[index].cancelled():
                _merge_shard(results, unit, _not_run(unit))
                continue
            _merge_shard(results, unit, started[index].result)
            if results.ended:
                # The server hangs, or DEADLINE: shards not started yet will not be.
                for future in started.values():
                    future.cancel()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _is_stateful(unit: FuzzSettings) -> bool:
    """The stateful phase's shard (it spans every operation fuzzed, named or not)."""
    return STATEFUL in unit.phases


def _outcome(unit: FuzzSettings) -> Callable[[], RunResults]:
    """Run the shard now; the returned function gives its results, or raises its error."""
    try:
        results = _run_shard(unit)
    except Exception as exc:  # noqa: BLE001 - raised again where it is merged
        error = exc

        def failed() -> RunResults:
            raise error

        return failed
    return lambda: results


def _ended(outcome: Callable[[], RunResults]) -> bool:
    try:
        return bool(outcome().ended)
    except Exception:  # noqa: BLE001 - reported where it is merged
        return False


def _not_run(unit: FuzzSettings) -> Callable[[], RunResults]:
    """A shard left out because the run was ended: its operations are named as dropped."""
    results = RunResults()
    for operation in ("(stateful phase)",) if _is_stateful(unit) else unit.operations or ():
        results.drop(operation, "not run: the run was ended")
    return lambda: results


def _merge_shard(
    results: RunResults, unit: FuzzSettings, outcome: Callable[[], RunResults]
) -> None:
    try:
        results.merge(outcome())
    except CannotTest:
        raise  # the spec or the configuration: every shard would say the same
    except Exception as exc:  # noqa: BLE001 - a shard's failure is reported, not raised
        what = ", ".join(unit.operations or ("every operation",))
        results.errors.append(
            f"the schemathesis shard for {what} ({', '.join(unit.phases)}) stopped: "
            f"{type(exc).__name__}: {exc}"
        )


def _weight(unit: FuzzSettings, api: Api) -> int:
    assert unit.operations is not None and not _is_stateful(unit)  # ordered apart
    operation = next(op for op in api.operations if op.label in unit.operations)
    fields = len(operation.body.fields) if operation.body else 0
    return 1 + len(operation.path_params) + len(operation.query_params) + fields


def _reads_only(unit: FuzzSettings, api: Api) -> bool:
    if unit.operations is None or _is_stateful(unit):
        return False  # the stateful phase creates, updates and deletes
    return all(
        op.http_method in _SAFE_METHODS for op in api.operations if op.label in unit.operations
    )


_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _warm_up(spec: Path) -> None:
    """Import schemathesis (with this module) and load the spec once, while the caller starts
    the server; the first shard then starts at full speed."""
    with contextlib.suppress(SpecErrors):  # reported by the shard that needs the spec
        load_api(spec)


def _run_shard(settings: FuzzSettings) -> RunResults:
    results = RunResults()
    run_fuzz(settings, results)
    return results
