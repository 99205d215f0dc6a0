"""Bad provider settings are found by the preview (``configure``), before any API call."""

from __future__ import annotations

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from tests.resources.conftest import MakeStack
from tests.resources.helpers import PASSWORD


def program() -> None:
    tcmpp.User("alice", account="alice", name="Alice", password=PASSWORD)


def test_a_preview_reports_every_bad_setting_at_once(make_stack: MakeStack, emu: Emulator) -> None:
    config = {
        "tcmpp:adoptExisting": "ture",
        "tcmpp:operationTimeout": "ten minutes",
        "tcmpp:rateLimt": "5",
        "tcmpp:secretKey": "not a key",
    }
    result = make_stack(program, config=config).preview()

    assert not result.ok
    message = result.errors[0].message
    assert "pulumi-tcmpp settings are not valid" in message, message
    assert "setting tcmpp:adoptExisting must be true, false, 1 or 0; got 'ture'" in message
    assert "tcmpp:operationTimeout must be a number of seconds greater than 0; got 'ten" in message
    assert "tcmpp:rateLimt is not a setting of pulumi-tcmpp (did you mean tcmpp:rateLimit?)" in (
        message
    )
    secret_key = "tcmpp:secretKey (TENCENTCLOUD_SECRET_KEY) must not be empty or contain spaces"
    assert f"{secret_key}; got a secret value" in message
    assert "not a key" not in message
    assert emu.request_log() == []


def test_environment_settings_are_checked_too(make_stack: MakeStack, emu: Emulator) -> None:
    no_key = {"tcmpp:secretId": None, "tcmpp:secretKey": None}
    result = make_stack(program, config=no_key, env={"TCMPP_MAX_RETRIES": "lots"}).preview()

    assert not result.ok
    expected = "setting TCMPP_MAX_RETRIES (tcmpp:maxRetries) must be a whole number, 0 or more"
    assert f"{expected}; got 'lots'" in result.errors[0].message, result.errors[0].message
    assert emu.request_log() == []
