"""Bounds on what a server can make the suite do, shared by both clients (httpx for the
scenario, requests for schemathesis): how long one answer may take (TIMEOUT, for the whole
answer, not each read), how big it may be (MAX_RESPONSE_BYTES), how deeply its JSON may nest
(MAX_DEPTH), how long the run may take (DEADLINE), and when a server is declared hanging
(three answers in a row that did not come in time).

An answer beyond a bound is a `Refusal`: a finding about the operation, and the case is dropped
(counted and named in the summary), never a crash. `RunOver` ends the whole run.
"""

from __future__ import annotations

import heapq
import itertools
import json
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from protocol_conformance.errors import ConformanceError

__all__ = [
    "CLEAN_UP_GRACE",
    "DEADLINE_REACHED",
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "HANGING_AFTER",
    "BrokenOff",
    "DeadlinePassed",
    "Limits",
    "Refusal",
    "RunOver",
    "ServerHanging",
    "TooDeep",
    "TooLarge",
    "TooSlow",
    "Watch",
    "decode_json",
    "read_bounded",
    "read_whole",
    "talking_on",
    "too_slow",
    "whole_answer_within",
]

DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_DEPTH = 200
DEFAULT_DEADLINE = 1800.0
# This many answers in a row that hit TIMEOUT: the server is hanging, the run ends.
HANGING_AFTER = 3
DEADLINE_REACHED = (
    "DEADLINE reached: the run took longer than it may; what ran so far is reported. Raise "
    "DEADLINE, or lower MAX_EXAMPLES."
)
# Seconds the clean-up may still use after DEADLINE, so that the run leaves nothing behind.
CLEAN_UP_GRACE = 60.0


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds for one whole answer
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    # Wall-clock time (time.time()) when the run must end: shared by worker processes.
    deadline: float | None = None


class Refusal(ConformanceError):
    """An answer the suite would not read to the end or could not use; the message says why."""

    check = "complete_answer"


class TooSlow(Refusal):
    check = "response_time"


class TooLarge(Refusal):
    check = "response_size"


class TooDeep(Refusal):
    check = "response_depth"


class BrokenOff(Refusal):
    check = "complete_answer"


class RunOver(BaseException):
    """The run must end now, with the report of what ran.

    A BaseException, like KeyboardInterrupt: it must pass through every `except Exception`
    that keeps one check's trouble from stopping the others.
    """


class ServerHanging(RunOver):
    pass


class DeadlinePassed(RunOver):
    pass


class Watch:
    """One process's view of the run's time: the deadline, and answers that timed out in a row.
    Thread-safe; once the run is over, every later request is refused at once."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.timeouts_in_a_row = 0
        self.over: RunOver | None = None
        self._grace = 0.0
        self._lock = threading.Lock()

    def check(self) -> None:
        """Raise RunOver when the run must end (before a request is sent)."""
        with self._lock:
            deadline = self.limits.deadline
            if self.over is None and deadline is not None and time.time() > deadline + self._grace:
                self.over = DeadlinePassed(DEADLINE_REACHED)
            if self.over is not None:
                raise self.over

    def time_for_answer(self) -> float:
        """Seconds the next answer may take: TIMEOUT, or less when the deadline is nearer."""
        timeout = self.limits.timeout
        if self.limits.deadline is not None:
            left = self.limits.deadline + self._grace - time.time()
            timeout = min(timeout, max(left, 0.05))
        return timeout

    def deadline_cut(self) -> RunOver | None:
        """The end of the run, if DEADLINE (not TIMEOUT) is what an answer's time ran into."""
        deadline = self.limits.deadline
        # (The timer that cut the answer off fires at the deadline, give or take a moment.)
        if deadline is None or time.time() + 0.1 < deadline + self._grace:
            return None
        self.stop(DeadlinePassed(DEADLINE_REACHED))
        return self.over

    def answered(self) -> None:
        with self._lock:
            self.timeouts_in_a_row = 0

    def timed_out(self, what: str) -> None:
        """Count an answer that did not come in time; the third in a row ends the run."""
        with self._lock:
            self.timeouts_in_a_row += 1
            if self.timeouts_in_a_row >= HANGING_AFTER and self.over is None:
                self.over = ServerHanging(
                    f"The server is hanging: {HANGING_AFTER} answers in a row did not arrive "
                    f"whole within TIMEOUT={self.limits.timeout:g} s (the last: {what}). "
                    "What ran so far is reported. Check the server answers, or raise TIMEOUT "
                    "if it is only slow."
                )

    def stop(self, over: RunOver) -> None:
        """End the run (the first reason given stays)."""
        with self._lock:
            if self.over is None:
                self.over = over

    @contextmanager
    def clean_up_time(self) -> Iterator[None]:
        """A little time past the deadline, so that the run deletes what it created."""
        self._grace = CLEAN_UP_GRACE
        if isinstance(self.over, DeadlinePassed):
            self.over = None
        try:
            yield
        finally:
            self._grace = 0.0


# The socket each thread is waiting on now (its clients say so as they read an answer), so
# that a timer in another thread can cut it off.
_talking: dict[int, socket.socket] = {}


