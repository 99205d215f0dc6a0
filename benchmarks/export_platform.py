"""Benchmark: ``export`` of a platform with N objects (default 10,000) under the 20/s limit.

The emulator is seeded through the API with its rate limit lifted for the seeding only (the
client's limiter off, batch actions where the API has them); then the limit is restored to the
documented 20 requests per second per action and the platform is exported the way
``pulumi-tcmpp export`` does it (read, build the spec, write the file atomically).

Measured: requests per action (list pages vs per-object reads), wall time of each phase, the
sustained and peak per-action rate seen by the emulator, and whether any request was
throttled. The target is requests close to objects ÷ page size, plus only the reads no list
replaces (``DescribeMNP`` and ``DescribeMNPDomainACL`` per mini program,
``DescribeApplicationSensitiveAPIList`` per application); the floor is the busiest of those at
the rate limit. Prints the table and replaces this script's section of
``benchmarks/RESULTS.md``::

    .venv/bin/python benchmarks/export_platform.py [--objects 10000] [--page-size 100]
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _remote import DOCUMENTED_RATE, RemoteEmulator
from _results import RESULTS, run_line, write_section

from pulumi_tcmpp.api.applications import CreateApplication
from pulumi_tcmpp.api.domains import CreateGlobalDomainACL, CreateMNPDomainACL
from pulumi_tcmpp.api.mini_programs import CreateMNP
from pulumi_tcmpp.api.sensitive_apis import CreateApplicationSensitiveAPI
from pulumi_tcmpp.api.teams import AddTeamMember, CreateTeam, DescribeTeamList
from pulumi_tcmpp.api.types import (
    CreateApplicationSensitiveAPIReq,
    CreateDomainParam,
    CreateTeamMemberInfoReq,
)
from pulumi_tcmpp.api.users import CreatePresetKey, CreateUser
from pulumi_tcmpp.client import Client, Settings, encrypt_password
from pulumi_tcmpp.clone.discover import DEFAULT_WORKERS
from pulumi_tcmpp.clone.export import build_spec
from pulumi_tcmpp.clone.live import read_platform
from pulumi_tcmpp.clone.render import dumps, write_atomic
from pulumi_tcmpp.clone.spec import PlatformSpec

SCRIPT = "export_platform.py"
SHARES = {
    "users": 0.10,
    "teams": 0.02,
    "members": 0.10,
    "applications": 0.05,
    "sensitive_apis": 0.25,
    "mini_programs": 0.10,
    "domain_acls": 0.10,
    "global_domains": 0.28,
}
CATEGORY = "Tools->40_Calculator"


def plan(objects: int) -> dict[str, int]:
    """How many objects of each kind make ``objects`` (teams even: half of each kind)."""
    counts = {kind: max(1, round(objects * share)) for kind, share in SHARES.items()}
    counts["teams"] += counts["teams"] % 2
    counts["domain_acls"] = counts["mini_programs"]
    return counts


# ---- seeding ---------------------------------------------------------------------------


class Seeder:
    """Fills one emulator platform fast: batches where the API has them, 8 threads."""

    def __init__(self, settings: Settings, counts: dict[str, int]) -> None:
        self.counts = counts
        self.platform = settings.require_platform_id()
        # the emulator's limit is lifted while seeding, and so is the client's
        self.client = Client(dataclasses.replace(settings, rate_limit=0))
        self.pool = ThreadPoolExecutor(8)
        self.user_ids: list[str] = []
        self.team_ids: list[str] = []

    def each(self, work: Callable[[int], Any], count: int) -> list[Any]:
        return list(self.pool.map(work, range(count)))

    def run(self) -> None:
        self.users()
        self.teams()
        self.members()
        apps = self.applications()
        self.mini_programs()
        self.global_domains()
        self.pool.shutdown()
        self.client.close()
        assert len(apps) == self.counts["applications"]

    def users(self) -> None:
        reply = self.client.call(CreatePresetKey())
        assert reply.data is not None and reply.data.key
        key_id, pem = reply.request_id, reply.data.key

        def create(i: int) -> str:
            created = self.client.call(
                CreateUser(
                    user_account=f"user{i:05d}",
                    user_name=f"User {i}",
                    account_type=2 if i % 50 == 0 else 3,
                    password=encrypt_password(pem, f"Passw0rd-{i}"),
                    key_id=key_id,
                    platform_id=self.platform,
                )
            )
            assert created.data is not None and created.data.resource_id
            return created.data.resource_id

        self.user_ids = self.each(create, self.counts["users"])

    def teams(self) -> None:
        def create(i: int) -> str:
            name = f"Team {i:04d}"
            related = None  # mini program teams (odd) relate to the application team before
            self.client.call(
                CreateTeam(
                    team_name=name,
                    admin_user_id=self.user_ids[i % len(self.user_ids)],
                    team_role_type_list=[1 if i % 2 else 2],
                    related_team_id=related,
                    platform_id=self.platform,
                )
            )
            request = DescribeTeamList(offset=0, limit=10, platform_id=self.platform, keyword=name)
            (row,) = [r for r in self.client.paginate(request) if r.team_name == name]
            return str(row.team_id)

        self.team_ids = self.each(create, self.counts["teams"])

    def members(self) -> None:
        teams = len(self.team_ids)
        per_team = math.ceil(self.counts["members"] / teams)
        admins = {i % len(self.user_ids) for i in range(teams)}
        pool = [u for i, u in enumerate(self.user_ids) if i not in admins]

        def add(t: int) -> None:
            first = t * per_team
            wanted = min(per_team, self.counts["members"] - first)
            if wanted <= 0:
                return
            role = 20066 if t % 2 else 20071  # developer of the team's kind
            items = [
                CreateTeamMemberInfoReq(user_id=pool[(first + k) % len(pool)], user_role_id=role)
                for k in range(wanted)
            ]
            self.client.call(
                AddTeamMember(
                    team_id=self.team_ids[t], member_list=items, platform_id=self.platform
                )
            )

        self.each(add, teams)

    def applications(self) -> list[str]:
        app_teams = self.team_ids[0::2]
        per_app = math.ceil(self.counts["sensitive_apis"] / self.counts["applications"])

        def create(i: int) -> str:
            reply = self.client.call(
                CreateApplication(
                    application_name=f"App {i:05d}",
                    logo=f"https://cdn.example.com/apps/{i}.png",
                    platform_id=self.platform,
                    team_id=app_teams[i % len(app_teams)],
                    application_type=1 + i % 2,
                    intro=f"Application number {i}",
                )
            )
            assert reply.data is not None and reply.data.resource_id
            app_id = reply.data.resource_id
            first = i * per_app
            apis = [
                CreateApplicationSensitiveAPIReq(
                    api_name=f"api{k}", api_desc=f"Sensitive API {k}", api_type=2
                )
                for k in range(min(per_app, self.counts["sensitive_apis"] - first))
            ]
            if apis:
                self.client.call(
                    CreateApplicationSensitiveAPI(
                        application_id=app_id, api_list=apis, platform_id=self.platform
                    )
                )
            return app_id

        return self.each(create, self.counts["applications"])

    def mini_programs(self) -> None:
        mnp_teams = self.team_ids[1::2]

        def create(i: int) -> None:
            reply = self.client.call(
                CreateMNP(
                    mnp_type=CATEGORY,
                    mnp_name=f"Mini {i:05d}",
                    mnp_icon=f"https://cdn.example.com/mnp/{i}.png",
                    mnp_intro=f"Mini program {i}",
                    mnp_desc=f"The mini program number {i}.",
                    platform_id=self.platform,
                    team_id=mnp_teams[i % len(mnp_teams)],
                )
            )
            assert reply.data is not None and reply.data.resource_id
            domains = [
                CreateDomainParam(domain_url_list=[f"https://api{i}.example.com"], domain_type=1),
                CreateDomainParam(domain_url_list=[f"wss://push{i}.example.com"], domain_type=3),
            ]
            self.client.call(
                CreateMNPDomainACL(
                    mnp_id=reply.data.resource_id, domain=domains, platform_id=self.platform
                )
            )

        self.each(create, self.counts["mini_programs"])

    def global_domains(self) -> None:
        total = self.counts["global_domains"]
        for kind, count in ((1, total // 2), (2, total - total // 2)):
            word = "allow" if kind == 1 else "block"
            urls = [f"d{i:05d}.{word}.example.com" for i in range(count)]
            self.client.call(
                CreateGlobalDomainACL(
                    domain_url_list=urls, domain_type=kind, platform_id=self.platform
                )
            )


# ---- measuring -------------------------------------------------------------------------


def spec_objects(spec: PlatformSpec) -> int:
    """Objects in a spec, counted as the plan counts them."""
    return (
        len(spec.users)
        + len(spec.teams)
        + sum(len(t.members) for t in spec.teams.values())
        + len(spec.applications)
        + sum(len(a.sensitive_apis) for a in spec.applications.values())
        + len(spec.mini_programs) * 2  # each with its domain list
        + len(spec.global_domains.allow)
        + len(spec.global_domains.block)
    )


def peak_rates(log: list[dict[str, Any]]) -> dict[str, int]:
    """Per action, the most requests the emulator served within any one second."""
    times: dict[str, list[float]] = defaultdict(list)
    for entry in log:
        times[str(entry["action"])].append(float(entry["time"]))
    peaks = {}
    for action, stamps in times.items():
        stamps.sort()
        start, best = 0, 0
        for end, stamp in enumerate(stamps):
            while stamp - stamps[start] >= 1.0:
                start += 1
            best = max(best, end - start + 1)
        peaks[action] = best
    return peaks


def spans(log: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Per action, when its first and last request arrived (seconds after the first of all)."""
    start = min(float(e["time"]) for e in log)
    out: dict[str, tuple[float, float]] = {}
    for entry in log:
        at = float(entry["time"]) - start
        first, last = out.get(str(entry["action"]), (at, at))
        out[str(entry["action"])] = (min(first, at), max(last, at))
    return out


