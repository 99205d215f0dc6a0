"""SensitiveAPIPermission through the offline engine: apply, approve, wait, reject."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.api.sensitive_apis import DescribeMNPSensitiveAPIPermissionApprovalList
from tests.releases.conftest import MakeStack
from tests.releases.platform import FAST, Platform

PROCESSING, REJECTED, APPROVED = 1, 20, 30
REASON = "Couriers call the customer"


def permission(platform: Platform, **options: Any) -> Any:
    options.setdefault("reason", REASON)

    def program() -> None:
        granted = tcmpp.SensitiveAPIPermission(
            "phone",
            mini_program_id=platform.mnp_id,
            api_id=platform.api_id,
            poll_interval=FAST,
            **options,
        )
        pulumi.export("approval_no", granted.approval_no)
        pulumi.export("status", granted.approval_status)

    return program


@dataclass(frozen=True)
class Latest:
    approval_no: str
    api_apply_status: int


def latest(platform: Platform) -> Latest:
    """The mini program's latest application for the API, from the list of every application
    (the mini program's own list may leave out APIs of applications it is not bound to)."""
    request = DescribeMNPSensitiveAPIPermissionApprovalList(
        offset=0, limit=100, platform_id=platform.emu.platform_id
    )
    platform.emu.wait_until_visible()
    rows = [
        r
        for r in platform.client.paginate(request)
        if (r.mnp_id, r.api_id) == (platform.mnp_id, platform.api_id)
    ]
    newest = max(rows, key=lambda r: int(r.apply_time or 0))
    return Latest(str(newest.approval_no), int(newest.approval_status or 0))


def test_a_permission_is_applied_for_and_approved_in_the_same_stack(
    make_stack: MakeStack, platform: Platform
) -> None:
    stack = make_stack(permission(platform, auto_approve=True))

    result = stack.up()

    assert result.ok, result.render()
    row = latest(platform)
    assert row.api_apply_status == APPROVED
    assert result.outputs["approval_no"] == row.approval_no
    assert result.outputs["status"] == APPROVED
    assert stack.state().get("phone").id == row.approval_no
    assert platform.actions(
        "CreateMNPSensitiveAPIPermissionApproval", "ProcessMNPSensitiveAPIPermissionApproval"
    ) == ["CreateMNPSensitiveAPIPermissionApproval", "ProcessMNPSensitiveAPIPermissionApproval"]
    assert stack.up().summary == {"same": 2}


def test_the_approval_wait_honours_its_timeout_and_the_next_up_takes_the_application_over(
    make_stack: MakeStack, platform: Platform
) -> None:
    stack = make_stack(permission(platform, approval_timeout=0.3))

    result = stack.up()

    assert not result.ok
    message = result.errors[0].message
    assert "timed out after 0.3s waiting for the decision on application" in message
    assert "last seen: processing" in message
    assert stack.state().find("phone") is None
    row = latest(platform)
    assert row.api_apply_status == PROCESSING  # the application stays open

    platform.decide_permission(str(row.approval_no), APPROVED)
    resumed = stack.up()
    assert resumed.ok, resumed.render()
    assert resumed.outputs["approval_no"] == row.approval_no
    assert platform.actions("CreateMNPSensitiveAPIPermissionApproval") == [
        "CreateMNPSensitiveAPIPermissionApproval"
    ]  # taken over, not filed twice


def test_without_waiting_a_pending_application_is_recorded_and_refresh_sees_its_decision(
    make_stack: MakeStack, platform: Platform
) -> None:
    stack = make_stack(permission(platform, wait_for_approval=False))
    result = stack.up()
    assert result.ok, result.render()
    assert result.outputs["status"] == PROCESSING

    platform.decide_permission(str(result.outputs["approval_no"]), APPROVED)
    refreshed = stack.refresh()
    assert refreshed.ok, refreshed.render()
    assert stack.state().get("phone").outputs["approval_status"] == APPROVED
    assert stack.up().summary == {"same": 2}


def test_a_rejection_fails_with_the_reviewers_reason_until_the_reason_changes(
    make_stack: MakeStack, platform: Platform
) -> None:
    stack = make_stack(permission(platform, wait_for_approval=False))
    first = stack.up()
    assert first.ok, first.render()
    platform.decide_permission(str(first.outputs["approval_no"]), REJECTED, "Explain why")

    refused = make_stack(permission(platform), stack="again").up()
    assert not refused.ok
    assert "was rejected: Explain why" in refused.errors[0].message
    assert "change `reason`" in refused.errors[0].message

    refiled = make_stack(
        permission(
            platform,
            reason="Couriers call the customer to agree on a pickup time",
            wait_for_approval=False,
        ),
        stack="again",
    ).up()
    assert refiled.ok, refiled.render()
    assert refiled.outputs["status"] == PROCESSING
    assert refiled.outputs["approval_no"] == latest(platform).approval_no
    assert refiled.outputs["approval_no"] != first.outputs["approval_no"]  # a new application
