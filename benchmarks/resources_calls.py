"""API calls per resource operation, each row over its target explained in the table.

Everything runs through the offline engine (``pulumi_tcmpp.testing``: the real
``python -m pulumi.dynamic`` server) against the emulator in its own process (20 requests per
second per action). For each resource, a stack holding only that resource (its prerequisites
come from another stack) goes through create (``up``), an unchanged ``preview``, read
(``refresh``), update (``up`` after one mutable input changed) and delete (``destroy``); the
calls of each operation are counted in the emulator's request log. Targets: create <= 2,
unchanged preview 0, read 1, update <= 2, delete 1. A count over its target is shown with the
reason the provider makes those calls (``Case.why``); one with no reason written is marked
unexplained. ``up_schedule.py`` measures what these calls cost a whole platform.

Prints the table and replaces this script's section of ``benchmarks/RESULTS.md``::

    .venv/bin/python benchmarks/resources_calls.py [--no-record]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pulumi

sys.path.insert(0, str(Path(__file__).parent))

from _platform import HERE, ICON, LOGO, PASSWORD
from _remote import DOCUMENTED_RATE, RemoteEmulator
from _results import RESULTS, run_line, write_section

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.resources.team_members import TeamMembers
from pulumi_tcmpp.testing import Stack

SCRIPT = "resources_calls.py"
TARGETS = {"create": 2, "preview": 0, "read": 1, "update": 2, "delete": 1}
"""Most calls allowed per operation (read: exactly 1)."""
CHECK_ACTIONS = frozenset({"DescribeMNPCategory"})
"""Reads made by ``check`` (with credentials), once per provider process: shown apart."""
LOOK_FIRST = "the look-first lookup of the natural key (docs/creates.md)"

# -- (a) calls per operation ----------------------------------------------------------------------


def prerequisites() -> None:
    """What the measured resources refer to, made by a stack of its own."""
    admin = tcmpp.User("admin", account="bench-admin", name="Admin", password=PASSWORD)
    users = [tcmpp.User(n, account=n, name=n.title(), password=PASSWORD) for n in ("alice", "bob")]
    apps = tcmpp.Team("apps", name="Apps", role="application", admin_user_id=admin.id)
    mnps = tcmpp.Team("mnps", name="MNPs", role="mini_program", admin_user_id=admin.id)
    app = tcmpp.Application(
        "app", name="Base", team_id=apps.id, type="test", logo=LOGO, intro="Base app"
    )
    mnp = tcmpp.MiniProgram(
        "mnp",
        name="Base",
        team_id=mnps.id,
        categories=["Tools->40_Calculator"],
        icon=ICON,
        intro="Base",
        description="Base",
    )
    for name, value in {
        "admin": admin.id,
        "alice": users[0].id,
        "bob": users[1].id,
        "apps": apps.id,
        "mnps": mnps.id,
        "app": app.id,
        "mnp": mnp.id,
    }.items():
        pulumi.export(name, value)


@dataclass
class Case:
    """One resource variant: how to declare it, given the prerequisites and the update flag;
    ``note`` says what its update changes, ``why`` why an operation makes more calls than
    its target (by operation)."""

    name: str
    declare: Callable[[dict[str, str], bool], None]
    note: str = ""
    why: dict[str, str] = field(default_factory=dict)


def _user(ids: dict[str, str], changed: bool) -> None:
    tcmpp.User("u", account="carol", name="Carol B" if changed else "Carol", password=PASSWORD)


def _user_password(ids: dict[str, str], changed: bool) -> None:
    password = PASSWORD + "2" if changed else PASSWORD
    tcmpp.User("u", account="dave", name="Dave", password=password)


def _team(ids: dict[str, str], changed: bool) -> None:
    tcmpp.Team(
        "t", name="Ops 2" if changed else "Ops", role="application", admin_user_id=ids["admin"]
    )


def _member(ids: dict[str, str], changed: bool) -> None:
    tcmpp.TeamMember(
        "m", team_id=ids["apps"], user_id=ids["alice"], role_id=20070 if changed else 20071
    )


def _members(ids: dict[str, str], changed: bool) -> None:
    TeamMembers(
        "ms",
        team_id=ids["apps"],
        members=[
            {"user": ids["alice"], "role": 20070 if changed else 20071},
            {"user": ids["bob"], "role": "Application Developer"},
        ],
    )


def _application(keys: bool) -> Callable[[dict[str, str], bool], None]:
    def declare(ids: dict[str, str], changed: bool) -> None:
        packages: dict[str, Any] = (
            {"android_package_name": "com.example.shop", "ios_bundle_id": "com.example.shop"}
            if keys
            else {}
        )
        tcmpp.Application(
            "a",
            name="Shop",
            team_id=ids["apps"],
            type="test",
            logo=LOGO,
            intro="Shop 2" if changed else "Shop",
            **packages,
        )

    return declare


def _mini_program(ids: dict[str, str], changed: bool) -> None:
    tcmpp.MiniProgram(
        "p",
        name="Pickup",
        team_id=ids["mnps"],
        categories=["Tools->40_Calculator"],
        icon=ICON,
        intro="Pickup 2" if changed else "Pickup",
        description="Pickup",
    )


def _domain_acl(ids: dict[str, str], changed: bool) -> None:
    extra = ["https://cdn.example.com"] if changed else []
    tcmpp.DomainACL(
        "d",
        mini_program_id=ids["mnp"],
        request_domains=["https://api.example.com", *extra],
        socket_domains=["wss://push.example.com"],
    )


def _global_domain(ids: dict[str, str], changed: bool) -> None:
    tcmpp.GlobalDomain("g", url="cdn2.example.com" if changed else "cdn.example.com", kind="allow")


def _sensitive_api(restricted_at_create: bool) -> Callable[[dict[str, str], bool], None]:
    def declare(ids: dict[str, str], changed: bool) -> None:
        tcmpp.SensitiveAPI(
            "s",
            application_id=ids["app"],
            name="getPhone",
            description="Phone",
            restricted=restricted_at_create != changed,
        )

    return declare


READ_BACK = "and, after an id-less create, the list again to learn the id"
CASES = [
    Case(
        "Team",
        _team,
        "update: rename",
        {"create": f"{LOOK_FIRST}, {READ_BACK} (CreateTeam answers without one)"},
    ),
    Case(
        "TeamMember",
        _member,
        "update: role",
        {
            "create": f"{LOOK_FIRST}, and the list again after AddTeamMember for the member's "
            "names and role (the add answers nothing)"
        },
    ),
    Case(
        "TeamMembers (2 members)",
        _members,
        "bulk",
        {
            op: "a member list resolves the team, its users and the roles by name "
            "(DescribeTeamList, DescribeUserList, DescribeRoleList) and reads the members "
            f"before writing, then makes one call per member it {verb}"
            for op, verb in (("create", "adds"), ("update", "changes"), ("delete", "removes"))
        },
    ),
    Case(
        "User",
        _user,
        "update: name",
        {"create": f"{LOOK_FIRST}, and CreatePresetKey for the key the password is sent under"},
    ),
    Case(
        "User (password change)",
        _user_password,
        "update: a fresh key, then ModifyUserPassword",
        {"create": f"{LOOK_FIRST}, and CreatePresetKey for the key the password is sent under"},
    ),
    Case("Application (no package keys)", _application(False), "update: intro"),
    Case(
        "Application (Android + iOS keys)",
        _application(True),
        "update: intro",
        {
            "create": f"{LOOK_FIRST}; then DescribeApplication until the reads show the "
            "package keys, and one DescribeApplicationConfigFile per key (the files are "
            "outputs, and a file fetched before the keys show would describe the "
            "application without them)"
        },
    ),
    Case(
        "MiniProgram",
        _mini_program,
        "update: intro",
        {"create": f"{LOOK_FIRST}, and DescribeMNP after CreateMNP for its status and team name"},
    ),
    Case(
        "DomainACL",
        _domain_acl,
        "create reads the lists first (CreateMNPDomainACL would merge); delete clears them",
    ),
    Case(
        "GlobalDomain",
        _global_domain,
        "update: url",
        {"create": f"{LOOK_FIRST}, {READ_BACK} (CreateGlobalDomainACL answers without one)"},
    ),
    Case(
        "SensitiveAPI (public)",
        _sensitive_api(False),
        "update: restrict",
        {
            "create": f"{LOOK_FIRST}, {READ_BACK} "
            "(CreateApplicationSensitiveAPI answers without one)"
        },
    ),
    Case(
        "SensitiveAPI (restricted at create)",
        _sensitive_api(True),
        "update: make public",
        {
            "create": f"{LOOK_FIRST}, {READ_BACK} (CreateApplicationSensitiveAPI answers "
            "without one), and DisableApplicationSensitiveAPI: the API creates it public"
        },
    ),
]


@dataclass
class Counts:
    calls: dict[str, list[str]] = field(default_factory=dict)
    ok: bool = True

    def number(self, operation: str) -> int:
        """Calls of the operation itself, without the check's cached reads."""
        return len([a for a in self.calls[operation] if a not in CHECK_ACTIONS])

    def check_reads(self, operation: str) -> int:
        return len([a for a in self.calls[operation] if a in CHECK_ACTIONS])