def measure(objects: int, page_size: int, workers: int) -> dict[str, Any]:
    counts = plan(objects)
    with RemoteEmulator(rate_limit=None) as emu:  # its work does not share our GIL
        settings = emu.client_settings()
        started = time.perf_counter()
        Seeder(settings, counts).run()
        seeding = time.perf_counter() - started
        emu.set_rate(DOCUMENTED_RATE)  # lifted while seeding
        emu.clear()
        started = time.perf_counter()
        reading = read_platform(
            settings, page_size=page_size, workers=workers, progress_stream=sys.stderr
        )
        read = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as tmp:
            result = build_spec(reading.snapshot)
            write_atomic(Path(tmp) / "platform.yaml", dumps(result.spec))
        total = time.perf_counter() - started
        log = emu.log()
    calls = Counter(str(e["action"]) for e in log)
    per_object = sum(
        calls[a]
        for a in ("DescribeMNP", "DescribeMNPDomainACL", "DescribeApplicationSensitiveAPIList")
    )
    return {
        "per_object_calls": {
            a: calls[a]
            for a in ("DescribeMNP", "DescribeMNPDomainACL", "DescribeApplicationSensitiveAPIList")
        },
        "objects": sum(counts.values()),
        "counts": counts,
        "exported": spec_objects(result.spec),
        "calls": dict(sorted(calls.items())),
        "requests": len(log),
        "per_object": per_object,
        "pages": len(log) - per_object,
        "throttled": sum(1 for e in log if e["code"] is not None),
        "peak": max(peak_rates(log).values()),
        "spans": spans(log),
        "seeding": seeding,
        "read": read,
        "build": total - read,
        "total": total,
    }


