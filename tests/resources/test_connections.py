"""Two platforms in one program: each resource on the platform its connection names.

One emulator holds two platforms and accepts two key pairs. The program reaches staging through
the stack config namespace ``staging`` (tcmpp back end) and prod through variables prefixed
``PROD_`` (tcsas back end); the stack has no ``tcmpp:*`` credentials and the environment no
``TENCENTCLOUD_*`` ones, so every call that succeeds proves its resource read its own sources.
What a change of connection means is checked on the plan and on the platforms: other sources for
the same platform is an update that writes nothing; another platform replaces the object.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pulumi
import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.testing import Secret, Stack, scan_state_for_secrets
from tests.resources.helpers import PASSWORD, check_failure

STAGING_ID, PROD_ID = "T04257DS9431720WTAG", "T04827BQ9761718REMX"
KEYS = {"AKIDstaging0001": "staging-secret-key-0001", "AKIDprod00000001": "prod-secret-key-0001"}
STAGING = tcmpp.Connection(config="staging")
PROD = tcmpp.Connection(env="PROD")


@pytest.fixture(scope="module")
def server() -> Iterator[Emulator]:
    with Emulator(credentials=KEYS, platform_ids=[STAGING_ID, PROD_ID], rate_limit=None) as emu:
        yield emu


@pytest.fixture
def two(server: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    """The emulator, reset, with prod's settings in PROD_* variables (tcsas back end)."""
    server.reset()
    monkeypatch.setenv("PROD_SECRET_ID", "AKIDprod00000001")
    monkeypatch.setenv("PROD_SECRET_KEY", KEYS["AKIDprod00000001"])
    monkeypatch.setenv("PROD_PLATFORM_ID", PROD_ID)
    monkeypatch.setenv("PROD_ENDPOINT", server.endpoint)
    monkeypatch.setenv("PROD_BACKEND", "tcsas")
    return server


def config(emu: Emulator) -> dict[str, Any]:
    """Staging's settings in the ``staging`` namespace; nothing in ``tcmpp:*``."""
    return {
        "staging:secretId": "AKIDstaging0001",
        "staging:secretKey": Secret(KEYS["AKIDstaging0001"]),
        "staging:platformId": STAGING_ID,
        "staging:endpoint": emu.endpoint,
    }


def stack(emu: Emulator, tmp_path: Path, program: Callable[[], None], **extra: Any) -> Stack:
    return Stack(
        program,
        project="two",
        state_path=tmp_path / "state.json",
        config={**config(emu), **extra},
    )


def on(emu: Emulator, platform: str, kind: str) -> list[dict[str, Any]]:
    return list(emu.state()["platforms"].get(platform, {}).get(kind, []))


def assert_no_credential_in_state(path: Path) -> None:
    """No key (secret or not) in any resource of ours, wrapped or not; no secret key readable
    anywhere (the engine records the stack config as the default provider's inputs, with
    secrets as secrets, whatever the provider does)."""
    ours = [
        r
        for r in json.loads(path.read_text(encoding="utf-8"))["resources"]
        if "/tcmpp:" in r["type"]
    ]
    assert ours
    text = json.dumps(ours)
    for secret_id, key in KEYS.items():
        assert secret_id not in text and key not in text
    assert scan_state_for_secrets(path, [*KEYS.values(), PASSWORD]) == []


def both(where: dict[str, tcmpp.Connection] | None = None) -> Callable[[], None]:
    """A user and a team on each platform (``where`` moves resources to other connections)."""
    where = where or {}

    def program() -> None:
        for name, connection in (("staging", STAGING), ("prod", PROD)):
            admin = tcmpp.User(
                f"{name}-admin",
                account="ops-admin",
                name=f"Ops Admin ({name})",
                password=PASSWORD,
                connection=where.get(f"{name}-admin", connection),
            )
            tcmpp.Team(
                f"{name}-apps",
                name="Apps",
                role="application",
                admin_user_id=admin.user_id,
                connection=where.get(f"{name}-apps", connection),
            )
        tcmpp.GlobalDomain(
            "cdn", url="cdn.example.com", kind="allow", connection=where.get("cdn", STAGING)
        )
        pulumi.export("staging_roles", tcmpp.roles(connection=STAGING))
        pulumi.export("prod_roles", tcmpp.roles(connection=PROD))

    return program


def test_one_program_manages_two_platforms(two: Emulator, tmp_path: Path) -> None:
    deployed = stack(two, tmp_path, both())
    preview = deployed.preview()
    assert preview.ok, preview.render()
    result = deployed.up()

    assert result.ok, result.render()
    for platform, name in ((STAGING_ID, "Ops Admin (staging)"), (PROD_ID, "Ops Admin (prod)")):
        [user] = [u for u in on(two, platform, "user") if u["user_account"] == "ops-admin"]
        assert user["user_name"] == name
        assert [t["team_name"] for t in on(two, platform, "team")] == ["Apps"]
    services = {(e["platform_id"], e["service"]) for e in two.request_log() if e["platform_id"]}
    assert services == {(STAGING_ID, "tcmpp"), (PROD_ID, "tcsas")}
    assert result.outputs["staging_roles"] and result.outputs["prod_roles"]

    state = deployed.state()
    prod_team = state.get("prod-apps")
    assert prod_team.outputs["connection"] == {"env": "PROD"}
    assert prod_team.outputs["platform"] == {
        "platform_id": PROD_ID,
        "backend": "tcsas",
        "endpoint": two.endpoint,
    }
    assert state.get("staging-apps").inputs["connection"] == {"config": "staging"}
    assert_no_credential_in_state(deployed.state_path)

    again = deployed.up()
    assert again.ok and set(again.summary) == {"same"}, again.render()


