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
from pulumi_tcmpp.testing import Result, Stack
from tests.profiles import tcmpp_emulator_profile  # noqa: F401  (every test per profile)
from tests.resources.helpers import assert_no_plaintext, stack_config
from tests.resources.vendor import Vendor


class ScannedStack(Stack):
    """A stack whose state is scanned for plaintext secrets after every operation.

    The emulator's secret key and the test password are always looked for; add further
    plaintexts (a new password, a configuration file) to ``secrets`` as they become known.
    """

    def __init__(self, *args: Any, emu: Emulator, secrets: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.emu = emu
        self.secrets = secrets

    def up(self, *, refresh: bool = False) -> Result:
        return self._scanned(super().up(refresh=refresh))

    def refresh(self, *, preview: bool = False, clear_pending_creates: bool = False) -> Result:
        return self._scanned(
            super().refresh(preview=preview, clear_pending_creates=clear_pending_creates)
        )

    def destroy(self, *, preview: bool = False) -> Result:
        return self._scanned(super().destroy(preview=preview))

    def _scanned(self, result: Result) -> Result:
        if self.state_path.exists():
            assert_no_plaintext(self, self.emu, *self.secrets)
        return result


MakeStack = Callable[..., ScannedStack]


@pytest.fixture
def emu(tcmpp_emulator: Emulator) -> Emulator:
    """The session's emulator, back at day one (20 requests per second per action), serving
    this test's profile of readings."""
    return tcmpp_emulator


@pytest.fixture
def vendor(emu: Emulator) -> Vendor:
    """The vendor SDK (tcmpp back end), for out-of-band changes and reads."""
    return Vendor(emu, "tcmpp")


@pytest.fixture
def make_stack(emu: Emulator, tmp_path: Path) -> Iterator[MakeStack]:
    """Build a stack over the emulator, its state scanned after every operation.

    ``backend`` selects tcmpp (default) or tcsas; ``config`` adds or overrides stack config
    (a value of None removes the key); ``secrets`` are further plaintexts (passwords,
    configuration files) that must never be stored readable.
    """
    made: list[ScannedStack] = []

    def make(
        program: Any, *, name: str = "dev", backend: str = "tcmpp", **options: Any
    ) -> ScannedStack:
        config = stack_config(emu, backend)
        for key, value in options.pop("config", {}).items():
            if value is None:
                config.pop(key, None)
            else:
                config[key] = value
        options.setdefault("state_path", tmp_path / f"{name}.json")
        stack = ScannedStack(
            program,
            project="resources",
            stack=name,
            config=config,
            emu=emu,
            secrets=list(options.pop("secrets", [])),
            **options,
        )
        made.append(stack)
        return stack

    yield make
    for stack in made:  # once more, with the secrets the test learnt last
        if stack.state_path.exists():
            assert_no_plaintext(stack, emu, *stack.secrets)
