"""docs/emulator.md lists every action (with its back ends and handler), admin endpoint and
reading."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from pulumi_tcmpp.api.actions import ACTIONS
from pulumi_tcmpp.emulator import PROFILES, Readings
from pulumi_tcmpp.emulator._control import _ROUTES
from pulumi_tcmpp.emulator.handlers import HANDLERS

DOC = Path(__file__).resolve().parents[2] / "docs" / "emulator.md"
ROW = re.compile(
    r"^\| `(\w+)` \| (yes|InvalidAction) \| (yes|InvalidAction) \| `handlers/(\w+)\.py` \|"
)


def test_actions_table_matches_the_catalogue() -> None:
    rows = {m[1]: m for m in map(ROW.match, DOC.read_text().splitlines()) if m}
    assert set(rows) == set(ACTIONS)
    for name, cls in ACTIONS.items():
        row = rows[name]
        assert (row[2] == "yes") == ("tcmpp" in cls.backends), name
        assert (row[3] == "yes") == ("tcsas" in cls.backends), name
        assert HANDLERS[name].__module__.endswith(f".{row[4]}"), name


def test_admin_endpoints_are_documented() -> None:
    text = DOC.read_text()
    for path in [*_ROUTES, "/_emulator/tasks/<TaskId>"]:
        assert f"`{path}`" in text, path


def test_every_reading_is_in_the_readings_table_with_both_profiles() -> None:
    section = DOC.read_text().split("## Readings", 1)[1].split("\n## ", 1)[0]
    documented = {
        name
        for row in section.splitlines()
        if row.startswith("| `")
        for name in re.findall(r"`(\w+)`", row.split("|")[1])
    }
    assert documented == {f.name for f in fields(Readings)}
    for name, readings in PROFILES.items():
        assert f"`{name}`" in section
        assert set(readings.changes()) <= documented
