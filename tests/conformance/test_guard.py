"""The bounds and the report's defences on their own: JSON depth without recursion, 429 pauses,
RATE_LIMIT=auto, tokens masked as whole values only, server text escaped."""

from __future__ import annotations

import socket
import threading
import time
from email.utils import formatdate

import pytest

from protocol_conformance.fuzz import mask_secrets
from protocol_conformance.guard import (
    DeadlinePassed,
    Limits,
    ServerHanging,
    TooDeep,
    TooLarge,
    TooSlow,
    Watch,
    decode_json,
    read_bounded,
    talking_on,
    too_slow,
    whole_answer_within,
)
from protocol_conformance.http import Pacer, pause_after_429
from protocol_conformance.report import visible


def test_json_deeper_than_max_depth_is_refused_without_recursion() -> None:
    limits = Limits(max_depth=5)
    assert decode_json(b"[[[[[1]]]]]", limits, "GET /x") == [[[[[1]]]]]
    with pytest.raises(TooDeep, match="deeper than MAX_DEPTH=5"):
        decode_json(b'{"a": [[[[{}]]]]}', limits, "GET /x")
    deep = b"[" * 200_000 + b"]" * 200_000  # far past any recursion limit
    with pytest.raises(TooDeep):
        decode_json(deep, Limits(), "GET /x")
    with pytest.raises(ValueError):
        decode_json(b"{not json", limits, "GET /x")


def test_an_answer_past_its_time_is_cut_off_and_one_in_time_never_is() -> None:
    """One watchdog thread serves every request: each exchange is cut off at its own time,
    in any order they were armed, and one that ended is never cut off afterwards."""
    outcomes: dict[str, tuple[bool, bytes]] = {}

    def exchange(name: str, seconds: float, answer: bool) -> None:
        ours, server = socket.socketpair()
        with ours, server:
            if answer:
                server.sendall(b"whole answer")
            with whole_answer_within(seconds) as fired:
                talking_on(ours)
                got = ours.recv(64)  # blocks until the answer, or until cut off (b"")
            time.sleep(seconds + 0.2)  # past its time: a finished exchange stays untouched
            outcomes[name] = (fired.is_set(), got)

    threads = [
        threading.Thread(target=exchange, args=("slow", 0.6, False)),
        threading.Thread(target=exchange, args=("quick", 0.2, False)),
        threading.Thread(target=exchange, args=("answered", 0.2, True)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert outcomes == {
        "slow": (True, b""),
        "quick": (True, b""),
        "answered": (False, b"whole answer"),
    }


def test_reading_stops_past_max_response_bytes() -> None:
    chunks = (b"x" * 1024 for _ in range(10**6))  # a gigabyte, if anyone read it all
    with pytest.raises(TooLarge, match="MAX_RESPONSE_BYTES=4096"):
        read_bounded(chunks, Limits(max_response_bytes=4096), "GET /x")


def test_three_timeouts_in_a_row_mean_the_server_hangs() -> None:
    watch = Watch(Limits(timeout=1))
    watch.timed_out("GET /a")
    watch.answered()  # not in a row
    watch.timed_out("GET /b")
    watch.timed_out("GET /c")
    watch.check()
    watch.timed_out("GET /d")
    with pytest.raises(ServerHanging, match="3 answers in a row"):
        watch.check()


def test_an_answer_cut_short_by_the_deadline_ends_the_run_and_is_no_finding() -> None:
    assert isinstance(too_slow(Watch(Limits(deadline=time.time() - 1)), "GET /a"), DeadlinePassed)
    watch = Watch(Limits(deadline=time.time() + 600))
    assert isinstance(too_slow(watch, "GET /a"), TooSlow)
    assert watch.timeouts_in_a_row == 1


def test_a_429_waits_as_retry_after_says_else_a_doubling_pause() -> None:
    assert pause_after_429("2", 0) == 2
    assert 0 <= pause_after_429(formatdate(time.time() + 3, usegmt=True), 0) <= 3
    assert [pause_after_429(None, n) for n in range(5)] == [1, 2, 4, 8, 8]
    assert pause_after_429("soon", 1) == 2


def test_rate_limit_auto_slows_down_at_429s_and_recovers() -> None:
    pacer = Pacer(None, auto=True)
    assert pacer.interval == 0
    pacer.answered(429)
    pacer.answered(429)
    slowed = pacer.interval
    assert slowed > 0
    for _ in range(200):
        pacer.answered(200)
    assert pacer.interval < slowed
    fixed = Pacer(10.0)
    fixed.answered(429)
    assert fixed.interval == pytest.approx(0.1)  # a number given is kept


def test_a_short_token_is_masked_only_as_a_whole_value() -> None:
    curl = (
        "curl -X POST -H 'Authorization: Bearer x' -H 'Content-Type: "
        "application/x-www-form-urlencoded' -H 'X-Key: x' 'http://h/v1/things?key=x&ax=x1' "
        "-d 'name=x&note=box'"
    )
    masked = mask_secrets(curl, {"x": "TOKEN"})
    assert '"Authorization: Bearer $TOKEN"' in masked
    assert "application/x-www-form-urlencoded" in masked
    assert "'X-Key: $TOKEN'" in masked and "key=$TOKEN&ax=x1" in masked
    assert "name=$TOKEN&note=box" in masked


def test_server_text_is_shown_escaped() -> None:
    text = "\x1b[2J\x1b]52;c;aGk=\x07ok\r\u202eevil\nnext"
    assert visible(text) == "\\x1b[2J\\x1b]52;c;aGk=\\x07ok\\x0d\\u202eevil\nnext"
    assert visible(text, one_line=True).count("\n") == 0
