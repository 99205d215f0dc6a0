"""Fixtures: the session's emulator reset per test, a platform to ship to, offline stacks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.emulator import pytest_plugin as emulator_plugin
from pulumi_tcmpp.testing import Stack
from pulumi_tcmpp.testing import pytest_plugin as stack_plugin
from pulumi_tcmpp.testing.pytest_plugin import StackFactory
from tests.profiles import tcmpp_emulator_profile  # noqa: F401  (every test per profile)
from tests.releases.platform import Platform, stack_config

MakeStack = Callable[..., Stack]

# The plugins' fixtures, as a project's conftest would take them.
tcmpp_emulator_server = emulator_plugin.tcmpp_emulator_server
tcmpp_emulator = emulator_plugin.tcmpp_emulator
tcmpp_offline_stack = stack_plugin.tcmpp_offline_stack


@pytest.fixture(scope="session")
def tcmpp_emulator_options() -> dict[str, Any]:
    """No rate limit: the tests poll fast on purpose."""
    return {"rate_limit": None}


@pytest.fixture
def platform(tcmpp_emulator: Emulator) -> Iterator[Platform]:
    """An application team with an application, a mini program team bound to it, a mini
    program and a restricted sensitive API, made through the API (not under test here)."""
    built = Platform.build(tcmpp_emulator)
    yield built
    built.client.close()


@pytest.fixture
def make_stack(tcmpp_offline_stack: StackFactory, tcmpp_emulator: Emulator) -> MakeStack:
    """An offline stack configured for the emulator (extra config merged in)."""

    def make(program: Any, **options: Any) -> Stack:
        config = {**stack_config(tcmpp_emulator), **options.pop("config", {})}
        options.setdefault("project", "releases")
        return tcmpp_offline_stack(program, config=config, **options)

    return make
