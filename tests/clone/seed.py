"""A realistic platform, seeded through the project's client (never through the exporter).

Reused by the export/diff tests and the Platform (apply) tests: ``seed_platform(emu)`` fills an
emulator and returns what it made, so a test can assert on counts and names without
re-deriving them. The data exercises what export must get right:

* both kinds of team, a mini program team related to an application team, and two teams
  whose names slug alike (``Ops Team`` and ``ops-team``) to exercise collision naming;
* 22 users (two platform admins), an account with capitals and one with ``@``;
* memberships with several preset roles on every team (admins are implicit members);
* applications of both types, with and without package names (where the readings allow an
  application without one) and remarks;
* sensitive APIs public and restricted, custom and system;
* mini programs with several categories, domain lists of every kind, and one without any;
* global allow and block entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pulumi_tcmpp.api.applications import CreateApplication
from pulumi_tcmpp.api.domains import CreateGlobalDomainACL, CreateMNPDomainACL
from pulumi_tcmpp.api.mini_programs import CreateMNP
from pulumi_tcmpp.api.sensitive_apis import (
    CreateApplicationSensitiveAPI,
    DescribeApplicationSensitiveAPIList,
    DisableApplicationSensitiveAPI,
)
from pulumi_tcmpp.api.teams import AddTeamMember, CreateTeam, DescribeRoleList, DescribeTeamList
from pulumi_tcmpp.api.types import (
    CreateApplicationSensitiveAPIReq,
    CreateDomainParam,
    CreateTeamMemberInfoReq,
)
from pulumi_tcmpp.api.users import CreateUser
from pulumi_tcmpp.client import Client, Settings, encrypt_with_preset_key
from pulumi_tcmpp.emulator import Emulator

__all__ = ["PASSWORD", "Seeded", "client_of", "seed_platform"]

PASSWORD = "Seed-Passw0rd!"

USERS: list[tuple[str, str, int]] = [
    ("olivia.park@example.com", "Olivia Park", 2),
    ("platform.owner", "Platform Owner", 2),
    ("alice.chen", "Alice Chen", 3),
    ("Bob_Smith", "Bob Smith", 3),
    ("carol.diaz", "Carol Diaz", 3),
    ("dave.lee", "Dave Lee", 3),
    ("erin.wu", "Erin Wu", 3),
    ("frank.ito", "Frank Ito", 3),
    ("grace.kim", "Grace Kim", 3),
    ("heidi.ng", "Heidi Ng", 3),
    ("ivan.petrov", "Ivan Petrov", 3),
    ("judy.tan", "Judy Tan", 3),
    ("ken.sato", "Ken Sato", 3),
    ("lena.ma", "Lena Ma", 3),
    ("mike.zhou", "Mike Zhou", 3),
    ("nina.lopez", "Nina Lopez", 3),
    ("oscar.lim", "Oscar Lim", 3),
    ("paul.yang", "Paul Yang", 3),
    ("quinn.ho", "Quinn Ho", 3),
    ("rosa.li", "Rosa Li", 3),
    ("sam.xu", "Sam Xu", 3),
    ("tina.gao", "Tina Gao", 3),
]

# name, role (1 mini program, 2 application), admin account, related team, remark
TEAMS: list[tuple[str, int, str, str | None, str | None]] = [
    ("Payments", 2, "alice.chen", None, "Wallet and billing"),
    ("Retail Apps", 2, "Bob_Smith", None, None),
    ("Ops Team", 2, "olivia.park@example.com", None, None),
    ("Mini Payments", 1, "carol.diaz", "Payments", None),
    ("ops-team", 1, "dave.lee", "Ops Team", None),
    ("Campus Mini", 1, "erin.wu", None, None),
]

MEMBERS: dict[str, list[tuple[str, str]]] = {
    "Payments": [
        ("frank.ito", "Application Developer"),
        ("grace.kim", "Application Senior Developer"),
        ("heidi.ng", "Review Staff"),
        ("platform.owner", "Application Operator"),
    ],
    "Retail Apps": [
        ("ivan.petrov", "Application Developer"),
        ("judy.tan", "Application Member Manager"),
        ("frank.ito", "Application Operator"),
    ],
    "Ops Team": [("ken.sato", "Application Developer"), ("lena.ma", "Review Staff")],
    "Mini Payments": [
        ("mike.zhou", "Mini Program Developer"),
        ("nina.lopez", "Mini Program Senior Developer"),
        ("grace.kim", "Mini Program Operator"),
    ],
    "ops-team": [("oscar.lim", "Mini Program Developer"), ("paul.yang", "Mini Program Operator")],
    "Campus Mini": [
        ("quinn.ho", "Mini Program Developer"),
        ("rosa.li", "Mini Program Member Manager"),
        ("sam.xu", "Mini Program Developer"),
    ],
}

# name, team, type (1 test, 2 formal), android, ios, remark
APPLICATIONS: list[tuple[str, str, int, str | None, str | None, str | None]] = [
    ("Pay Wallet", "Payments", 2, "com.example.wallet", "com.example.wallet", "Production"),
    ("Pay Sandbox", "Payments", 1, None, None, None),
    ("Retail Shop", "Retail Apps", 2, "com.example.shop", None, None),
    ("Ops Console", "Ops Team", 1, None, "com.example.console", "Internal only"),
]

# application, api name, description, type (1 system, 2 custom), restricted
SENSITIVE_APIS: list[tuple[str, str, str, int, bool]] = [
    ("Pay Wallet", "getPhoneNumber", "Read the user's phone number", 2, True),
    ("Pay Wallet", "getLocation", "Read the device location", 2, False),
    ("Pay Wallet", "scanCode", "Scan a QR code", 1, False),
    ("Retail Shop", "getUserProfile", "Read the user profile", 2, True),
    ("Retail Shop", "chooseAddress", "Pick a delivery address", 2, False),
    ("Ops Console", "readLogs", "Read device logs", 2, True),
]

# name, team, categories, domains by DomainType (1 request ... 5 download)
MINI_PROGRAMS: list[tuple[str, str, list[str], dict[int, list[str]]]] = [
    (
        "Pay Bills",
        "Mini Payments",
        ["Life Service->145_Housekeeping", "Tools->40_Calculator"],
        {
            1: ["https://api.example.com", "https://pay.example.com"],
            3: ["wss://push.example.com"],
            5: ["https://cdn.example.com"],
        },
    ),
    (
        "Split Pay",
        "Mini Payments",
        ["Tools->40_Calculator"],
        {2: ["https://help.example.com"]},
    ),
    (
        "Ops Monitor",
        "ops-team",
        ["Tools->42_Information Query"],
        {1: ["https://ops.example.com"], 4: ["https://upload.example.com"]},
    ),
    ("Campus Card", "Campus Mini", ["Education Services->16_Academic Education (Schools)"], {}),
]

GLOBAL_ALLOW = ["api.example.com", "cdn.example.com", "pay.example.com", "static.example.net"]
GLOBAL_BLOCK = ["ads.tracker.example", "malware.example.org", "phish.example.com"]


@dataclass
class Seeded:
    """What :func:`seed_platform` made: ids by natural key, and the counts."""

    user_ids: dict[str, str] = field(default_factory=dict)
    team_ids: dict[str, str] = field(default_factory=dict)
    application_ids: dict[str, str] = field(default_factory=dict)
    mini_program_ids: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def client_of(emu: Emulator, **settings: Any) -> Client:
    """A project client for an emulator's default platform."""
    return Client(
        Settings(
            secret_id=emu.secret_id,
            secret_key=emu.secret_key,
            endpoint=emu.endpoint,
            platform_id=emu.platform_id,
            **settings,
        )
    )


