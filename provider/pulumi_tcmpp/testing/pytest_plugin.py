"""pytest fixture for offline stacks: ``tcmpp_offline_stack`` builds a Stack in ``tmp_path``.

Installing the package registers this plugin with pytest (a ``pytest11`` entry point), so
it needs no ``pytest_plugins`` line::

    def test_platform(tcmpp_offline_stack, tcmpp_emulator):
        stack = tcmpp_offline_stack(program, project="platform", config={...})
        assert stack.up().ok

At teardown the fixture fails the test if any stack it built stored one of its ``Secret`` config
values in plaintext (see :func:`scan_state_for_secrets`); pass ``check_secrets=False`` to a
stack that leaks on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest

from ._secrets import scan_state_for_secrets
from ._stack import ProgramArg, Stack
from ._values import Secret

__all__ = ["StackFactory", "tcmpp_offline_stack"]


class StackFactory(Protocol):
    """Builds a :class:`Stack` whose state lives in the test's ``tmp_path``."""

    def __call__(
        self,
        program: ProgramArg,
        *,
        project: str = ...,
        stack: str = ...,
        config: dict[str, Any] | None = ...,
        check_secrets: bool = ...,
        **options: Any,
    ) -> Stack: ...


@pytest.fixture
def tcmpp_offline_stack(tmp_path: Path) -> Iterator[StackFactory]:
    """A factory of offline stacks; options are those of :class:`Stack`."""
    built: list[tuple[Stack, bool]] = []

    def factory(
        program: ProgramArg,
        *,
        project: str = "test",
        stack: str = "test",
        config: dict[str, Any] | None = None,
        check_secrets: bool = True,
        **options: Any,
    ) -> Stack:
        state_path = tmp_path / "pulumi-state" / f"{project}.{stack}.json"
        made = Stack(
            program, project=project, stack=stack, state_path=state_path, config=config, **options
        )
        built.append((made, check_secrets))
        return made

    yield factory
    leaks = [
        f"{made.project}/{made.stack}: {finding}"
        for made, check in built
        if check
        for finding in _leaks(made)
    ]
    if leaks:
        pytest.fail("config secrets stored in plaintext in state:\n  " + "\n  ".join(leaks))


def _leaks(stack: Stack) -> list[str]:
    if not stack.state_path.exists():
        return []
    secrets = [str(v.value) for v in stack.config.values() if isinstance(v, Secret)]
    return [str(f) for f in scan_state_for_secrets(stack.state_path, secrets)]
