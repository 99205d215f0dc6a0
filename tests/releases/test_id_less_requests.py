"""Requests the API answers without a number to read back (a permission application, a
version submitted for approval) under a lost or failed answer: filed exactly once, found,
recorded (``resources/_creates.py`` ``send_and_await``)."""

from __future__ import annotations

from typing import Any

import pytest

from pulumi_tcmpp.emulator import Emulator
from tests.releases.conftest import MakeStack
from tests.releases.platform import Platform
from tests.releases.test_permissions import APPROVED, latest, permission
from tests.releases.test_releases import shipping

FAULTS: dict[str, dict[str, Any]] = {
    "lost-after": {"kind": "drop", "when": "after"},
    "lost-before": {"kind": "drop", "when": "before"},
    "internal-error-after": {"kind": "error", "code": "InternalError", "when": "after"},
    "http-503-before": {"kind": "http", "status": 503, "when": "before"},
}


@pytest.mark.parametrize("fault", FAULTS, ids=str)
def test_a_permission_application_is_filed_once_whatever_happens_to_its_answer(
    fault: str, make_stack: MakeStack, platform: Platform, tcmpp_emulator: Emulator
) -> None:
    action = "CreateMNPSensitiveAPIPermissionApproval"
    tcmpp_emulator.add_fault({**FAULTS[fault], "action": action, "count": 1})
    stack = make_stack(permission(platform, auto_approve=True))

    result = stack.up()

    assert result.ok, result.render()
    applications = tcmpp_emulator.state()["platforms"][tcmpp_emulator.platform_id]["permission"]
    assert len(applications) == 1  # filed once, never twice
    row = latest(platform)
    assert row.api_apply_status == APPROVED
    assert stack.state().get("phone").id == row.approval_no


@pytest.mark.parametrize("fault", FAULTS, ids=str)
def test_a_version_is_submitted_for_approval_once_whatever_happens_to_the_answer(
    fault: str, make_stack: MakeStack, platform: Platform, tcmpp_emulator: Emulator
) -> None:
    tcmpp_emulator.add_fault({**FAULTS[fault], "action": "CreateMNPApproval", "count": 1})
    stack = make_stack(shipping(platform, ["1.0.0"], "1.0.0"))

    result = stack.up()

    assert result.ok, result.render()
    assert platform.online() == "1.0.0"
    approvals = tcmpp_emulator.state()["platforms"][tcmpp_emulator.platform_id]["approval"]
    assert len(approvals) == 1  # submitted once, never twice
