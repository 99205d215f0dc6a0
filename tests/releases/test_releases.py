"""MiniProgramRelease through the offline engine: approve, release, roll back, reject, wait."""

from __future__ import annotations

import threading
from typing import Any

import pulumi
import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.api.releases import RollbackMNPVersion
from pulumi_tcmpp.testing import Result
from tests.releases.conftest import MakeStack
from tests.releases.platform import FAST, Platform, package, wait_for

REJECTED, APPROVED = 2, 3


def shipping(platform: Platform, numbers: list[str], online: str, **release: Any) -> Any:
    """A program building ``numbers`` and putting ``online`` online."""
    release.setdefault("auto_approve", True)

    def program() -> None:
        built = {
            number: tcmpp.MiniProgramVersion(
                f"v{number}",
                mini_program_id=platform.mnp_id,
                version=number,
                package_url=package(number),
                intro=f"Version {number}",
                poll_interval=FAST,
            )
            for number in numbers
        }
        version = built[online].version if online in built else online
        shipped = tcmpp.MiniProgramRelease(
            "online",
            mini_program_id=platform.mnp_id,
            version=version,
            poll_interval=FAST,
            **release,
        )
        pulumi.export("online", shipped.version)
        pulumi.export("approval_no", shipped.approval_no)

    return program


@pytest.mark.parametrize("backend", ["tcmpp", "tcsas"])
def test_a_version_is_built_approved_and_released(
    make_stack: MakeStack, platform: Platform, backend: str
) -> None:
    config = {"tcmpp:backend": backend}
    stack = make_stack(shipping(platform, ["1.0.1"], "1.0.1"), config=config)

    result = stack.up()

    assert result.ok, result.render()
    assert platform.online() == "1.0.1"
    row = platform.version("1.0.1")
    assert row.version_current_status == APPROVED
    assert result.outputs["approval_no"] == row.approval_no
    assert platform.actions("CreateMNPApproval", "ProcessMNPApproval", "ReleaseMNPVersion") == [
        "CreateMNPApproval",
        "ProcessMNPApproval",
        "ReleaseMNPVersion",
    ]
    released = [e for e in platform.emu.request_log() if e["action"] == "ReleaseMNPVersion"]
    assert [e["service"] for e in released] == [backend]
    outputs = stack.state().get("online").outputs
    assert outputs["version_id"] == row.mnp_version_id and outputs["approval_status"] == APPROVED
    assert "is online" in "\n".join(result.provider_output)
    assert stack.up().summary == {"same": 3}


def test_a_second_version_is_released_and_a_rollback_brings_the_first_back(
    make_stack: MakeStack, platform: Platform
) -> None:
    stack = make_stack(shipping(platform, ["1.0.1"], "1.0.1"))
    assert stack.up().ok

    second = make_stack(shipping(platform, ["1.0.1", "1.0.2"], "1.0.2"))
    preview = second.preview()
    assert preview.ok, preview.render()
    step = preview.step("online")
    assert step.op == "update" and step.detailed_diff == {"version": "update"}
    assert step.new is not None and step.new.inputs["version"] == "1.0.2"
    assert platform.online() == "1.0.1"  # a preview writes nothing

    assert second.up().ok
    assert platform.online() == "1.0.2"

    back = make_stack(shipping(platform, ["1.0.1", "1.0.2"], "1.0.1"))
    result = back.up()
    assert result.ok, result.render()
    assert platform.online() == "1.0.1"
    assert platform.actions("ReleaseMNPVersion", "RollbackMNPVersion") == [
        "ReleaseMNPVersion",
        "ReleaseMNPVersion",
        "RollbackMNPVersion",
    ]
    assert "rolling mini program" in "\n".join(result.provider_output)


def _up_in_background(stack: Any) -> tuple[threading.Thread, list[Result]]:
    results: list[Result] = []
    thread = threading.Thread(target=lambda: results.append(stack.up()), daemon=True)
    thread.start()
    return thread, results


