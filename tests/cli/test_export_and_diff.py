"""``export`` and ``diff`` as a user sees them: messages, and one exit-code table for both.

Every refusal below happens before a platform is read (nothing written, no request sent),
except the ones that need a platform to find out: a pattern matching nothing and an
environment that cannot be reached.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from tests.cli.conftest import RunCli, closed_port
from tests.clone.conftest import set_env
from tests.clone.seed import PASSWORD, client_of

from pulumi_tcmpp.api.users import CreateUser
from pulumi_tcmpp.client import encrypt_with_preset_key
from pulumi_tcmpp.emulator import Emulator


def _create_user(emu: Emulator, account: str, name: str) -> None:
    with client_of(emu) as client:
        encrypted = encrypt_with_preset_key(client, PASSWORD)
        client.call(
            CreateUser(
                user_account=account,
                user_name=name,
                account_type=3,
                password=encrypted.ciphertext,
                key_id=encrypted.key_id,
                platform_id=emu.platform_id,
            )
        )


def _spec_with_a_reference(path: Path) -> Path:
    """A spec whose one user's display name is a {config:} reference."""
    document = {"version": 1, "users": {"dana": {"account": "dana", "name": {"config": "name"}}}}
    path.write_text(yaml.safe_dump(document))
    return path


# ---- outputs of the wrong kind, refused before reading ---------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "prog.yaml", "--format", "python"], "-o prog.yaml: --format python writes a "),
        (["-o", "prog.py"], "-o prog.py: a spec is written as .yaml or .json"),
        (["-o", "-", "--format", "python"], "--format python writes a program folder"),
    ],
)
def test_an_output_of_the_wrong_kind_is_refused(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    seen = run_cli("export", *args)
    assert seen.code == 2
    assert seen.err.startswith(f"pulumi-tcmpp export: {message}")
    assert list(tmp_path.iterdir()) == []  # no folder named prog.yaml, nothing at all


def test_a_folder_given_for_a_spec_asks_for_a_file(run_cli: RunCli, tmp_path: Path) -> None:
    seen = run_cli("export", "-o", str(tmp_path))
    assert seen.code == 2
    assert f"-o {tmp_path} is a folder; a spec is one file, e.g. -o {tmp_path}/platform.yaml" in (
        seen.err
    )


def test_a_missing_previous_spec_names_its_path(run_cli: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    seen = run_cli("export", "--previous", str(missing), "-o", str(tmp_path / "out.yaml"))
    assert seen.code == 2
    assert f"spec file {missing} cannot be read: No such file or directory" in seen.err
    assert "Traceback" not in seen.err


# ---- credentials: what a command-line user can set ------------------------------------


def test_missing_credentials_name_the_variables_and_source_forms(run_cli: RunCli) -> None:
    seen = run_cli("export", "-o", "x.yaml")
    assert seen.code == 2
    assert "--source env: no TCMPP credentials in the environment" in seen.err
    assert "TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY" in seen.err
    assert "--source profile:NAME" in seen.err and "--source env:PREFIX" in seen.err
    assert "pulumi config" not in seen.err and "tcmpp:secretKey" not in seen.err

    seen = run_cli("diff", "--source", "env:NONE", "--target", "env")
    assert seen.code == 2 and "--source env:NONE: set NONE_SECRET_ID" in seen.err
    set_env_for_source = {"SRC_SECRET_ID": "AKID", "SRC_SECRET_KEY": "k", "SRC_PLATFORM_ID": "T1"}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in set_env_for_source.items():
            patch.setenv(name, value)
        seen = run_cli("diff", "--source", "env:SRC", "--target", "env")
    assert seen.code == 2 and "--target env: no TCMPP credentials" in seen.err
    assert "--target profile:NAME" in seen.err


def test_an_unknown_profile_is_blamed_not_tencentcloud_profile(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    tccli = Path.home() / ".tccli"
    tccli.mkdir()
    (tccli / "staging.credential").write_text(json.dumps({"secretId": "AKID", "secretKey": "k"}))
    seen = run_cli("export", "--source", "profile:nope", "-o", "x.yaml")
    assert seen.code == 2
    assert seen.err.strip() == (
        "pulumi-tcmpp export: --source profile:nope: no tccli profile 'nope': "
        f"{tccli / 'nope.credential'} does not exist (profiles there: staging)"
    )
    assert "TENCENTCLOUD_PROFILE" not in seen.err

    (tccli / "empty.credential").write_text("{}")
    seen = run_cli("export", "--source", "profile:empty", "-o", "x.yaml")
    assert seen.code == 2 and "empty.credential has no secretId and secretKey" in seen.err

    monkeypatch.setenv("PROD_PROFILE", "gone")
    seen = run_cli("diff", "--source", "env:PROD", "--target", "env")
    assert seen.code == 2
    assert "--source env:PROD: PROD_PROFILE names the tccli profile 'gone', but" in seen.err
    monkeypatch.setenv("PROD_PROFILE", "empty")
    seen = run_cli("diff", "--source", "env:PROD", "--target", "env")
    assert seen.code == 2 and "empty.credential has no secretId and secretKey" in seen.err
    assert "pulumi config" not in seen.err


def test_a_missing_platform_id_names_the_variable_and_the_option(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", "AKID")
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", "k")
    seen = run_cli("export", "-o", "x.yaml")
    assert seen.code == 2
    assert "--source env: no platform id: set TCMPP_PLATFORM_ID or pass --platform-id" in seen.err
    monkeypatch.setenv("TCMPP_PLATFORM_ID", "T1")
    monkeypatch.setenv("STAGING_SECRET_ID", "AKID")
    monkeypatch.setenv("STAGING_SECRET_KEY", "k")
    seen = run_cli("diff", "--source", "env", "--target", "env:STAGING")
    assert seen.code == 2
    assert "--target env:STAGING: no platform id: set STAGING_PLATFORM_ID or pass " in seen.err
    assert "--target-platform-id" in seen.err


def test_a_profile_wins_over_key_variables(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tcmpp_emulator: Emulator, tmp_path: Path
) -> None:
    tccli = Path.home() / ".tccli"
    tccli.mkdir()
    keys = {"secretId": tcmpp_emulator.secret_id, "secretKey": tcmpp_emulator.secret_key}
    (tccli / "emu.credential").write_text(json.dumps(keys))
    monkeypatch.setenv("TENCENTCLOUD_SECRET_ID", "AKIDsomeoneelse")  # another account's keys
    monkeypatch.setenv("TENCENTCLOUD_SECRET_KEY", "not-this-one")
    monkeypatch.setenv("TCMPP_ENDPOINT", tcmpp_emulator.endpoint)
    monkeypatch.setenv("TCMPP_PLATFORM_ID", tcmpp_emulator.platform_id)
    seen = run_cli("export", "--source", "profile:emu", "--quiet", "-o", str(tmp_path / "p.yaml"))
    assert seen.code == 0, seen.err


# ---- one exit-code table for export and diff -------------------------------------------


@pytest.mark.parametrize(
    ("patterns", "code", "message"),
    [
        (["--include", "team:x"], 2, "unknown type"),
        (["--include", "teams:nope*"], 2, "1 pattern matched nothing: teams:nope*"),
        (["--exclude", "users:a*", "--exclude", "teams:b*"], 2, "2 patterns matched nothing"),
    ],
)
def test_export_and_diff_exit_alike_for_patterns(
    run_cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    tcmpp_emulator: Emulator,
    tmp_path: Path,
    patterns: list[str],
    code: int,
    message: str,
) -> None:
    set_env(monkeypatch, "EMU", tcmpp_emulator)
    out = tmp_path / "p.yaml"
    exported = run_cli("export", "--source", "env:EMU", "--quiet", "-o", str(out), *patterns)
    diffed = run_cli("diff", "--source", "env:EMU", "--target", "env:EMU", "--quiet", *patterns)
    assert (exported.code, diffed.code) == (code, code)
    assert message in exported.err and message in diffed.err
    assert not out.exists()


def test_export_and_diff_exit_3_when_the_platform_cannot_be_reached(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tcmpp_emulator: Emulator, tmp_path: Path
) -> None:
    endpoint = f"http://127.0.0.1:{closed_port()}"
    set_env(monkeypatch, "GONE", tcmpp_emulator, endpoint=endpoint, max_retries=0)
    out = tmp_path / "p.yaml"
    exported = run_cli("export", "--source", "env:GONE", "--quiet", "-o", str(out))
    diffed = run_cli("diff", "--source", "env:GONE", "--target", "env:GONE", "--quiet")
    assert (exported.code, diffed.code) == (3, 3)
    assert "could not connect" in exported.err and "could not connect" in diffed.err
    assert not out.exists()


def test_an_endpoint_with_a_port_but_no_scheme_is_refused_with_the_fix(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tcmpp_emulator: Emulator
) -> None:
    bare = tcmpp_emulator.endpoint.removeprefix("http://")
    set_env(monkeypatch, "EMU", tcmpp_emulator, endpoint=bare)
    seen = run_cli("export", "--source", "env:EMU", "-o", "-")
    assert seen.code == 2
    assert f"endpoint {bare!r} has a port but no scheme: write http://{bare}" in seen.err
    assert "SSL" not in seen.err
    assert tcmpp_emulator.request_log() == []


def test_the_export_summary_counts_in_words(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tcmpp_emulator: Emulator, tmp_path: Path
) -> None:
    _create_user(tcmpp_emulator, "dana", "Dana")
    set_env(monkeypatch, "EMU", tcmpp_emulator)
    seen = run_cli("export", "--source", "env:EMU", "-o", str(tmp_path / "p.yaml"))
    assert seen.code == 0
    summary = seen.err.strip().splitlines()[-1]
    assert "wrote 1 user, 0 teams (0 memberships), 0 applications (0 sensitive APIs)" in summary


# ---- diff: references without values ---------------------------------------------------


def test_diff_warns_about_references_without_values_and_strict_fails(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tcmpp_emulator: Emulator, tmp_path: Path
) -> None:
    _create_user(tcmpp_emulator, "dana", "Dana Scully")
    set_env(monkeypatch, "EMU", tcmpp_emulator)
    spec = _spec_with_a_reference(tmp_path / "spec.yaml")
    compare = ("diff", "--source", str(spec), "--target", "env:EMU", "--quiet", "--include")
    seen = run_cli(*compare, "users")
    assert seen.code == 0 and "No differences" in seen.out  # the name was never compared
    assert seen.err.startswith("warning: no value for {config: name}: compared as patterns")
    assert "--strict" in seen.err

    seen = run_cli(*compare, "users", "--config", "name=Fox Mulder")
    assert seen.code == 1 and "Fox Mulder" in seen.out and seen.err == ""

    seen = run_cli(*compare, "users", "--output-format", "json")
    assert json.loads(seen.out)["unresolved_config"] == ["name"]

    tcmpp_emulator.clear_request_log()
    seen = run_cli(*compare, "users", "--strict")
    assert seen.code == 2
    assert seen.err.strip() == (
        "pulumi-tcmpp diff: --strict: no value for {config: name}; give values with "
        "--config KEY=VALUE or --config-file Pulumi.<stack>.yaml"
    )
    assert tcmpp_emulator.request_log() == []  # refused before reading the platform
