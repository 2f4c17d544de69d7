"""The suite's webhook receiver keeps within its bounds whatever a server sends it."""

from __future__ import annotations

import httpx
import pytest

from protocol_conformance import receiver as receiver_module
from protocol_conformance.receiver import Receiver


def test_kept_deliveries_are_bounded_in_bytes_oldest_forgotten_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(receiver_module, "MAX_KEPT_BYTES", 1000)
    with Receiver() as receiver:
        for mark in "abc":
            answer = httpx.post(receiver.url, content=mark.encode() * 600, timeout=5)
            assert answer.status_code == 204
        kept = receiver.deliveries()
    # 1,800 bytes arrived; what is kept stays within 1,000, the newest delivery among it.
    assert sum(len(d.body) for d in kept) <= 1000
    assert [d.body[:1] for d in kept] == [b"c"]


def test_a_body_over_the_limit_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(receiver_module, "MAX_BODY_BYTES", 100)
    with Receiver() as receiver:
        answer = httpx.post(receiver.url, content=b"x" * 101, timeout=5)
        assert answer.status_code == 413
        assert receiver.deliveries() == []
