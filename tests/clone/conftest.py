"""Fixtures for the cloning tests: a seeded source platform, empty targets, CLI helpers.

The seeded source is built once per session (seeding makes ~200 requests under the 20/s
limit) and must stay as seeded: :func:`source` checks the emulator's record counts after each
test and clears faults and the request log. Tests that change a platform use :func:`target`
(an empty emulator, reset per test) or their own.

Both emulators keep the real 20/s per-action limit, so every export in these tests also
proves the client stays under it. Both serve the same profile of readings, and every test that
uses them runs once per profile (``clone_profile``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from pulumi_tcmpp.clone.discover import discover
from pulumi_tcmpp.clone.export import ExportResult, build_spec
from pulumi_tcmpp.clone.snapshot import Snapshot
from pulumi_tcmpp.emulator import Emulator
from tests.clone.seed import Seeded, client_of, seed_platform
from tests.profiles import PROFILES


@dataclass
class Source:
    """The seeded platform and what was seeded."""

    emu: Emulator
    seeded: Seeded


@pytest.fixture(scope="session", params=PROFILES)
def clone_profile(request: pytest.FixtureRequest) -> str:
    """The profile of readings both the source and the target serve (every test runs once
    per profile)."""
    return str(request.param)


@pytest.fixture(scope="session")
def seeded_source(clone_profile: str) -> Iterator[Source]:
    with Emulator(profile=clone_profile) as emu:
        seeded = seed_platform(emu)
        emu.wait_until_visible()  # the export reads what was seeded a while ago
        yield Source(emu, seeded)


@pytest.fixture
def source(seeded_source: Source) -> Iterator[Source]:
    """The seeded source; it must be left as it was (faults and log are cleared after)."""
    emu = seeded_source.emu
    before = emu.state()["summary"]
    emu.clear_request_log()
    yield seeded_source
    emu.clear_faults()
    emu.clear_request_log()
    assert emu.state()["summary"] == before, "a test changed the shared seeded source"


@pytest.fixture(scope="session")
def target_server(clone_profile: str) -> Iterator[Emulator]:
    with Emulator(profile=clone_profile) as emu:
        yield emu


@pytest.fixture
def target(target_server: Emulator) -> Emulator:
    """An empty platform (reset to day one for this test)."""
    target_server.reset()
    return target_server


@pytest.fixture(scope="session")
def source_snapshot(seeded_source: Source) -> Snapshot:
    """The source read once (tests build specs from it; do not mutate)."""
    with client_of(seeded_source.emu) as client:
        return discover(client)


@pytest.fixture(scope="session")
def source_export(source_snapshot: Snapshot) -> ExportResult:
    """The source exported once (tests compare against it)."""
    return build_spec(source_snapshot)


def set_env(monkeypatch: pytest.MonkeyPatch, prefix: str, emu: Emulator, **extra: Any) -> None:
    """``env:PREFIX`` settings pointing at an emulator."""
    values = {
        "SECRET_ID": emu.secret_id,
        "SECRET_KEY": emu.secret_key,
        "ENDPOINT": emu.endpoint,
        "PLATFORM_ID": emu.platform_id,
        **{k.upper(): str(v) for k, v in extra.items()},
    }
    for name, value in values.items():
        monkeypatch.setenv(f"{prefix}_{name}", value)


def day_one_notes(emu: Emulator) -> tuple[str, ...]:
    """What an export says about the platform's day-one users: the example's AccountType 4
    user (on the readings that have one) has no place in a spec."""
    return ("user jadentest009: left out (unknown type)",) if emu.readings.account_type_4 else ()


def without_provenance(value: Any) -> Any:
    """A spec document without its ``source`` keys (ids, platform): what two clones share."""
    if isinstance(value, dict):
        return {k: without_provenance(v) for k, v in value.items() if k != "source"}
    if isinstance(value, list):
        return [without_provenance(v) for v in value]
    return value