def count_calls(emu: RemoteEmulator, workdir: Path, cases: list[Case]) -> list[tuple[Case, Counts]]:
    base = Stack(
        prerequisites,
        project="bench",
        stack="base",
        state_path=workdir / "base.json",
        config=emu.config,
        cwd=HERE,
    )
    result = base.up().raise_on_error()
    ids = {k: str(v) for k, v in result.outputs.items()}
    measured = []
    for index, case in enumerate(cases):
        flags = {"changed": False}

        def program(case: Case = case, flags: dict[str, bool] = flags) -> None:
            case.declare(ids, flags["changed"])

        stack = Stack(
            program,
            project="bench",
            stack=f"case{index}",
            state_path=workdir / f"case{index}.json",
            config=emu.config,
            cwd=HERE,
        )
        counts = Counts()
        for operation in ("create", "preview", "read", "update", "delete"):
            emu.clear()
            if operation == "update":
                flags["changed"] = True
            run = {
                "create": stack.up,
                "preview": stack.preview,
                "read": stack.refresh,
                "update": stack.up,
                "delete": stack.destroy,
            }[operation]
            outcome = run()
            counts.ok = counts.ok and outcome.ok
            counts.calls[operation] = [str(e["action"]) for e in emu.log()]
        measured.append((case, counts))
    return measured