def test_other_sources_for_the_same_platform_write_nothing(
    two: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deployed = stack(two, tmp_path, both())
    assert deployed.up().ok
    monkeypatch.setenv("STAGING_SECRET_ID", "AKIDstaging0001")
    monkeypatch.setenv("STAGING_SECRET_KEY", KEYS["AKIDstaging0001"])
    monkeypatch.setenv("STAGING_PLATFORM_ID", STAGING_ID)
    monkeypatch.setenv("STAGING_ENDPOINT", two.endpoint)
    through_env = tcmpp.Connection(env="STAGING")
    moved = stack(two, tmp_path, both({"staging-apps": through_env}))

    preview = moved.preview()
    assert preview.ok, preview.render()
    assert preview.step("staging-apps").op == "update"
    assert list(preview.step("staging-apps").detailed_diff) == ["connection"]
    two.clear_request_log()
    result = moved.up()

    assert result.ok, result.render()
    assert [e["action"] for e in two.request_log() if not e["action"].startswith("Describe")] == []
    assert moved.state().get("staging-apps").outputs["connection"] == {"env": "STAGING"}
    assert_no_credential_in_state(moved.state_path)


def test_a_connection_to_another_platform_replaces_the_object(
    two: Emulator, tmp_path: Path
) -> None:
    deployed = stack(two, tmp_path, both())
    assert deployed.up().ok
    moved = stack(two, tmp_path, both({"cdn": PROD}))

    preview = moved.preview()
    assert preview.ok, preview.render()
    step = preview.step("cdn", "replace")
    assert step.op == "replace" and step.replaces == ["connection"], preview.render()
    assert not step.delete_before_replace  # another platform: the url cannot collide
    result = moved.up()

    assert result.ok, result.render()
    assert [d["domain_url"] for d in on(two, PROD_ID, "global_domain")] == ["cdn.example.com"]
    assert on(two, STAGING_ID, "global_domain") == []
    assert moved.state().get("cdn").outputs["platform"]["platform_id"] == PROD_ID


def test_a_connection_naming_settings_that_break_a_rule_fails_the_preview(
    two: Emulator, tmp_path: Path
) -> None:
    broken = stack(two, tmp_path, both(), **{"staging:rateLimit": "fast"})
    message = check_failure(broken.preview())
    assert "connection: setting staging:rateLimit must be a number" in message

    typo = tcmpp.Connection(config="stagin")
    misnamed = stack(two, tmp_path, both({"cdn": typo}))
    message = check_failure(misnamed.preview())
    assert "connection: the stack config has no stagin:* setting" in message


def test_without_its_sources_a_resource_fails_naming_them(
    two: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PROD_SECRET_KEY")
    result = stack(two, tmp_path, both()).up()

    assert not result.ok
    messages = " ".join(e.message for e in result.errors)
    assert "connection env=PROD: no credentials" in messages
    assert "PROD_SECRET_ID and PROD_SECRET_KEY (or PROD_PROFILE) in the environment" in messages
    assert on(two, PROD_ID, "team") == []


def test_a_skipped_object_follows_its_connection_and_is_never_modified(
    two: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = stack(two, tmp_path / "owner", both())
    assert owner.up().ok
    monkeypatch.setenv("STAGING_SECRET_ID", "AKIDstaging0001")
    monkeypatch.setenv("STAGING_SECRET_KEY", KEYS["AKIDstaging0001"])
    monkeypatch.setenv("STAGING_PLATFORM_ID", STAGING_ID)
    monkeypatch.setenv("STAGING_ENDPOINT", two.endpoint)

    def team(connection: tcmpp.Connection, admin: str) -> Callable[[], None]:
        def program() -> None:
            tcmpp.Team(
                "taken",
                name="Apps",
                role="application",
                admin_account=admin,
                on_exists="skip",
                connection=connection,
            )

        return program

    used = stack(two, tmp_path / "team", team(STAGING, "ops-admin"))
    assert used.up().ok
    before = used.state().get("taken").outputs
    assert before["managed"] is False
    moved = stack(two, tmp_path / "team", team(tcmpp.Connection(env="STAGING"), "someone"))
    two.clear_request_log()
    result = moved.up()

    assert result.ok, result.render()
    assert result.step("taken").op == "update"
    assert [e["action"] for e in two.request_log() if not e["action"].startswith("Describe")] == []
    taken = moved.state().get("taken").outputs
    assert taken["connection"] == {"env": "STAGING"}
    unchanged = {k: v for k, v in taken.items() if k != "connection"}
    assert unchanged == {k: v for k, v in before.items() if k != "connection"}


def test_a_changed_stack_platform_moves_objects_and_deletes_them_where_they_were(
    two: Emulator, tmp_path: Path
) -> None:
    def program() -> None:
        tcmpp.GlobalDomain("cdn", url="cdn.example.com", kind="allow")

    def on_platform(platform_id: str) -> Stack:
        settings = {
            "tcmpp:endpoint": two.endpoint,
            "tcmpp:secretId": "AKIDstaging0001",
            "tcmpp:secretKey": Secret(KEYS["AKIDstaging0001"]),
            "tcmpp:platformId": platform_id,
        }
        return Stack(program, project="two", state_path=tmp_path / "s.json", config=settings)

    assert on_platform(STAGING_ID).up().ok
    moved = on_platform(PROD_ID)
    refreshed = moved.refresh()  # reads the object where it is, not on the new platform
    assert refreshed.ok and refreshed.step("cdn").drift == "same", refreshed.render()
    result = moved.up()

    assert result.ok, result.render()
    assert result.step("cdn", "replace").replaces == ["connection"]
    assert [d["domain_url"] for d in on(two, PROD_ID, "global_domain")] == ["cdn.example.com"]
    assert on(two, STAGING_ID, "global_domain") == []
