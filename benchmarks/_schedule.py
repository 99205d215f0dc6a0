"""The time an ``up`` cannot beat: its API calls, scheduled as the engine and provider must.

Given each resource's dependencies and the API calls its create makes, in order, the simulation
runs the schedule the real system follows with nothing else costing time (no engine, SDK,
provider or emulator work, no Check):

* a resource is registered once every resource it depends on has finished (the SDK registers
  it when their outputs resolve); the engine checks registrations one at a time, in the order
  they came (program order breaking ties), and sends the Create when the Check answers;
* the dynamic-provider server answers at most ``slots`` (4) calls at once, Checks and Creates
  alike, in the order they came: a Check takes no time but needs a free slot, so it waits
  behind the Creates sent before it; a Create holds its slot through all its calls, waiting for
  tokens included, as a provider thread does;
* each call first takes a token from its action's bucket (``rate`` per second, starting full
  with ``burst``, waiting callers served in order: the client's limiter, which the emulator's
  bucket of the same size mirrors), then takes ``latency`` seconds (the round trip).

Two relaxations that any schedule must respect are computed too (:func:`floors`): the busiest
action's token bucket alone, and the longest dependency chain at one round trip per call.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Job:
    """One resource's create: its name, what it waits for, its API calls in order."""

    name: str
    needs: tuple[str, ...]
    calls: tuple[str, ...]


@dataclass
class _Bucket:
    rate: float
    tokens: float
    last: float = 0.0

    def take(self, now: float) -> float:
        """Reserve the next token at ``now``; the time it is granted."""
        self.tokens = min(self.tokens + (now - self.last) * self.rate, max(1.0, self.rate))
        self.last = now
        self.tokens -= 1.0
        return now if self.tokens >= 0 else now - self.tokens / self.rate


@dataclass(order=True)
class _Event:
    time: float
    order: int
    job: int = field(compare=False)
    call: int = field(compare=False)


def simulate(
    jobs: Sequence[Job], *, latency: float, rate: float, slots: int = 4
) -> dict[str, float]:
    """Each job's finishing time under the schedule described in the module docstring."""
    return schedule(jobs, latency=latency, rate=rate, slots=slots)[0]


def schedule(
    jobs: Sequence[Job], *, latency: float, rate: float, slots: int = 4
) -> tuple[dict[str, float], float]:
    """Each job's finishing time, and the slot-seconds the creates held (calls, token waits)."""
    simulation = _Simulation(jobs, latency, rate, slots)
    return simulation.run(), simulation.busy


class _Simulation:
    """The provider's queue and slots, the engine's serial Check, the buckets, in time order."""

    def __init__(self, jobs: Sequence[Job], latency: float, rate: float, slots: int) -> None:
        self.jobs, self.latency, self.rate, self.free = jobs, latency, rate, slots
        index = {job.name: i for i, job in enumerate(jobs)}
        self.waiting = [sum(1 for n in job.needs if n in index) for job in jobs]
        self.dependents: list[list[int]] = [[] for _ in jobs]
        for i, job in enumerate(jobs):
            for need in job.needs:
                if need in index:
                    self.dependents[index[need]].append(i)
        self.buckets: dict[str, _Bucket] = {}
        self.registered: list[tuple[float, int]] = []  # (when, job): waiting for its Check
        self.queue: deque[tuple[str, int]] = deque()  # provider calls waiting for a slot
        self.checking = False  # the engine generates one step at a time
        self.events: list[_Event] = []
        self.finished: dict[str, float] = {}
        self.started: dict[int, float] = {}
        self.busy = 0.0
        self.order = 0

    def run(self) -> dict[str, float]:
        for i, n in enumerate(self.waiting):
            if n == 0:
                heapq.heappush(self.registered, (0.0, i))
        self._advance(0.0)
        while self.events:
            event = heapq.heappop(self.events)
            self._step(event)
            self._advance(event.time)
        if len(self.finished) != len(self.jobs):
            raise ValueError("the dependencies have a cycle or name a job twice")
        return self.finished

    def _push(self, time: float, job: int, call: int) -> None:
        self.order += 1
        heapq.heappush(self.events, _Event(time, self.order, job, call))

    def _step(self, event: _Event) -> None:
        job, now = self.jobs[event.job], event.time
        if event.call < len(job.calls):
            action = job.calls[event.call]
            bucket = self.buckets.setdefault(action, _Bucket(self.rate, max(1.0, self.rate)))
            self._push(bucket.take(now) + self.latency, event.job, event.call + 1)
            return
        self.finished[job.name] = now
        self.busy += now - self.started[event.job]
        self.free += 1
        for dependent in self.dependents[event.job]:
            self.waiting[dependent] -= 1
            if self.waiting[dependent] == 0:
                heapq.heappush(self.registered, (now, dependent))

    def _advance(self, now: float) -> None:
        """Send the next Check when the engine is free; give slots to queued calls in order.

        A Check takes no time but needs a slot; once it answers, its Create joins the queue
        and the engine sends the next Check."""
        while True:
            if not self.checking and self.registered:
                _, job = heapq.heappop(self.registered)
                self.queue.append(("check", job))
                self.checking = True
            if not (self.free and self.queue):
                return
            kind, job = self.queue.popleft()
            if kind == "check":
                self.checking = False
                self.queue.append(("create", job))
            else:
                self.free -= 1
                self.started[job] = now
                self._push(now, job, 0)


def floors(jobs: Sequence[Job], *, latency: float, rate: float) -> dict[str, float]:
    """Lower bounds no schedule can beat: the busiest action's bucket, the longest chain."""
    per_action: dict[str, int] = {}
    for job in jobs:
        for action in job.calls:
            per_action[action] = per_action.get(action, 0) + 1
    busiest = max(per_action.values(), default=0)
    bucket = max(0.0, (busiest - max(1.0, rate)) / rate) + (latency if busiest else 0.0)
    chain: dict[str, float] = {}
    for job in jobs:  # in program order, dependencies first
        before = max((chain.get(n, 0.0) for n in job.needs), default=0.0)
        chain[job.name] = before + latency * len(job.calls)
    return {"bucket": bucket, "chain": max(chain.values(), default=0.0)}
