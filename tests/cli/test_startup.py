"""``emulator`` and ``demo`` that cannot start: a message and exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.conftest import RunCli


def _no_traceback(text: str) -> None:
    assert "Traceback" not in text


def test_a_port_in_use_is_named_with_what_to_do(run_cli: RunCli, held_port: int) -> None:
    seen = run_cli("emulator", "--port", str(held_port))
    assert seen.code == 2
    assert f"port {held_port} on 127.0.0.1 is in use" in seen.err
    assert "--port" in seen.err
    _no_traceback(seen.err)


def test_demo_destroy_while_an_emulator_holds_the_port(
    run_cli: RunCli, held_port: int, tmp_path: Path
) -> None:
    seen = run_cli("demo", "destroy", "--port", str(held_port), "--dir", str(tmp_path / "demo"))
    assert seen.code == 2
    assert seen.err.startswith(f"pulumi-tcmpp demo: port {held_port} on 127.0.0.1 is in use")
    assert "pulumi-tcmpp emulator" in seen.err  # the likely holder
    assert str(tmp_path / "demo" / "emulator.sqlite") in seen.err  # state is kept
    _no_traceback(seen.err)


@pytest.mark.parametrize("command", ["emulator", "demo"])
@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_a_port_out_of_range_is_an_argument_error(run_cli: RunCli, command: str, port: str) -> None:
    seen = run_cli(command, "--port", port)
    assert seen.code == 2
    assert "argument --port" in seen.err and "port number" in seen.err
    _no_traceback(seen.err)


def test_a_state_file_that_cannot_be_written(run_cli: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "state.db"
    seen = run_cli("emulator", "--port", "0", "--state", str(missing))
    assert (seen.code, seen.err.strip()) == (
        2,
        f"pulumi-tcmpp emulator: state file {missing}: its folder {missing.parent} does not exist",
    )
    seen = run_cli("emulator", "--port", "0", "--state", str(tmp_path))
    assert seen.code == 2 and f"state file {tmp_path} is a folder" in seen.err
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("not SQLite, but long enough to be read as a header\n" * 20)
    seen = run_cli("emulator", "--port", "0", "--state", str(not_a_database))
    assert seen.code == 2 and f"state file {not_a_database}: cannot be used" in seen.err
    _no_traceback(seen.err)


def test_an_unwritable_state_folder(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    real_access = __import__("os").access
    monkeypatch.setattr(  # as for a user without write permission (tests may run as root)
        "os.access", lambda path, mode: False if Path(path) == folder else real_access(path, mode)
    )
    seen = run_cli("emulator", "--port", "0", "--state", str(folder / "state.db"))
    assert seen.code == 2 and f"{folder} is not writable" in seen.err


def test_demo_with_an_example_that_is_not_a_program(run_cli: RunCli, tmp_path: Path) -> None:
    seen = run_cli("demo", "--example", "/nope", "--dir", str(tmp_path))
    assert seen.code == 2
    assert "--example /nope: not a Pulumi program (/nope does not exist)" in seen.err
    seen = run_cli("demo", "--example", str(tmp_path), "--dir", str(tmp_path))
    assert seen.code == 2 and "has no Pulumi.yaml" in seen.err
    assert not (tmp_path / "emulator.sqlite").exists()  # refused before starting anything
    _no_traceback(seen.err)


def test_demo_with_a_folder_that_cannot_be_made(run_cli: RunCli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    seen = run_cli("demo", "--dir", str(blocker / "demo"))
    assert seen.code == 2 and f"--dir {blocker / 'demo'}: cannot create it" in seen.err
