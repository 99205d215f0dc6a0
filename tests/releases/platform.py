"""The platform the release tests ship to, built through the API, and ways to look at it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pulumi_tcmpp.api.applications import CreateApplication
from pulumi_tcmpp.api.mini_programs import CreateMNP, DescribeMNP
from pulumi_tcmpp.api.releases import (
    CreateMNPApproval,
    CreateMNPVersion,
    DescribeMNPAllStageVersions,
    DescribeMNPApprovalList,
    DescribeMNPVersion,
    ProcessMNPApproval,
    ReleaseMNPVersion,
)
from pulumi_tcmpp.api.sensitive_apis import (
    CreateApplicationSensitiveAPI,
    DescribeApplicationSensitiveAPIList,
    DisableApplicationSensitiveAPI,
    ProcessMNPSensitiveAPIPermissionApproval,
)
from pulumi_tcmpp.api.teams import CreateTeam, DescribeTeamList
from pulumi_tcmpp.api.types import ApprovalItem, CreateApplicationSensitiveAPIReq
from pulumi_tcmpp.client import Client, Settings
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.testing import Secret

T = TypeVar("T")

SUPER_ADMIN = "U20240605160000SADMIN"
"""The emulator's day-one super administrator (the vendor docs' example id)."""
CATEGORY = "Logistics Services->1_Pickup/Delivery"
FAST = 0.02
"""Poll interval for the tests: the emulator answers at once, so look often."""


def stack_config(emu: Emulator) -> dict[str, Any]:
    return {
        "tcmpp:endpoint": emu.endpoint,
        "tcmpp:secretId": emu.secret_id,
        "tcmpp:secretKey": Secret(emu.secret_key),
        "tcmpp:platformId": emu.platform_id,
    }


def package(version: str) -> str:
    return f"https://cdn.example.com/pickup-{version}.zip"


def wait_for(condition: Callable[[], T | None], timeout: float = 20.0) -> T:
    """Await a condition another thread brings about (no fixed sleep: it returns at once)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.01)
    raise AssertionError("the condition was not met in time")


