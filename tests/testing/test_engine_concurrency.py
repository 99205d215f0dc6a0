"""Independent steps run concurrently up to ``parallel``; observed through events, not clocks."""

from __future__ import annotations

from itertools import combinations

from tinycloud import Cloud, Thing

from .conftest import MakeStack

NAMES = ["w", "x", "y", "z"]


def four(rendezvous: int = 0) -> None:
    for name in NAMES:
        Thing(name, name=name, rendezvous=rendezvous)


def test_parallel_creates_overlap(make_stack: MakeStack, cloud: Cloud) -> None:
    # Each Create waits until all four have started: this only completes if they overlap.
    result = make_stack(lambda: four(rendezvous=4), parallel=4).up()

    assert result.ok, result
    events = cloud.events()
    starts = [i for i, e in enumerate(events) if e.startswith("start create")]
    ends = [i for i, e in enumerate(events) if e.startswith("end create")]
    assert len(starts) == len(ends) == 4 and max(starts) < min(ends)
    creates = [c for c in result.rpcs if c.method == "Create"]
    assert all(a.overlaps(b) for a, b in combinations(creates, 2))


def test_parallel_one_runs_one_step_at_a_time(make_stack: MakeStack, cloud: Cloud) -> None:
    result = make_stack(four, parallel=1).up()

    assert result.ok, result
    # Step generation (Check) may run beside a step, as in the engine; steps never overlap.
    creates = [c for c in result.rpcs if c.method == "Create"]
    assert not any(a.overlaps(b) for a, b in combinations(creates, 2))
    events = [e.split()[0] for e in cloud.events()]
    assert events == ["start", "end"] * 4


def test_deletes_of_independent_resources_overlap_too(make_stack: MakeStack) -> None:
    make_stack(four, parallel=4).up().raise_on_error()
    result = make_stack(lambda: None, parallel=4).destroy()

    assert result.ok, result
    deletes = [c for c in result.rpcs if c.method == "Delete"]
    assert sorted(c.name for c in deletes) == NAMES
