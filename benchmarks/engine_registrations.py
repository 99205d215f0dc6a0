"""Benchmark: ``up`` of N dynamic resources through the offline engine (default 5,000).

Every resource goes the whole way: a RegisterResource over gRPC, ``serialize_provider`` in the
program, Check and Create in the real ``python -m pulumi.dynamic`` server, state written at the
end. The provider holds instance state, which is what makes the SDK's unrestored pickle patch
(pulumi/pulumi#17803) raise ``RecursionError`` (at the 320th serialization of this provider in
pulumi 3.272.0); the kit restores the pickler after each serialization, so the run must complete.

Prints the wall time and peak memory, and records them in ``benchmarks/RESULTS.md`` (one row per
resource count and parallelism in this script's table). Not run in CI::

    .venv/bin/python benchmarks/engine_registrations.py [--resources 5000] [--parallel 10]
"""

from __future__ import annotations

import argparse
import datetime
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pulumi
from pulumi.dynamic import CreateResult, Resource, ResourceProvider

from pulumi_tcmpp.testing import Stack

RESULTS = Path(__file__).with_name("RESULTS.md")
SECTION = "## engine_registrations.py"
HEADER = "| date | resources | parallel | wall time (s) | per resource (ms) | peak RSS engine+program (MB) | peak RSS provider (MB) | python | pulumi |"  # noqa: E501
RULE = "|---|---:|---:|---:|---:|---:|---:|---|---|"
DESCRIPTION = (
    "`pulumi_tcmpp.testing` `up` of N dynamic resources whose provider holds instance state: per\n"
    "resource one RegisterResource, one Check (serial, as in the engine's step generator) and one\n"
    "Create against the real `python -m pulumi.dynamic` server. Completing at all is the check:\n"
    "without the kit's pickler restore the SDK raises RecursionError at the 320th registration."
)
FILE_HEADER = """# Benchmark results

Recorded by the scripts in this folder (one table per script; rows are replaced when a script
is re-run with the same parameters). Numbers depend on the machine: compare rows, not absolutes.
"""


class CounterProvider(ResourceProvider):
    """A trivial provider with instance state (a string and a dict)."""

    def __init__(self) -> None:
        self.prefix = "bench"
        self.options = {"region": "ap-guangzhou", "retries": 3}

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult(f"{self.prefix}-{props['index']}", {"index": props["index"]})


class Counter(Resource, module="bench", name="Counter"):
    """One registration."""

    def __init__(self, name: str, index: int) -> None:
        super().__init__(CounterProvider(), name, {"index": index})


def program(count: int) -> Any:
    def run() -> None:
        for index in range(count):
            Counter(f"r{index}", index)
        pulumi.export("count", count)

    return run


def measure(count: int, parallel: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(
            program(count),
            project="bench",
            stack="bench",
            state_path=Path(tmp) / "state.json",
            parallel=parallel,
        )
        started = time.perf_counter()
        result = stack.up()
        wall = time.perf_counter() - started
        created = result.summary.get("create", 0)
    if not result.ok:
        raise SystemExit(f"benchmark run failed:\n{result}")
    return {
        "wall": wall,
        "created": created - 1,  # the stack resource
        "rss_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def record(count: int, parallel: int, numbers: dict[str, Any]) -> None:
    row = (
        f"| {datetime.date.today().isoformat()} | {count} | {parallel} | {numbers['wall']:.1f} "
        f"| {numbers['wall'] * 1000 / count:.2f} | {numbers['rss_self']:.0f} "
        f"| {numbers['rss_children']:.0f} | {platform.python_version()} | {pulumi_version()} |"
    )
    text = RESULTS.read_text() if RESULTS.exists() else FILE_HEADER
    RESULTS.write_text(upsert(text, row, key=(str(count), str(parallel))))


def upsert(text: str, row: str, key: tuple[str, str]) -> str:
    """Replace the row with the same key in this script's table, or add it; other tables stay."""
    lines = text.rstrip("\n").split("\n")
    if SECTION not in lines:
        lines += ["", SECTION, "", *DESCRIPTION.split("\n"), "", HEADER, RULE]
    start = lines.index(SECTION)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    body = [line for line in lines[start:end] if not _same_key(line, key)]
    last_row = max(i for i, line in enumerate(body) if line.startswith("|"))
    body.insert(last_row + 1, row)
    return "\n".join(lines[:start] + body + lines[end:]) + "\n"


def _same_key(line: str, key: tuple[str, str]) -> bool:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return len(cells) > 3 and (cells[1], cells[2]) == key


def pulumi_version() -> str:
    from importlib.metadata import version

    return version("pulumi")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resources", type=int, default=5000)
    parser.add_argument("--parallel", type=int, default=10)
    parser.add_argument("--no-record", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args(argv)
    numbers = measure(args.resources, args.parallel)
    print(
        f"{numbers['created']} resources registered and created in {numbers['wall']:.1f} s "
        f"({numbers['wall'] * 1000 / args.resources:.2f} ms each, parallel {args.parallel}); "
        f"peak RSS {numbers['rss_self']:.0f} MB (engine + program), "
        f"{numbers['rss_children']:.0f} MB (provider process)"
    )
    if not args.no_record:
        record(args.resources, args.parallel, numbers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
