"""Import time of pulumi_tcmpp beside ``import pulumi``, in fresh interpreters.

Every case runs in its own fresh interpreter, ``--runs`` times (interleaved, so a busy moment
on the machine hits every case alike); the child times only its import statements, in CPU
time (``time.process_time``: on a shared machine, time spent waiting for a core is not the
import's) and in wall time. The table gives the medians, the interquartile range of the CPU
time, and each case's ratio to its baseline in CPU time:

* ``import pulumi`` is the baseline of a program (a Pulumi program imports it anyway);
* the program cases import pulumi_tcmpp and touch one resource class, then every public
  resource class, as ``tcmpp.Team(...)`` in a program does;
* a provider process (``python -m pulumi.dynamic``) imports the SDK's server modules, then
  unpickles the provider it is given, which imports that provider's module only, and serves
  a Check and a Diff (what every ``pulumi preview`` asks of it).

The measured package is byte-compiled first, as ``pip install`` does: without its ``.pyc``
files (``PYTHONDONTWRITEBYTECODE`` is set here) every child would compile it from source,
while the baseline's site-packages are compiled.

The target of issue 13: ``import pulumi_tcmpp`` at most 1.3x ``import pulumi``. Since every
program and provider process imports more than the bare package, the table holds those rows
to the same 1.3x. Neither imports the client, httpx or the API models any more (they load
with the first API call; ``tests/test_package.py``); what they still pay is shown by the two
floor rows, pydantic's own import (``BaseModel`` and ``Field``, which every input model
needs) and, for a check, pydantic's plugin discovery (``importlib.metadata``) at its first
validator; the rest is our own modules (inputs, rules, connection settings).

Run: ``.venv/bin/python benchmarks/import_time.py [--runs 30] [--provider-dir DIR]``.
``--provider-dir`` measures another checkout's ``provider`` folder (put first on the
children's ``sys.path``), e.g. the code before a change, on the same machine in the same
way. It prints the table and replaces this script's section of ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _results import RESULTS, run_line, write_section

SCRIPT = "import_time.py"
TARGET = 1.3
RESOURCES = (
    "Application",
    "DomainACL",
    "GlobalDomain",
    "MiniProgram",
    "MiniProgramRelease",
    "MiniProgramVersion",
    "SensitiveAPI",
    "SensitiveAPIPermission",
    "Team",
    "TeamMember",
    "TeamMembers",
    "User",
)
PROVIDER_SERVER = (
    "import dill, grpc\n"
    "from google.protobuf import empty_pb2\n"
    "from pulumi.runtime import configure, proto, rpc, Settings\n"
    "from pulumi.runtime.proto import provider_pb2_grpc, ResourceProviderServicer\n"
    "from pulumi.dynamic import ResourceProvider, ConfigureRequest, Config\n"
)
"""The imports of ``pulumi/dynamic/__main__.py`` (which serves at import, so it is not run)."""
PLUGINS = "from pydantic.plugin._loader import get_plugins; list(get_plugins())\n"
"""What pydantic does when it builds its first validator: look for plugins' entry points."""


@dataclass(frozen=True)
class Case:
    """One measured import: its label, the timed code, its baseline case and target ratio."""

    label: str
    code: str
    baseline: str | None = None
    target: float | None = None


@dataclass
class Times:
    """Milliseconds of one case over the runs."""

    cpu: list[float]
    wall: list[float]


def cases(pickled_provider: str) -> list[Case]:
    every = "; ".join(f"tcmpp.{name}" for name in RESOURCES)
    unpickle = f"import base64; provider = dill.loads(base64.b64decode({pickled_provider!r}))\n"
    serve = (
        "news = {'name': 'Ops', 'role': 'application', 'admin_user_id': 'u1'}\n"
        "checked = provider.check({}, news).inputs\n"
        "provider.diff('t1', {**checked, 'team_id': 't1'}, checked)\n"
    )
    return [
        Case("import pulumi", "import pulumi"),
        Case("import pulumi_tcmpp", "import pulumi_tcmpp", "import pulumi", target=TARGET),
        Case(
            "floor: pulumi + pydantic BaseModel, Field",
            "import pulumi; from pydantic import BaseModel, Field",
            "import pulumi",
        ),
        Case(
            "program: pulumi + tcmpp.Team",
            "import pulumi; import pulumi_tcmpp as tcmpp; tcmpp.Team",
            "import pulumi",
            target=TARGET,
        ),
        Case(
            f"program: pulumi + all {len(RESOURCES)} resource classes",
            f"import pulumi; import pulumi_tcmpp as tcmpp; {every}",
            "import pulumi",
            target=TARGET,
        ),
        Case("provider process: SDK server imports", PROVIDER_SERVER),
        Case(
            "floor: + pydantic BaseModel, Field, plugin discovery",
            PROVIDER_SERVER + "from pydantic import BaseModel, Field\n" + PLUGINS,
            "provider process: SDK server imports",
        ),
        Case(
            "provider process: + unpickle TeamProvider, Check, Diff",
            PROVIDER_SERVER + unpickle + serve,
            "provider process: SDK server imports",
            target=TARGET,
        ),
    ]