def test_a_rejected_approval_fails_with_the_reviewers_note(
    make_stack: MakeStack, platform: Platform
) -> None:
    stack = make_stack(
        shipping(platform, ["1.0.1"], "1.0.1", auto_approve=False, approval_timeout=60)
    )
    thread, results = _up_in_background(stack)
    approval_no = wait_for(platform.approval_in_progress)

    platform.decide(approval_no, REJECTED, "The privacy policy link is broken")
    thread.join(timeout=60)

    (result,) = results
    assert not result.ok
    message = result.errors[0].message
    assert f"the approval {approval_no} of version 1.0.1" in message
    assert "Superapp: The privacy policy link is broken" in message
    assert stack.state().find("online") is None and platform.online() is None

    again = stack.up()  # a rejection is final for that version: not submitted again
    assert not again.ok and "The privacy policy link is broken" in again.errors[0].message
    assert platform.actions("CreateMNPApproval") == ["CreateMNPApproval"]


def test_the_approval_wait_honours_its_timeout_and_the_next_up_resumes_it(
    make_stack: MakeStack, platform: Platform
) -> None:
    program = shipping(platform, ["1.0.1"], "1.0.1", auto_approve=False, approval_timeout=0.3)
    stack = make_stack(program)

    result = stack.up()

    assert not result.ok
    message = result.errors[0].message
    assert "timed out after 0.3s waiting for the approval" in message
    assert "last seen: processing" in message and "auto_approve=True" in message
    assert stack.state().find("online") is None
    assert stack.state().get("v1.0.1") is not None  # the build is done and recorded
    assert platform.online() is None

    platform.decide(str(platform.approval_in_progress()), APPROVED)
    resumed = stack.up()
    assert resumed.ok, resumed.render()
    assert platform.online() == "1.0.1"
    assert platform.actions("CreateMNPApproval") == ["CreateMNPApproval"]  # waited, not resubmitted


@pytest.mark.parametrize("pending", [0, 1])
def test_an_undecided_approval_is_recognised_whichever_way_it_is_reported(
    make_stack: MakeStack, platform: Platform, pending: int
) -> None:
    """0 (the example data, both SDKs) or 1 (the request enumeration): auto_approve approves
    it, a wait reads it as processing and resumes it without submitting again."""
    platform.emu.set_readings(approval_pending_status=pending)
    waiting = make_stack(
        shipping(platform, ["1.0.1"], "1.0.1", auto_approve=False, approval_timeout=0.3)
    )
    result = waiting.up()
    assert not result.ok and "last seen: processing" in result.errors[0].message
    assert platform.version("1.0.1").version_current_status == pending  # as reported

    approving = make_stack(shipping(platform, ["1.0.1"], "1.0.1"))  # auto_approve
    released = approving.up()

    assert released.ok, released.render()
    assert platform.online() == "1.0.1"
    assert platform.actions("CreateMNPApproval", "ProcessMNPApproval") == [
        "CreateMNPApproval",
        "ProcessMNPApproval",
    ]
    outputs = approving.state().get("online").outputs
    assert outputs["approval_status"] == APPROVED


def test_an_update_that_times_out_keeps_the_old_version_online_in_state(
    make_stack: MakeStack, platform: Platform
) -> None:
    stack = make_stack(shipping(platform, ["1.0.1"], "1.0.1"))
    assert stack.up().ok
    slow = make_stack(
        shipping(platform, ["1.0.1", "1.0.2"], "1.0.2", auto_approve=False, approval_timeout=0.3)
    )

    result = slow.up()

    assert not result.ok and "timed out after 0.3s" in result.errors[0].message
    assert slow.state().get("online").outputs["version"] == "1.0.1"
    assert platform.online() == "1.0.1"


def test_a_version_below_the_online_one_never_released_is_refused_before_any_write(
    make_stack: MakeStack, platform: Platform
) -> None:
    stack = make_stack(shipping(platform, ["1.0.1", "1.0.3"], "1.0.3"))
    assert stack.up().ok
    platform.emu.wait_until_visible()  # a later run: the reads show the release by then
    platform.emu.clear_request_log()

    result = make_stack(shipping(platform, ["1.0.1", "1.0.3"], "1.0.1")).up()

    assert not result.ok
    message = result.errors[0].message
    assert "version 1.0.1 cannot go online" in message and "online version 1.0.3" in message
    assert "nothing was written" in message
    assert platform.actions("CreateMNPApproval", "ReleaseMNPVersion", "RollbackMNPVersion") == []


