"""Fixtures: one emulator for the module's tests, reset before each (the plugin's fixtures)."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.emulator.pytest_plugin import *  # noqa: F403  (its fixtures)
from tests.emulator.sdk import Sdk


@pytest.fixture(scope="session")
def tcmpp_emulator_options() -> dict[str, Any]:
    """No rate limit for the functional tests; the limit has its own tests."""
    return {"rate_limit": None}


@pytest.fixture
def emu(tcmpp_emulator: Emulator) -> Emulator:
    return tcmpp_emulator


@pytest.fixture(params=["tcmpp", "tcsas"])
def sdk(request: pytest.FixtureRequest, emu: Emulator) -> Sdk:
    """The vendor SDK on each back end."""
    return Sdk(emu, request.param)


@pytest.fixture
def tcmpp(emu: Emulator) -> Sdk:
    return Sdk(emu, "tcmpp")


@pytest.fixture
def tcsas(emu: Emulator) -> Sdk:
    return Sdk(emu, "tcsas")
