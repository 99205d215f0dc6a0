"""Creates under faults (``resources/_creates.py``): never a leak, never a duplicate, never a
foreign object claimed.

These tests call the providers' ``create`` in this process, as the provider server does, against
the emulator with its fault injection, and look at what the emulator holds afterwards. One fault
per create action and fault kind, two faults in a row, and a foreign object under a lost answer.
Interrupted runs (killed engine, killed provider) are in ``test_interrupted_up.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from pulumi.dynamic import ConfigureRequest

from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.errors import ValidationError
from pulumi_tcmpp.resources._creates import ExistsError, OutcomeStillUnknownError
from pulumi_tcmpp.resources._provider import TcmppProvider
from pulumi_tcmpp.resources._runtime import remember_stack_config
from pulumi_tcmpp.resources.application import ApplicationProvider
from pulumi_tcmpp.resources.domain_acl import DomainACLProvider
from pulumi_tcmpp.resources.global_domain import GlobalDomainProvider
from pulumi_tcmpp.resources.mini_program import MiniProgramProvider
from pulumi_tcmpp.resources.sensitive_api import SensitiveAPIProvider
from pulumi_tcmpp.resources.team import TeamProvider
from pulumi_tcmpp.resources.team_member import TeamMemberProvider
from pulumi_tcmpp.resources.user import UserProvider
from tests.resources.helpers import (
    PASSWORD,
    actions,
    creates_sent_after_a_lost_answer,
    made_accounts,
    records,
)
from tests.resources.vendor import Vendor


class _Config:
    """What ``ConfigureRequest.config`` offers the provider: ``get(key)``."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values

    def get(self, key: str) -> str | None:
        return self.values.get(key)


@pytest.fixture
def configured(emu: Emulator) -> Iterator[Callable[..., None]]:
    """Configure this process as the provider server would, pointed at the emulator."""

    def configure(**extra: str) -> None:
        values = {
            "tcmpp:endpoint": emu.endpoint,
            "tcmpp:secretId": emu.secret_id,
            "tcmpp:secretKey": emu.secret_key,
            "tcmpp:platformId": emu.platform_id,
            "tcmpp:visibilityTimeout": "2",
            **extra,
        }
        remember_stack_config(ConfigureRequest(_Config(values)))  # type: ignore[arg-type]

    configure()
    yield configure
    remember_stack_config(ConfigureRequest(_Config({})))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Case:
    """One create action: the provider, its inputs, and where the emulator keeps the object."""

    action: str
    provider: type[TcmppProvider[Any]]
    inputs: Callable[[Vendor], dict[str, Any]]
    kind: str
    key: Callable[[dict[str, Any]], bool]
    id_field: str

    def objects(self, emu: Emulator) -> list[dict[str, Any]]:
        return [r for r in records(emu, self.kind) if self.key(r)]


def _admin(vendor: Vendor) -> str:
    return vendor.create_user("console-admin")


def _app_team(vendor: Vendor) -> str:
    return vendor.create_team("Apps", 2, _admin(vendor))


def _mnp_team(vendor: Vendor) -> str:
    return vendor.create_team("MNPs", 1, _admin(vendor))


