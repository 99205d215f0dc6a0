"""State: transactions, the SQLite file across restarts, concurrent writers."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)

from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.emulator._seed import SUPER_ADMIN as _ADMIN
from pulumi_tcmpp.emulator._sqlite import SqliteStore
from pulumi_tcmpp.emulator._store import MemoryStore, Store
from tests.emulator import world
from tests.emulator.sdk import Sdk

SUPER_ADMIN = _ADMIN["user_id"]


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    return MemoryStore() if request.param == "memory" else SqliteStore(tmp_path / "s.db")


def test_a_failed_transaction_leaves_nothing(store: Store) -> None:
    with store.transaction() as tx:
        tx.put("k", "a", {"v": 1})
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.put("k", "b", {"v": 2})
        tx.delete("k", "a")
        assert tx.counter("n", 5) == 5
        raise RuntimeError("handler failed")
    with store.transaction() as tx:
        assert tx.scan("k") == [{"v": 1}]
        assert tx.counter("n", 5) == 5


def test_reads_see_own_writes_and_keep_order(store: Store) -> None:
    with store.transaction() as tx:
        for key in ("a", "b", "c"):
            tx.put("k", key, {"key": key})
        tx.put("k", "a", {"key": "a2"})
        tx.delete("k", "b")
        assert [r["key"] for r in tx.scan("k")] == ["a2", "c"]
    with store.transaction() as tx:
        record = tx.get("k", "c")
        assert record is not None
        record["key"] = "changed without put"
        assert tx.get("k", "c") == {"key": "c"}


def test_a_refused_request_changes_nothing(tcmpp: Sdk) -> None:
    admin = world.user(tcmpp, "admin2", 2)
    member = world.user(tcmpp, "member2")
    team_id = world.team(tcmpp, "team2", admin, 2)
    items = [{"UserId": member, "UserRoleId": 20070}, {"UserId": "U404", "UserRoleId": 20070}]
    code = tcmpp.code("AddTeamMember", tcmpp.p(TeamId=team_id, MemberList=items))
    assert code == "InvalidParameterValue.InvalidUserId"
    members = tcmpp.data("DescribeTeamMemberList", tcmpp.p(Offset=0, Limit=10, TeamId=team_id))
    assert [m["UserId"] for m in members["DataList"]] == [admin]


def test_state_file_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    with Emulator(state_file=path, rate_limit=None) as emu:
        sdk = Sdk(emu, "tcmpp")
        w = world.World(sdk)
        version_id = w.approved_version("1.0.0")
        sdk.call("ReleaseMNPVersion", sdk.p(MNPVersionId=version_id))
        before = emu.state()["platforms"]
    with Emulator(state_file=path, rate_limit=None) as emu:
        assert emu.state()["platforms"] == before
        sdk = Sdk(emu, "tcsas")
        assert sdk.data("DescribeMNP", sdk.p(MNPId=w.mnp))["Status"] == 1
        history = sdk.data("DescribeMNPReleasedVersionHistory", sdk.p(MNPId=w.mnp))
        assert history["DataList"][0]["MNPVersionId"] == version_id
        _, next_id = world.version(sdk, w.mnp, "1.0.1")
        assert next_id == version_id + 1
        users = sdk.data("DescribeUserList", sdk.p(Offset=0, Limit=10))
        assert users["TotalCount"] == 3


@pytest.mark.parametrize("state", ["memory", "sqlite"])
def test_concurrent_writers_stay_consistent(tmp_path: Path, state: str) -> None:
    path = tmp_path / "c.db" if state == "sqlite" else None
    with Emulator(state_file=path, rate_limit=None) as emu:
        errors: list[BaseException] = []

        def writer(index: int) -> None:
            sdk = Sdk(emu, "tcmpp")
            team = sdk.p(TeamName="shared", AdminUserId=SUPER_ADMIN, TeamRoleTypeList=[2])
            try:
                for n in range(5):
                    url = f"w{index}-{n}.example.com"
                    data = sdk.data(
                        "CreateGlobalDomainACL", sdk.p(DomainType=1, DomainUrlList=[url])
                    )
                    assert data["Result"] is True
                    try:
                        sdk.call("CreateTeam", team)
                    except TencentCloudSDKException as exc:
                        assert exc.get_code() == "InvalidParameterValue.ExistTeamName"
            except BaseException as exc:  # collected for the main thread
                errors.append(exc)

        threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        sdk = Sdk(emu, "tcmpp")
        listed = sdk.data("DescribeGlobalDomainACL", sdk.p(Offset=0, Limit=100))
        assert listed["TotalCount"] == 40
        assert len({r["DomainId"] for r in listed["DataList"]}) == 40
        teams = sdk.data("DescribeTeamList", sdk.p(Offset=0, Limit=100, Keyword="shared"))
        assert teams["TotalCount"] == 1