def _team_id(emu: Emulator, client: Client, platform: str, name: str) -> str:
    emu.wait_until_visible()  # CreateTeam answers no id: the list shows the team once visible
    request = DescribeTeamList(offset=0, limit=100, platform_id=platform, keyword=name)
    (row,) = [r for r in client.paginate(request) if r.team_name == name]
    return str(row.team_id)


def _seed_people(emu: Emulator, client: Client, platform: str, seeded: Seeded) -> None:
    for account, name, account_type in USERS:
        encrypted = encrypt_with_preset_key(client, PASSWORD)
        reply = client.call(
            CreateUser(
                user_account=account,
                user_name=name,
                account_type=account_type,
                password=encrypted.ciphertext,
                key_id=encrypted.key_id,
                platform_id=platform,
            )
        )
        assert reply.data is not None and reply.data.resource_id
        seeded.user_ids[account] = reply.data.resource_id
    for name, role, admin, related, remark in TEAMS:
        client.call(
            CreateTeam(
                team_name=name,
                admin_user_id=seeded.user_ids[admin],
                team_role_type_list=[role],
                remark=remark,
                related_team_id=seeded.team_ids[related] if related else None,
                platform_id=platform,
            )
        )
        seeded.team_ids[name] = _team_id(emu, client, platform, name)
    roles = {
        str(r.role_name): int(r.role_id)
        for r in client.paginate(DescribeRoleList(offset=0, limit=100, platform_id=platform))
    }
    for team, members in MEMBERS.items():
        items = [
            CreateTeamMemberInfoReq(user_id=seeded.user_ids[user], user_role_id=roles[role])
            for user, role in members
        ]
        client.call(
            AddTeamMember(team_id=seeded.team_ids[team], member_list=items, platform_id=platform)
        )