@dataclass
class Platform:
    """Ids of the objects the tests ship to, and a client to look and act behind the stack."""

    emu: Emulator
    client: Client
    app_id: str
    mnp_id: str
    api_id: str

    @classmethod
    def build(cls, emu: Emulator) -> Platform:
        client = Client(
            Settings(
                secret_id=emu.secret_id,
                secret_key=emu.secret_key,
                endpoint=emu.endpoint,
                platform_id=emu.platform_id,
                rate_limit=0,
            )
        )
        pid = emu.platform_id
        apps = _team(emu, client, pid, "Superapps", 2)
        minis = _team(emu, client, pid, "Mini programs", 1, related=apps)
        app_id = client.call(
            CreateApplication(
                application_name="Superapp",
                logo="https://cdn.example.com/logo.png",
                team_id=apps,
                application_type=1,
                intro="The superapp",
                android_app_key="com.example.superapp",
                ios_app_key="com.example.superapp",
                remark="release tests",
                platform_id=pid,
            )
        ).data.resource_id
        mnp_id = client.call(
            CreateMNP(
                mnp_type=CATEGORY,
                mnp_name="Pickup",
                mnp_icon="https://cdn.example.com/pickup.png",
                mnp_intro="Pick up parcels",
                mnp_desc="Book a courier",
                platform_id=pid,
                team_id=minis,
            )
        ).data.resource_id
        assert app_id and mnp_id
        api_id = _restricted_api(emu, client, pid, app_id, "getPhoneNumber")
        emu.wait_until_visible()
        return cls(emu, client, app_id, mnp_id, api_id)

    # -- looking ------------------------------------------------------------------------------

    def call(self, request: Any) -> Any:
        """One call behind the stack's back; it looks (and leaves) once every write shows."""
        self.emu.wait_until_visible()
        try:
            return self.client.call(request).data
        finally:
            if request.kind != "read":
                self.emu.wait_until_visible()

    def rows(self) -> list[Any]:
        request = DescribeMNPAllStageVersions(mnp_id=self.mnp_id, platform_id=self.emu.platform_id)
        return list(self.call(request) or [])

    def online(self) -> str | None:
        return next((r.mnp_version for r in self.rows() if r.phase == "Online"), None)

    def version(self, number: str) -> Any:
        return next((r for r in self.rows() if r.mnp_version == number), None)

    def actions(self, *names: str) -> list[str]:
        """The actions the emulator answered (successfully), optionally only these ones."""
        log = [e["action"] for e in self.emu.request_log() if e["code"] is None]
        return [a for a in log if not names or a in names]

    def mnp_status(self) -> int:
        return int(
            self.call(DescribeMNP(mnp_id=self.mnp_id, platform_id=self.emu.platform_id)).status
        )

    # -- acting behind the stack's back ----------------------------------------------------

    def approval_in_progress(self) -> str | None:
        return next(
            (
                r.approval_no
                for r in self.rows()
                if r.version_current_status in (0, 1) and r.approval_no  # 0 or 1: undecided
            ),
            None,
        )

    def decide(self, approval_no: str, result: int, note: str = "") -> None:
        request = DescribeMNPApprovalList(offset=0, limit=100, platform_id=self.emu.platform_id)
        self.emu.wait_until_visible()
        apps = [
            r.application_id for r in self.client.paginate(request) if r.approval_no == approval_no
        ]
        items = [
            ApprovalItem(app_id=a, approval_result=result, approval_note=note or None) for a in apps
        ]
        self.call(
            ProcessMNPApproval(
                approval_no=approval_no, platform_id=self.emu.platform_id, approval_items=items
            )
        )

    def decide_permission(self, approval_no: str, status: int, note: str = "") -> None:
        self.call(
            ProcessMNPSensitiveAPIPermissionApproval(
                approval_no=approval_no,
                approval_status=status,
                platform_id=self.emu.platform_id,
                approval_note=note or None,
            )
        )

    def ship(self, number: str) -> int:
        """Build, approve and release a version through the API; returns its MNPVersionId."""
        pid = self.emu.platform_id
        task = self.call(
            CreateMNPVersion(
                mnp_id=self.mnp_id,
                mnp_version=number,
                file_url=package(number),
                platform_id=pid,
                mnp_version_intro=f"Version {number}",
            )
        ).task_id
        wait_for(
            lambda: (
                self.call(DescribeMNPVersion(business_id=task, platform_id=pid)).task_status == 60
            )
        )
        version_id = int(self.version(number).mnp_version_id)
        self.call(
            CreateMNPApproval(mnp_version_id=version_id, apply_action="submit", platform_id=pid)
        )
        self.decide(str(self.version(number).approval_no), 3)
        self.call(ReleaseMNPVersion(mnp_version_id=version_id, platform_id=pid))
        return version_id


def _team(
    emu: Emulator, client: Client, pid: str, name: str, role: int, related: str | None = None
) -> str:
    client.call(
        CreateTeam(
            team_name=name,
            admin_user_id=SUPER_ADMIN,
            team_role_type_list=[role],
            platform_id=pid,
            related_team_id=related,
        )
    )
    emu.wait_until_visible()
    rows = client.paginate(DescribeTeamList(offset=0, limit=100, platform_id=pid, keyword=name))
    return str(next(r.team_id for r in rows if r.team_name == name))


def _restricted_api(emu: Emulator, client: Client, pid: str, app_id: str, name: str) -> str:
    item = CreateApplicationSensitiveAPIReq(
        api_name=name, api_desc="Read the phone number", api_type=2
    )
    client.call(
        CreateApplicationSensitiveAPI(application_id=app_id, api_list=[item], platform_id=pid)
    )
    request = DescribeApplicationSensitiveAPIList(
        offset=0, limit=100, platform_id=pid, application_id=app_id, keyword=name
    )
    emu.wait_until_visible()
    api_id = str(next(r.api_id for r in client.paginate(request) if r.api_name == name))
    client.call(DisableApplicationSensitiveAPI(api_id=api_id, platform_id=pid))
    return api_id