def section(page_size: int, workers: int, n: dict[str, Any]) -> str:
    """This run's section: the figures, and the floor computed from this run's objects."""
    floor_action, floor_reads = max(n["per_object_calls"].items(), key=lambda kv: kv[1])
    floor = max(0, floor_reads - DOCUMENTED_RATE) / DOCUMENTED_RATE  # after one second's burst
    versus = f"{n['total'] / floor:.2f}" if floor > 0 else "-"
    row = (
        f"| {n['objects']} | {page_size} | {workers} | {n['pages']} | {n['per_object']} "
        f"| {n['requests']} | {n['objects'] / page_size:.0f} | {n['read']:.1f} "
        f"| {n['build']:.1f} | {n['total']:.1f} | {floor:.1f} | {versus} "
        f"| {n['peak']} | {n['throttled']} |"
    )
    kinds = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in n["counts"].items())
    return "\n".join(
        [
            f"## {SCRIPT}",
            "",
            run_line(f"seeding took {n['seeding']:.0f} s"),
            "",
            f"`pulumi-tcmpp export` of a platform seeded with {n['objects']} objects ({kinds}), "
            f"the emulator in its own process enforcing {DOCUMENTED_RATE:g} requests/s per "
            "action. List pages cover every object (about objects ÷ page size); the per-object "
            "reads are the ones no list replaces: DescribeMNP (the list lacks the description) "
            "and DescribeMNPDomainACL per mini program, DescribeApplicationSensitiveAPIList per "
            f"application. Floor: the busiest per-object action ({floor_action}, {floor_reads} "
            f"reads) at {DOCUMENTED_RATE:g}/s after the bucket's one-second burst. The peak is "
            "the most requests of one action the emulator saw in any 1-second window (the "
            "client's and the emulator's buckets each allow one second's burst); throttled "
            "counts requests the emulator refused with RequestLimitExceeded (timing between "
            "the two buckets), each retried by the client.",
            "",
            "| objects | page size | workers | list pages | per-object reads | requests "
            "| objects ÷ page size | read (s) | build + write (s) | total (s) | floor (s) "
            "| total ÷ floor | peak per action (1 s window) | throttled |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            row,
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--objects", type=int, default=10_000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--results", type=Path, default=RESULTS, help="the file to update")
    parser.add_argument("--no-record", action="store_true", help="do not update RESULTS.md")
    args = parser.parse_args(argv)
    n = measure(args.objects, args.page_size, args.workers)
    print(f"seeded {n['objects']} objects {n['counts']} in {n['seeding']:.1f} s")
    print(f"exported {n['exported']} objects with {n['requests']} requests: {n['calls']}")
    print(
        f"  {n['pages']} list pages (objects / page size = {n['objects'] / args.page_size:.0f}) "
        f"+ {n['per_object']} per-object reads; throttled {n['throttled']}; peak "
        f"{n['peak']} requests of one action in one second"
    )
    print(f"  read {n['read']:.1f} s, build + write {n['build']:.1f} s, total {n['total']:.1f} s")
    for action, (first, last) in sorted(n["spans"].items(), key=lambda item: item[1]):
        print(f"  {action}: {n['calls'][action]} requests from {first:.1f} s to {last:.1f} s")
    text = section(args.page_size, args.workers, n)
    print(text)
    if not args.no_record:
        write_section(SCRIPT, text, args.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
