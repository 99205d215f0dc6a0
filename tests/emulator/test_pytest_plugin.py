"""The pytest plugin, used the way a user project would: installed, so registered by pytest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CONFTEST = """
import pytest


@pytest.fixture(scope="session")
def tcmpp_emulator_options():
    return {"rate_limit": None, "platform_ids": ["T11111AA1111111TEST"]}
"""

TESTS = """
from pulumi_tcmpp.emulator.server import Emulator


def test_first(tcmpp_emulator):
    assert isinstance(tcmpp_emulator, Emulator)
    assert tcmpp_emulator.platform_id == "T11111AA1111111TEST"
    assert tcmpp_emulator.app.limiter.rate is None
    tcmpp_emulator.set_clock_offset(1000)
    tcmpp_emulator.add_fault({"kind": "drop"})
    with tcmpp_emulator.app.store.transaction() as tx:
        tx.put("T11111AA1111111TEST:user", "U1", {"user_id": "U1"})


def test_second_starts_from_day_one(tcmpp_emulator, tcmpp_emulator_server):
    assert tcmpp_emulator is tcmpp_emulator_server
    assert tcmpp_emulator.faults() == []
    assert tcmpp_emulator.app.clock_offset == 0
    assert tcmpp_emulator.state()["summary"]["T11111AA1111111TEST"]["user"] == 1
"""


def test_plugin_in_a_user_project(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_user.py").write_text(TESTS)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
