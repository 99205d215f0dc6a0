"""docs/emulator.md lists every action (with its back ends and handler) and admin endpoint."""

from __future__ import annotations

import re
from pathlib import Path

from pulumi_tcmpp.api.actions import ACTIONS
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
