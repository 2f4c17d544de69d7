"""The same bounds for every request schemathesis sends (its generated cases, the requests its
own checks send, such as `ignored_auth`'s without credentials, its capability probes), which all
go through a `requests` session: while `guarding(...)` is active, every session made gets an
adapter that paces requests, waits out and retries `429`s (they are never judged), reads each
answer whole within TIMEOUT and MAX_RESPONSE_BYTES, and refuses JSON nested deeper than
MAX_DEPTH before schemathesis parses it.

An answer beyond a bound reaches schemathesis as a `requests` transport error (so it drops the
case and goes on) that carries the `Refusal`; `Guard.on_refusal` has already recorded it as a
finding. Once the run is over (`RunOver`), every request fails at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import requests
import requests.sessions
from requests.adapters import HTTPAdapter
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.response import HTTPResponse

from protocol_conformance.errors import ConformanceError
from protocol_conformance.guard import (
    Refusal,
    RunOver,
    Watch,
    decode_json,
    read_whole,
    talking_on,
    too_slow,
    whole_answer_within,
)
from protocol_conformance.http import MAX_429_RETRIES, Pacer, pause_after_429

__all__ = ["CHUNK", "Guard", "GuardedAdapter", "RefusedAnswer", "RunEnded", "guarding"]

CHUNK = 64 * 1024


class RefusedAnswer(requests.exceptions.ChunkedEncodingError, ConformanceError):
    """An answer beyond a bound (too slow, too large, too deep, broken off); `refusal` says
    which."""

    refusal: Refusal


class RunEnded(requests.exceptions.ChunkedEncodingError, ConformanceError):
    """Not sent: the run is over (the server hangs, or DEADLINE passed)."""

    over: RunOver


@dataclass
class Guard:
    """What the adapter needs: the bounds and time, the pace, and where to report."""

    watch: Watch
    pacer: Pacer
    on_refusal: Callable[[requests.PreparedRequest, Refusal], None]
    rate_limited: int = 0  # 429 answers waited out
    waited: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def note_429(self, seconds: float) -> None:
        with self._lock:
            self.rate_limited += 1
            self.waited += seconds


_active: Guard | None = None


@contextmanager
def guarding(guard: Guard) -> Iterator[None]:
    """Every `requests` session made inside the block sends through the guarded adapter."""
    global _active
    # `requests.Session()` mounts `HTTPAdapter()` by the name in its own module.
    namespace = vars(requests.sessions)
    original = namespace["HTTPAdapter"]
    _active = guard
    namespace["HTTPAdapter"] = GuardedAdapter
    try:
        yield
    finally:
        namespace["HTTPAdapter"] = original
        _active = None


class GuardedAdapter(HTTPAdapter):
    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float | None, float | None] | None = None,
        verify: bool | str = True,
        cert: Any = None,
        proxies: dict[str, str] | None = None,
    ) -> requests.Response:
        guard = _active
        if guard is None:
            return super().send(request, stream, timeout, verify, cert, proxies)
        for attempt in range(MAX_429_RETRIES + 1):
            response = self._send_once(guard, request, timeout, verify, cert, proxies)
            if response.status_code != 429 or attempt == MAX_429_RETRIES:
                return response
            # A rate limit belongs to the deployment: wait it out and ask again, never judge it.
            wait = pause_after_429(response.headers.get("retry-after"), attempt)
            guard.note_429(wait)
            time.sleep(wait)
        raise AssertionError("unreachable")  # the loop always returns

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        # Connections that tell `guard` their sockets, so that TIMEOUT can cut one off.
        self.poolmanager.pool_classes_by_scheme = {"http": _Pool, "https": _TLSPool}

    def _send_once(
        self,
        guard: Guard,
        request: requests.PreparedRequest,
        timeout: float | tuple[float | None, float | None] | None,
        verify: bool | str,
        cert: Any,
        proxies: dict[str, str] | None,
    ) -> requests.Response:
        try:
            guard.watch.check()
            return self._send_bounded(guard, request, timeout, verify, cert, proxies)
        except RunOver as over:  # to schemathesis, a transport error: it goes on to the end
            ended = RunEnded(str(over), request=request)
            ended.over = over
            raise ended from None

    def _send_bounded(
        self,
        guard: Guard,
        request: requests.PreparedRequest,
        timeout: float | tuple[float | None, float | None] | None,
        verify: bool | str,
        cert: Any,
        proxies: dict[str, str] | None,
    ) -> requests.Response:
        what = f"{request.method} {request.url}"
        guard.pacer.wait()
        seconds = min(guard.watch.time_for_answer(), _read_timeout(timeout))
        try:
            with whole_answer_within(seconds) as fired:
                try:
                    response = super().send(request, True, seconds, verify, cert, proxies)
                except requests.exceptions.RequestException as exc:
                    if fired.is_set() or isinstance(exc, requests.exceptions.Timeout):
                        raise too_slow(guard.watch, what) from exc
                    raise
                if "text/event-stream" in response.headers.get("content-type", "").lower():
                    # An event stream may rightly never end: schemathesis reads it itself,
                    # bounded by the request timeout in all and its max-stream-events.
                    guard.watch.answered()
                    return response
                try:
                    body = read_whole(
                        response.iter_content(CHUNK),
                        fired=fired,
                        watch=guard.watch,
                        what=what,
                        errors=(requests.exceptions.RequestException,),
                    )
                except Refusal:
                    response.close()
                    raise
            if _is_json(response.headers.get("content-type", ""), body):
                try:
                    decode_json(body, guard.watch.limits, what)
                except ValueError:
                    pass  # not JSON: schemathesis' checks say so
        except Refusal as refusal:
            guard.on_refusal(request, refusal)
            # (Not a ReadTimeout, even when too slow: schemathesis parses those messages.)
            error = RefusedAnswer(str(refusal), request=request)
            error.refusal = refusal
            raise error from None
        response._content = body
        response._content_consumed = True
        guard.pacer.answered(response.status_code)
        return response


class _Connection(HTTPConnection):
    def getresponse(self) -> HTTPResponse:  # type: ignore[override]  # as urllib3 says
        talking_on(self.sock)  # the answer is read from here on
        return super().getresponse()


class _TLSConnection(HTTPSConnection):
    def getresponse(self) -> HTTPResponse:  # type: ignore[override]  # as urllib3 says
        talking_on(self.sock)
        return super().getresponse()


class _Pool(HTTPConnectionPool):
    ConnectionCls = _Connection


class _TLSPool(HTTPSConnectionPool):
    ConnectionCls = _TLSConnection


def _read_timeout(timeout: float | tuple[float | None, float | None] | None) -> float:
    if isinstance(timeout, tuple):
        timeout = timeout[1]
    return float("inf") if timeout is None else float(timeout)


def _is_json(content_type: str, body: bytes) -> bool:
    """Whether schemathesis would parse the body as JSON (what must not nest too deeply)."""
    return "json" in content_type.lower() or body.lstrip()[:1] in (b"{", b"[")
