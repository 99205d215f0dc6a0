"""Per-call wall time of the project's client against the vendor SDK, on a mixed sequence.

Both clients run the same sequence against one emulator in its own process (rate limit off, no
latency), so the server's work is the same for both and does not share the clients'
interpreter. The sequence mixes reads and writes as a provider does: a team list, a global
domain created (a new URL each time), a user list, a user renamed, the role list, the mini
program categories, in turn. Each round times ``--calls`` calls of each client, the two in
alternating order (ours first in even rounds, the SDK's first in odd ones), so drift in the
machine's load hits both alike; the figure is the median of the rounds' paired ratios (ours ÷
the SDK's), with the median time per call of each. Both pay the server's time, which bounds
the ratio from below. Reported, not a target.

Run: ``.venv/bin/python benchmarks/client_vs_sdk.py [--calls 600] [--rounds 9]``; it prints
the table and replaces this script's section of ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _remote import RemoteEmulator
from _results import RESULTS, run_line, write_section
from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tcmpp.v20240801 import models as sdk_models
from tencentcloud.tcmpp.v20240801.tcmpp_client import TcmppClient

from pulumi_tcmpp.api._base import Request
from pulumi_tcmpp.api.domains import CreateGlobalDomainACL
from pulumi_tcmpp.api.mini_programs import DescribeMNPCategory
from pulumi_tcmpp.api.teams import DescribeRoleList, DescribeTeamList
from pulumi_tcmpp.api.users import CreatePresetKey, CreateUser, DescribeUserList, ModifyUser
from pulumi_tcmpp.client import Client, Settings, encrypt_password

SCRIPT = "client_vs_sdk.py"
SEQUENCE = (
    "DescribeTeamList",
    "CreateGlobalDomainACL",
    "DescribeUserList",
    "ModifyUser",
    "DescribeRoleList",
    "DescribeMNPCategory",
)
"""One turn of the sequence: four reads and two writes."""


def _settings(emu: RemoteEmulator) -> Settings:
    return Settings(
        secret_id=emu.settings["tcmpp:secretId"],
        secret_key=emu.settings["tcmpp:secretKey"],
        endpoint=emu.settings["tcmpp:endpoint"],
        platform_id=emu.settings["tcmpp:platformId"],
        rate_limit=0,
        max_retries=0,
    )


def seed_user(client: Client, platform_id: str) -> str:
    """A user both clients rename."""
    key = client.call(CreatePresetKey())
    assert key.data is not None and key.data.key
    made = client.call(
        CreateUser(
            user_account="bench-renamed",
            user_name="Renamed",
            account_type=3,
            password=encrypt_password(key.data.key, "Bench-Passw0rd!1"),
            key_id=key.request_id,
            platform_id=platform_id,
        )
    )
    assert made.data is not None and made.data.resource_id
    return str(made.data.resource_id)


def params(action: str, p: str, user_id: str, tag: str) -> dict[str, Any]:
    """The wire parameters of one call of the sequence (``tag`` makes each write new)."""
    return {
        "DescribeTeamList": {"Offset": 0, "Limit": 20, "PlatformId": p},
        "CreateGlobalDomainACL": {
            "DomainUrlList": [f"{tag}.example.com"],
            "DomainType": 1,
            "PlatformId": p,
        },
        "DescribeUserList": {"Offset": 0, "Limit": 20, "PlatformId": p},
        "ModifyUser": {"UserId": user_id, "UserName": tag, "AccountType": 3, "PlatformId": p},
        "DescribeRoleList": {"Offset": 0, "Limit": 20, "PlatformId": p},
        "DescribeMNPCategory": {"PlatformId": p},
    }[action]


def ours(client: Client, p: str, user_id: str) -> Callable[[int, str], None]:
    def request(action: str, tag: str) -> Request[Any]:
        if action == "CreateGlobalDomainACL":
            return CreateGlobalDomainACL(
                domain_url_list=[f"{tag}.example.com"], domain_type=1, platform_id=p
            )
        if action == "ModifyUser":
            return ModifyUser(user_id=user_id, user_name=tag, account_type=3, platform_id=p)
        if action == "DescribeMNPCategory":
            return DescribeMNPCategory(platform_id=p)
        read = {
            "DescribeTeamList": DescribeTeamList,
            "DescribeUserList": DescribeUserList,
            "DescribeRoleList": DescribeRoleList,
        }[action]
        return read(offset=0, limit=20, platform_id=p)  # type: ignore[call-arg]

    def call(i: int, tag: str) -> None:
        client.call(request(SEQUENCE[i % len(SEQUENCE)], tag))

    return call


def sdk(emu: RemoteEmulator, p: str, user_id: str) -> Callable[[int, str], None]:
    profile = ClientProfile(httpProfile=HttpProfile(endpoint=emu.host, protocol="http"))
    cred = credential.Credential(emu.settings["tcmpp:secretId"], emu.settings["tcmpp:secretKey"])
    client = TcmppClient(cred, "", profile)

    def call(i: int, tag: str) -> None:
        action = SEQUENCE[i % len(SEQUENCE)]
        request = getattr(sdk_models, f"{action}Request")()
        request.from_json_string(json.dumps(params(action, p, user_id, tag)))
        getattr(client, action)(request)

    return call


_TAGS = itertools.count()


def timed(call: Callable[[int, str], None], count: int, who: str) -> float:
    """Seconds per call over ``count`` calls of the sequence."""
    batch = next(_TAGS)
    start = time.perf_counter()
    for i in range(count):
        call(i, f"{who}-{batch}-{i}")
    return (time.perf_counter() - start) / count


def measure(calls: int, rounds: int) -> dict[str, Any]:
    with RemoteEmulator(rate_limit=None) as emu:
        p = emu.settings["tcmpp:platformId"]
        with Client(_settings(emu)) as client:
            user_id = seed_user(client, p)
            mine, theirs = ours(client, p, user_id), sdk(emu, p, user_id)
            timed(mine, len(SEQUENCE) * 10, "warm"), timed(theirs, len(SEQUENCE) * 10, "warm")
            pairs = []
            for index in range(rounds):
                if index % 2 == 0:
                    a = timed(mine, calls, "ours")
                    b = timed(theirs, calls, "sdk")
                else:
                    b = timed(theirs, calls, "sdk")
                    a = timed(mine, calls, "ours")
                pairs.append((a, b))
    ratios = [a / b for a, b in pairs]
    return {
        "ours_ms": statistics.median(a for a, _ in pairs) * 1000,
        "sdk_ms": statistics.median(b for _, b in pairs) * 1000,
        "ratio": statistics.median(ratios),
        "low": min(ratios),
        "high": max(ratios),
    }


def section(calls: int, rounds: int, r: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"## {SCRIPT}",
            "",
            run_line(),
            "",
            "Per-call wall time of `pulumi_tcmpp.client.Client` and of the vendor SDK "
            "(`tencentcloud-sdk-python-intl-en`, TcmppClient) on the same mixed sequence "
            f"({', '.join(SEQUENCE)}, in turn), the emulator in its own process without rate "
            "limit or latency; rounds in alternating order, the ratio is the median of the "
            "rounds' paired ratios (its range beside it). Both pay the server's time. "
            "Reported, not a target.",
            "",
            "| calls per round | rounds | ours (ms/call, median) | vendor SDK (ms/call, median) "
            "| ours ÷ SDK (median of paired ratios) | range of the paired ratios |",
            "|---:|---:|---:|---:|---:|---|",
            f"| {calls} | {rounds} | {r['ours_ms']:.3f} | {r['sdk_ms']:.3f} | {r['ratio']:.2f} "
            f"| {r['low']:.2f}-{r['high']:.2f} |",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--calls", type=int, default=600, help="calls per client per round")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--results", type=Path, default=RESULTS, help="the file to update")
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args(argv)
    text = section(args.calls, args.rounds, measure(args.calls, args.rounds))
    print(text)
    if not args.no_record:
        write_section(SCRIPT, text, args.results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
