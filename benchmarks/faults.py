"""A 300-resource platform brought up under injected faults: ups to converge, and what leaked.

Everything runs through the offline engine (``pulumi_tcmpp.testing``: the real
``python -m pulumi.dynamic`` server) against the emulator, in its own process, enforcing 20
requests per second per action, with a fault mix of about 10% on every action (reads and writes,
creates included), drawn from a seeded generator. Per fault mix and seed:

1. Foreign objects are made first, faults off, by a stack that is then forgotten (a console
   user's work): one user, team, application, mini program, global domain and sensitive API.
2. The platform stack (``resources_calls.platform_program``: users, global domains, teams,
   memberships, applications, mini programs, domain ACLs, sensitive APIs) runs ``up`` until one
   succeeds, faults on, at most ``--max-ups`` times: **ups to converge** (target: 2).
3. A stack declaring the foreign objects' natural keys (default policy: refuse) runs one ``up``,
   faults on; each of its resources recorded in its state is a foreign object claimed.
4. Faults off, the emulator's objects are compared with the platform stack's state:
   **leaked** (an object nobody made before and no state records), **duplicated** (two objects
   with one natural key), **foreign-claimed** (step 3, plus any foreign object changed or gone).
   Targets: 0 each.

Prints the table and replaces this script's section of ``benchmarks/RESULTS.md``::

    .venv/bin/python benchmarks/faults.py [--resources 300] [--seeds 3] [--parallel 64]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _platform import HERE, ICON, LOGO, PASSWORD, plan, platform_program
from _remote import DOCUMENTED_RATE, RemoteEmulator
from _results import RESULTS, run_line, write_section

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.testing import Stack

SCRIPT = "faults.py"


def _rule(kind: str, share: float, when: str = "before", **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "probability": share, "when": when, **extra}


MIXES: dict[str, list[dict[str, Any]]] = {
    "before the write": [
        _rule("error", 0.03, code="InternalError"),
        _rule("http", 0.03, status=503),
        _rule("drop", 0.02),
        _rule("error", 0.02, code="RequestLimitExceeded"),
    ],
    "after the write": [
        _rule("error", 0.04, "after", code="InternalError"),
        _rule("http", 0.03, "after", status=503),
        _rule("drop", 0.03, "after"),
    ],
    "mixed kinds": [
        _rule("error", 0.03, "after", code="InternalError"),
        _rule("drop", 0.02, "after"),
        _rule("http", 0.02, status=502),
        _rule("error", 0.02, code="RequestLimitExceeded"),
        _rule("latency", 0.01, seconds=0.5),
    ],
}
"""About 10% of requests to any action fail; ``when`` says whether the platform acted first."""

NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "user": ("user_account",),
    "team": ("team_name",),
    "application": ("application_name",),
    "mnp": ("mnp_name",),
    "global_domain": ("domain_url",),
    "sensitive_api": ("application_id", "api_name"),
    "member": ("team_id", "user_id"),
    "mnp_domain": ("mnp_id",),
}
ID_FIELDS = {
    "user": "user_id",
    "team": "team_id",
    "application": "application_id",
    "mnp": "mnp_id",
    "global_domain": "domain_id",
    "sensitive_api": "api_id",
    "mnp_domain": "mnp_id",
}
RESOURCE_KINDS = {
    "User": "user",
    "Team": "team",
    "Application": "application",
    "MiniProgram": "mnp",
    "GlobalDomain": "global_domain",
    "SensitiveAPI": "sensitive_api",
    "TeamMember": "member",
    "DomainACL": "mnp_domain",
}

# -- the stacks -----------------------------------------------------------------------------------

FOREIGN = "Console"


def foreign_program() -> None:
    """What a console user made before the stack ran (its state is thrown away)."""
    admin = tcmpp.User("c-user", account="console-user", name="Console", password=PASSWORD)
    app_team = tcmpp.Team(
        "c-team", name=f"{FOREIGN} Team", role="application", admin_user_id=admin.id
    )
    mnp_team = tcmpp.Team(
        "c-mnps", name=f"{FOREIGN} MNPs", role="mini_program", admin_user_id=admin.id
    )
    app = tcmpp.Application(
        "c-app", name=f"{FOREIGN} App", team_id=app_team.id, type="test", logo=LOGO, intro="C"
    )
    tcmpp.MiniProgram(
        "c-mnp",
        name=f"{FOREIGN} MNP",
        team_id=mnp_team.id,
        categories=["Tools->40_Calculator"],
        icon=ICON,
        intro="C",
        description="C",
    )
    tcmpp.GlobalDomain("c-domain", url="console.example.com", kind="allow")
    tcmpp.SensitiveAPI("c-api", application_id=app.id, name="getConsole", description="C")


def colliding_programs(foreign: dict[str, list[dict[str, Any]]]) -> list[Callable[[], None]]:
    """The foreign objects' natural keys, each declared by a stack of its own (default policy:
    refuse), so that every one is tried whatever happens to the others."""
    team_id = _only(foreign, "team", "team_name", f"{FOREIGN} Team")["team_id"]
    mnp_team_id = _only(foreign, "team", "team_name", f"{FOREIGN} MNPs")["team_id"]
    admin_id = _only(foreign, "user", "user_account", "console-user")["user_id"]
    app_id = _only(foreign, "application", "application_name", f"{FOREIGN} App")["application_id"]
    return [
        lambda: tcmpp.User("x-user", account="console-user", name="Mine", password=PASSWORD),
        lambda: tcmpp.Team(
            "x-team", name=f"{FOREIGN} Team", role="application", admin_user_id=admin_id
        ),
        lambda: tcmpp.Application(
            "x-app", name=f"{FOREIGN} App", team_id=team_id, type="test", logo=LOGO, intro="X"
        ),
        lambda: tcmpp.MiniProgram(
            "x-mnp",
            name=f"{FOREIGN} MNP",
            team_id=mnp_team_id,
            categories=["Tools->40_Calculator"],
            icon=ICON,
            intro="X",
            description="X",
        ),
        lambda: tcmpp.GlobalDomain("x-domain", url="console.example.com", kind="allow"),
        lambda: tcmpp.SensitiveAPI(
            "x-api", application_id=app_id, name="getConsole", description="X"
        ),
    ]


def _only(objects: dict[str, list[dict[str, Any]]], kind: str, field: str, value: str) -> Any:
    [found] = [o for o in objects.get(kind, []) if o.get(field) == value]
    return found


# -- one run --------------------------------------------------------------------------------------


@dataclass
class Run:
    mix: str
    seed: int
    ups: int
    converged: bool
    leaked: int
    duplicated: int
    foreign_claimed: int
    refused: int
    colliding: int
    failures: list[str]
    requests: int
    injected: int
    seconds: float


def _key(kind: str, record: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(record.get(f) for f in NATURAL_KEYS[kind])


def _identity(kind: str, record: dict[str, Any]) -> str:
    if kind == "member":
        return f"{record['team_id']}:{record['user_id']}"
    return str(record[ID_FIELDS[kind]])


def _snapshot(objects: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Every object a stack could make, by kind and id (not the memberships the platform
    gives each team's admins, nor empty domain lists)."""
    admins = {(t["team_id"], user) for t in objects.get("team", []) for user in t["admin_user_ids"]}
    return {
        f"{kind}/{_identity(kind, r)}": r
        for kind in NATURAL_KEYS
        for r in objects.get(kind, [])
        if (kind != "mnp_domain" or any(r.get("domains", {}).values()))
        and (kind != "member" or (r["team_id"], r["user_id"]) not in admins)
    }


