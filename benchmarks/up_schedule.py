"""``up``, unchanged ``preview`` and ``refresh`` of a platform, against what they cannot beat.

Each run goes through the offline engine (``pulumi_tcmpp.testing``: the real
``python -m pulumi.dynamic`` server, at most 4 provider calls at once) against the emulator in
its own process, enforcing 20 requests per second per action and adding a network round trip
of 0, 30 or 100 ms to every request (``--latencies``), for platforms of 100, 300 and 1000
resources (``--sizes``; the mix of ``_platform.py``).

``up``: the bound is the schedule of ``_schedule.py``: the API calls each resource's create
made, the resources' dependencies as the state records them, 4 concurrent creates, each
action's token bucket (20/s, one second's burst) and the round trip; nothing else costs time.
The calls per resource come from a calibration run in the same process (a small platform, one
step at a time, each request attributed to the step it ran in); the table checks that the
simulated calls per action equal what the emulator served in the measured run. Target:
measured at most 1.1x the bound. The no-op twin (``_platform.noop_twins``: the same program,
registrations, outputs and dependencies, with a provider that makes no call) shows what the
engine and the SDK alone take for the program. The time beyond the bound is split in two from
the provider calls the engine had outstanding: slots busy longer than the simulated creates
held them and slots left free (the engine and the SDK not sending work). A verdict over the
target names the part that spent the most CPU (``_processes.py``): the SDK (the program's
thread), the offline engine (the rest of its process) or the provider (its processes' CPU
beyond the no-op twin's, which is the SDK's dynamic-provider server).

``preview`` and ``refresh`` of the unchanged platform (after the up without latency): API calls
(target 0 for the preview) and time, beside the no-op twin's.

Prints the tables and replaces this script's section of ``benchmarks/RESULTS.md``::

    .venv/bin/python benchmarks/up_schedule.py [--sizes 100,300,1000] [--latencies 0,30,100]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _platform import HERE, KIND_OF_PREFIX, noop_twins, plan, platform_program, variant
from _processes import SLOTS, Spent, measured
from _remote import DOCUMENTED_RATE, RemoteEmulator
from _results import RESULTS, run_line, write_section
from _schedule import Job, floors, schedule

from pulumi_tcmpp.testing import Result, Stack, Step

SCRIPT = "up_schedule.py"
TARGET = 1.1
CALIBRATION_SIZE = 40
ONCE_PER_PROCESS = ("DescribeMNPCategory",)
"""Reads a provider makes in Check once per process (a MiniProgram's categories): given to the
first resource that makes them, not to every resource of its variant."""
PROGRAM_ORDER = list(KIND_OF_PREFIX)


def _order(name: str) -> tuple[int, int]:
    """Where a resource stands in the program (kinds in program order, then the index)."""
    prefix, _, index = name.rpartition("-")
    return PROGRAM_ORDER.index(prefix), int(index)


def _is_platform_resource(name: str) -> bool:
    prefix, _, index = name.rpartition("-")
    return prefix in KIND_OF_PREFIX and index.isdigit()


def _stack(program: Any, workdir: Path, name: str, config: dict[str, Any], **kw: Any) -> Stack:
    return Stack(
        program,
        project="bench",
        stack=name,
        state_path=workdir / f"{name}.json",
        config=config,
        cwd=HERE,
        **kw,
    )


def _served(log: list[dict[str, Any]]) -> Counter[str]:
    return Counter(str(e["action"]) for e in log if e["code"] is None and not e.get("fault"))


# -- calibration: the calls of each resource variant's create ------------------------------------


def calibrate(workdir: Path) -> tuple[dict[tuple[str, str], tuple[str, ...]], set[str]]:
    """Bring a small platform up one step at a time; attribute each request to its step."""
    with RemoteEmulator(rate_limit=None) as emu:
        finished: list[tuple[float, str]] = []

        def on_step(step: Step) -> None:
            finished.append((time.time(), step.name))

        stack = _stack(
            platform_program(plan(CALIBRATION_SIZE)),
            workdir,
            "calibration",
            emu.config,
            parallel=1,
            on_step=on_step,
        )
        result = stack.up()
        if not result.ok:
            raise SystemExit(f"calibration up failed: {result.errors[:2]}")
        log = [e for e in emu.log() if e["code"] is None]
    calls: dict[str, list[str]] = {}
    for entry in log:
        owner = next((name for at, name in finished if at >= entry["time"]), "")
        calls.setdefault(owner, []).append(str(entry["action"]))
    by_variant: dict[tuple[str, str], tuple[str, ...]] = {}
    once: set[str] = set()
    for name, actions in calls.items():
        if not _is_platform_resource(name):
            raise SystemExit(f"calibration: requests outside a resource's step: {actions}")
        once.update(a for a in actions if a in ONCE_PER_PROCESS)
        own = tuple(a for a in actions if a not in ONCE_PER_PROCESS)
        key = variant(name)
        if by_variant.setdefault(key, own) != own:
            raise SystemExit(f"calibration: {key} made {own} and {by_variant[key]}")
    return by_variant, once


def jobs_of(
    state_result: Result, calls: dict[tuple[str, str], tuple[str, ...]], once: set[str]
) -> list[Job]:
    """The measured stack's resources as jobs: dependencies from the state, calls calibrated."""
    assert state_result.state is not None
    resources = [r for r in state_result.state.user_resources() if _is_platform_resource(r.name)]
    names = {r.urn: r.name for r in resources}
    jobs = []
    for res in sorted(resources, key=lambda r: _order(r.name)):
        needs = tuple(sorted({names[u] for u in res.all_dependencies() if u in names}))
        jobs.append(Job(res.name, needs, calls[variant(res.name)]))
    for action in sorted(once):  # the first resource of the kind that reads it in Check
        first = next(i for i, j in enumerate(jobs) if variant(j.name)[0] == "MiniProgram")
        jobs[first] = Job(jobs[first].name, jobs[first].needs, (action, *jobs[first].calls))
    return jobs


# -- measuring ------------------------------------------------------------------------------------


@dataclass
class UpRow:
    size: int
    latency_ms: int
    seconds: float
    bound: float
    bound_busy: float
    """Slot-seconds the simulated creates held."""
    bucket_floor: float
    chain_floor: float
    spent: Spent
    twin: Spent
    requests: int
    throttled: int
    calls_match: bool
    ok: bool
    errors: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.seconds / self.bound if self.bound > 0 else float("inf")

    @property
    def provider_part(self) -> float:
        """Seconds beyond the bound because provider calls held the slots longer than the
        simulated creates did (the provider's own work, Checks, gRPC), spread over the slots."""
        busy = SLOTS * self.seconds - self.spent.idle_slots
        return (busy - self.bound_busy) / SLOTS

    @property
    def waiting_part(self) -> float:
        """Seconds beyond the bound because slots sat free longer than in the simulation:
        the provider waiting for the engine and the SDK to send it work."""
        return self.seconds - self.bound - self.provider_part

    def verdict(self) -> str:
        if not self.ok:
            return "✗ the up failed"
        if self.ratio <= TARGET:
            return "✓"
        excess = self.seconds - TARGET * self.bound
        parts = {
            "SDK": self.spent.sdk,
            "offline engine": self.spent.engine,
            "provider": self.spent.provider - self.twin.provider,  # beyond the SDK's server
        }
        who = max(parts, key=lambda part: parts[part])
        return f"✗ {excess:.1f} s over {TARGET}x; most CPU: {who} ({parts[who]:.1f} s)"


@dataclass
class OpRow:
    size: int
    operation: str
    seconds: float
    calls: int
    twin: float
    ok: bool
    spent: Spent
    twin_spent: Spent


def measure_size(
    size: int,
    latencies: list[int],
    parallel: int,
    calibrated: tuple[dict[tuple[str, str], tuple[str, ...]], set[str]],
    emu: RemoteEmulator,
    workdir: Path,
) -> tuple[list[UpRow], list[OpRow]]:
    program = platform_program(plan(size))
    pid = emu.process.pid
    with noop_twins():
        twin = _stack(program, workdir, f"twin{size}", emu.config, parallel=parallel)
        twin_up, twin_up_s = measured(twin.up, pid)
        twin_preview, twin_preview_s = measured(twin.preview, pid)
        twin_refresh, twin_refresh_s = measured(twin.refresh, pid)
    if not (twin_up.ok and twin_preview.ok and twin_refresh.ok):
        raise SystemExit(f"the no-op twin failed: {(twin_up.errors + twin_refresh.errors)[:2]}")
    ups, ops = [], []
    for latency_ms in latencies:
        emu.reset()
        emu.set_latency(latency_ms / 1000)
        stack = _stack(program, workdir, f"up{size}-{latency_ms}", emu.config, parallel=parallel)
        result, spent = measured(stack.up, pid)
        log = emu.log()
        jobs = jobs_of(result, *calibrated)
        latency = latency_ms / 1000
        finished, busy = schedule(jobs, latency=latency, rate=DOCUMENTED_RATE)
        simple = floors(jobs, latency=latency, rate=DOCUMENTED_RATE)
        simulated = Counter(a for j in jobs for a in j.calls)
        ups.append(
            UpRow(
                size=size,
                latency_ms=latency_ms,
                seconds=spent.wall,
                bound=max(finished.values()),
                bound_busy=busy,
                bucket_floor=simple["bucket"],
                chain_floor=simple["chain"],
                spent=spent,
                twin=twin_up_s,
                requests=len(log),
                throttled=sum(1 for e in log if str(e["code"]).startswith("RequestLimit")),
                calls_match=simulated == _served(log),
                ok=result.ok,
                errors=[e.message for e in result.errors][:2],
            )
        )
        print(_up_line(ups[-1]), flush=True)
        if latency_ms == 0:
            for name, run, twin_s in (
                ("preview", stack.preview, twin_preview_s),
                ("refresh", stack.refresh, twin_refresh_s),
            ):
                emu.clear()
                done, took = measured(run, pid)
                ops.append(
                    OpRow(size, name, took.wall, len(emu.log()), twin_s.wall, done.ok, took, twin_s)
                )
                print(_op_line(ops[-1]), flush=True)
    return ups, ops


# -- report ---------------------------------------------------------------------------------------


def _up_line(r: UpRow) -> str:
    ratio = f"{r.ratio:.2f}" if r.bound > 0 else "- (bound 0)"
    return (
        f"| {r.size} | {r.latency_ms} | {r.requests} | {r.throttled} "
        f"| {r.bucket_floor:.1f} / {r.chain_floor:.1f} | {r.bound:.1f} | {r.seconds:.1f} "
        f"| {ratio} | {r.provider_part:.1f} / {r.waiting_part:.1f} | {r.spent.cpu()} "
        f"| {r.twin.wall:.1f} | {r.twin.cpu()} "
        f"| {'yes' if r.calls_match else '**no**'} | {r.verdict()} |"
    )


def _op_line(r: OpRow) -> str:
    calls = f"{r.calls}" if r.operation != "preview" or r.calls == 0 else f"**{r.calls}** ✗"
    return (
        f"| {r.size} | {r.operation} | {calls} | {r.seconds:.1f} | {r.twin:.1f} "
        f"| {r.seconds / r.twin:.2f} | {r.spent.cpu()} | {r.twin_spent.cpu()} "
        f"| {'yes' if r.ok else '**NO**'} |"
    )


CPU_PARTS = "SDK / engine / provider / emulator"
UP_HEADER = [
    "| resources | latency (ms) | requests | throttled (retried) | simple floors: bucket / "
    "chain (s) | bound: simulated schedule (s) | measured up (s) "
    f"| measured ÷ bound (≤ {TARGET}) | beyond the bound (s): calls outstanding / slots free "
    f"| CPU (s): {CPU_PARTS} | no-op twin up (s) | twin CPU (s) | simulated calls = served "
    "| verdict |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
]
OP_HEADER = [
    "| resources | operation | API calls | measured (s) | no-op twin (s) | measured ÷ twin "
    f"| CPU (s): {CPU_PARTS} | twin CPU (s) | ok |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---|",
]


def section(
    ups: list[UpRow],
    ops: list[OpRow],
    calibrated: tuple[dict[tuple[str, str], tuple[str, ...]], set[str]],
    parallel: int,
    took: float,
) -> str:
    calls, once = calibrated
    sizes = sorted({r.size for r in ups})
    mixes = "; ".join(
        f"{size}: " + ", ".join(f"{n} {k}" for k, n in plan(size).items()) for size in sizes
    )
    per_variant = "; ".join(
        f"{kind}{f' ({v})' if v else ''}: {', '.join(actions)}"
        for (kind, v), actions in sorted(calls.items())
    )
    failures = [f"- {r.size} resources, {r.latency_ms} ms: {e}" for r in ups for e in r.errors]
    return "\n".join(
        [
            f"## {SCRIPT}",
            "",
            run_line(f"`--parallel {parallel}`, {took:.0f} s in all"),
            "",
            "`up` of a platform through the offline engine against the emulator in its own "
            f"process ({DOCUMENTED_RATE:g} requests/s per action, each request paying the round "
            "trip in the latency column). Bound: the simulated schedule of the same calls "
            "(`_schedule.py`: 4 concurrent creates, each action's token bucket with one "
            "second's burst, the dependency graph of the measured state, the round trip per "
            "call; nothing else costs time); the simple floors beside it are two relaxations "
            "any schedule obeys (the busiest action's bucket; the longest dependency chain at "
            "one round trip per call). No-op twin: the same program with a provider that makes "
            "no call, i.e. what the engine and the SDK take for it. CPU: seconds spent, read "
            "from /proc for the part named (`_processes.py`): SDK, the program's thread (the "
            "program and the SDK's event loop); engine, the rest of that process (the offline "
            "engine, gRPC); provider, the provider processes (the SDK's dynamic-provider server "
            "and the provider's code: the twin's figure is the server alone); emulator, its "
            f"process ({os.cpu_count()} cores in all). Beyond the bound, split exactly in two "
            f"(`_processes.py`): the provider's {SLOTS} slots busy longer than the simulated "
            "creates held them (calls outstanding: the provider's own work, its Checks, the "
            "emulator's, gRPC), and slots free longer than in the simulation (the provider "
            "waiting for the engine and the SDK to send it work), in wall seconds over the slots. "
            "The split says where the time sat, not who caused it: a call is outstanding while "
            "the provider works, and also while the engine's process, busy in the SDK's thread, "
            "has not yet taken its answer. So a verdict over the target names the part that "
            "spent the most CPU: the SDK, the offline engine, or the provider (the provider "
            "processes' CPU beyond the twin's, i.e. beyond the SDK's dynamic-provider server).",
            "",
            *UP_HEADER,
            *[_up_line(r) for r in ups],
            "",
            "Unchanged `preview` and `refresh` of the platform just brought up (no latency), "
            "beside the no-op twin's (its provider's Check, Diff and Read do nothing):",
            "",
            *OP_HEADER,
            *[_op_line(r) for r in ops],
            "",
            f"Mix per size: {mixes}.",
            "",
            "Calls of each create, from the calibration run (a platform of "
            f"{CALIBRATION_SIZE}, one step at a time): {per_variant}"
            + (
                f"; once per provider process, in Check: {', '.join(sorted(once))}."
                if once
                else "."
            ),
            *(["", "Failed ups:", "", *failures] if failures else []),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument("--latencies", default="0,30,100", help="milliseconds per request")
    parser.add_argument("--parallel", type=int, default=64, help="engine parallelism")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the file to update")
    parser.add_argument("--no-record", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    latencies = [int(s) for s in args.latencies.split(",")]
    started = time.perf_counter()
    ups: list[UpRow] = []
    ops: list[OpRow] = []
    with tempfile.TemporaryDirectory() as tmp:
        calibrated = calibrate(Path(tmp))
        print("\n".join(UP_HEADER), flush=True)
        with RemoteEmulator() as emu:
            for size in sizes:
                more_ups, more_ops = measure_size(
                    size, latencies, args.parallel, calibrated, emu, Path(tmp)
                )
                ups += more_ups
                ops += more_ops
    text = section(ups, ops, calibrated, args.parallel, time.perf_counter() - started)
    print(text)
    if not args.no_record:
        write_section(SCRIPT, text, args.results)
    return 0 if all(r.ok for r in ups) and all(r.ok for r in ops) else 1


if __name__ == "__main__":
    raise SystemExit(main())
