"""Per-call wall time of the project's client against the vendor SDK, same 1,000 calls.

Both clients run the same sequence of 1,000 calls (reads of four kinds, in turn) against one
emulator running in its own process with its rate limit off, so the server's work is the
same for both and does not share the clients' interpreter. Each client is measured in
alternating rounds after a warm-up, and the median round is reported. The target of issue 2:
the project's client at most 0.5x the vendor SDK's time per call.

Run: ``.venv/bin/python benchmarks/client_vs_sdk.py [--calls 1000] [--rounds 5]``; it prints
a table and replaces its row in ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import statistics
import time
from collections.abc import Callable
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tcmpp.v20240801 import models as sdk_models
from tencentcloud.tcmpp.v20240801.tcmpp_client import TcmppClient

from pulumi_tcmpp.api.mini_programs import DescribeMNPCategory
from pulumi_tcmpp.api.teams import DescribeRoleList, DescribeTeamList
from pulumi_tcmpp.api.users import DescribeUserList
from pulumi_tcmpp.client import Client, Settings
from pulumi_tcmpp.emulator import Emulator

RESULTS = Path(__file__).with_name("RESULTS.md")
SECTION = "## client_vs_sdk.py"


def serve(conn: Connection) -> None:
    """The emulator in its own process, rate limit off, until told to stop."""
    with Emulator(rate_limit=None) as emu:
        conn.send(
            {
                "host": emu.host_port,
                "endpoint": emu.endpoint,
                "id": emu.secret_id,
                "key": emu.secret_key,
                "platform": emu.platform_id,
            }
        )
        conn.recv()


def ours(info: dict[str, str]) -> Callable[[int], None]:
    settings = Settings(
        secret_id=info["id"],
        secret_key=info["key"],
        endpoint=info["endpoint"],
        platform_id=info["platform"],
        rate_limit=0,
        max_retries=0,
    )
    client = Client(settings)
    p = info["platform"]
    requests = [
        DescribeTeamList(offset=0, limit=20, platform_id=p),
        DescribeUserList(offset=0, limit=20, platform_id=p),
        DescribeRoleList(offset=0, limit=20, platform_id=p),
        DescribeMNPCategory(platform_id=p),
    ]

    def call(i: int) -> None:
        client.call(requests[i % 4])

    return call


def sdk(info: dict[str, str]) -> Callable[[int], None]:
    profile = ClientProfile(httpProfile=HttpProfile(endpoint=info["host"], protocol="http"))
    client = TcmppClient(credential.Credential(info["id"], info["key"]), "", profile)
    p = info["platform"]
    calls: list[tuple[Callable[[Any], Any], Any]] = []
    for name, params in (
        ("DescribeTeamList", {"Offset": 0, "Limit": 20, "PlatformId": p}),
        ("DescribeUserList", {"Offset": 0, "Limit": 20, "PlatformId": p}),
        ("DescribeRoleList", {"Offset": 0, "Limit": 20, "PlatformId": p}),
        ("DescribeMNPCategory", {"PlatformId": p}),
    ):
        request = getattr(sdk_models, f"{name}Request")()
        request.from_json_string(json.dumps(params))
        calls.append((getattr(client, name), request))

    def call(i: int) -> None:
        method, request = calls[i % 4]
        method(request)

    return call


def timed(call: Callable[[int], None], count: int) -> float:
    """Seconds per call over ``count`` calls."""
    start = time.perf_counter()
    for i in range(count):
        call(i)
    return (time.perf_counter() - start) / count


def measure(calls: int, rounds: int) -> dict[str, float]:
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=serve, args=(child,), daemon=True)
    process.start()
    info = parent.recv()
    try:
        mine, theirs = ours(info), sdk(info)
        timed(mine, 100), timed(theirs, 100)  # warm-up: connections, imports, caches
        our_rounds, sdk_rounds = [], []
        for _ in range(rounds):
            our_rounds.append(timed(mine, calls))
            sdk_rounds.append(timed(theirs, calls))
    finally:
        parent.send("stop")
        process.join(10)
    our_ms = statistics.median(our_rounds) * 1000
    sdk_ms = statistics.median(sdk_rounds) * 1000
    return {"ours_ms": our_ms, "sdk_ms": sdk_ms, "ratio": our_ms / sdk_ms}


def record(calls: int, rounds: int, result: dict[str, float]) -> str:
    row = (
        f"| {date.today()} | {calls} | {rounds} | {result['ours_ms']:.3f} | "
        f"{result['sdk_ms']:.3f} | {result['ratio']:.2f} | ≤ 0.50 | {platform.python_version()} |"
    )
    header = (
        f"{SECTION}\n\nPer-call wall time of `pulumi_tcmpp.client.Client` against the vendor SDK "
        "(`tencentcloud-sdk-python-intl-en`, TcmppClient) for the same sequence of reads, the "
        "emulator in its own process with no rate limit; median of the rounds. Both clients "
        "pay the server's time, which bounds the ratio from below. The client sends through "
        "httpx's own `HTTPTransport` (keep-alive pool) and skips httpx's client layer.\n\n"
        "| date | calls | rounds | ours (ms/call) | vendor SDK (ms/call) | ratio | target "
        "| python |\n"
        "|---|---:|---:|---:|---:|---:|---|---|\n"
    )
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if SECTION in text:
        before, _, after = text.partition(SECTION)
        rest = after.split("\n## ", 1)
        tail = ("\n## " + rest[1]) if len(rest) > 1 else ""
        text = before + header + row + "\n" + tail
    else:
        text = text.rstrip() + "\n\n" + header + row + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    result = measure(args.calls, args.rounds)
    print("| ours (ms/call) | vendor SDK (ms/call) | ratio | target |")
    print(f"| {result['ours_ms']:.3f} | {result['sdk_ms']:.3f} | {result['ratio']:.2f} | ≤ 0.50 |")
    record(args.calls, args.rounds, result)


if __name__ == "__main__":
    main()