def _recorded(result_state: Any) -> set[str]:
    ids = set()
    for res in result_state.user_resources():
        kind = RESOURCE_KINDS.get(res.type.rsplit(":", 1)[-1])
        if kind and res.id:
            ids.add(f"{kind}/{res.id}")
    return ids


def run_once(mix: str, seed: int, total: int, parallel: int, max_ups: int, workdir: Path) -> Run:
    emu = RemoteEmulator()
    try:
        started = time.perf_counter()
        baseline = _snapshot(emu.objects())

        def stack_of(program: Callable[[], None], name: str) -> Stack:
            state = workdir / f"{name}-{mix}-{seed}.json"
            return Stack(
                program,
                project="bench",
                stack=name,
                state_path=state,
                config=emu.config,
                parallel=parallel,
                cwd=HERE,
            )

        if not stack_of(foreign_program, "console").up().ok:
            raise SystemExit("could not make the foreign objects")
        foreign_objects = emu.objects()
        foreign = _snapshot(foreign_objects)

        quiet = len(emu.log())
        emu.faults(MIXES[mix], seed)
        stack = stack_of(platform_program(plan(total)), "platform")
        ups, result, failures = 0, None, []
        while ups < max_ups:
            ups += 1
            result = stack.up()
            if result.ok:
                break
            failures.extend(_short(e.message) for e in result.errors)
        claims, refused = set(), 0
        colliding = colliding_programs(foreign_objects)
        for index, program in enumerate(colliding):
            attempt = stack_of(program, f"colliding-{index}").up()
            claims |= _recorded(attempt.state) if attempt.state is not None else set()
            refused += any("already exists" in e.message for e in attempt.errors)
        seconds = time.perf_counter() - started
        emu.faults([], None)

        log = emu.log()[quiet:]
        now = _snapshot(emu.objects())
        recorded = _recorded(stack.state())
        made = {k: v for k, v in now.items() if k not in foreign}
        leaked = [k for k in made if k not in recorded]
        by_key = Counter(
            (k.split("/")[0], _key(k.split("/")[0], v)) for k, v in now.items() if k not in baseline
        )
        duplicated = sum(n - 1 for n in by_key.values() if n > 1)
        changed = [k for k, v in foreign.items() if k not in baseline and now.get(k) != v]
        claimed = len(claims & set(foreign)) + len(changed)
        return Run(
            mix=mix,
            seed=seed,
            ups=ups,
            converged=bool(result and result.ok),
            leaked=len(leaked),
            duplicated=duplicated,
            foreign_claimed=claimed,
            refused=refused,
            colliding=len(colliding),
            failures=failures,
            requests=len(log),
            injected=sum(1 for e in log if e.get("fault")),
            seconds=seconds,
        )
    finally:
        emu.close()