CASES = [
    Case(
        "CreateUser",
        UserProvider,
        lambda v: {"account": "alice", "name": "Alice", "password": PASSWORD},
        "user",
        lambda r: r["user_account"] == "alice",
        "user_id",
    ),
    Case(
        "CreateTeam",
        TeamProvider,
        lambda v: {"name": "Ops", "role": 2, "admin_user_id": _admin(v)},
        "team",
        lambda r: r["team_name"] == "Ops",
        "team_id",
    ),
    Case(
        "CreateApplication",
        ApplicationProvider,
        lambda v: {
            "name": "Shop",
            "team_id": _app_team(v),
            "type": 1,
            "logo": "https://cdn.example.com/shop.png",
            "intro": "Shop",
            "android_package_name": "com.example.shop",  # some readings require one
        },
        "application",
        lambda r: r["application_name"] == "Shop",
        "application_id",
    ),
    Case(
        "CreateMNP",
        MiniProgramProvider,
        lambda v: {
            "name": "Pickup",
            "team_id": _mnp_team(v),
            "categories": ["Tools->40_Calculator"],
            "icon": "https://cdn.example.com/pickup.png",
            "intro": "Pickup",
            "description": "Pickup",
        },
        "mnp",
        lambda r: r["mnp_name"] == "Pickup",
        "mnp_id",
    ),
    Case(
        "CreateApplicationSensitiveAPI",
        SensitiveAPIProvider,
        lambda v: {
            "application_id": v.create_application("Shop", _app_team(v)),
            "name": "getPhone",
            "description": "Phone",
            "restricted": True,
        },
        "sensitive_api",
        lambda r: r["api_name"] == "getPhone",
        "api_id",
    ),
    Case(
        "CreateGlobalDomainACL",
        GlobalDomainProvider,
        lambda v: {"url": "cdn.example.com", "kind": 1},
        "global_domain",
        lambda r: r["domain_url"] == "cdn.example.com",
        "domain_id",
    ),
    Case(
        "CreateMNPDomainACL",
        DomainACLProvider,
        lambda v: {
            "mini_program_id": v.create_mini_program("Pickup", _mnp_team(v)),
            "request_domains": ["https://api.example.com"],
        },
        "mnp_domain",
        lambda r: "https://api.example.com" in str(r),
        "mnp_id",
    ),
    Case(
        "AddTeamMember",
        TeamMemberProvider,
        lambda v: {
            "team_id": _app_team(v),
            "user_id": v.create_user("bob"),
            "role_id": 20071,
        },
        "member",
        lambda r: r.get("role_id") == 20071,
        "user_id",
    ),
]

FAULTS = {
    "internal-error-before": {"kind": "error", "code": "InternalError", "when": "before"},
    "internal-error-after": {"kind": "error", "code": "InternalError", "when": "after"},
    "http-503-before": {"kind": "http", "status": 503, "when": "before"},
    "http-503-after": {"kind": "http", "status": 503, "when": "after"},
    "lost-before": {"kind": "drop", "when": "before"},
    "lost-after": {"kind": "drop", "when": "after"},
    "rate-limited": {"kind": "error", "code": "RequestLimitExceeded", "when": "before"},
}


def _create(case: Case, inputs: dict[str, Any]) -> Any:
    return case.provider().create(dict(inputs))


@pytest.mark.parametrize("fault", FAULTS, ids=str)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.action)
def test_one_fault_on_a_create_makes_exactly_one_object_recorded_under_its_id(
    case: Case, fault: str, emu: Emulator, vendor: Vendor, configured: Callable[..., None]
) -> None:
    inputs = case.inputs(vendor)
    emu.add_fault({**FAULTS[fault], "action": case.action, "count": 1})
    emu.clear_request_log()

    result = _create(case, inputs)

    [made] = case.objects(emu)  # one, never two
    assert str(made[case.id_field]) in result.id
    sent = actions(emu).count(case.action)
    if fault == "rate-limited":  # not processed: the client retries it
        assert sent == 2, actions(emu)
    else:
        when = "after" if fault.endswith("after") else "before"
        assert sent in creates_sent_after_a_lost_answer(emu, when), actions(emu)


@pytest.mark.parametrize("fault", FAULTS, ids=str)
def test_a_preset_key_whose_answer_is_lost_or_refused_is_simply_asked_again(
    fault: str, emu: Emulator, configured: Callable[..., None]
) -> None:
    emu.add_fault({**FAULTS[fault], "action": "CreatePresetKey", "count": 1})

    result = UserProvider().create({"account": "alice", "name": "Alice", "password": PASSWORD})

    [user] = [u for u in records(emu, "user") if u["user_account"] == "alice"]
    assert result.id == user["user_id"]
    assert actions(emu).count("CreateUser") == 1


def test_a_lost_preset_key_then_a_lost_user_answer_still_records_the_one_user(
    emu: Emulator, configured: Callable[..., None]
) -> None:
    emu.add_fault({"kind": "drop", "when": "after", "action": "CreatePresetKey", "count": 1})
    emu.add_fault({"kind": "drop", "when": "after", "action": "CreateUser", "count": 1})

    result = UserProvider().create({"account": "alice", "name": "Alice", "password": PASSWORD})

    [user] = [u for u in records(emu, "user") if u["user_account"] == "alice"]
    assert result.id == user["user_id"]


