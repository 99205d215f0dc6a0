"""Benchmark: one page of 100 rows of every list action, on a platform of N objects (10,000).

The emulator runs in its own process with its rate limit lifted; the platform is seeded with
``export_platform.py``'s mix (10% users, 2% teams, 10% memberships, 5% applications, 25%
sensitive APIs, 10% mini programs with domain lists, 28% global domains) plus one permission
request per mini program for the permission lists. (DescribeMNPApprovalList is left out: the
mix has no mini program team associated with an application team, so no approvals.) Each
list action is then
asked for the first, a middle and the last page of 100 rows, ``--repeat`` times each, one
request at a time through the project's client: the time is what a caller waits for a page
(signing, HTTP, the emulator's work, parsing). Target: a median under 50 ms per page; the
90th percentile and the slowest page show the spread (garbage collection, other processes).

Prints the table and replaces this script's section of ``benchmarks/RESULTS.md``::

    .venv/bin/python benchmarks/emulator_lists.py [--objects 10000] [--repeat 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _remote import RemoteEmulator
from _results import RESULTS, run_line, write_section
from export_platform import Seeder, plan

from pulumi_tcmpp.api._base import Request
from pulumi_tcmpp.api.applications import DescribeApplicationList
from pulumi_tcmpp.api.domains import DescribeGlobalDomainACL
from pulumi_tcmpp.api.mini_programs import DescribeMNPList
from pulumi_tcmpp.api.sensitive_apis import (
    DescribeApplicationSensitiveAPIList,
    DescribeMNPSensitiveAPIPermissionApprovalList,
    DescribeMNPSensitiveAPIPermissionList,
)
from pulumi_tcmpp.api.teams import DescribeTeamList, DescribeTeamMemberList
from pulumi_tcmpp.api.users import DescribeUserList
from pulumi_tcmpp.client import Client

SCRIPT = "emulator_lists.py"
PAGE = 100
TARGET_MS = 50.0


def permission_requests(client: Client, pid: str) -> tuple[str, str]:
    """One permission request per mini program (for the permission lists); returns the ids of
    a mini program and an application to list by."""
    from pulumi_tcmpp.api.sensitive_apis import CreateMNPSensitiveAPIPermissionApproval

    mnps = list(client.paginate(DescribeMNPList(offset=0, limit=PAGE, platform_id=pid)))
    apps = list(client.paginate(DescribeApplicationList(offset=0, limit=PAGE, platform_id=pid)))
    app_id = str(apps[0].application_id)
    listed = DescribeApplicationSensitiveAPIList(
        offset=0, limit=PAGE, platform_id=pid, application_id=app_id
    )
    api_id = str(next(iter(client.paginate(listed))).api_id)
    for mnp in mnps:
        client.call(
            CreateMNPSensitiveAPIPermissionApproval(
                api_id=api_id, apply_reason="benchmark", mnp_id=str(mnp.mnp_id), platform_id=pid
            )
        )
    return str(mnps[0].mnp_id), app_id


def lists(pid: str, mnp_id: str, app_id: str) -> list[Request[Any]]:
    return [
        DescribeUserList(offset=0, limit=PAGE, platform_id=pid),
        DescribeTeamList(offset=0, limit=PAGE, platform_id=pid),
        DescribeTeamMemberList(offset=0, limit=PAGE, platform_id=pid),
        DescribeApplicationList(offset=0, limit=PAGE, platform_id=pid),
        DescribeApplicationSensitiveAPIList(
            offset=0, limit=PAGE, platform_id=pid, application_id=app_id
        ),
        DescribeMNPList(offset=0, limit=PAGE, platform_id=pid),
        DescribeMNPSensitiveAPIPermissionList(offset=0, limit=PAGE, platform_id=pid, mnp_id=mnp_id),
        DescribeMNPSensitiveAPIPermissionApprovalList(offset=0, limit=PAGE, platform_id=pid),
        DescribeGlobalDomainACL(offset=0, limit=PAGE, platform_id=pid),
    ]


def time_pages(client: Client, request: Request[Any], repeat: int) -> dict[str, Any]:
    """The first, a middle and the last page of a list, ``repeat`` times each, in ms."""
    total = int(client.call(request).data.total_count or 0)
    offsets = sorted({0, (total // 2 // PAGE) * PAGE, max(0, (total - 1) // PAGE * PAGE)})
    times = []
    for _ in range(repeat):
        for offset in offsets:
            started = time.perf_counter()
            reply = client.call(request.model_copy(update={"offset": offset}))
            times.append((time.perf_counter() - started) * 1000)
            assert reply.data.total_count == total
    return {
        "action": request.action,
        "rows": total,
        "pages": len(times),
        "median": statistics.median(times),
        "p90": statistics.quantiles(times, n=10)[-1],
        "slowest": max(times),
    }


def measure(objects: int, repeat: int) -> tuple[float, list[dict[str, Any]]]:
    with RemoteEmulator(rate_limit=None) as emu:
        settings = emu.client_settings(rate_limit=0)
        started = time.perf_counter()
        Seeder(settings, plan(objects)).run()
        with Client(settings) as client:
            pid = settings.require_platform_id()
            mnp_id, app_id = permission_requests(client, pid)
            seeding = time.perf_counter() - started
            return seeding, [time_pages(client, r, repeat) for r in lists(pid, mnp_id, app_id)]


def section(objects: int, repeat: int, seeding: float, rows: list[dict[str, Any]]) -> str:
    lines = [
        f"| {r['action']} | {r['rows']} | {r['pages']} | {r['median']:.1f} | {r['p90']:.1f} "
        f"| {r['slowest']:.1f} | {'✓' if r['median'] < TARGET_MS else '✗'} |"
        for r in rows
    ]
    return "\n".join(
        [
            f"## {SCRIPT}",
            "",
            run_line(f"seeding took {seeding:.0f} s"),
            "",
            f"One page of {PAGE} rows of each list action on a platform of {objects} objects "
            "(the export benchmark's mix, plus one permission request per mini program), the "
            "emulator in its own process without a rate limit: the first, a middle and the "
            f"last page, each asked {repeat} times, one request at a time through the project's "
            "client. The time is what a caller waits for one page (signing, HTTP, the "
            f"emulator's work, parsing). Target: a median under {TARGET_MS:g} ms.",
            "",
            "| action | rows listed | pages asked | median (ms) | p90 (ms) | slowest (ms) "
            f"| median under {TARGET_MS:g} ms |",
            "|---|---:|---:|---:|---:|---:|---|",
            *lines,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--objects", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--results", type=Path, default=RESULTS, help="the file to update")
    parser.add_argument("--no-record", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args(argv)
    seeding, rows = measure(args.objects, args.repeat)
    text = section(args.objects, args.repeat, seeding, rows)
    print(text)
    if not args.no_record:
        write_section(SCRIPT, text, args.results)
    return 0  # a missed target is reported in the table


if __name__ == "__main__":
    raise SystemExit(main())