def talking_on(sock: socket.socket | None) -> None:
    """Record that this thread's current exchange goes over `sock`."""
    if sock is not None:
        _talking[threading.get_ident()] = sock


def _cut_off(ident: int) -> None:
    sock = _talking.get(ident)
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)  # a read blocked on it returns at once
    except OSError:
        pass  # already closed: nothing left to cut


class _Watchdog:
    """One thread (per process, started on first use) that fires what is due: a thread of its
    own per request cost a thread start, and a wait for it to be scheduled, on every request."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._due: list[tuple[float, int]] = []  # (time.monotonic(), number): a heap
        self._armed: dict[int, Callable[[], None]] = {}  # disarmed ones are left out
        self._numbers = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float, fire: Callable[[], None]) -> int:
        with self._changed:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="conformance-watchdog", daemon=True
                )
                self._thread.start()
            number = next(self._numbers)
            self._armed[number] = fire
            heapq.heappush(self._due, (time.monotonic() + max(seconds, 0.0), number))
            if self._due[0][1] == number:  # the earliest now: the thread waits for it
                self._changed.notify()
            return number

    def disarm(self, number: int) -> None:
        """Once this returns, `fire` has run or never will."""
        with self._changed:
            self._armed.pop(number, None)

    def _run(self) -> None:
        with self._changed:
            while True:
                while self._due and self._due[0][1] not in self._armed:
                    heapq.heappop(self._due)
                if not self._due:
                    self._changed.wait()
                    continue
                due, number = self._due[0]
                left = due - time.monotonic()
                if left > 0:
                    self._changed.wait(left)
                    continue
                heapq.heappop(self._due)
                self._armed.pop(number)()  # quick (a socket shut down), under the lock


_WATCHDOG = _Watchdog()


@contextmanager
def whole_answer_within(seconds: float) -> Iterator[threading.Event]:
    """Cut this thread's connection off if the block (sending a request and reading its whole
    answer, headers too) is still running after `seconds`; the event says it was. A read
    timeout bounds each read; this bounds them all together."""
    ident = threading.get_ident()
    fired = threading.Event()

    def fire() -> None:
        fired.set()
        _cut_off(ident)

    number = _WATCHDOG.arm(seconds, fire)
    try:
        yield fired
    finally:
        _WATCHDOG.disarm(number)
        _talking.pop(ident, None)


def too_slow(watch: Watch, what: str) -> TooSlow | RunOver:
    """The refusal of an answer that did not arrive whole in time (counted towards hanging);
    or, when its time was cut short by DEADLINE, the end of the run (not the server's fault)."""
    over = watch.deadline_cut()
    if over is not None:
        return over
    watch.timed_out(what)
    return TooSlow(
        f"{what}: the whole answer did not arrive within TIMEOUT={watch.limits.timeout:g} s."
    )


def read_bounded(chunks: Iterable[bytes], limits: Limits, what: str) -> bytes:
    """The body from `chunks`, or TooLarge past MAX_RESPONSE_BYTES (reading stops there)."""
    body = bytearray()
    for chunk in chunks:
        body += chunk
        if len(body) > limits.max_response_bytes:
            raise TooLarge(
                f"{what}: the answer is longer than MAX_RESPONSE_BYTES={limits.max_response_bytes} "
                "bytes; the suite stopped reading it. An API answer that large is a fault "
                "(or raise MAX_RESPONSE_BYTES)."
            )
    return bytes(body)


def decode_json(body: bytes, limits: Limits, what: str) -> Any:
    """The JSON value of `body`; ValueError if it is not JSON, TooDeep if it nests deeper than
    MAX_DEPTH (no recursion limit or native stack is ever reached with it)."""
    try:
        value = json.loads(body)
    except RecursionError:
        value = None
        depth = limits.max_depth + 1
    else:
        depth = _depth(value, limits.max_depth)
    if depth > limits.max_depth:
        raise TooDeep(
            f"{what}: the JSON answer nests deeper than MAX_DEPTH={limits.max_depth} levels; "
            "the suite does not read it further."
        )
    return value


def _depth(value: Any, most: int) -> int:
    """How deeply `value` nests (without recursion), stopping once past `most`."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Iterable[Any] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if deepest > most:
            return deepest
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def read_whole(
    chunks: Iterable[bytes],
    *,
    fired: threading.Event,
    watch: Watch,
    what: str,
    errors: tuple[type[BaseException], ...],
) -> bytes:
    """The whole body from `chunks`, within MAX_RESPONSE_BYTES; TooSlow if the time ran out
    (`fired`: the connection was cut off), BrokenOff if one of the client's `errors` (a broken
    answer) came first."""
    try:
        body = read_bounded(chunks, watch.limits, what)
    except errors as exc:
        if fired.is_set():
            raise too_slow(watch, what) from exc
        raise BrokenOff(f"{what}: the answer broke off ({type(exc).__name__}: {exc}).") from exc
    if fired.is_set():  # cut off, the body may look complete: it is not
        raise too_slow(watch, what)
    watch.answered()
    return body
