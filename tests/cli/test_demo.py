"""``pulumi-tcmpp demo`` without a Pulumi CLI: up, an unchanged preview, destroy."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from pulumi_tcmpp.cli.main import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "quickstart"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_demo_brings_up_the_quickstart_and_tears_it_down(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")  # no pulumi CLI: the offline engine
    common = ["--port", str(_free_port()), "--dir", str(tmp_path), "--example", str(EXAMPLE)]

    assert main(["demo", *common]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("pulumi-tcmpp demo: no `pulumi` CLI on PATH")
    for held in (
        "Shop Superapp",
        "Parcel Pickup",
        "getPhoneNumber",
        "Superapp Team",
        "ops-admin@example.com",
    ):
        assert held in out
    assert "resources: 13 create" in out

    assert main(["demo", "preview", *common]) == 0
    assert "resources: 13 same" in capsys.readouterr().out

    assert main(["demo", "destroy", *common]) == 0
    out = capsys.readouterr().out
    assert "Shop Superapp" not in out and "Destroyed." in out
