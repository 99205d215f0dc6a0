"""Checkpoints: the whole state around every step, written cheaply and never skipped."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from pulumi_tcmpp.testing import UNKNOWN, PendingOperation, ResourceState, Secret, State
from pulumi_tcmpp.testing._deployment import Deployment
from pulumi_tcmpp.testing._state import Checkpoints, load_state, save_state


def _resource(name: str, **changes: Any) -> ResourceState:
    return ResourceState(
        urn=f"urn:pulumi:dev::p::pulumi-python:dynamic:R::{name}",
        type="pulumi-python:dynamic:R",
        custom=True,
        id=f"id-{name}",
        inputs={"name": name, "password": Secret("s3cret")},
        outputs={"name": name, "later": UNKNOWN, "tags": ["a", {"b": 1.5}]},
        **changes,
    )


def test_a_checkpoint_is_the_compact_state_file(tmp_path: Path) -> None:
    a, b = _resource("a"), _resource("b", dependencies=["urn:pulumi:dev::p::x::a"])
    state = State("p", "dev", [a, b], [PendingOperation("creating", _resource("c"))])
    checkpoints = Checkpoints(tmp_path / "state.json")

    checkpoints.save(state)
    save_state(tmp_path / "plain.json", state, durable=False)

    assert (tmp_path / "state.json").read_text() == (tmp_path / "plain.json").read_text()
    assert load_state(tmp_path / "state.json", "p", "dev") == state


def test_a_resource_replaced_or_given_new_outputs_is_written_anew(tmp_path: Path) -> None:
    a, b = _resource("a"), _resource("b")
    checkpoints = Checkpoints(tmp_path / "state.json")
    checkpoints.save(State("p", "dev", [a, b]))

    b.outputs = {"name": "b", "changed": True}  # a step's result assigned to the same entry
    renamed = a.copy(id="id-a2")
    checkpoints.save(State("p", "dev", [renamed, b]))

    written = json.loads((tmp_path / "state.json").read_text())["resources"]
    assert [r["id"] for r in written] == ["id-a2", "id-b"]
    assert written[1]["outputs"] == {"name": "b", "changed": True}


def test_concurrent_steps_share_a_write_but_none_returns_before_its_change_is_on_disk() -> None:
    written: list[set[str]] = []
    first_started, release = threading.Event(), threading.Event()

    def checkpoint(state: State) -> None:
        if not written:
            first_started.set()
            release.wait(10)
        written.append({op.resource.name for op in state.pending_operations})

    deployment = Deployment(
        State("p", "dev"), provider=None, dry_run=False, parallel=4, checkpoint=checkpoint
    )  # type: ignore[arg-type]
    saved: dict[str, bool] = {}

    def step(name: str) -> None:
        with deployment._operation(_resource(name), "creating"):
            saved[name] = name in written[-1]  # on disk before the provider call would start

    first = threading.Thread(target=step, args=("first",))
    first.start()
    first_started.wait(10)
    others = [threading.Thread(target=step, args=(n,)) for n in ("second", "third")]
    for thread in others:
        thread.start()
    while len(deployment._pending) < 3:  # both queued behind the first write
        threading.Event().wait(0.01)
    release.set()
    for thread in (first, *others):
        thread.join(10)

    assert saved == {"first": True, "second": True, "third": True}
    assert written[-1] == set()  # every step's end was saved too
    assert len(written) < 6  # fewer writes than one per change