def test_a_version_that_was_never_built_is_refused(
    make_stack: MakeStack, platform: Platform
) -> None:
    result = make_stack(shipping(platform, [], "2.0.0")).up()

    assert not result.ok
    assert "version 2.0.0 of mini program" in result.errors[0].message
    assert "build it with MiniProgramVersion first" in result.errors[0].message


def test_the_preview_version_is_set_moved_and_cancelled(
    make_stack: MakeStack, platform: Platform
) -> None:
    with_preview = shipping(
        platform,
        ["1.0.1", "1.0.2"],
        "1.0.1",
        preview_version="1.0.2",
        preview_entrance_path="pages/index/index?from=qa",
    )
    stack = make_stack(with_preview)
    result = stack.up()
    assert result.ok, result.render()
    assert platform.version("1.0.2").show_case == 1
    outputs = stack.state().get("online").outputs
    assert outputs["preview_version_id"] == platform.version("1.0.2").mnp_version_id
    assert outputs["preview_qr_code_url"]
    configure = [e for e in platform.emu.request_log() if e["action"] == "ConfigureMNPPreview"]
    assert configure[-1]["params"]["PreivewEntrancePath"] == "pages/index/index?from=qa"

    moved = make_stack(shipping(platform, ["1.0.1", "1.0.2"], "1.0.1", preview_version="1.0.1"))
    assert moved.up().ok
    assert {r.mnp_version for r in platform.rows() if r.show_case == 1} == {"1.0.1"}

    assert make_stack(shipping(platform, ["1.0.1", "1.0.2"], "1.0.1")).up().ok
    assert {r.mnp_version for r in platform.rows() if r.show_case == 1} == set()


def test_an_offline_preview_path_without_a_preview_version_is_refused(
    make_stack: MakeStack, platform: Platform
) -> None:
    platform.emu.clear_request_log()
    result = make_stack(shipping(platform, [], "1.0.1", preview_entrance_path="pages/a")).preview()

    assert not result.ok
    assert "preview_entrance_path needs preview_version" in result.errors[0].message
    assert platform.emu.request_log() == []


def test_refresh_sees_a_rollback_made_in_the_console_and_up_reverts_it(
    make_stack: MakeStack, platform: Platform
) -> None:
    assert make_stack(shipping(platform, ["1.0.1"], "1.0.1")).up().ok
    stack = make_stack(shipping(platform, ["1.0.1", "1.0.2"], "1.0.2"))
    assert stack.up().ok
    first = platform.version("1.0.1")
    platform.call(
        RollbackMNPVersion(
            mnp_id=platform.mnp_id,
            mnp_version_id=first.mnp_version_id,
            platform_id=platform.emu.platform_id,
            mnp_version="1.0.1",
        )
    )  # someone rolls back in the console

    refreshed = stack.refresh()
    assert refreshed.ok, refreshed.render()
    assert refreshed.step("online").drift == "update"
    assert stack.up().ok
    assert platform.online() == "1.0.2"


def test_delete_stops_managing_unless_remove_on_delete(
    make_stack: MakeStack, platform: Platform
) -> None:
    stack = make_stack(shipping(platform, ["1.0.1"], "1.0.1"))
    assert stack.up().ok
    destroyed = stack.destroy()
    assert destroyed.ok, destroyed.render()
    assert platform.online() == "1.0.1" and platform.mnp_status() == 1
    assert "stays online" in "\n".join(destroyed.provider_output)

    removing = make_stack(shipping(platform, [], "1.0.1", remove_on_delete=True), stack="removing")
    assert removing.up().ok  # 1.0.1 is online already: nothing to release
    assert platform.actions("ReleaseMNPVersion") == ["ReleaseMNPVersion"]
    assert removing.destroy().ok
    assert platform.mnp_status() == 2  # off the shelf
