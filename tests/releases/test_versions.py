"""MiniProgramVersion through the offline engine: builds, failed builds, timeouts, bad input."""

from __future__ import annotations

import re

import pulumi

import pulumi_tcmpp as tcmpp
from tests.releases.conftest import MakeStack
from tests.releases.platform import FAST, Platform, package


def versions(platform: Platform, *numbers: str, **options: object) -> object:
    """A program building these versions of the platform's mini program."""

    def program() -> None:
        for number in numbers:
            built = tcmpp.MiniProgramVersion(
                f"v{number}",
                mini_program_id=platform.mnp_id,
                version=number,
                package_url=str(options.get("package_url", package(number))),
                intro=str(options.get("intro", f"Version {number}")),
                poll_interval=FAST,
                build_timeout=options.get("build_timeout"),  # type: ignore[arg-type]
                on_exists=options.get("on_exists"),  # type: ignore[arg-type]
            )
            pulumi.export(number, built.version_id)

    return program


def test_a_version_is_built_and_its_id_phase_and_approval_reported(
    make_stack: MakeStack, platform: Platform
) -> None:
    stack = make_stack(versions(platform, "1.0.1"))
    result = stack.up()
    assert result.ok, result.render()

    row = platform.version("1.0.1")
    outputs = stack.state().get("v1.0.1").outputs
    assert outputs["version_id"] == row.mnp_version_id == result.outputs["1.0.1"]
    assert outputs["phase"] == "Develop"
    assert outputs["approval_status"] == 0
    assert outputs["task_id"]
    assert platform.actions("CreateMNPVersion") == ["CreateMNPVersion"]
    progress = "\n".join(result.provider_output)
    assert f"building version 1.0.1 of mini program {platform.mnp_id}" in progress
    assert "running" in progress and "built version 1.0.1" in progress

    again = stack.up()
    assert again.summary == {"same": 2}, again.render()


def test_a_failed_build_fails_the_create_with_the_task_message_and_leaves_nothing(
    make_stack: MakeStack, platform: Platform
) -> None:
    platform.emu.set_build_mode(outcome="failure", message="app.json: pages is empty")
    stack = make_stack(versions(platform, "1.0.1"))

    result = stack.up()

    assert not result.ok
    message = result.errors[0].message
    assert "the build of version 1.0.1" in message and "app.json: pages is empty" in message
    assert stack.state().find("v1.0.1") is None
    assert platform.version("1.0.1") is None

    platform.emu.set_build_mode()  # fixed package: the same number builds
    retried = stack.up()
    assert retried.ok, retried.render()
    assert platform.version("1.0.1") is not None


def test_the_build_wait_honours_its_timeout_and_the_next_up_takes_the_build_over(
    make_stack: MakeStack, platform: Platform
) -> None:
    platform.emu.set_build_mode(outcome="hold")
    stack = make_stack(versions(platform, "1.0.1", build_timeout=0.3))

    result = stack.up()

    assert not result.ok
    message = result.errors[0].message
    assert "timed out after 0.3s waiting for the build of version 1.0.1" in message
    # running, or pending where the reads trail the build's progress
    assert re.search(r"last seen: (running|pending)", message) and "pulumi up" in message
    assert stack.state().find("v1.0.1") is None  # nothing half-made in state
    polls = [e for e in platform.emu.request_log() if e["action"] == "DescribeMNPVersion"]
    task = polls[-1]["params"]["BusinessId"]

    platform.emu.finish_task(task)  # the build the stack stopped waiting for finishes
    resumed = stack.up()
    assert resumed.ok, resumed.render()
    assert platform.actions("CreateMNPVersion") == ["CreateMNPVersion"]  # not built twice
    outputs = stack.state().get("v1.0.1").outputs
    assert outputs["version_id"] == platform.version("1.0.1").mnp_version_id


def test_a_non_http_package_url_and_a_bad_number_fail_the_preview_before_any_request(
    make_stack: MakeStack, platform: Platform
) -> None:
    platform.emu.clear_request_log()
    stack = make_stack(versions(platform, "1.0.x", package_url="ftp://cdn.example.com/p.zip"))

    result = stack.preview()

    assert not result.ok
    messages = " | ".join(e.message for e in result.errors)
    assert "package_url: must be an http:// or https:// URL" in messages
    assert "version: must be 2 to 4 dot-separated numbers" in messages
    assert platform.emu.request_log() == []


def test_a_version_not_greater_than_the_online_one_fails_the_preview(
    make_stack: MakeStack, platform: Platform
) -> None:
    platform.ship("1.0.2")
    stack = make_stack(versions(platform, "1.0.1"))

    result = stack.preview()

    assert not result.ok
    assert "not greater than the online version 1.0.2" in result.errors[0].message
    assert stack.up().ok is False
    assert platform.actions("CreateMNPVersion") == ["CreateMNPVersion"]  # ship's own only


def test_the_same_number_with_a_new_package_is_refused_offline(
    make_stack: MakeStack, platform: Platform
) -> None:
    stack = make_stack(versions(platform, "1.0.1"))
    assert stack.up().ok
    stack2 = make_stack(versions(platform, "1.0.1", package_url=package("1.0.1-fixed")))

    result = stack2.preview()

    assert not result.ok
    assert "package_url: version 1.0.1 is already built" in result.errors[0].message


def test_an_existing_version_is_refused_unless_adopted(
    make_stack: MakeStack, platform: Platform
) -> None:
    platform.ship("1.0.1")

    refused = make_stack(versions(platform, "1.0.1")).up()
    assert not refused.ok
    assert "already exists (Online phase)" in refused.errors[0].message
    assert "on_exists='adopt'" in refused.errors[0].message

    adopted = make_stack(versions(platform, "1.0.1", on_exists="adopt"), stack="adopt")
    result = adopted.up()
    assert result.ok, result.render()
    assert adopted.state().get("v1.0.1").outputs["phase"] == "Online"
    assert platform.actions("CreateMNPVersion") == ["CreateMNPVersion"]
