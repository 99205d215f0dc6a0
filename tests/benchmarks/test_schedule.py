"""The simulated schedule that bounds an ``up`` (``benchmarks/_schedule.py``) on graphs whose
answer can be worked out by hand: the slots, the buckets with their burst, the dependencies."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))

from _processes import idle_slot_seconds
from _schedule import Job, floors, schedule, simulate


def test_a_chain_pays_one_round_trip_per_call() -> None:
    jobs = [Job("a", (), ("X", "Y")), Job("b", ("a",), ("Z",)), Job("c", ("b",), ("X",))]
    finished = simulate(jobs, latency=0.1, rate=20)
    assert finished == pytest.approx({"a": 0.2, "b": 0.3, "c": 0.4})
    assert floors(jobs, latency=0.1, rate=20)["chain"] == pytest.approx(0.4)


def test_four_slots_make_rounds_of_four_creates() -> None:
    jobs = [Job(f"j{i}", (), (f"A{i}",)) for i in range(9)]  # distinct actions: no bucket waits
    finished = simulate(jobs, latency=0.1, rate=20)
    assert max(finished.values()) == pytest.approx(0.3)  # 4 + 4 + 1
    assert sorted(finished.values()).count(pytest.approx(0.1)) == 4


def test_a_bucket_allows_its_burst_then_its_rate() -> None:
    jobs = [Job(f"j{i}", (), ("Same",)) for i in range(60)]
    finished = simulate(jobs, latency=0.0, rate=20)
    assert max(finished.values()) == pytest.approx((60 - 20) / 20)
    assert floors(jobs, latency=0.0, rate=20)["bucket"] == pytest.approx(2.0)


def test_the_bound_is_never_below_the_simple_floors() -> None:
    jobs = [Job(f"t{i}", (), ("CreateTeam", "DescribeTeamList")) for i in range(30)]
    jobs += [Job(f"m{i}", (f"t{i % 30}",), ("AddTeamMember",)) for i in range(90)]
    for latency in (0.0, 0.03, 0.1):
        bound = max(simulate(jobs, latency=latency, rate=20).values())
        simple = floors(jobs, latency=latency, rate=20)
        assert bound >= max(simple.values()) - 1e-9


def test_a_cycle_is_refused() -> None:
    with pytest.raises(ValueError, match="cycle"):
        simulate([Job("a", ("b",), ("X",)), Job("b", ("a",), ("X",))], latency=0.0, rate=20)


def test_the_slot_seconds_the_creates_held() -> None:
    jobs = [Job(f"j{i}", (), (f"A{i}", f"B{i}")) for i in range(6)]
    finished, busy = schedule(jobs, latency=0.1, rate=20)
    assert busy == pytest.approx(6 * 0.2)  # each create holds its slot for its two calls
    assert max(finished.values()) == pytest.approx(0.4)  # 4 slots, then 2


def test_free_slots_are_integrated_over_the_calls_outstanding() -> None:
    assert idle_slot_seconds([], 0.0, 2.0) == pytest.approx(8.0)
    assert idle_slot_seconds([(0.0, 1.0), (0.5, 1.5)], 0.0, 2.0) == pytest.approx(6.0)
    queued = [(0.0, 1.0)] * 6  # more calls than slots: none free, none counted below zero
    assert idle_slot_seconds(queued, 0.0, 1.0) == 0.0
    assert idle_slot_seconds([(-1.0, 0.5)], 0.0, 1.0) == pytest.approx(3.5)  # clipped to the run