# -- report ---------------------------------------------------------------------------------------


def _over(operation: str, counts: Counts) -> bool:
    number, target = counts.number(operation), TARGETS[operation]
    return number != target if operation == "read" else number > target


def verdict(operation: str, counts: Counts) -> str:
    check = counts.check_reads(operation)
    extra = f" (+{check} check)" if check else ""
    number = counts.number(operation)
    return f"**{number}** ✗{extra}" if _over(operation, counts) else f"{number}{extra}"


def reasons(case: Case, counts: Counts) -> str:
    """Why each operation over its target makes its calls (or that nobody said why)."""
    parts = []
    for operation in TARGETS:
        if not _over(operation, counts):
            continue
        why = case.why.get(operation)
        parts.append(f"{operation}: {why}" if why else f"{operation}: **unexplained** ✗")
    return "; ".join(parts) or "-"


def calls_table(measured: list[tuple[Case, Counts]]) -> list[str]:
    lines = [
        "| resource | create (≤2) | unchanged preview (0) | read (1) | update (≤2) | delete (1) "
        "| over the target, and why | calls made (create; update; delete) |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for case, counts in measured:
        create, preview, read, update, delete = (verdict(op, counts) for op in TARGETS)
        detail = "; ".join(
            ", ".join(counts.calls[op]) or "none" for op in ("create", "update", "delete")
        )
        note = f" ({case.note})" if case.note else ""
        failed = " — AN OPERATION FAILED" if not counts.ok else ""
        lines.append(
            f"| {case.name}{note}{failed} | {create} | {preview} | {read} | {update} | {delete} "
            f"| {reasons(case, counts)} | {detail} |"
        )
    return lines


def section(measured: list[tuple[Case, Counts]], took: float) -> str:
    over = sum(1 for case, counts in measured for op in TARGETS if _over(op, counts))
    unexplained = sum(
        1 for case, counts in measured for op in TARGETS if _over(op, counts) and op not in case.why
    )
    return "\n".join(
        [
            f"## {SCRIPT}",
            "",
            run_line(f"{took:.0f} s in all"),
            "",
            "API calls per operation, counted in the emulator's request log (the emulator in "
            f"its own process, {DOCUMENTED_RATE:g} requests/s per action), for a stack holding "
            'only that resource; ✗ marks a count over its target, "+1 check" a read made by '
            "Check once per provider process (a MiniProgram's categories), not per resource.",
            "",
            *calls_table(measured),
            "",
            f"{over} counts over their target, {unexplained} of them unexplained.",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--results", type=Path, default=RESULTS, help="the file to update")
    parser.add_argument("--no-record", action="store_true", help="do not update RESULTS.md")
    parser.add_argument("--cases", help="only the cases whose name starts with one of these")
    args = parser.parse_args(argv)
    prefixes = tuple(args.cases.split(",")) if args.cases else ("",)
    cases = [c for c in CASES if c.name.startswith(prefixes)]
    started = time.perf_counter()
    with RemoteEmulator() as emu, tempfile.TemporaryDirectory() as tmp:
        measured = count_calls(emu, Path(tmp), cases)
    text = section(measured, time.perf_counter() - started)
    print(text)
    if not args.no_record:
        write_section(SCRIPT, text, args.results)
    return 0 if all(c.ok for _, c in measured) else 1


if __name__ == "__main__":
    raise SystemExit(main())
