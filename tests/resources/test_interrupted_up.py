"""An ``up`` killed mid-create (the engine, or the provider process), then the next ``up``.

The create of the team Ops is held inside the emulator (the request has arrived; the platform
has not acted yet) while the test kills a real process with a real signal; then the emulator
goes on and makes the team, with nobody left to read the answer. The next ``up`` must record
that team, never make a second one, and never take a team it did not make.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.testing import Result
from tests.processes import children_of, is_running, wait_until
from tests.resources.conftest import MakeStack
from tests.resources.engine_process import platform
from tests.resources.helpers import records, stack_config

ENGINE = Path(__file__).parent / "engine_process.py"
PROVIDER_MARKER = "pulumi.dynamic"


class Gate:
    """Holds the emulator's first CreateTeam of the team Ops until released."""

    def __init__(self, emu: Emulator) -> None:
        self.arrived = threading.Event()
        self.released = threading.Event()
        self._handle = emu.app.handle

    def handle(self, *args: Any, **kwargs: Any) -> Any:
        headers = {k.lower(): v for k, v in args[3].items()}
        body = args[4]
        ops = headers.get("x-tc-action") == "CreateTeam" and b'"Ops"' in body
        if ops and not self.arrived.is_set():
            self.arrived.set()
            self.released.wait(timeout=60)
        return self._handle(*args, **kwargs)


@pytest.fixture
def gate(emu: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate(emu)
    monkeypatch.setattr(emu.app, "handle", held.handle)
    yield held
    held.released.set()


def _teams(emu: Emulator) -> dict[str, str]:
    return {t["team_name"]: t["team_id"] for t in records(emu, "team")}


def _ops_made(emu: Emulator) -> str | None:
    return _teams(emu).get("Ops")


def _engine(tmp_path: Path, emu: Emulator) -> tuple[subprocess.Popen[bytes], Path]:
    state = tmp_path / "dev.json"
    config = {k: getattr(v, "value", v) for k, v in stack_config(emu).items()}
    config_path = tmp_path / "config.json"
    config_path.write_text(json.dumps(config))
    process = subprocess.Popen(
        [sys.executable, str(ENGINE), str(state), str(config_path)],
        cwd=Path(__file__).parents[2],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return process, state


def _kill_engine_mid_create(tmp_path: Path, emu: Emulator, gate: Gate) -> Path:
    """Start ``up`` in its own process, kill it while CreateTeam(Ops) is held, let it land."""
    engine, state = _engine(tmp_path, emu)
    wait_until(gate.arrived.is_set, "CreateTeam(Ops) to reach the platform")
    [provider] = children_of(engine.pid, PROVIDER_MARKER)
    engine.send_signal(signal.SIGKILL)
    engine.wait()
    wait_until(lambda: not is_running(provider), "the provider to end with its engine", 30)
    gate.released.set()
    wait_until(lambda: _ops_made(emu), "the held CreateTeam to make the team")
    return state


def _converged(result: Result, emu: Emulator, stack: Any) -> None:
    assert result.ok, result.render()
    teams = _teams(emu)
    assert sorted(teams) == ["Ops", "Ops 2"]  # one of each: nothing made twice
    assert stack.state().get("ops").id == teams["Ops"]
    assert stack.state().get("ops-2").id == teams["Ops 2"]


def test_after_a_killed_engine_the_next_up_records_the_team_its_create_made(
    make_stack: MakeStack, emu: Emulator, gate: Gate, tmp_path: Path
) -> None:
    state = _kill_engine_mid_create(tmp_path, emu, gate)
    stack = make_stack(platform, state_path=state, parallel=1)
    assert [(op.type, op.resource.name) for op in stack.state().pending_operations] == [
        ("creating", "ops")
    ]

    result = stack.up()

    _converged(result, emu, stack)
    assert any("pending operations" in d.message for d in result.diagnostics)
    output = result.provider_output
    assert any("was made by an earlier create of this stack" in line for line in output), output
    assert stack.refresh(clear_pending_creates=True).ok
    assert stack.state().pending_operations == []


def test_without_the_journal_the_next_up_refuses_and_names_the_one_command(
    make_stack: MakeStack, emu: Emulator, gate: Gate, tmp_path: Path
) -> None:
    state = _kill_engine_mid_create(tmp_path, emu, gate)
    shutil.rmtree(Path(os.environ["HOME"]) / ".pulumi-tcmpp")  # as if on another machine
    ops_id = _teams(emu)["Ops"]

    refused = make_stack(platform, state_path=state, parallel=1).up()

    assert not refused.ok
    message = refused.errors[0].message
    assert "a team with name='Ops' already exists" in message
    assert f"`pulumi up --config tcmpp:adoptIds={ops_id}`" in message
    assert sorted(_teams(emu)) == ["Ops"]  # nothing taken, nothing made

    stack = make_stack(platform, state_path=state, parallel=1, config={"tcmpp:adoptIds": ops_id})
    _converged(stack.up(), emu, stack)


def test_after_a_killed_provider_the_next_up_records_the_team_its_create_made(
    make_stack: MakeStack, emu: Emulator, gate: Gate
) -> None:
    stack = make_stack(platform, parallel=1)
    outcome: list[Result] = []
    runner = threading.Thread(target=lambda: outcome.append(stack.up()))
    runner.start()
    wait_until(gate.arrived.is_set, "CreateTeam(Ops) to reach the platform")
    [provider] = children_of(os.getpid(), PROVIDER_MARKER)

    os.kill(provider, signal.SIGKILL)
    runner.join(timeout=120)
    gate.released.set()
    wait_until(lambda: _ops_made(emu), "the held CreateTeam to make the team")

    [failed] = outcome
    assert not failed.ok and failed.errors[0].urn.endswith("::ops")
    assert stack.state().find("ops") is None and stack.state().pending_operations == []

    again = stack.up()
    _converged(again, emu, stack)
