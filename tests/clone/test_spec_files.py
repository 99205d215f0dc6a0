"""Spec files that cannot be read: the error names the file, never a FileNotFoundError trace."""

from __future__ import annotations

from pathlib import Path

import pulumi
import pytest

from pulumi_tcmpp.clone.platform import Platform
from pulumi_tcmpp.clone.spec import load_spec
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.errors import ConfigurationError
from pulumi_tcmpp.testing import Secret, Stack


def test_load_spec_names_a_missing_file_and_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigurationError) as raised:
        load_spec("platform.yaml")
    assert str(raised.value) == (
        "spec file platform.yaml cannot be read: No such file or directory "
        f"(looked for {tmp_path / 'platform.yaml'})"
    )
    with pytest.raises(ConfigurationError, match="Is a directory"):
        load_spec(tmp_path)


def test_a_platform_whose_spec_file_is_missing_fails_naming_the_path(
    tcmpp_emulator: Emulator, tmp_path: Path
) -> None:
    missing = tmp_path / "specs" / "prod.yaml"

    def program() -> None:
        Platform("prod", spec=str(missing))
        pulumi.export("never", "reached")

    stack = Stack(
        program=program,
        project="clone",
        stack="prod",
        state_path=tmp_path / "state.json",
        config={
            "tcmpp:endpoint": tcmpp_emulator.endpoint,
            "tcmpp:secretId": tcmpp_emulator.secret_id,
            "tcmpp:secretKey": Secret(tcmpp_emulator.secret_key),
            "tcmpp:platformId": tcmpp_emulator.platform_id,
        },
    )
    result = stack.preview()
    assert not result.ok
    message = str(result.errors)
    assert f"spec file {missing} cannot be read: No such file or directory" in message
    assert "FileNotFoundError" not in message
    assert tcmpp_emulator.request_log() == []
