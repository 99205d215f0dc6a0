"""``pulumi-tcmpp export`` against the seeded platform: content, determinism, requests, files."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import pytest
import yaml

from pulumi_tcmpp.cli.main import main
from pulumi_tcmpp.clone.discover import discover
from pulumi_tcmpp.clone.export import ExportResult, build_spec
from pulumi_tcmpp.clone.progress import Progress
from pulumi_tcmpp.clone.render import to_document
from pulumi_tcmpp.clone.select import Selection, SelectionError
from pulumi_tcmpp.clone.snapshot import Snapshot
from pulumi_tcmpp.clone.spec import ConfigRef, SecretRef, load_spec
from tests.clone.conftest import Source, day_one_notes, set_env, without_provenance
from tests.clone.seed import MEMBERS, TEAMS, USERS, client_of


def export(monkeypatch: pytest.MonkeyPatch, source: Source, *args: str) -> int:
    set_env(monkeypatch, "SRC", source.emu)
    return main(["export", "--source", "env:SRC", "--quiet", *args])


# ---- what the spec holds ----------------------------------------------------------------


def test_the_spec_holds_every_seeded_object_by_logical_name(
    source: Source, source_export: ExportResult
) -> None:
    spec = source_export.spec
    counts = {
        "users": len(spec.users),
        "teams": len(spec.teams),
        "members": sum(len(t.members) for t in spec.teams.values()),
        "applications": len(spec.applications),
        "sensitive_apis": sum(len(a.sensitive_apis) for a in spec.applications.values()),
        "mini_programs": len(spec.mini_programs),
        "domain_acls": sum(1 for m in spec.mini_programs.values() if m.domains),
        "global_allow": len(spec.global_domains.allow),
        "global_block": len(spec.global_domains.block),
    }
    assert counts == {
        "users": len(USERS),
        "teams": len(TEAMS),
        "members": sum(len(m) for m in MEMBERS.values()),
        "applications": 4,
        "sensitive_apis": 6,
        "mini_programs": 4,
        "domain_acls": 3,
        "global_allow": 4,
        "global_block": 3,
    }
    assert source_export.notes == day_one_notes(source.emu)
    assert "admin" not in {str(u.account) for u in spec.users.values()}  # the super admin


def test_references_are_logical_names_and_ids_appear_only_as_provenance(
    source: Source, source_export: ExportResult
) -> None:
    spec = source_export.spec
    payments = spec.teams["payments"]
    assert payments.admin == "alice.chen"
    assert payments.remark is None  # write-only: no read returns it
    assert {m.user: m.role for m in payments.members} == {
        "frank.ito": "Application Developer",
        "grace.kim": "Application Senior Developer",
        "heidi.ng": "Review Staff",
        "platform.owner": "Application Operator",
    }  # the admin is not listed: the API makes them a member by itself
    assert spec.teams["mini-payments"].related_team == "payments"
    assert spec.applications["pay-wallet"].team == "payments"
    assert spec.mini_programs["pay-bills"].team == "mini-payments"
    users = spec.users
    assert users["olivia.park-example.com"].account_type == "platform_admin"
    assert users["bob_smith"].account == "Bob_Smith"
    assert users["alice.chen"].password == SecretRef(secret="alice.chen-password")
    ids = {*source.seeded.user_ids.values(), *source.seeded.team_ids.values()}
    ids |= {*source.seeded.application_ids.values(), *source.seeded.mini_program_ids.values()}
    text = json.dumps(without_provenance(to_document(spec)))
    assert [i for i in ids if i in json.dumps(to_document(spec))]  # provenance has them
    assert not [i for i in ids if i in text]  # nothing else does
    assert spec.users["alice.chen"].source is not None
    assert spec.users["alice.chen"].source.id == source.seeded.user_ids["alice.chen"]


def test_teams_whose_slugs_collide_get_stable_hashed_names(source_export: ExportResult) -> None:
    teams = source_export.spec.teams
    by_name = {str(t.name): n for n, t in teams.items()}
    assert by_name["Ops Team"].startswith("ops-team-")
    assert by_name["ops-team"].startswith("ops-team-")
    assert teams[by_name["ops-team"]].related_team == by_name["Ops Team"]


def test_defaults_are_stripped_and_keys_sorted(
    monkeypatch: pytest.MonkeyPatch, source: Source, tmp_path: Path
) -> None:
    out = tmp_path / "platform.yaml"
    assert export(monkeypatch, source, "-o", str(out)) == 0
    document = yaml.safe_load(out.read_text())
    assert document["version"] == 1
    assert "account_type" not in document["users"]["alice.chen"]  # member, the default
    assert (
        "restricted" not in document["applications"]["pay-wallet"]["sensitive_apis"]["getLocation"]
    )
    assert "domains" not in document["mini_programs"]["campus-card"]
    assert list(document) == sorted(document)
    assert list(document["users"]) == sorted(document["users"])
    assert load_spec(out).users.keys() == document["users"].keys()  # the file validates


# ---- determinism --------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_exporting_twice_gives_byte_identical_files(
    monkeypatch: pytest.MonkeyPatch, source: Source, tmp_path: Path, suffix: str
) -> None:
    first, second = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
    assert export(monkeypatch, source, "-o", str(first)) == 0
    assert export(monkeypatch, source, "-o", str(second), "--page-size", "3", "--workers", "2") == 0
    assert first.read_bytes() == second.read_bytes()
    assert load_spec(first).teams.keys() == load_spec(second).teams.keys()


def test_both_back_ends_export_the_same_spec(
    monkeypatch: pytest.MonkeyPatch, source: Source, tmp_path: Path
) -> None:
    tcmpp, tcsas = tmp_path / "tcmpp.yaml", tmp_path / "tcsas.yaml"
    assert export(monkeypatch, source, "-o", str(tcmpp)) == 0
    assert export(monkeypatch, source, "-o", str(tcsas), "--backend", "tcsas") == 0
    first, second = yaml.safe_load(tcmpp.read_text()), yaml.safe_load(tcsas.read_text())
    assert (first.pop("source")["backend"], second.pop("source")["backend"]) == ("tcmpp", "tcsas")
    assert first == second


# ---- --previous -------------------------------------------------------------------------


def _edited_previous(path: Path) -> None:
    """What an operator does to an exported spec before promoting it."""
    document = yaml.safe_load(path.read_text())
    wallet = document["applications"]["pay-wallet"]
    wallet["logo"] = {"config": "cdn_host", "format": "https://{}/logos/pay-wallet.png"}
    wallet["android_package_name"] = {"config": "android_package"}
    wallet["intro"] = {"config": "intro", "format": "Something else: {}"}  # no longer fits
    document["mini_programs"]["pay-bills"]["domains"]["request"] = [
        {"config": "api_host", "format": "https://{}.example.com"},
        "https://pay.example.com",
    ]
    document["global_domains"]["allow"][0] = {"config": "allowed_api"}
    alice = document["users"].pop("alice.chen")
    alice["password"] = {"secret": "alice-initial-password"}
    document["users"]["alice"] = alice  # a logical name chosen by hand
    for team in document["teams"].values():
        if team["admin"] == "alice.chen":
            team["admin"] = "alice"
    document["teams"]["payments"]["remark"] = "Wallet and billing"
    document["allowed_platform_ids"] = ["T04827BQ9761718REMX"]
    path.write_text(yaml.safe_dump(document))


def test_previous_keeps_references_placeholders_and_names(
    monkeypatch: pytest.MonkeyPatch, source: Source, tmp_path: Path
) -> None:
    previous = tmp_path / "previous.yaml"
    assert export(monkeypatch, source, "-o", str(previous)) == 0
    _edited_previous(previous)
    out = tmp_path / "next.yaml"
    assert export(monkeypatch, source, "-o", str(out), "--previous", str(previous)) == 0
    spec = load_spec(out)
    wallet = spec.applications["pay-wallet"]
    assert wallet.logo == ConfigRef(config="cdn_host", format="https://{}/logos/pay-wallet.png")
    assert wallet.android_package_name == ConfigRef(config="android_package")
    assert wallet.intro == "Pay Wallet: the superapp of team Payments"  # the literal again
    request = spec.mini_programs["pay-bills"].domains.request  # type: ignore[union-attr]
    assert request == [
        ConfigRef(config="api_host", format="https://{}.example.com"),
        "https://pay.example.com",
    ]
    assert ConfigRef(config="allowed_api") in spec.global_domains.allow
    assert "alice" in spec.users and "alice.chen" not in spec.users
    assert spec.users["alice"].password == SecretRef(secret="alice-initial-password")
    assert spec.teams["payments"].admin == "alice"
    assert spec.teams["payments"].remark == "Wallet and billing"
    assert spec.allowed_platform_ids == ["T04827BQ9761718REMX"]
    # and a re-export with the new file as previous changes nothing
    again = tmp_path / "again.yaml"
    assert export(monkeypatch, source, "-o", str(again), "--previous", str(out)) == 0
    assert again.read_bytes() == out.read_bytes()


# ---- include and exclude -----------------------------------------------------------------


def test_everything_but_users_keeps_only_referenced_users_as_references(
    source_snapshot: Snapshot, source_export: ExportResult
) -> None:
    result = build_spec(source_snapshot, selection=Selection.parse([], ["users"]))
    spec = result.spec
    referenced = {t.admin for t in spec.teams.values()}
    referenced |= {m.user for t in spec.teams.values() for m in t.members}
    assert set(spec.users) == referenced
    assert result.reference_only["users"] == referenced
    assert "tina.gao" not in spec.users  # in no team: left out
    assert spec.applications == source_export.spec.applications
    assert any("kept only as references" in note for note in result.notes)


def test_one_teams_applications_only(source_snapshot: Snapshot) -> None:
    result = build_spec(source_snapshot, selection=Selection.parse(["applications@payments"]))
    spec = result.spec
    assert set(spec.applications) == {"pay-wallet", "pay-sandbox"}
    assert set(spec.teams) == {"payments"}
    assert spec.teams["payments"].members == []  # a reference only: no members managed
    assert set(spec.users) == {"alice.chen"}
    assert spec.mini_programs == {} and spec.global_domains.allow == []
    assert result.reference_only == {"teams": {"payments"}, "users": {"alice.chen"}}


def test_a_pattern_matching_nothing_is_an_error_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch,
    source: Source,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "platform.yaml"
    assert export(monkeypatch, source, "-o", str(out), "--include", "teams:nope*") == 2
    assert "1 pattern matched nothing: teams:nope*" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(SelectionError, match="unknown type"):
        Selection.parse(["team:payments"])


# ---- reading ------------------------------------------------------------------------------


def test_requests_are_one_per_page_plus_the_reads_no_list_replaces(source: Source) -> None:
    page = 5
    with client_of(source.emu) as client:
        snapshot = discover(client, page_size=page, workers=4)
    users = len(USERS) + 1  # and the super admin
    pages = lambda n: max(1, math.ceil(n / page))  # noqa: E731
    assert dict(snapshot.calls) == {
        "DescribeUserList": pages(users),
        "DescribeTeamList": pages(len(TEAMS)),
        "DescribeTeamMemberList": pages(sum(len(m) for m in MEMBERS.values()) + len(TEAMS)),
        "DescribeApplicationList": 1,
        "DescribeMNPList": 1,
        "DescribeGlobalDomainACL": pages(7),
        "DescribeMNP": 4,
        "DescribeMNPDomainACL": 4,
        "DescribeApplicationSensitiveAPIList": 4,
    }
    log = source.emu.request_log()
    assert len(log) == sum(snapshot.calls.values())
    assert all(entry["code"] is None for entry in log)  # never over the 20/s limit


def test_progress_goes_to_stderr_and_quiet_silences_it(
    monkeypatch: pytest.MonkeyPatch,
    source: Source,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    set_env(monkeypatch, "SRC", source.emu)
    assert main(["export", "--source", "env:SRC", "-o", str(tmp_path / "p.yaml")]) == 0
    err = capsys.readouterr().err
    assert "pages" in err and "object reads" in err and "wrote 22 users" in err
    assert export(monkeypatch, source, "-o", str(tmp_path / "q.yaml")) == 0
    notes = "".join(f"note: {note}\n" for note in day_one_notes(source.emu))
    assert capsys.readouterr().err == notes  # notes still say what was left out
    stream = io.StringIO()
    progress = Progress(stream, "reading", interval=0)
    progress.expect(pages=4)
    progress.done(pages=1)
    progress.finish()
    assert stream.getvalue().splitlines()[-1] == (
        "reading [######------------------] 1/4 pages, 0/0 object reads"
    )


def test_stdout_output(
    monkeypatch: pytest.MonkeyPatch, source: Source, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(monkeypatch, source, "-o", "-", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["version"] == 1


# ---- interrupted exports ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["yaml", "python"])
def test_an_export_failing_half_way_leaves_no_file(
    monkeypatch: pytest.MonkeyPatch,
    source: Source,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    # the domain lists are read last, after most of the platform: refuse them
    source.emu.add_fault(
        {
            "kind": "error",
            "action": "DescribeMNPDomainACL",
            "code": "AuthFailure.UnauthorizedOperation",
        }
    )
    out = tmp_path / ("platform.yaml" if fmt == "yaml" else "program")
    assert export(monkeypatch, source, "-o", str(out), "--format", fmt) == 2  # refused
    assert "DescribeMNPDomainACL" in capsys.readouterr().err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file either
    served = {e["action"] for e in source.emu.request_log()}
    assert {"DescribeUserList", "DescribeMNPList"} <= served  # it failed half way


def test_a_failed_export_leaves_the_previous_file_as_it_was(
    monkeypatch: pytest.MonkeyPatch, source: Source, tmp_path: Path
) -> None:
    out = tmp_path / "platform.yaml"
    out.write_text("previous content\n")
    source.emu.add_fault(
        {"kind": "error", "action": "DescribeTeamMemberList", "code": "AuthFailure"}
    )
    assert export(monkeypatch, source, "-o", str(out)) == 2  # AuthFailure: refused
    assert out.read_text() == "previous content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["platform.yaml"]
