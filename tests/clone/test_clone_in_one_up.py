"""Cloning a live platform into another in a single ``up``: Platform(spec=<source connection>,
connection=<target connection>).

The source (staging) is one emulator on the tcmpp back end, reached through the stack config
namespace ``staging``; the target (prod) is another emulator, on the tcsas back end, reached
through the namespace ``prod``. The stack has no ``tcmpp:*`` settings. The program reads the
source when it runs, as ``pulumi-tcmpp export`` would, and applies it to the target: after one
``up`` the target holds what the source holds, the source was only read, and a second ``up``
changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pulumi
import pytest

from pulumi_tcmpp import Connection
from pulumi_tcmpp.clone.platform import Platform, read_spec
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.testing import Secret, Stack, scan_state_for_secrets
from tests.clone.test_platform import PASSWORDS, SPEC

SOURCE_ID, TARGET_ID = "T04257DS9431720WTAG", "T04827BQ9761718REMX"
STAGING, PROD = Connection(config="staging"), Connection(config="prod")
CLONED_PASSWORD = "Cl0ned!pass-word"


@pytest.fixture(scope="module")
def emulators() -> Iterator[tuple[Emulator, Emulator]]:
    with (
        Emulator(credentials={"AKIDsource0001": "source-key-0001"}, rate_limit=None) as source,
        Emulator(
            credentials={"AKIDtarget0001": "target-key-0001"},
            platform_ids=[TARGET_ID],
            rate_limit=None,
        ) as target,
    ):
        yield source, target


def _config(source: Emulator, target: Emulator) -> dict[str, Any]:
    return {
        "staging:endpoint": source.endpoint,
        "staging:secretId": "AKIDsource0001",
        "staging:secretKey": Secret("source-key-0001"),
        "staging:platformId": SOURCE_ID,
        "prod:endpoint": target.endpoint,
        "prod:secretId": "AKIDtarget0001",
        "prod:secretKey": Secret("target-key-0001"),
        "prod:platformId": TARGET_ID,
        "prod:backend": "tcsas",
    }


def seed(source: Emulator, tmp_path: Path) -> None:
    """The source platform, made with a Platform of its own (through the staging connection)."""

    def program() -> None:
        Platform(
            "staging",
            spec=SPEC,
            config={"logoHost": "cdn.example.com"},
            secrets=PASSWORDS,
            connection=STAGING,
        )

    stack = Stack(
        program,
        project="seed",
        state_path=tmp_path / "seed.json",
        config=_config(source, source),
    )
    seeded = stack.up()
    assert seeded.ok, seeded.render()


def clone() -> None:
    users = read_spec(STAGING).users  # the live source, as export writes it
    secrets = {f"{name}-password": CLONED_PASSWORD for name in users}
    prod = Platform("prod", spec=STAGING, secrets=secrets, connection=PROD)
    pulumi.export("report", prod.report)


def held(emu: Emulator, platform: str) -> dict[str, list[str]]:
    records = emu.state()["platforms"][platform]
    fields = {
        "user": "user_account",
        "team": "team_name",
        "application": "application_name",
        "mnp": "mnp_name",
        "global_domain": "domain_url",
    }
    return {
        kind: sorted(str(r[field]) for r in records.get(kind, []) if r.get(field) != "admin")
        for kind, field in fields.items()
    }


def test_one_up_clones_the_source_into_the_target(
    emulators: tuple[Emulator, Emulator], tmp_path: Path
) -> None:
    source, target = emulators
    seed(source, tmp_path)
    stack = Stack(
        clone, project="clone", state_path=tmp_path / "clone.json", config=_config(source, target)
    )
    source.clear_request_log()

    preview = stack.preview()
    assert preview.ok, preview.render()
    assert set(preview.outputs["report"].values()) == {"create"}
    result = stack.up()

    assert result.ok, result.render()
    assert held(target, TARGET_ID) == held(source, SOURCE_ID)
    assert held(target, TARGET_ID) == {
        "user": ["alice@example.com", "bob@example.com"],
        "team": ["Apps", "MNPs"],
        "application": ["Shop"],
        "mnp": ["Pickup"],
        "global_domain": ["bad.example.com", "cdn.example.com"],
    }
    source_writes = [e for e in source.request_log() if not e["action"].startswith("Describe")]
    assert source_writes == []
    services = {e["service"] for e in target.request_log()}
    assert services == {"tcsas"}

    ours = [
        r
        for r in json.loads(stack.state_path.read_text(encoding="utf-8"))["resources"]
        if "/tcmpp:" in r["type"]
    ]
    text = json.dumps(ours)
    for credential in ("AKIDsource0001", "source-key-0001", "AKIDtarget0001", "target-key-0001"):
        assert credential not in text
    plaintexts = ["source-key-0001", "target-key-0001", CLONED_PASSWORD]
    assert scan_state_for_secrets(stack.state_path, plaintexts) == []
    resources = [r for r in ours if not r["type"].endswith(":PlatformPlan")]
    assert len(resources) == 11
    assert {r["outputs"]["platform"]["platform_id"] for r in resources} == {TARGET_ID}

    again = stack.up()
    assert again.ok, again.render()
    assert set(again.summary) == {"same"}, again.render()