def _short(message: str) -> str:
    line = message.strip().splitlines()[-1] if message.strip() else message
    return line[:160]


# -- report ---------------------------------------------------------------------------------------


def table(runs: list[Run]) -> list[str]:
    lines = [
        "| fault mix | seed | ups to converge (target 2) | leaked (0) | duplicated (0) "
        "| foreign-claimed (0) | foreign keys refused | requests | faults injected | time (s) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        ups = f"{r.ups}" if r.converged else f"> {r.ups} ✗"
        if r.converged and r.ups > 2:
            ups += " ✗"
        cells = [r.leaked, r.duplicated, r.foreign_claimed]
        marked = [f"{n}" if n == 0 else f"**{n}** ✗" for n in cells]
        lines.append(
            f"| {r.mix} | {r.seed} | {ups} | {' | '.join(marked)} | {r.refused} of {r.colliding} "
            f"| {r.requests} "
            f"| {r.injected} ({r.injected / max(r.requests, 1):.0%}) | {r.seconds:.0f} |"
        )
    return lines


def report(runs: list[Run], total: int, parallel: int) -> str:
    mixes = "\n".join(
        f"- **{name}**: "
        + ", ".join(
            f"{r['kind']}"
            + (f" {r.get('code')}" if r["kind"] == "error" else "")
            + (f" {r.get('status')}" if r["kind"] == "http" else "")
            + (f" {r.get('seconds')} s" if r["kind"] == "latency" else "")
            + f" {r['when'] if r['kind'] != 'latency' else ''} {r['probability']:.0%}".replace(
                "  ", " "
            )
            for r in rules
        )
        + f" (about {sum(r['probability'] for r in rules):.0%} of requests)"
        for name, rules in MIXES.items()
    )
    failures = [f"- {r.mix}, seed {r.seed}: {f}" for r in runs for f in dict.fromkeys(r.failures)]
    counts = ", ".join(f"{n} {k}" for k, n in plan(total).items())
    return (
        "\n".join(
            [
                f"## {SCRIPT}",
                "",
                run_line(f"`--parallel {parallel}`"),
                "",
                f"A {sum(plan(total).values())}-resource platform ({counts}) brought up through "
                f"the offline engine against the emulator ({DOCUMENTED_RATE:g} requests/s per "
                "action, "
                f"`--parallel {parallel}`), with faults injected into every action, reads and "
                "writes alike, from a seeded generator. Each `up` runs until one succeeds (faults "
                "on); then one stack per foreign object, each declaring that object's natural "
                "key, runs once "
                "(faults on: each should be refused as already existing). "
                "With faults off, the emulator's objects are compared with the state: leaked = "
                "made but unrecorded; duplicated = two objects with one natural key; "
                "foreign-claimed = a foreign object recorded by a stack, changed or deleted. "
                "Requests and injected faults count the faulty phase only.",
                "",
                "Fault mixes (``when``: before = the platform refused before acting; after = it "
                "acted, then the answer was replaced or lost):",
                "",
                mixes,
                "",
                *table(runs),
                "",
                "Failed ups before convergence (their last line):" if failures else "No up failed.",
                "",
                *failures,
                "",
            ]
        ).rstrip("\n")
        + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--resources", type=int, default=300)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--parallel", type=int, default=64)
    parser.add_argument("--max-ups", type=int, default=5)
    parser.add_argument("--mix", choices=list(MIXES), action="append")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the file to update")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args(argv)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for mix in args.mix or list(MIXES):
            for seed in range(1, args.seeds + 1):
                run = run_once(mix, seed, args.resources, args.parallel, args.max_ups, Path(tmp))
                print(*table([run])[2:], flush=True)
                runs.append(run)
    text = report(runs, args.resources, args.parallel)
    print(text)
    if not args.no_record:
        write_section(SCRIPT, text, args.results)
    bad = [r for r in runs if not r.converged or r.leaked or r.duplicated or r.foreign_claimed]
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
