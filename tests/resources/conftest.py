"""Fixtures for the resource tests: the session's emulator reset per test, a stack factory.

Every test drives the real resources through the offline engine (``pulumi_tcmpp.testing``)
against the emulator, and looks at what the emulator holds (its state and request log) or at
what the vendor SDK reads back, never at the provider's own echo.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.emulator.pytest_plugin import *  # noqa: F403  (its fixtures)
from pulumi_tcmpp.testing import Stack
from tests.resources.helpers import assert_no_plaintext, stack_config
from tests.resources.vendor import Vendor

MakeStack = Callable[..., Stack]


@pytest.fixture
def emu(tcmpp_emulator: Emulator) -> Emulator:
    """The session's emulator, back at day one (20 requests per second per action)."""
    return tcmpp_emulator


@pytest.fixture
def vendor(emu: Emulator) -> Vendor:
    """The vendor SDK (tcmpp back end), for out-of-band changes and reads."""
    return Vendor(emu, "tcmpp")


@pytest.fixture
def make_stack(emu: Emulator, tmp_path: Path) -> Iterator[MakeStack]:
    """Build a stack over the emulator; after the test, every state it wrote is scanned.

    ``backend`` selects tcmpp (default) or tcsas; ``config`` adds or overrides stack config
    (a value of None removes the key); ``secrets`` are further plaintexts (passwords,
    configuration files) that must never be stored readable.
    """
    made: list[tuple[Stack, list[str]]] = []

    def make(program: Any, *, name: str = "dev", backend: str = "tcmpp", **options: Any) -> Stack:
        config = stack_config(emu, backend)
        for key, value in options.pop("config", {}).items():
            if value is None:
                config.pop(key, None)
            else:
                config[key] = value
        secrets = list(options.pop("secrets", []))
        options.setdefault("state_path", tmp_path / f"{name}.json")
        stack = Stack(program, project="resources", stack=name, config=config, **options)
        made.append((stack, secrets))
        return stack

    yield make
    for stack, secrets in made:
        if stack.state_path.exists():
            assert_no_plaintext(stack, emu, *secrets)
