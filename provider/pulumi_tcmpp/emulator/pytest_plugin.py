"""pytest fixtures for projects that test against the emulator.

Installing the package registers this plugin with pytest (a ``pytest11`` entry point), so
the fixtures are available without a ``pytest_plugins`` line. One server runs for the whole
session; :func:`tcmpp_emulator` resets it before each test (state, request log, faults,
clock, build mode, readings, rate limits), which costs microseconds instead of a new socket per
test. Override :func:`tcmpp_emulator_options` in a conftest to pass
:class:`~pulumi_tcmpp.emulator.Emulator` keyword arguments, e.g. ``{"rate_limit": None}``.

How the emulator reads ambiguous documents (:class:`~pulumi_tcmpp.emulator.Readings`):

* ``pytest --tcmpp-profile doc-literal``: the session's server starts with that profile;
* ``@pytest.mark.tcmpp_readings("doc-literal", max_page_size=5)``: one test's readings (a
  profile, changes on top, or both);
* override :func:`tcmpp_emulator_profile` with a parametrised fixture to run every test of a
  folder under several profiles::

      @pytest.fixture(params=["default", "doc-literal"])
      def tcmpp_emulator_profile(request):
          return request.param
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pulumi_tcmpp.emulator._readings import PROFILES
from pulumi_tcmpp.emulator.server import Emulator

__all__ = [
    "tcmpp_emulator",
    "tcmpp_emulator_options",
    "tcmpp_emulator_profile",
    "tcmpp_emulator_server",
]

_MARKER = "tcmpp_readings"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--tcmpp-profile",
        choices=sorted(PROFILES),
        default=None,
        help="readings profile of the TCMPP emulator fixtures (default: 'default')",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(profile=None, **readings): the TCMPP emulator's readings for this test",
    )


@pytest.fixture(scope="session")
def tcmpp_emulator_options() -> dict[str, Any]:
    """Keyword arguments for the session's :class:`Emulator` (override to change them)."""
    return {}


@pytest.fixture(scope="session")
def tcmpp_emulator_server(
    request: pytest.FixtureRequest, tcmpp_emulator_options: dict[str, Any]
) -> Iterator[Emulator]:
    """The session's running emulator, not reset between tests."""
    options = dict(tcmpp_emulator_options)
    profile = request.config.getoption("tcmpp_profile", None)
    if profile and "profile" not in options:
        options["profile"] = profile
    with Emulator(**options) as emulator:
        yield emulator


@pytest.fixture
def tcmpp_emulator_profile() -> str | None:
    """This test's readings profile; None keeps the server's (override to parametrise)."""
    return None


@pytest.fixture
def tcmpp_emulator(
    request: pytest.FixtureRequest,
    tcmpp_emulator_server: Emulator,
    tcmpp_emulator_profile: str | None,
) -> Emulator:
    """The session's emulator, reset to day one for this test, with the test's readings."""
    tcmpp_emulator_server.reset()
    profile, changes = readings_for(request, tcmpp_emulator_profile)
    if profile or changes:
        tcmpp_emulator_server.set_readings(profile, **changes)
    return tcmpp_emulator_server


def readings_for(
    request: pytest.FixtureRequest, profile: str | None
) -> tuple[str | None, dict[str, Any]]:
    """The profile and reading changes a test asks for (its marker wins over ``profile``)."""
    marker = request.node.get_closest_marker(_MARKER)
    if marker is None:
        return profile, {}
    changes = dict(marker.kwargs)
    keyword = changes.pop("profile", None)
    named = marker.args[0] if marker.args else keyword
    return named or profile, changes