def _child(code: str) -> str:
    """A child script that times ``code`` and prints its CPU and wall milliseconds."""
    return (
        "import time\n"
        "_cpu, _wall = time.process_time(), time.perf_counter()\n"
        f"{code}\n"
        "print((time.process_time() - _cpu) * 1000, (time.perf_counter() - _wall) * 1000)\n"
    )


def _run(script: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"a measured child failed:\n{script}\n{done.stderr}")
    return done.stdout.strip().splitlines()[-1]


def pickled_team_provider(env: dict[str, str]) -> str:
    """A TeamProvider as the SDK serialises it into ``__provider`` (made in a child)."""
    script = textwrap.dedent(
        """
        from pulumi.dynamic.dynamic import serialize_provider
        from pulumi_tcmpp.resources.team import TeamProvider
        print(serialize_provider(TeamProvider()))
        """
    )
    return _run(script, env)


def compile_package(env: dict[str, str]) -> None:
    """Byte-compile the measured pulumi_tcmpp (found as the children find it)."""
    where = _run("import os, pulumi_tcmpp; print(os.path.dirname(pulumi_tcmpp.__file__))", env)
    compileall.compile_dir(where, quiet=1)


def measure(runs: int, env: dict[str, str]) -> list[tuple[Case, Times]]:
    compile_package(env)
    measured = [(case, Times([], [])) for case in cases(pickled_team_provider(env))]
    for _ in range(runs):
        for case, times in measured:
            cpu, wall = _run(_child(case.code), env).split()
            times.cpu.append(float(cpu))
            times.wall.append(float(wall))
    return measured


def _quartiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:  # one run has no spread
        return values[0], values[0]
    q = statistics.quantiles(values, n=4)
    return q[0], q[2]


def table(measured: list[tuple[Case, Times]]) -> list[str]:
    medians = {case.label: statistics.median(times.cpu) for case, times in measured}
    rows = [
        "| case | CPU median (ms) | CPU IQR (ms) | wall median (ms) | baseline | ratio (CPU) "
        "| target |",
        "|---|---:|---:|---:|---|---:|---|",
    ]
    for case, times in measured:
        low, high = _quartiles(times.cpu)
        median = medians[case.label]
        wall = statistics.median(times.wall)
        if case.baseline is None:
            ratio, base, target = "1.00", "-", "-"
        else:
            value = median / medians[case.baseline]
            ratio, base = f"{value:.2f}", f"`{case.baseline}`"
            target = "-"
            if case.target is not None:
                met = "met" if value <= case.target else "MISSED"
                target = f"≤ {case.target:.1f} ({met})"
        cells = [f"`{case.label}`", f"{median:.1f}", f"{low:.1f}-{high:.1f}", f"{wall:.1f}"]
        cells += [base, ratio, target]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def section(rows: list[str], runs: int, provider_dir: str | None) -> str:
    what = f"code from {provider_dir}" if provider_dir else "this checkout"
    return "\n".join(
        [
            f"## {SCRIPT}",
            "",
            run_line(what),
            "",
            "Each case in its own fresh interpreter, timing its import statements only, in CPU "
            f"time (the ratio) and wall time; {runs} interleaved runs, medians and "
            "interquartile range. Baseline of a program: `import pulumi`; of a provider "
            "process: the imports of `python -m pulumi.dynamic`. Target: `import pulumi_tcmpp` "
            f"at most {TARGET}x `import pulumi`; the program and provider rows are held to the "
            "same ratio; the floor rows show what pydantic alone costs them (its import, and "
            "its plugin discovery at the first validation).",
            "",
            *rows,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="fresh interpreters per case (30)")
    parser.add_argument("--provider-dir", help="measure this provider folder instead")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the file to update")
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args(argv)
    env = os.environ.copy()
    if args.provider_dir:
        folder = str(Path(args.provider_dir).resolve())
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [folder, env.get("PYTHONPATH")]))
    text = section(table(measure(args.runs, env)), args.runs, args.provider_dir)
    print(text)
    if not args.no_record:
        write_section(SCRIPT, text, args.results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
