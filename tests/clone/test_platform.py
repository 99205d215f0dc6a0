"""The Platform component through the offline engine: apply, re-apply, policies, guards."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pulumi
import pytest

from pulumi_tcmpp.clone.platform import Platform
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.testing import Result, Secret, Stack, scan_state_for_secrets

PASSWORDS = {"alice-password": "Al1ce!pass-word", "bob-password": "B0b!pass-word"}

SPEC: dict[str, Any] = {
    "version": 1,
    "users": {
        "alice": {
            "account": "alice@example.com",
            "name": "Alice",
            "account_type": "platform_admin",
            "password": {"secret": "alice-password"},
        },
        "bob": {
            "account": "bob@example.com",
            "name": "Bob",
            "password": {"secret": "bob-password"},
        },
    },
    "teams": {
        "apps": {
            "name": "Apps",
            "role": "application",
            "admin": "alice",
            "members": [{"user": "bob", "role": "Application Developer"}],
        },
        "mnps": {"name": "MNPs", "role": "mini_program", "admin": "alice", "related_team": "apps"},
    },
    "applications": {
        "shop": {
            "name": "Shop",
            "team": "apps",
            "type": "formal",
            "logo": {"config": "logoHost", "format": "https://{}/shop.png"},
            "intro": "The shop",
            "sensitive_apis": {"getPhone": {"description": "Read the phone", "restricted": True}},
        }
    },
    "mini_programs": {
        "pickup": {
            "name": "Pickup",
            "team": "mnps",
            "categories": ["Logistics Services->1_Pickup/Delivery"],
            "icon": "https://cdn.example.com/pickup.png",
            "intro": "Pick up",
            "description": "Book a courier",
            "domains": {"request": ["https://api.example.com"]},
        }
    },
    "global_domains": {"allow": ["cdn.example.com"], "block": ["bad.example.com"]},
}


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with Emulator(rate_limit=None) as emu:
        yield emu


@pytest.fixture
def emu(emulator: Emulator) -> Emulator:
    emulator.reset()
    emulator.clear_request_log()
    return emulator


def _stack(
    emu: Emulator,
    tmp_path: Path,
    program: Callable[[], None],
    **extra_config: Any,
) -> Stack:
    config = {
        "tcmpp:endpoint": emu.endpoint,
        "tcmpp:secretId": emu.secret_id,
        "tcmpp:secretKey": Secret(emu.secret_key),
        "tcmpp:platformId": emu.platform_id,
        **extra_config,
    }
    return Stack(
        program=program,
        project="clone",
        stack="prod",
        state_path=tmp_path / "state.json",
        config=config,
    )


def _platform(spec: dict[str, Any] = SPEC, **kwargs: Any) -> Callable[[], None]:
    def program() -> None:
        options = {"config": {"logoHost": "cdn.prod.example.com"}, "secrets": PASSWORDS, **kwargs}
        platform = Platform("prod", spec=spec, **options)
        pulumi.export("report", platform.report)

    return program


def _writes(emu: Emulator) -> list[str]:
    return [e["action"] for e in emu.request_log() if not e["action"].startswith("Describe")]


def _ok(result: Result) -> Result:
    assert result.ok, result.errors
    return result


def test_apply_creates_everything_and_a_second_up_changes_nothing(
    emu: Emulator, tmp_path: Path
) -> None:
    stack = _stack(emu, tmp_path, _platform())
    preview = _ok(stack.preview())
    assert _writes(emu) == []
    assert set(preview.outputs["report"].values()) == {"create"}
    _ok(stack.up())
    state = emu.state()
    assert state, "the emulator holds the platform"
    held = repr(state)
    for name in (
        "alice@example.com",
        "bob@example.com",
        "Apps",
        "MNPs",
        "Shop",
        "Pickup",
        "getPhone",
    ):
        assert name in held
    assert "https://cdn.prod.example.com/shop.png" in held  # the config reference, resolved
    emu.clear_request_log()
    again = _ok(stack.up())
    assert emu.request_log() == []
    assert set(again.summary) == {"same"}
    assert scan_state_for_secrets(stack.state_path, [emu.secret_key, *PASSWORDS.values()]) == []
    _ok(stack.destroy())


def test_exists_policy_fail_stops_before_any_write(emu: Emulator, tmp_path: Path) -> None:
    seeded = _stack(emu, tmp_path / "a", _platform(_only(SPEC, users=["alice"])))
    _ok(seeded.up())
    emu.clear_request_log()
    result = _stack(emu, tmp_path / "b", _platform()).up()
    assert not result.ok
    message = str(result.errors)
    assert "users/alice" in message and "already exists" in message and "'fail'" in message
    assert _writes(emu) == []


def test_exists_policy_adopt_completes_a_partial_target_without_duplicates(
    emu: Emulator, tmp_path: Path
) -> None:
    partial = _only(SPEC, users=["alice", "bob"], teams=["apps"])
    _ok(_stack(emu, tmp_path / "a", _platform(partial)).up())
    stack = _stack(emu, tmp_path / "b", _platform(exists="adopt"))
    preview = _ok(stack.preview())
    report = preview.outputs["report"]
    assert report["users/alice"] == "adopt" and report["teams/apps"] == "adopt"
    assert report["applications/shop"] == "create"
    _ok(stack.up())
    accounts = [u["user_account"] for u in _records(emu, "user")]
    assert accounts.count("alice@example.com") == accounts.count("bob@example.com") == 1
    assert [t["team_name"] for t in _records(emu, "team")].count("Apps") == 1
    emu.clear_request_log()
    _ok(stack.up())
    assert emu.request_log() == []


def test_exists_policy_skip_uses_the_object_but_never_changes_or_deletes_it(
    emu: Emulator, tmp_path: Path
) -> None:
    other = copy.deepcopy(
        _only(SPEC, users=["alice", "bob"], teams=["apps"], applications=["shop"])
    )
    other["applications"]["shop"]["intro"] = "Intro written by someone else"
    other["applications"]["shop"]["sensitive_apis"] = {}
    _ok(_stack(emu, tmp_path / "a", _platform(other)).up())
    stack = _stack(emu, tmp_path / "b", _platform(exists="skip"))
    up = _ok(stack.up())
    report = up.outputs["report"]
    assert report["applications/shop"] == report["teams/apps"] == "skip"
    assert report["mini_programs/pickup"] == "create"
    assert "Intro written by someone else" in repr(emu.state())
    _ok(stack.destroy())
    held = repr(emu.state())
    assert "Intro written by someone else" in held and "'Apps'" in held  # skipped: kept
    assert _kinds(emu).get("mini_program", 0) == 0  # created by the stack: deleted
    assert "getPhone" not in held


def test_missing_config_reference_names_the_key_and_writes_nothing(
    emu: Emulator, tmp_path: Path
) -> None:
    result = _stack(emu, tmp_path, _platform(config={})).preview()
    assert not result.ok
    assert "logoHost" in str(result.errors) and "applications.shop.logo" in str(result.errors)
    assert emu.request_log() == []


def test_missing_secret_fails_on_create_naming_it_and_keeps_the_password_on_update(
    emu: Emulator, tmp_path: Path
) -> None:
    without_bob = {"alice-password": PASSWORDS["alice-password"]}
    failed = _stack(emu, tmp_path, _platform(secrets=without_bob)).up()
    assert not failed.ok and "bob-password" in str(failed.errors)
    assert "CreateUser" not in [
        e["action"] for e in emu.request_log() if "bob@example.com" in repr(e.get("params"))
    ]
    _ok(_stack(emu, tmp_path, _platform()).up())  # the same stack, now with every secret
    emu.clear_request_log()
    again = _stack(emu, tmp_path, _platform(secrets={}))
    _ok(again.up())
    assert "ModifyUserPassword" not in _writes(emu)


def test_guard_refuses_a_platform_the_spec_does_not_allow(emu: Emulator, tmp_path: Path) -> None:
    guarded = {**SPEC, "allowed_platform_ids": ["T00000STAGING0000001"]}
    result = _stack(emu, tmp_path, _platform(guarded)).up()
    assert not result.ok and "T00000STAGING0000001" in str(result.errors)
    assert _writes(emu) == []


def test_provider_guard_refuses_writes_outside_allowed_platform_ids(
    emu: Emulator, tmp_path: Path
) -> None:
    stack = _stack(emu, tmp_path, _platform(), **{"tcmpp:allowedPlatformIds": "T00000OTHER"})
    result = stack.up()
    assert not result.ok and "tcmpp:allowedPlatformIds" in str(result.errors)
    assert _writes(emu) == []


def test_exclude_users_refers_to_existing_users_by_account(emu: Emulator, tmp_path: Path) -> None:
    _ok(_stack(emu, tmp_path / "a", _platform(_only(SPEC, users=["alice", "bob"]))).up())
    stack = _stack(emu, tmp_path / "b", _platform(exclude=["users"]))
    up = _ok(stack.up())
    assert not any(key.startswith("users/") for key in up.outputs["report"])
    assert "Apps" in repr(emu.state())


def test_an_include_pattern_that_matches_nothing_is_an_error(emu: Emulator, tmp_path: Path) -> None:
    result = _stack(emu, tmp_path, _platform(include=["teams:nope*"])).preview()
    assert not result.ok and "matched nothing" in str(result.errors)


def test_an_invalid_spec_lists_every_problem_before_anything_is_created(
    emu: Emulator, tmp_path: Path
) -> None:
    broken = copy.deepcopy(SPEC)
    broken["teams"]["apps"]["admin"] = "nobody"
    broken["applications"]["shop"]["colour"] = "red"
    broken["users"]["carol"] = {"account": "alice@example.com", "name": "Carol"}
    result = _stack(emu, tmp_path, _platform(broken)).up()
    assert not result.ok
    message = str(result.errors)
    for problem in ("teams.apps.admin", "applications.shop.colour", "users.carol.account"):
        assert problem in message
    assert _writes(emu) == []


def _only(spec: dict[str, Any], **keep: list[str]) -> dict[str, Any]:
    """A copy of the spec with only the named objects (teams lose members not kept)."""
    out = copy.deepcopy(spec)
    for section in ("users", "teams", "applications", "mini_programs"):
        names = keep.get(section, [])
        out[section] = {k: v for k, v in out[section].items() if k in names}
    for team in out["teams"].values():
        team["members"] = [m for m in team.get("members", []) if m["user"] in out["users"]]
        if team.get("related_team") not in out["teams"]:
            team.pop("related_team", None)
    out["global_domains"] = {"allow": [], "block": []}
    return out


def _kinds(emu: Emulator) -> dict[str, int]:
    """How many records of each kind the emulator holds for the platform."""
    platform = emu.state()["platforms"][emu.platform_id]
    return {kind: len(rows) for kind, rows in platform.items()}


def _records(emu: Emulator, kind: str) -> list[dict[str, Any]]:
    """The records of one kind the emulator holds for the platform."""
    rows: list[dict[str, Any]] = emu.state()["platforms"][emu.platform_id].get(kind, [])
    return rows
