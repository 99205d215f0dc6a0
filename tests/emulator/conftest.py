"""Fixtures: one emulator for the module's tests, reset before each (the plugin's fixtures)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pulumi_tcmpp.api.errors import CODES
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.emulator.pytest_plugin import *  # noqa: F403  (its fixtures)
from tests.emulator.sdk import Sdk


@pytest.fixture(scope="session")
def tcmpp_emulator_options() -> dict[str, Any]:
    """No rate limit for the functional tests; the limit has its own tests."""
    return {"rate_limit": None}


GATEWAY_CODES = {
    "RequestLimitExceeded",
    "RequestSizeLimitExceeded",
    "InternalError",
    "MissingParameter",
    "UnknownParameter",
    "InvalidParameter",
    "InvalidParameterValue",
    "InvalidAction",
    "NoSuchVersion",
    "UnsupportedProtocol",
}
"""API 3.0 common codes the gateway answers for every product, whatever its SDK lists."""


def assert_codes_are_catalogued(entries: list[dict[str, Any]]) -> None:
    """Every code answered is in the error catalogue, for the back end that answered it."""
    for entry in entries:
        code = entry["code"]
        if code is None or entry["fault"]:
            continue
        assert code in CODES, f"{entry['action']} answered an uncatalogued code {code}"
        known = CODES[code].backends
        assert (
            entry["service"] is None
            or entry["service"] in known
            or code in GATEWAY_CODES
            or (code.startswith("AuthFailure"))
        ), f"{entry['action']} on {entry['service']} answered {code}, unknown to that SDK"


@pytest.fixture
def emu(tcmpp_emulator: Emulator) -> Iterator[Emulator]:
    yield tcmpp_emulator
    assert_codes_are_catalogued(tcmpp_emulator.request_log())


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
