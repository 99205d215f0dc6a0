"""Run every benchmark script in this folder, one after the other (``make bench``).

Each script prints its tables and replaces its own section of ``RESULTS.md``; this one then
writes its own section: how long each script took and whether it completed, so the cost of
``make bench`` on the machine is measured like everything else. Not part of the test suite
(``tests/benchmarks`` runs each script with tiny parameters instead).

    .venv/bin/python benchmarks/run_all.py [--only up_schedule.py,faults.py]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _results import ORDER, RESULTS, run_line, write_section

SCRIPT = "run_all.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--only", help="comma-separated scripts to run (default: all)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the file to update")
    args = parser.parse_args(argv)
    scripts = [s for s in ORDER if not args.only or s in args.only.split(",")]
    here = Path(__file__).parent
    line = run_line()
    took: list[tuple[str, float, int]] = []
    for script in scripts:
        print(f"== {script}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(here / script), "--results", str(args.results)])
        took.append((script, time.perf_counter() - started, code))
    total = sum(seconds for _, seconds, _ in took)
    rows = [
        f"| {script} | {seconds / 60:.1f} | {'completed' if code == 0 else f'**exit {code}**'} |"
        for script, seconds, code in took
    ]
    write_section(
        SCRIPT,
        "\n".join(
            [
                f"## {SCRIPT}",
                "",
                line,
                "",
                f"`make bench` ran {len(took)} scripts in {total / 60:.1f} minutes:",
                "",
                "| script | minutes | outcome |",
                "|---|---:|---|",
                *rows,
            ]
        ),
        args.results,
    )
    failed = [script for script, _, code in took if code != 0]
    print(f"{total / 60:.1f} minutes" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
