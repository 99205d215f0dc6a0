"""The Waiter: bounded pauses, progress on change, the timeout's message (no real sleeping)."""

from __future__ import annotations

import pytest

from pulumi_tcmpp.resources._polling import Waiter, WaitTimeoutError


class FakeTime:
    """A clock that moves only when the waiter sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.pauses: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


def waiter(time: FakeTime, lines: list[str], timeout: float = 60, interval: float = 5) -> Waiter:
    return Waiter(timeout, interval, clock=time.clock, sleep=time.sleep, report=lines.append)


def test_pauses_start_short_double_and_never_exceed_the_interval() -> None:
    time, lines = FakeTime(), list[str]()
    looks = iter(["pending"] * 8 + ["done"])

    result = waiter(time, lines).until(
        "the build", lambda: next(looks), str, lambda s: s == "done", "hint"
    )

    assert result == "done"
    assert time.pauses == [0.25, 0.5, 1.0, 2.0, 4.0, 5.0, 5.0, 5.0]
    assert lines == ["the build: pending (0s of 60s)"]  # reported once: it did not change


def test_each_new_status_is_reported_with_the_time_spent() -> None:
    time, lines = FakeTime(), list[str]()
    looks = iter(["pending", "running", "running", "done"])

    waiter(time, lines).until("the build", lambda: next(looks), str, lambda s: s == "done", "")

    assert lines == ["the build: pending (0s of 60s)", "the build: running (0s of 60s)"]


def test_the_timeout_stops_the_wait_with_the_last_status_and_the_hint() -> None:
    time, lines = FakeTime(), list[str]()

    with pytest.raises(WaitTimeoutError) as caught:
        waiter(time, lines, timeout=12, interval=5).until(
            "the approval", lambda: "processing", str, lambda s: False, "Approve it."
        )

    assert str(caught.value) == (
        "timed out after 12s waiting for the approval (last seen: processing). Approve it."
    )
    assert time.now - 100.0 == pytest.approx(12)  # the last pause is cut to the deadline
    assert max(time.pauses) <= 5


def test_a_long_wait_reports_a_heartbeat() -> None:
    time, lines = FakeTime(), list[str]()
    with pytest.raises(WaitTimeoutError):
        waiter(time, lines, timeout=70, interval=10).until(
            "the build", lambda: "running", str, lambda s: False, ""
        )
    assert lines[0] == "the build: running (0s of 70s)"
    assert len(lines) == 3  # at start, then every 30 s while nothing changes
