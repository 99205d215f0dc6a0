"""Weekly promotion, end to end: staging -> spec (with config references) -> production.

Two emulators stand for two environments whose logo host differs. Staging is built from a
spec by the Platform component; the spec is exported back with ``--previous`` (so the config
reference survives), applied to production with production's value, and re-applied: no change.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from pulumi_tcmpp.cli.main import main
from pulumi_tcmpp.clone.platform import Platform
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.testing import Secret, Stack
from tests.clone.conftest import set_env

SPEC: dict[str, Any] = {
    "version": 1,
    "users": {
        "lead": {
            "account": "lead@example.com",
            "name": "Lead",
            "password": {"secret": "lead-password"},
        },
        "dev": {
            "account": "dev@example.com",
            "name": "Dev",
            "password": {"secret": "dev-password"},
        },
    },
    "teams": {
        "shop": {
            "name": "Shop",
            "role": "application",
            "admin": "lead",
            "members": [{"user": "dev", "role": "Application Developer"}],
        }
    },
    "applications": {
        "shop-app": {
            "name": "Shop App",
            "team": "shop",
            "type": "formal",
            "logo": {"config": "logoHost", "format": "https://{}/shop.png"},
            "intro": "Our shop",
        }
    },
}
SECRETS = {"lead-password": "Le4d!password", "dev-password": "D3v!password"}


@pytest.fixture
def environments() -> Iterator[tuple[Emulator, Emulator]]:
    with Emulator(rate_limit=None) as staging, Emulator(rate_limit=None) as prod:
        yield staging, prod


def _apply(emu: Emulator, spec: Any, logo_host: str, state: Path) -> Stack:
    def program() -> None:
        Platform("env", spec=spec, config={"logoHost": logo_host}, secrets=SECRETS)

    config = {
        "tcmpp:endpoint": emu.endpoint,
        "tcmpp:secretId": emu.secret_id,
        "tcmpp:secretKey": Secret(emu.secret_key),
        "tcmpp:platformId": emu.platform_id,
    }
    return Stack(program=program, project="promotion", stack="env", state_path=state, config=config)


def _logos(emu: Emulator) -> list[str]:
    platform = emu.state()["platforms"][emu.platform_id]
    return [str(app.get("logo")) for app in platform.get("application", [])]


def test_staging_to_production_keeps_environment_values(
    environments: tuple[Emulator, Emulator], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    staging, prod = environments
    previous = tmp_path / "previous.yaml"
    previous.write_text(yaml.safe_dump(SPEC), encoding="utf-8")
    assert _apply(staging, SPEC, "cdn.staging.example.com", tmp_path / "staging.json").up().ok
    assert _logos(staging) == ["https://cdn.staging.example.com/shop.png"]

    set_env(monkeypatch, "STAGING", staging)
    exported = tmp_path / "platform.yaml"
    args = ["export", "--source", "env:STAGING", "--previous", str(previous), "--quiet"]
    assert main([*args, "-o", str(exported)]) == 0
    document = yaml.safe_load(exported.read_text(encoding="utf-8"))
    logo = document["applications"]["shop-app"]["logo"]
    assert logo == {"config": "logoHost", "format": "https://{}/shop.png"}
    again = tmp_path / "again.yaml"
    assert main([*args, "-o", str(again)]) == 0
    assert again.read_bytes() == exported.read_bytes()

    prod_stack = _apply(prod, str(exported), "cdn.example.com", tmp_path / "prod.json")
    assert prod_stack.up().ok
    assert _logos(prod) == ["https://cdn.example.com/shop.png"]
    prod.clear_request_log()
    second = prod_stack.up()
    assert second.ok and set(second.summary) == {"same"}
    assert prod.request_log() == []

    set_env(monkeypatch, "PROD", prod)
    assert (
        main(
            [
                "diff",
                "--source",
                str(exported),
                "--target",
                "env:PROD",
                "--quiet",
                "--config",
                "logoHost=cdn.example.com",
            ]
        )
        == 0
    )
