"""Interrupted runs: checkpoints, pending operations, and provider processes that end with
their engine (``pkg/backend/snapshot.go``: a pending operation is recorded before each step
and dropped when it ends; pending creates outlive the run until the user clears them).

The engine and the provider are real processes killed with real signals, mid-call.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

from tinycloud import Cloud

from pulumi_tcmpp.testing import Result
from pulumi_tcmpp.testing._state import load_state
from tests.processes import is_running, wait_until

from .conftest import TINY, MakeStack

ENGINE = Path(__file__).parent / "engine_process.py"
sys.path.insert(0, str(Path(__file__).parent))

from engine_process import held_program  # noqa: E402


def _holder(cloud: Cloud, name: str) -> int | None:
    """The pid of the provider holding ``name``'s create, once it holds it."""
    for event in cloud.events():
        found = re.fullmatch(rf"holding {name} in (\d+)", event)
        if found:
            return int(found.group(1))
    return None


def _names(state_path: Path) -> list[str]:
    return sorted(r.name for r in load_state(state_path, "tiny", "test").user_resources())


def _pending(state_path: Path) -> list[tuple[str, str]]:
    state = load_state(state_path, "tiny", "test")
    return [(op.type, op.resource.name) for op in state.pending_operations]


def test_a_killed_engine_leaves_its_checkpoint_and_pending_create_and_no_provider(
    make_stack: MakeStack, cloud: Cloud, tmp_path: Path
) -> None:
    state, gate = tmp_path / "state.json", tmp_path / "gate"
    engine = subprocess.Popen(
        [sys.executable, str(ENGINE), str(state), str(cloud.path), str(gate)],
        cwd=TINY,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    provider = wait_until(lambda: _holder(cloud, "b"), "the provider to hold b's create")
    # the checkpoint written before b's create: a done, b under way
    assert _names(state) == ["a"]
    assert _pending(state) == [("creating", "b")]

    engine.send_signal(signal.SIGKILL)
    engine.wait()
    wait_until(lambda: not is_running(provider), "the provider to end with its engine", 30)
    gate.touch()

    stack = make_stack(lambda: held_program(str(gate)), state_path=state)
    result = stack.up()

    assert result.ok, result.render()
    [warning] = [d for d in result.diagnostics if d.severity == "warning"]
    assert "with 1 pending operations from previous deployment" in warning.message
    assert "urn:pulumi:test::tiny::pulumi-python:dynamic/tiny:Thing::b, interrupted while " in (
        warning.message
    )
    assert result.summary == {"create": 2, "same": 2}  # b and c now; a and the stack kept
    assert sorted(r["name"] for r in cloud.records().values()) == ["a", "b", "c"]
    # like the CLI, a pending create stays until the user says what became of it
    assert _pending(state) == [("creating", "b")]
    assert stack.refresh().ok and _pending(state) == [("creating", "b")]
    assert stack.refresh(clear_pending_creates=True).ok
    assert _pending(state) == []


def test_a_killed_provider_fails_its_step_and_leaves_no_pending_operation(
    make_stack: MakeStack, cloud: Cloud, tmp_path: Path
) -> None:
    gate = tmp_path / "gate"
    stack = make_stack(lambda: held_program(str(gate)))
    outcome: list[Result] = []
    runner = threading.Thread(target=lambda: outcome.append(stack.up()))
    runner.start()
    provider = wait_until(lambda: _holder(cloud, "b"), "the provider to hold b's create")
    assert _pending(stack.state_path) == [("creating", "b")]

    os.kill(provider, signal.SIGKILL)
    runner.join(timeout=120)

    [failed] = outcome
    assert not failed.ok
    assert "Create failed" in failed.errors[0].message and failed.errors[0].urn.endswith("::b")
    assert _names(stack.state_path) == ["a"]
    assert _pending(stack.state_path) == []  # the engine saw the step end: nothing pending

    gate.touch()
    again = stack.up()
    assert again.ok, again.render()
    assert sorted(r["name"] for r in cloud.records().values()) == ["a", "b", "c"]


def test_updates_and_deletes_are_pending_in_the_checkpoint_while_they_run(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    from tinycloud import Thing

    assert make_stack(lambda: (Thing("a", name="a", size=1), Thing("z", name="z"))).up().ok
    seen: dict[str, list[tuple[str, str]]] = {}
    stack = make_stack(
        lambda: Thing("a", name="a", size=2),
        on_step=lambda step: seen.setdefault(f"{step.op} {step.name}", _pending(state)),
    )
    state = stack.state_path

    result = stack.up()

    assert result.ok, result.render()
    # the checkpoint on disk while each step was ending lists that step's operation
    assert seen["update a"] == [("updating", "a")]
    assert seen["delete z"] == [("deleting", "z")]
    assert _pending(state) == []
    assert _names(state) == ["a"]
