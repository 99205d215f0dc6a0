"""``export --format python``: the program brings the same platform up on an empty emulator.

The clone is made once for the module (one ``up`` of ~60 resources through the offline
engine); the tests then read it: its export equals the source's except provenance, a second
``up`` changes nothing, and ``diff`` finds no difference until one is seeded.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pulumi_tcmpp.cli.main import main
from pulumi_tcmpp.clone.discover import discover
from pulumi_tcmpp.clone.export import ExportResult, build_spec
from pulumi_tcmpp.clone.pyprogram import render_program
from pulumi_tcmpp.clone.render import to_document
from pulumi_tcmpp.clone.select import Selection
from pulumi_tcmpp.clone.snapshot import Snapshot
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.testing import Result, Secret, Stack
from tests.clone.conftest import Source, day_one_notes, set_env, without_provenance
from tests.clone.seed import PASSWORD, client_of


@dataclass
class Clone:
    emu: Emulator
    stack: Stack
    folder: Path
    first_up: Result


def _config(emu: Emulator, export: ExportResult) -> dict[str, object]:
    config: dict[str, object] = {
        "tcmpp:endpoint": emu.endpoint,
        "tcmpp:secretId": emu.secret_id,
        "tcmpp:secretKey": Secret(emu.secret_key),
        "tcmpp:platformId": emu.platform_id,
    }
    for user in export.spec.users.values():
        assert user.password is not None
        config[user.password.secret] = Secret(PASSWORD)
    return config


def _export_program(source: Emulator, folder: Path) -> None:
    """Run the CLI as a user would, the source named by environment variables."""
    with pytest.MonkeyPatch.context() as patch:
        set_env(patch, "SRC", source)
        args = ["--format", "python", "-o", str(folder), "--project", "staging-clone"]
        assert main(["export", "--source", "env:SRC", "--quiet", *args]) == 0


@pytest.fixture(scope="module")
def clone(
    seeded_source: Source, source_export: ExportResult, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Clone]:
    folder = tmp_path_factory.mktemp("program")
    _export_program(seeded_source.emu, folder)
    with Emulator() as emu:
        config = _config(emu, source_export)
        stack = Stack(folder, state_path=str(folder / "state.json"), config=config)
        yield Clone(emu, stack, folder, stack.up())


def test_the_program_is_readable_python_with_references_not_ids(
    clone: Clone, source: Source
) -> None:
    text = (clone.folder / "__main__.py").read_text()
    ast.parse(text)
    assert "team_id=team_payments.team_id" in text
    assert "admin_user_id=user_alice_chen.user_id" in text
    assert 'password=config.require_secret("alice.chen-password")' in text
    assert "related_team_id=team_payments.team_id" in text
    assert "mini_program_id=mnp_pay_bills.mini_program_id" in text
    seeded = source.seeded
    ids = [*seeded.user_ids.values(), *seeded.team_ids.values(), *seeded.application_ids.values()]
    assert not [i for i in ids if i in text]
    assert (clone.folder / "Pulumi.yaml").read_text().startswith("name: staging-clone\n")
    assert "pulumi-tcmpp" in (clone.folder / "requirements.txt").read_text()


def test_the_program_brings_up_the_same_platform(clone: Clone, source_export: ExportResult) -> None:
    assert clone.first_up.ok, clone.first_up.render()
    assert set(clone.first_up.summary) == {"create"}
    with client_of(clone.emu) as client:
        cloned = build_spec(discover(client))
    assert cloned.notes == day_one_notes(clone.emu)
    assert without_provenance(to_document(cloned.spec)) == without_provenance(
        to_document(source_export.spec)
    )
    assert cloned.spec.users["alice.chen"].source != source_export.spec.users["alice.chen"].source


def test_a_second_up_changes_nothing(clone: Clone) -> None:
    second = clone.stack.up()
    assert second.ok, second.render()
    assert set(second.summary) == {"same"}


def test_diff_finds_nothing_then_a_seeded_difference(
    clone: Clone,
    source: Source,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    set_env(monkeypatch, "SRC", source.emu)
    set_env(monkeypatch, "DST", clone.emu)
    args = ["diff", "--source", "env:SRC", "--target", "env:DST", "--quiet"]
    assert main(args) == 0
    assert "No differences" in capsys.readouterr().out
    # change the clone out of band: a user's name, a member's role, a blocked domain
    with client_of(clone.emu) as client:
        _change_clone(client, clone.emu.platform_id)
    assert main(args) == 1
    table = capsys.readouterr().out
    assert "user alice.chen" in table and "Alice C." in table
    assert "blocked domain phish.example.com" in table and "(absent)" in table
    assert "member Payments / frank.ito" in table and "Application Operator" in table
    assert "3 differences" in table


def _change_clone(client: object, platform: str) -> None:
    from pulumi_tcmpp.api.domains import DeleteGlobalDomain, DescribeGlobalDomainACL
    from pulumi_tcmpp.api.teams import DescribeRoleList, ModifyTeamMember
    from pulumi_tcmpp.api.users import DescribeUserList, ModifyUser
    from pulumi_tcmpp.client import Client
    from pulumi_tcmpp.lookups import team_id

    assert isinstance(client, Client)
    users = {
        r.user_account: r
        for r in client.paginate(DescribeUserList(offset=0, limit=100, platform_id=platform))
    }
    alice = users["alice.chen"]
    client.call(
        ModifyUser(
            user_id=alice.user_id, user_name="Alice C.", account_type=3, platform_id=platform
        )
    )
    payments = team_id("Payments", settings=client.settings)
    roles = {
        r.role_name: r.role_id
        for r in client.paginate(DescribeRoleList(offset=0, limit=100, platform_id=platform))
    }
    client.call(
        ModifyTeamMember(
            team_id=payments,
            user_id=str(users["frank.ito"].user_id),
            role_id=int(roles["Application Operator"]),
            platform_id=platform,
        )
    )
    domains = client.paginate(DescribeGlobalDomainACL(offset=0, limit=100, platform_id=platform))
    (phish,) = [d for d in domains if d.domain_url == "phish.example.com"]
    client.call(DeleteGlobalDomain(domain_id=int(phish.domain_id), platform_id=platform))


def test_a_selected_export_refers_to_the_rest_by_lookup(source_snapshot: Snapshot) -> None:
    result = build_spec(source_snapshot, selection=Selection.parse(["applications@payments"]))
    text = render_program(result.spec, reference_only=result.reference_only)["__main__.py"]
    assert 'team_payments = tcmpp.team_id("Payments")' in text
    assert "team_id=team_payments," in text
    assert "tcmpp.Team(" not in text and "tcmpp.User(" not in text


def test_a_preview_of_a_change_to_the_program_plans_what_up_does(clone: Clone) -> None:
    """The program wires objects by identity outputs (``team_payments.team_id``): they stay
    known in the preview of an update, so renaming a team plans what ``up`` performs."""
    main_py = clone.folder / "__main__.py"
    text = main_py.read_text(encoding="utf-8")
    assert text.count('    name="Payments",\n') == 1
    main_py.write_text(text.replace('    name="Payments",\n', '    name="Payments Team",\n'))

    preview = clone.stack.preview()
    applied = clone.stack.up()

    assert preview.ok and applied.ok, (preview.render(), applied.render())

    def plan(result: Result) -> list[tuple[str, str, tuple[str, ...]]]:
        return sorted((s.name, s.op, tuple(s.replaces)) for s in result.steps if s.op != "same")

    assert plan(preview) == plan(applied) == [("payments", "update", ())]
