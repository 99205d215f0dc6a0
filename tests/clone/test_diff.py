"""``pulumi-tcmpp diff``: declared fields only, objects on one side, references, exit codes."""

from __future__ import annotations

import re
import socket
from pathlib import Path
from typing import Any

import pytest
import yaml

from pulumi_tcmpp.cli.main import main
from pulumi_tcmpp.clone.compare import Side, compare
from pulumi_tcmpp.clone.export import ExportResult
from pulumi_tcmpp.clone.render import dumps
from pulumi_tcmpp.clone.select import Selection
from pulumi_tcmpp.clone.spec import parse_spec
from pulumi_tcmpp.emulator import Emulator
from tests.clone.conftest import Source, set_env


def diff(*args: str) -> int:
    return main(["diff", "--quiet", *args])


@pytest.fixture
def spec_file(tmp_path: Path, source_export: ExportResult) -> Path:
    path = tmp_path / "staging.yaml"
    path.write_text(dumps(source_export.spec))
    return path


def table_rows(table: str) -> list[tuple[str, ...]]:
    """The data rows of a diff table, cells split on runs of spaces."""
    lines = table.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("---"))
    return [tuple(re.split(r"\s{2,}", line)) for line in lines[start + 1 :] if line.strip()][:-1]


def _write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(document))
    return path


# ---- exit code 0 ------------------------------------------------------------------------


