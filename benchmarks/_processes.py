"""Where a run's time and memory went, by the process (and thread) that spent them.

An ``up`` through the offline engine runs in three places: this process (the offline engine,
and the program with the Pulumi SDK in its own thread, ``pulumi-program``), the provider
process (``python -m pulumi.dynamic``: the SDK's dynamic-provider server and the provider's
code) and the emulator's process. Each figure is read from ``/proc`` for the process it names:
CPU seconds (utime + stime) and the peak resident set (VmHWM), never ``RUSAGE_CHILDREN``, which
inherits the parent's high-water mark.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pulumi_tcmpp.testing import _host, _runner

TICKS = os.sysconf("SC_CLK_TCK")
SLOTS = 4
"""Calls the dynamic-provider server answers at once (its gRPC server's worker threads)."""


def cpu_seconds(pid: int | str = "self") -> float:
    """The process's CPU time so far (user + system), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime: fields 14 and 15


def vm_hwm_mb(pid: int | str = "self") -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


@dataclass
class Spent:
    """One run's wall time and CPU seconds by part."""

    wall: float = 0.0
    sdk: float = 0.0  # the program thread: the program and the SDK's event loop
    engine: float = 0.0  # the rest of this process: the offline engine, gRPC
    provider: float = 0.0  # the provider processes: the SDK's server and the provider's code
    emulator: float = 0.0
    provider_mb: float = 0.0  # the largest provider process's VmHWM
    idle_slots: float = 0.0
    """Slot-seconds no provider call was outstanding for: the provider waiting for work."""

    def cpu(self) -> str:
        """``SDK / engine / provider / emulator`` CPU seconds, for a table cell."""
        parts = (self.sdk, self.engine, self.provider, self.emulator)
        return " / ".join(f"{p:.1f}" for p in parts)


@contextmanager
def _patched(owner: Any, name: str, make: Callable[[Any], Any]) -> Iterator[None]:
    original = getattr(owner, name)
    setattr(owner, name, make(original))
    try:
        yield
    finally:
        setattr(owner, name, original)


def idle_slot_seconds(
    calls: list[tuple[float, float]], start: float, end: float, slots: int = SLOTS
) -> float:
    """Over ``start``..``end``, the integral of the slots left free by the calls outstanding
    (each call, as the engine sent and got it back, holds a slot or waits for one)."""
    edges = sorted([(t0, 1) for t0, _ in calls] + [(t1, -1) for _, t1 in calls])
    idle, outstanding, at = 0.0, 0, start
    for when, change in edges:
        idle += max(0, slots - outstanding) * (min(max(when, start), end) - at)
        at = min(max(when, start), end)
        outstanding += change
    return idle + max(0, slots - outstanding) * (end - at)


def measured(run: Callable[[], Any], emulator_pid: int | None = None) -> tuple[Any, Spent]:
    """Run ``run`` (an ``up``, ``preview``...) and say what each part spent on it."""
    spent = Spent()
    program_cpu: list[float] = []
    providers: list[tuple[float, float]] = []
    calls: list[tuple[float, float]] = []

    def timing_call(call: Any) -> Any:
        def wrapped(self: _host.ProviderHost, *args: Any, **kwargs: Any) -> Any:
            sent = time.perf_counter()
            try:
                return call(self, *args, **kwargs)
            finally:
                calls.append((sent, time.perf_counter()))

        return wrapped

    def timing_run(run_program: Any) -> Any:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            try:
                return run_program(*args, **kwargs)
            finally:
                program_cpu.append(time.thread_time())  # the program thread's own CPU

        return wrapped

    def reading_close(close: Any) -> Any:
        def wrapped(self: _host.ProviderHost) -> list[str]:
            if self._proc.poll() is None:  # still running: read it before it stops
                providers.append((cpu_seconds(self.pid), vm_hwm_mb(self.pid)))
            result: list[str] = close(self)
            return result

        return wrapped

    emulator_before = cpu_seconds(emulator_pid) if emulator_pid else 0.0
    with (
        _patched(_runner, "_run", timing_run),
        _patched(_host.ProviderHost, "close", reading_close),
        _patched(_host.ProviderHost, "_call", timing_call),
    ):
        process_before, started = time.process_time(), time.perf_counter()
        result = run()
        ended = time.perf_counter()
        spent.wall = ended - started
        spent.idle_slots = idle_slot_seconds(calls, started, ended)
        process = time.process_time() - process_before
    spent.sdk = sum(program_cpu)
    spent.engine = process - spent.sdk
    spent.provider = sum(cpu for cpu, _ in providers)
    spent.provider_mb = max((mb for _, mb in providers), default=0.0)
    if emulator_pid:
        spent.emulator = cpu_seconds(emulator_pid) - emulator_before
    return result, spent
