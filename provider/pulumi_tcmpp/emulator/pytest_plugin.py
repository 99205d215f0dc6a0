"""pytest fixtures for projects that test against the emulator.

Installing the package registers this plugin with pytest (a ``pytest11`` entry point), so
the fixtures are available without a ``pytest_plugins`` line. One server runs for the whole
session; :func:`tcmpp_emulator` resets it before each test (state, request log, faults,
clock, build mode, rate limits), which costs microseconds instead of a new socket per test.
Override :func:`tcmpp_emulator_options` in a conftest to pass
:class:`~pulumi_tcmpp.emulator.Emulator` keyword arguments, e.g. ``{"rate_limit": None}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pulumi_tcmpp.emulator.server import Emulator

__all__ = ["tcmpp_emulator", "tcmpp_emulator_options", "tcmpp_emulator_server"]


@pytest.fixture(scope="session")
def tcmpp_emulator_options() -> dict[str, Any]:
    """Keyword arguments for the session's :class:`Emulator` (override to change them)."""
    return {}


@pytest.fixture(scope="session")
def tcmpp_emulator_server(tcmpp_emulator_options: dict[str, Any]) -> Iterator[Emulator]:
    """The session's running emulator, not reset between tests."""
    with Emulator(**tcmpp_emulator_options) as emulator:
        yield emulator


@pytest.fixture
def tcmpp_emulator(tcmpp_emulator_server: Emulator) -> Emulator:
    """The session's emulator, reset to day one for this test."""
    tcmpp_emulator_server.reset()
    return tcmpp_emulator_server