def _after_first(emu: Emulator, action: str, rule: dict[str, Any]) -> None:
    """Add ``rule`` to the emulator's faults when ``action`` is first answered."""
    handle = emu.app.handle
    armed = [True]

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        reply = handle(*args, **kwargs)
        headers = {k.lower(): v for k, v in args[3].items()}
        if armed[0] and headers.get("x-tc-action") == action:
            armed[0] = False
            emu.add_fault(rule)
        return reply

    emu.app.handle = wrapped  # type: ignore[method-assign]


def test_a_lost_answer_then_a_lookup_whose_retries_run_out_still_records_the_one_user(
    emu: Emulator, configured: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(emu.app, "handle", emu.app.handle)  # restored after the test
    emu.add_fault({"kind": "drop", "when": "after", "action": "CreateUser", "count": 1})
    _after_first(  # every try of the reconciling lookup fails (1 + 4 retries)
        emu, "CreateUser", {"kind": "error", "action": "DescribeUserList", "count": 5}
    )

    result = UserProvider().create({"account": "alice", "name": "Alice", "password": PASSWORD})

    [user] = [u for u in records(emu, "user") if u["user_account"] == "alice"]
    assert result.id == user["user_id"]
    # the second CreateUser was refused (the account exists): the first one had happened
    assert actions(emu).count("CreateUser") == 2


def test_a_refusal_after_a_lost_answer_waits_for_the_listing_then_stands(
    emu: Emulator, configured: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second create refused with a plain code may mean the first one happened (AddTeamMember
    answers "already a member" as InvalidParameterValue): the provider waits for the object to
    be listed, bounded by tcmpp:visibilityTimeout, and raises the refusal when nothing is."""
    monkeypatch.setattr(emu.app, "handle", emu.app.handle)
    emu.add_fault({"kind": "drop", "when": "before", "action": "CreateUser", "count": 1})
    refusal = {"kind": "error", "action": "CreateUser", "code": "InvalidParameterValue"}
    _after_first(emu, "CreateUser", {**refusal, "count": 1})

    with pytest.raises(ValidationError, match=r"CreateUser failed: \[InvalidParameterValue\]"):
        UserProvider().create({"account": "alice", "name": "Alice", "password": PASSWORD})

    assert made_accounts(emu) == []
    assert actions(emu).count("CreateUser") == 2
    assert actions(emu).count("DescribeUserList") >= 3  # first look, reconcile, the wait


def test_an_outcome_that_stays_unknown_fails_the_step_and_the_next_run_takes_it_over(
    emu: Emulator, configured: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(emu.app, "handle", emu.app.handle)
    emu.add_fault({"kind": "drop", "when": "after", "action": "CreateTeam", "count": 1})
    admin = Vendor(emu).create_user("console-admin")
    _after_first(emu, "CreateTeam", {"kind": "http", "action": "DescribeTeamList"})

    with pytest.raises(OutcomeStillUnknownError) as unknown:
        TeamProvider().create({"name": "Ops", "role": 2, "admin_user_id": admin})
    assert "the next `pulumi up` takes the object over" in str(unknown.value)
    [team] = records(emu, "team")  # made once, though unrecorded so far

    emu.clear_faults()
    other_admin = Vendor(emu).create_user("another-admin")
    with pytest.raises(ExistsError):  # other inputs than the interrupted create's: not proven
        TeamProvider().create({"name": "Ops", "role": 2, "admin_user_id": other_admin})
    again = TeamProvider().create({"name": "Ops", "role": 2, "admin_user_id": admin})

    assert again.id == team["team_id"]
    assert [t["team_name"] for t in records(emu, "team")] == ["Ops"]
    again_twice = pytest.raises(ExistsError)  # resolved: a third create is a plain conflict
    with again_twice:
        TeamProvider().create({"name": "Ops", "role": 2, "admin_user_id": admin})


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("case", CASES[:6], ids=lambda c: c.action)
def test_a_foreign_object_is_never_claimed_even_when_the_answer_is_lost(
    case: Case, when: str, emu: Emulator, vendor: Vendor, configured: Callable[..., None]
) -> None:
    inputs = case.inputs(vendor)
    other = case.provider().create(dict(inputs))  # made by someone else, in another stack
    [foreign] = case.objects(emu)
    emu.wait_until_visible()  # it existed before this create: the platform's reads show it
    emu.add_fault({"kind": "drop", "action": case.action, "when": when})
    emu.clear_request_log()

    with pytest.raises(ExistsError) as refused:
        _create(case, inputs)

    assert case.objects(emu) == [foreign]  # untouched, and no second one
    assert case.action not in actions(emu)  # the lookup found it before any write
    message = str(refused.value)
    assert "already exists" in message and "Nothing was written" in message
    assert f"pulumi up --config tcmpp:adoptIds={other.id}" in message


def test_domain_lists_set_again_by_someone_else_after_our_delete_are_not_taken_for_free(
    emu: Emulator, vendor: Vendor, configured: Callable[..., None]
) -> None:
    """An object this process deleted a moment ago is skipped by the lookup (reads may still
    show it), but a DomainACL's id is its mini program's: lists set again since are someone
    else's, and the create refuses instead of merging into them."""
    mnp = vendor.create_mini_program("Pickup", _mnp_team(vendor))
    inputs = {"mini_program_id": mnp, "request_domains": ["https://api.example.com"]}
    made = DomainACLProvider().create(dict(inputs))
    DomainACLProvider().delete(made.id, made.outs)
    theirs = [{"DomainType": 1, "DomainUrlList": ["https://theirs.example.com"]}]
    vendor.call("CreateMNPDomainACL", MNPId=mnp, Domain=theirs)
    emu.wait_until_visible()
    emu.clear_request_log()

    with pytest.raises(ExistsError, match=r"theirs\.example\.com"):
        DomainACLProvider().create(dict(inputs))

    assert "CreateMNPDomainACL" not in actions(emu)


@pytest.mark.parametrize("case", CASES[:6], ids=lambda c: c.action)
def test_a_foreign_object_too_new_to_be_listed_is_refused_by_the_platform_not_claimed(
    case: Case, emu: Emulator, vendor: Vendor, configured: Callable[..., None]
) -> None:
    """Where reads trail writes, the lookup cannot see an object made a moment ago; the
    platform's duplicate refusal then stops the create, and nothing is claimed."""
    inputs = case.inputs(vendor)
    case.provider().create(dict(inputs))  # someone else's, made just now
    [foreign] = case.objects(emu)

    with pytest.raises(ExistsError, match="already exists"):
        _create(case, inputs)

    assert case.objects(emu) == [foreign]


def test_adopt_ids_takes_over_exactly_the_named_object(
    emu: Emulator, vendor: Vendor, configured: Callable[..., None]
) -> None:
    admin = vendor.create_user("console-admin")
    team_id = vendor.create_team("Ops", 2, admin)
    other = vendor.create_team("Other", 2, admin)
    configured(**{"tcmpp:adoptIds": f"{team_id}, 999"})

    taken = TeamProvider().create({"name": "Ops", "role": 2, "admin_user_id": admin})
    assert taken.id == team_id
    with pytest.raises(ExistsError):
        TeamProvider().create({"name": "Other", "role": 2, "admin_user_id": admin})
    assert sorted(t["team_id"] for t in records(emu, "team")) == sorted([team_id, other])


def test_two_creates_lost_before_the_platform_acted_are_followed_by_a_third(
    emu: Emulator, vendor: Vendor, configured: Callable[..., None]
) -> None:
    admin = vendor.create_user("console-admin")
    emu.add_fault({"kind": "http", "action": "CreateTeam", "when": "before", "count": 2})

    result = TeamProvider().create({"name": "Ops", "role": 2, "admin_user_id": admin})

    [team] = records(emu, "team")
    assert result.id == team["team_id"]
    assert actions(emu).count("CreateTeam") == 3  # each one safe: a duplicate name is refused
