"""The per-action token bucket, on an injected clock."""

from __future__ import annotations

import threading

from pulumi_tcmpp.client import TokenBucket, limiter_for


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_a_burst_of_one_second_then_the_steady_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(20, clock=clock, sleep=clock.sleep)
    waits = [bucket.acquire() for _ in range(60)]
    assert waits[:20] == [0.0] * 20
    assert all(abs(w - 0.05) < 1e-9 for w in waits[20:])
    assert abs(clock.now - 2.0) < 1e-6  # 60 calls at 20/s after a 20-call burst


def test_zero_rate_disables_limiting() -> None:
    clock = FakeClock()
    bucket = TokenBucket(0, clock=clock, sleep=clock.sleep)
    assert [bucket.acquire() for _ in range(100)] == [0.0] * 100


def test_one_bucket_per_endpoint_and_action_shared_by_threads() -> None:
    found: list[TokenBucket] = []

    def grab() -> None:
        found.append(limiter_for("http://a", "DescribeTeamList", 20))

    threads = [threading.Thread(target=grab) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(b) for b in found}) == 1
    assert limiter_for("http://a", "DescribeUserList", 20) is not found[0]
