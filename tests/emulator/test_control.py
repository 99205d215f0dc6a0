"""The /_emulator control endpoints and their Python twins."""

from __future__ import annotations

import httpx

from pulumi_tcmpp.emulator import DEFAULT_SECRET_KEY, Emulator
from tests.emulator import world
from tests.emulator.sdk import Sdk


def test_health_info_and_unknown_paths(emu: Emulator) -> None:
    assert httpx.get(f"{emu.endpoint}/_emulator/health").json() == {"status": "ok"}
    info = httpx.get(f"{emu.endpoint}/_emulator/info").json()
    assert info["platforms"] == [emu.platform_id]
    assert info["credentials"][0]["SecretId"] == emu.secret_id
    assert DEFAULT_SECRET_KEY not in httpx.get(f"{emu.endpoint}/_emulator/info").text
    assert httpx.get(f"{emu.endpoint}/_emulator/nothing").status_code == 404
    assert httpx.get(f"{emu.endpoint}/_emulator/reset").status_code == 405


def test_state_shows_day_one_records_and_redacts_keys(tcmpp: Sdk, emu: Emulator) -> None:
    world.user(tcmpp, "someone")
    state = httpx.get(f"{emu.endpoint}/_emulator/state").json()
    summary = state["summary"][emu.platform_id]
    assert summary == {"user": 2, "role": 11, "category": 5}
    keys = state["platforms"]["_"]["preset_key"]
    assert keys and "private_pem" not in keys[0]
    users = state["platforms"][emu.platform_id]["user"]
    assert all("password_sha256" not in u for u in users)


def test_requests_endpoint_and_reset(tcmpp: Sdk, emu: Emulator) -> None:
    world.user(tcmpp, "someone")
    entries = httpx.get(f"{emu.endpoint}/_emulator/requests").json()["requests"]
    assert [e["action"] for e in entries] == ["CreatePresetKey", "CreateUser"]
    assert entries[1]["params"]["Password"] == "***"
    assert httpx.post(f"{emu.endpoint}/_emulator/reset").json() == {"reset": True}
    assert emu.request_log() == []
    users = tcmpp.data("DescribeUserList", tcmpp.p(Offset=0, Limit=10))
    assert users["TotalCount"] == 1 and users["DataList"][0]["AccountType"] == 1


def test_clock_endpoint(emu: Emulator) -> None:
    response = httpx.put(f"{emu.endpoint}/_emulator/clock", json={"offset": 400})
    assert response.json()["offset"] == 400
    assert Sdk(emu, "tcmpp").code("CreatePresetKey") == "AuthFailure.SignatureExpire"
    assert httpx.put(f"{emu.endpoint}/_emulator/clock", json={"offset": "x"}).status_code == 400


def test_build_endpoint_and_held_tasks(tcmpp: Sdk, emu: Emulator) -> None:
    w = world.World(tcmpp)
    mode = {"outcome": "hold", "steps": 0, "seconds": None}
    assert httpx.put(f"{emu.endpoint}/_emulator/build", json=mode).json()["outcome"] == "hold"
    task_id = tcmpp.data(
        "CreateMNPVersion",
        tcmpp.p(MNPId=w.mnp, MNPVersion="1.0.0", FileUrl=world.PACKAGE, MNPVersionIntro="x"),
    )["TaskId"]
    for _ in range(5):
        assert tcmpp.data("DescribeMNPVersion", tcmpp.p(BusinessId=task_id))["TaskStatus"] == 20
    settle = httpx.post(f"{emu.endpoint}/_emulator/tasks/{task_id}", json={"outcome": "success"})
    assert settle.json()["settled"] is True
    assert tcmpp.data("DescribeMNPVersion", tcmpp.p(BusinessId=task_id))["TaskStatus"] == 60
    assert httpx.post(f"{emu.endpoint}/_emulator/tasks/123", json={}).status_code == 404