def test_a_platform_and_its_own_export_are_the_same(
    monkeypatch: pytest.MonkeyPatch,
    source: Source,
    spec_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    set_env(monkeypatch, "SRC", source.emu)
    assert diff("--source", str(spec_file), "--target", "env:SRC") == 0
    assert diff("--source", "env:SRC", "--target", "env:SRC") == 0
    assert capsys.readouterr().out.startswith("No differences between")


# ---- exit code 1 ------------------------------------------------------------------------


def test_an_empty_target_lacks_every_object_and_extras_are_listed_too(
    monkeypatch: pytest.MonkeyPatch,
    source: Source,
    target: Emulator,
    capsys: pytest.CaptureFixture[str],
) -> None:
    set_env(monkeypatch, "SRC", source.emu)
    set_env(monkeypatch, "DST", target)
    assert diff("--source", "env:SRC", "--target", "env:DST") == 1
    table = capsys.readouterr().out
    assert "user alice.chen" in table and "team Payments" in table
    assert "member " not in table and "sensitive API" not in table  # in their parents' rows
    assert "43 objects only in the source, 0 only in the target" in table
    assert "U20" not in table  # ids are never shown
    assert diff("--source", "env:DST", "--target", "env:SRC", "--include", "users") == 1
    assert "0 objects only in the source, 22 only in the target" in capsys.readouterr().out


def test_only_declared_fields_are_compared(
    monkeypatch: pytest.MonkeyPatch,
    source: Source,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A hand-written spec: optional fields it leaves out are not compared."""
    set_env(monkeypatch, "SRC", source.emu)
    document = {
        "users": {
            "alice": {"account": "alice.chen", "name": "Alice Chen"},
            "olivia": {"account": "olivia.park@example.com", "name": "Olivia Park"},
        },
        "teams": {"pay": {"name": "Payments", "role": "application", "admin": "alice"}},
        "applications": {
            "wallet": {
                "name": "Pay Wallet",
                "team": "pay",
                "type": "formal",
                "logo": "https://cdn.example.com/logos/pay-wallet.png",
                "intro": "Another intro",
            }
        },
    }
    spec = _write(tmp_path / "hand.yaml", document)
    only = ["--include", "users:alice.chen", "--include", "users:olivia*"]
    only += ["--include", "teams:Payments", "--include", "applications:Pay Wallet"]
    assert diff("--source", str(spec), "--target", "env:SRC", *only) == 1
    table = capsys.readouterr().out
    # the intro differs; olivia's account type defaults to member; the rest is not declared
    assert table_rows(table) == [
        ("user olivia.park@example.com", "account_type", "member", "platform_admin"),
        (
            "application Pay Wallet",
            "intro",
            "Another intro",
            "Pay Wallet: the superapp of team Payments",
        ),
    ]


def test_config_references_match_by_pattern_or_by_the_values_given(
    monkeypatch: pytest.MonkeyPatch,
    source: Source,
    source_export: ExportResult,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    set_env(monkeypatch, "SRC", source.emu)
    document = yaml.safe_load(dumps(source_export.spec))
    wallet = document["applications"]["pay-wallet"]
    wallet["logo"] = {"config": "cdn", "format": "https://{}/logos/pay-wallet.png"}
    document["users"]["alice.chen"]["account"] = {"config": "alice_account"}
    spec = _write(tmp_path / "refs.yaml", document)
    args = ["--source", str(spec), "--target", "env:SRC"]
    # a natural key must resolve
    assert diff(*args) == 2
    assert "--config alice_account=VALUE" in capsys.readouterr().err
    # the logo fits its pattern: no difference without a value
    assert diff(*args, "--config", "alice_account=alice.chen") == 0
    # with the target's values, from a stack config file
    stack = _write(
        tmp_path / "Pulumi.prod.yaml",
        {"config": {"proj:cdn": "cdn.prod.example.com", "proj:alice_account": "alice.chen"}},
    )
    assert diff(*args, "--config-file", str(stack)) == 1
    assert "https://cdn.prod.example.com/logos/pay-wallet.png" in capsys.readouterr().out


# ---- exit code 2 ------------------------------------------------------------------------


def test_misuse_exits_2(
    monkeypatch: pytest.MonkeyPatch,
    source: Source,
    spec_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    set_env(monkeypatch, "SRC", source.emu)
    with pytest.raises(SystemExit) as exited:  # argparse: a required option missing
        diff("--source", "env:SRC")
    assert exited.value.code == 2
    assert diff("--source", "staging", "--target", "env:SRC") == 2
    assert "names no environment" in capsys.readouterr().err
    assert diff("--source", str(tmp_path / "missing.yaml"), "--target", "env:SRC") == 2
    bad = _write(tmp_path / "bad.yaml", {"users": {"a": {"account": "a"}}, "teamz": {}})
    assert diff("--source", str(bad), "--target", "env:SRC") == 2
    err = capsys.readouterr().err
    assert "users.a.name: Field required" in err and "teamz: unknown key" in err
    assert diff("--source", str(spec_file), "--target", "env:SRC", "--exclude", "teams:x") == 2
    assert "matched nothing" in capsys.readouterr().err
    assert diff("--source", str(spec_file), "--target", "env:SRC", "--config", "novalue") == 2
    set_env(monkeypatch, "BAD", source.emu, secret_key="wrong-key")
    assert diff("--source", str(spec_file), "--target", "env:BAD") == 2
    assert "AuthFailure" in capsys.readouterr().err
    set_env(monkeypatch, "ELSEWHERE", source.emu, platform_id="T00000000000000000")
    assert diff("--source", str(spec_file), "--target", "env:ELSEWHERE") == 2


# ---- exit code 3 ------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_environment_exits_3(
    monkeypatch: pytest.MonkeyPatch,
    source: Source,
    spec_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    endpoint = f"http://127.0.0.1:{_closed_port()}"
    set_env(monkeypatch, "GONE", source.emu, endpoint=endpoint, max_retries=0)
    assert diff("--source", str(spec_file), "--target", "env:GONE") == 3
    assert "could not connect" in capsys.readouterr().err
    set_env(monkeypatch, "SICK", source.emu, max_retries=0)
    source.emu.add_fault({"kind": "error", "action": "DescribeTeamList", "code": "InternalError"})
    assert diff("--source", "env:SICK", "--target", str(spec_file)) == 3


# ---- the comparison itself --------------------------------------------------------------


def _spec(**sections: Any) -> Side:
    return Side(parse_spec(sections), "spec", from_file=True)


def test_matching_is_by_natural_key_not_logical_name() -> None:
    left = _spec(users={"a": {"account": "alice", "name": "Alice"}})
    right = Side(parse_spec({"users": {"alice-2": {"account": "alice", "name": "Al"}}}), "live")
    (row,) = compare(left, right)
    assert (row.object, row.field, row.source, row.target) == ("user alice", "name", "Alice", "Al")


def test_lists_compare_as_sets_and_include_scopes_the_comparison() -> None:
    users = {"a": {"account": "a", "name": "A"}}
    teams = {"t": {"name": "T", "role": "mini_program", "admin": "a"}}
    mnp = {
        "name": "M",
        "team": "t",
        "categories": ["Tools->41_Weather", "Tools->40_Calculator"],
        "icon": "https://x/i.png",
        "intro": "i",
        "description": "d",
        "domains": {"request": ["https://b", "https://a"]},
    }
    other = {**mnp, "categories": list(reversed(mnp["categories"]))}
    other["domains"] = {"request": ["https://a", "https://b"]}
    left = _spec(users=users, teams=teams, mini_programs={"m": mnp})
    right = _spec(users=users, teams=teams, mini_programs={"m": other})
    assert compare(left, right) == []
    extra = _spec(users={**users, "b": {"account": "b", "name": "B"}}, teams=teams)
    assert compare(extra, right, Selection.parse(["users:b"]))[0].object == "user b"
