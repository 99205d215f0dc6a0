"""examples/release runs through the offline engine against the emulator."""

from __future__ import annotations

from pathlib import Path

import pytest

from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.testing import Stack
from tests.releases.conftest import MakeStack

EXAMPLE = Path(__file__).parents[2] / "examples" / "release"


@pytest.mark.needs_create_wait
def test_the_release_example_ships_a_second_version_and_rolls_back(
    make_stack: MakeStack, tcmpp_emulator: Emulator
) -> None:
    def stack(versions: list[str], online: str) -> Stack:
        config = {
            "tcmpp-release:versions": versions,
            "tcmpp-release:online": online,
            "tcmpp-release:pollInterval": "0.02",
        }
        return make_stack(EXAMPLE, project="tcmpp-release", config=config)

    preview = stack(["1.0.0"], "1.0.0").preview()
    assert preview.ok, preview.render()

    first = stack(["1.0.0"], "1.0.0").up()
    assert first.ok, first.render()
    assert first.outputs["online_version"] == "1.0.0"
    assert first.outputs["phone_permission"] == 30

    second = stack(["1.0.0", "1.0.1"], "1.0.1").up()
    assert second.ok, second.render()
    assert second.outputs["online_version"] == "1.0.1"

    back = stack(["1.0.0", "1.0.1"], "1.0.0").up()
    assert back.ok, back.render()
    assert back.outputs["online_version"] == "1.0.0"
    answered = [e["action"] for e in tcmpp_emulator.request_log() if e["code"] is None]
    assert answered.count("ReleaseMNPVersion") == 2
    assert answered.count("RollbackMNPVersion") == 1

    assert stack(["1.0.0", "1.0.1"], "1.0.0").destroy().ok
