"""5,000 registrations of the project's resources against the SDK's floor, in one run.

Both sides go through the offline engine (``pulumi_tcmpp.testing``: a RegisterResource over
gRPC per resource, Check and Create in the real ``python -m pulumi.dynamic`` server, a
checkpoint around each Create, the state written at the end), with a provider that makes no
API call (``_noop.NoopProvider``), so what is measured is the program, the SDK and the engine:

* **tcmpp resources**: the platform program of ``_platform.py`` at ``--resources`` resources,
  the project's resource classes with every output they declare (``_platform.noop_twins``);
* **SDK floor**: the same number of bare ``pulumi.dynamic.Resource`` objects wired by the same
  dependencies (each takes the ids of the resources its twin depends on), one input each.

The SDK's ``wait_for_rpcs`` re-walks every pending output on each completion, so the time grows
with the outputs each resource registers: the table gives them per resource. Target: the tcmpp
resources take at most 1.5x the floor. Each side runs in a fresh process, so each memory figure
is the high-water mark (VmHWM, from /proc) of the process it names: the engine + program
process, and the provider process (read just before the engine stops it).

    .venv/bin/python benchmarks/engine_registrations.py [--resources 5000] [--parallel 10]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import pulumi
from _noop import NoopProvider
from _platform import HERE, noop_twins, plan, platform_program
from _processes import measured, vm_hwm_mb
from _results import RESULTS, run_line, write_section
from pulumi import dynamic

from pulumi_tcmpp.testing import Stack

SCRIPT = "engine_registrations.py"
TARGET = 1.5


class Bare(dynamic.Resource, module="bench", name="Bare"):
    """A dynamic resource with one input: what the SDK registers at the least."""

    def __init__(self, name: str, needs: list[Any]) -> None:
        super().__init__(NoopProvider(), name, {"needs": needs})


def _counting(program: Any, resources: list[pulumi.CustomResource]) -> Any:
    """The program, keeping every custom resource it declares (to count their outputs)."""
    init = pulumi.CustomResource.__init__

    def keep(self: pulumi.CustomResource, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        resources.append(self)

    def run() -> None:
        pulumi.CustomResource.__init__ = keep  # type: ignore[method-assign]
        try:
            program()
        finally:
            pulumi.CustomResource.__init__ = init  # type: ignore[method-assign]

    return run


def one_side(side: str, count: int, parallel: int, graph_path: Path) -> dict[str, Any]:
    """Run one side in this process; the tcmpp side writes its dependency graph."""
    resources: list[pulumi.CustomResource] = []
    if side == "tcmpp":
        program = _counting(platform_program(plan(count)), resources)
    else:
        graph: list[list[Any]] = json.loads(graph_path.read_text())

        def floor() -> None:
            made: dict[str, Bare] = {}
            for name, needs in graph:
                made[name] = Bare(name, [made[n].id for n in needs])

        program = _counting(floor, resources)
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(
            program,
            project="bench",
            stack=side,
            state_path=Path(tmp) / "state.json",
            parallel=parallel,
            cwd=HERE,
        )
        with noop_twins():
            result, spent = measured(stack.up)
    if not result.ok:
        raise SystemExit(f"{side}: the up failed: {[e.message for e in result.errors[:2]]}")
    assert result.state is not None
    if side == "tcmpp":
        names = {r.urn: r.name for r in result.state.user_resources()}
        graph_path.write_text(
            json.dumps(
                [
                    [r.name, sorted(names[u] for u in r.all_dependencies() if u in names)]
                    for r in result.state.user_resources()
                ]
            )
        )
    outputs = [sum(isinstance(v, pulumi.Output) for v in vars(r).values()) for r in resources]
    return {
        "resources": len(resources),
        "outputs": sum(outputs) / max(1, len(outputs)),
        "wall": spent.wall,
        "sdk_cpu": spent.sdk,
        "engine_cpu": spent.engine,
        "provider_cpu": spent.provider,
        "engine_mb": vm_hwm_mb(),
        "provider_mb": spent.provider_mb,
    }


def measure(count: int, parallel: int) -> dict[str, dict[str, Any]]:
    """Each side in a fresh process: the tcmpp resources first (they make the graph)."""
    sides: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        graph = Path(tmp) / "graph.json"
        for side in ("tcmpp", "floor"):
            out = Path(tmp) / f"{side}.json"
            command = [sys.executable, __file__, "--side", side, "--graph", str(graph)]
            command += ["--resources", str(count), "--parallel", str(parallel), "--out", str(out)]
            subprocess.run(command, check=True)
            sides[side] = json.loads(out.read_text())
            print(side, sides[side], flush=True)
    return sides


def section(count: int, parallel: int, sides: dict[str, dict[str, Any]]) -> str:
    floor = sides["floor"]["wall"]
    rows = []
    for side, label in (("tcmpp", "tcmpp resources (platform mix)"), ("floor", "SDK floor")):
        n = sides[side]
        ratio = n["wall"] / floor
        verdict = "-" if side == "floor" else ("✓" if ratio <= TARGET else "✗")
        rows.append(
            f"| {label} | {n['resources']} | {n['outputs']:.1f} | {n['wall']:.1f} "
            f"| {n['wall'] * 1000 / n['resources']:.2f} | {ratio:.2f} | {verdict} "
            f"| {n['sdk_cpu']:.1f} / {n['engine_cpu']:.1f} / {n['provider_cpu']:.1f} "
            f"| {n['engine_mb']:.0f} | {n['provider_mb']:.0f} |"
        )
    return "\n".join(
        [
            f"## {SCRIPT}",
            "",
            run_line(f"`--parallel {parallel}`"),
            "",
            f"`up` of {count} resources through the offline engine, the provider a no-op (no "
            "API call): the project's resource classes (the platform program, every declared "
            "output) against the SDK's floor (bare dynamic resources, one input each, the same "
            "dependencies), each side in a fresh process. Outputs: the `Output` attributes the "
            "SDK tracks per resource (the SDK's `wait_for_rpcs` re-walks every pending one on "
            f"each completion). Target: at most {TARGET}x the floor. CPU (`_processes.py`): "
            "SDK, the program's thread (the program and the SDK's event loop, where "
            "`wait_for_rpcs` runs); engine, the rest of that process; provider, the provider "
            "process. Memory: the peak resident set (VmHWM, from /proc) of the process named.",
            "",
            "| program | resources | outputs per resource | wall time (s) | per resource (ms) "
            f"| ÷ floor (≤ {TARGET}) | met | CPU (s): SDK / engine / provider "
            "| peak RSS engine + program (MB) | peak RSS provider process (MB) |",
            "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|",
            *rows,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--resources", type=int, default=5000)
    parser.add_argument("--parallel", type=int, default=10)
    parser.add_argument("--results", type=Path, default=RESULTS, help="the file to update")
    parser.add_argument("--no-record", action="store_true", help="do not update RESULTS.md")
    parser.add_argument("--side", choices=("tcmpp", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--graph", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.side:  # one side, in this fresh process
        numbers = one_side(args.side, args.resources, args.parallel, args.graph)
        args.out.write_text(json.dumps(numbers))
        return 0
    sides = measure(args.resources, args.parallel)
    text = section(args.resources, args.parallel, sides)
    print(text)
    if not args.no_record:
        write_section(SCRIPT, text, args.results)
    return 0  # a missed target is reported in the table; a failed run raised


if __name__ == "__main__":
    raise SystemExit(main())