def _seed_products(emu: Emulator, client: Client, platform: str, seeded: Seeded) -> None:
    for name, team, kind, android, ios, remark in APPLICATIONS:
        if emu.readings.package_name_required and not (android or ios):
            android = f"com.example.{name.lower().replace(' ', '')}"  # one is required
        reply = client.call(
            CreateApplication(
                application_name=name,
                logo=f"https://cdn.example.com/logos/{name.lower().replace(' ', '-')}.png",
                platform_id=platform,
                team_id=seeded.team_ids[team],
                application_type=kind,
                intro=f"{name}: the superapp of team {team}",
                android_app_key=android,
                ios_app_key=ios,
                remark=remark,
            )
        )
        assert reply.data is not None and reply.data.resource_id
        seeded.application_ids[name] = reply.data.resource_id
    for app, api, description, api_type, restricted in SENSITIVE_APIS:
        app_id = seeded.application_ids[app]
        item = CreateApplicationSensitiveAPIReq(
            api_name=api, api_desc=description, api_type=api_type
        )
        client.call(
            CreateApplicationSensitiveAPI(
                application_id=app_id, api_list=[item], platform_id=platform
            )
        )
        if restricted:
            emu.wait_until_visible()  # CreateApplicationSensitiveAPI answers no id
            request = DescribeApplicationSensitiveAPIList(
                offset=0, limit=100, platform_id=platform, application_id=app_id, keyword=api
            )
            (row,) = [r for r in client.paginate(request) if r.api_name == api]
            client.call(
                DisableApplicationSensitiveAPI(api_id=str(row.api_id), platform_id=platform)
            )
    for name, team, categories, domains in MINI_PROGRAMS:
        slug = name.lower().replace(" ", "-")
        reply = client.call(
            CreateMNP(
                mnp_type=",".join(categories),
                mnp_name=name,
                mnp_icon=f"https://cdn.example.com/icons/{slug}.png",
                mnp_intro=f"{name} in one line",
                mnp_desc=f"{name}: a mini program of team {team}.",
                platform_id=platform,
                team_id=seeded.team_ids[team],
            )
        )
        assert reply.data is not None and reply.data.resource_id
        seeded.mini_program_ids[name] = mnp_id = reply.data.resource_id
        if domains:
            params = [
                CreateDomainParam(domain_url_list=u, domain_type=t) for t, u in domains.items()
            ]
            client.call(CreateMNPDomainACL(mnp_id=mnp_id, domain=params, platform_id=platform))
    for kind, urls in ((1, GLOBAL_ALLOW), (2, GLOBAL_BLOCK)):
        client.call(
            CreateGlobalDomainACL(domain_url_list=urls, domain_type=kind, platform_id=platform)
        )


def seed_platform(emu: Emulator) -> Seeded:
    """Fill the emulator's default platform; returns ids by natural key and the counts."""
    seeded = Seeded()
    with client_of(emu) as client:
        _seed_people(emu, client, emu.platform_id, seeded)
        _seed_products(emu, client, emu.platform_id, seeded)
    seeded.counts = {
        "users": len(USERS),
        "teams": len(TEAMS),
        "members": sum(len(m) for m in MEMBERS.values()),
        "applications": len(APPLICATIONS),
        "sensitive_apis": len(SENSITIVE_APIS),
        "mini_programs": len(MINI_PROGRAMS),
        "domain_acls": sum(1 for *_, domains in MINI_PROGRAMS if domains),
        "global_allow": len(GLOBAL_ALLOW),
        "global_block": len(GLOBAL_BLOCK),
    }
    return seeded
