"""Run every benchmark script in this folder, one after the other (``make bench``).

Each script prints its table and replaces its own section of ``RESULTS.md``. They take a few
minutes in all (the export of 10,000 objects and the 5,000-resource registration dominate),
so they are not part of the test suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPTS = (
    "client_vs_sdk.py",
    "resources_calls.py",
    "faults.py",
    "engine_registrations.py",
    "export_platform.py",
    "import_time.py",
    "emulator_lists.py",
)


def main() -> int:
    here = Path(__file__).parent
    failed = []
    for script in SCRIPTS:
        print(f"== {script}", flush=True)
        if subprocess.call([sys.executable, str(here / script)]) != 0:
            failed.append(script)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
