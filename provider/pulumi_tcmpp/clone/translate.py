"""A snapshot's rows as spec objects: ids become logical names, codes become words.

This is the one place that knows how each API row maps onto the spec. What it leaves out, and
why, is reported as a note rather than silently dropped:

* the platform's super administrator (AccountType 1) exists on every platform and cannot be
  managed, so it is never exported; a team it administers cannot be named in a spec (a spec
  refers to users it holds), so that team, and what depends on it, is left out with a note;
* a team's administrator is not listed among its members: the API makes the administrator a
  member with the administrator role by itself;
* preset roles are referred to by name in memberships and never exported;
* a mini program without a team cannot be applied by a spec and is left out with a note.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pulumi_tcmpp.clone.naming import assign_names
from pulumi_tcmpp.clone.previous import match_previous, previous_keys
from pulumi_tcmpp.clone.snapshot import Snapshot
from pulumi_tcmpp.clone.spec import (
    ApplicationSpec,
    DomainsSpec,
    GlobalDomainsSpec,
    MemberSpec,
    MiniProgramSpec,
    PlatformSpec,
    Provenance,
    SecretRef,
    SensitiveApiSpec,
    SourceInfo,
    TeamSpec,
    UserSpec,
)
from pulumi_tcmpp.resources.mini_program import split_categories

__all__ = ["DOMAIN_KINDS", "Translation", "translate"]

SUPER_ADMIN = 1
ACCOUNT_TYPES = {2: "platform_admin", 3: "member"}
TEAM_ROLES = {1: "mini_program", 2: "application"}
APPLICATION_TYPES = {1: "test", 2: "formal"}
API_TYPES = {1: "system", 2: "custom"}
RESTRICTED = 1
DOMAIN_KINDS = {1: "request", 2: "web_view", 3: "socket", 4: "upload", 5: "download"}
GLOBAL_KINDS = {1: "allow", 2: "block"}


@dataclass
class Translation:
    """The live platform as a spec, the notes on what was left out, and the names matched."""

    spec: PlatformSpec
    notes: list[str] = field(default_factory=list)
    matched: dict[str, set[str]] = field(default_factory=dict)
    """Per section, the logical names that were matched to the previous spec's objects."""


def password_placeholder(logical: str) -> SecretRef:
    """The secret a user's password is read from when the spec is applied."""
    return SecretRef(secret=f"{logical}-password")


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


class _Translator:
    def __init__(self, snapshot: Snapshot, previous: PlatformSpec | None) -> None:
        self.snap = snapshot
        self.previous = previous
        self.notes: list[str] = []
        self.matched: dict[str, set[str]] = {}

    def names(self, section: str, keys: dict[str, str], key_field: str, prefix: str) -> Any:
        """Logical names of one section, keeping the previous spec's for matched objects."""
        reserved: dict[str, str] = {}
        if self.previous is not None:
            reserved = match_previous(keys, previous_keys(self.previous, section, key_field))
        self.matched[section] = set(reserved.values())
        return assign_names(keys, prefix, reserved)

    # ---- users and teams -----------------------------------------------------------------

    def users(self) -> tuple[dict[str, UserSpec], dict[str, str]]:
        rows = {str(r.user_id): r for r in self.snap.users if r.account_type != SUPER_ADMIN}
        for user_id, row in list(rows.items()):
            if row.account_type not in ACCOUNT_TYPES or not row.user_account:
                self.notes.append(f"user {row.user_account or user_id}: left out (unknown type)")
                del rows[user_id]
        names = self.names(
            "users", {i: str(r.user_account) for i, r in rows.items()}, "account", "user"
        )
        specs = {
            names[i]: UserSpec(
                account=str(r.user_account),
                name=str(r.user_name or r.user_account),
                account_type=ACCOUNT_TYPES[int(r.account_type or 0)],
                password=password_placeholder(names[i]),
                source=Provenance(id=i),
            )
            for i, r in rows.items()
        }
        return specs, names

    def teams(self, user_names: dict[str, str]) -> tuple[dict[str, TeamSpec], dict[str, str]]:
        rows = {str(r.team_id): r for r in self.snap.teams if r.team_id}
        for team_id in sorted(self._unexportable_teams(rows, user_names)):
            del rows[team_id]
        names = self.names("teams", {i: str(r.team_name) for i, r in rows.items()}, "name", "team")
        members = self._members(rows, names, user_names)
        specs = {}
        for team_id, row in rows.items():
            related = _related(row, rows)
            specs[names[team_id]] = TeamSpec(
                name=str(row.team_name),
                role=TEAM_ROLES[(row.team_role_type_list or [0])[0]],
                admin=user_names[str(row.admin_user_id)],
                related_team=names[related] if related else None,
                members=members.get(team_id, []),
                source=Provenance(id=team_id),
            )
        return specs, names

    def _unexportable_teams(self, rows: dict[str, Any], user_names: dict[str, str]) -> set[str]:
        """Teams a spec cannot express, and teams related to them (with a note each)."""
        out: set[str] = set()
        for team_id, row in rows.items():
            roles = row.team_role_type_list or []
            if len(roles) != 1 or roles[0] not in TEAM_ROLES:
                self.notes.append(f"team {row.team_name}: left out (team role {roles})")
                out.add(team_id)
            elif str(row.admin_user_id) not in user_names:
                who = row.admin_user_account or row.admin_user_id
                self.notes.append(
                    f"team {row.team_name}: left out, because its administrator {who} is the "
                    "platform's super administrator (or unknown), which a spec cannot name; "
                    "make another user its administrator to export it"
                )
                out.add(team_id)
        for team_id, row in rows.items():
            related = _related(row, rows)
            if team_id not in out and related and (related in out or related not in rows):
                self.notes.append(f"team {row.team_name}: left out (its related team is)")
                out.add(team_id)
        return out

    def _members(
        self, teams: dict[str, Any], team_names: dict[str, str], user_names: dict[str, str]
    ) -> dict[str, list[MemberSpec]]:
        """Each team's members but its administrator, sorted by user logical name."""
        out: dict[str, list[MemberSpec]] = {}
        for row in self.snap.members:
            team_id, user_id = str(row.team_id), str(row.user_id)
            team = teams.get(team_id)
            if team is None or user_id == str(team.admin_user_id) or row.can_edit is False:
                continue
            if user_id not in user_names or not row.team_role_name:
                self.notes.append(
                    f"team {team.team_name}: member {row.user_account or user_id} left out "
                    "(unknown user or role)"
                )
                continue
            member = MemberSpec(user=user_names[user_id], role=str(row.team_role_name))
            out.setdefault(team_id, []).append(member)
        return {k: sorted(v, key=lambda m: m.user) for k, v in out.items()}

    # ---- applications and mini programs --------------------------------------------------

    def applications(self, team_names: dict[str, str]) -> dict[str, ApplicationSpec]:
        rows = {}
        for row in self.snap.applications:
            app_id = str(row.application_id)
            if str(row.team_id) not in team_names:
                self.notes.append(f"application {row.application_name}: left out (its team is)")
            elif row.application_type not in APPLICATION_TYPES:
                self.notes.append(f"application {row.application_name}: left out (unknown type)")
            else:
                rows[app_id] = row
        keys = {i: str(r.application_name) for i, r in rows.items()}
        names = self.names("applications", keys, "name", "app")
        return {names[i]: self._application(i, r, team_names) for i, r in rows.items()}

    def _application(self, app_id: str, row: Any, team_names: dict[str, str]) -> ApplicationSpec:
        apis = {
            str(api.api_name): SensitiveApiSpec(
                description=str(api.api_desc or api.api_name),
                type=API_TYPES.get(api.api_type or 2, "custom"),
                restricted=api.status == RESTRICTED,
                source=Provenance(id=str(api.api_id)),
            )
            for api in self.snap.sensitive_apis.get(app_id, [])
            if api.api_name
        }
        return ApplicationSpec(
            name=str(row.application_name),
            team=team_names[str(row.team_id)],
            type=APPLICATION_TYPES[row.application_type],
            logo=str(row.logo or ""),
            intro=str(row.intro or ""),
            android_package_name=_text(row.android_app_key),
            ios_bundle_id=_text(row.ios_app_key),
            remark=_text(row.remark),
            sensitive_apis=dict(sorted(apis.items())),
            source=Provenance(id=app_id),
        )

    def mini_programs(self, team_names: dict[str, str], teams: Any) -> dict[str, MiniProgramSpec]:
        by_team_name = {str(row.team_name): str(row.team_id) for row in teams}
        found: dict[str, tuple[Any, Any, str]] = {}
        for row in self.snap.mini_programs:
            mnp_id = str(row.mnp_id)
            detail = self.snap.mini_program_details.get(mnp_id)
            if detail is None:
                continue  # deleted while the platform was read
            team_id = detail.team_id or row.team_id or by_team_name.get(str(row.team_name))
            if not team_id or str(team_id) not in team_names:
                self.notes.append(
                    f"mini program {row.mnp_name}: left out (no team, or its team is)"
                )
                continue
            found[mnp_id] = (row, detail, str(team_id))
        keys = {i: str(row.mnp_name) for i, (row, _, _) in found.items()}
        names = self.names("mini_programs", keys, "name", "mnp")
        return {
            names[i]: MiniProgramSpec(
                name=str(row.mnp_name),
                team=team_names[team_id],
                categories=list(split_categories(detail.mnp_type or row.mnp_type)),
                icon=str(detail.mnp_icon or row.mnp_icon or ""),
                intro=str(detail.mnp_intro or row.mnp_intro or ""),
                description=str(detail.mnp_desc or ""),
                domains=self._domains(i),
                source=Provenance(id=i),
            )
            for i, (row, detail, team_id) in found.items()
        }

    def _domains(self, mnp_id: str) -> DomainsSpec | None:
        lists: dict[str, set[str]] = {kind: set() for kind in DOMAIN_KINDS.values()}
        for entry in self.snap.domain_acls.get(mnp_id, []):
            kind = DOMAIN_KINDS.get(int(entry.domain_type or 0))
            if kind is not None:
                lists[kind].update(_split_urls(entry.domain_url))
        if not any(lists.values()):
            return None
        return DomainsSpec(**{kind: sorted(urls) for kind, urls in lists.items()})

    def global_domains(self) -> GlobalDomainsSpec:
        lists: dict[str, set[str]] = {"allow": set(), "block": set()}
        for row in self.snap.global_domains:
            kind = GLOBAL_KINDS.get(int(row.domain_type or 0))
            if kind is not None and row.domain_url:
                lists[kind].add(str(row.domain_url))
        return GlobalDomainsSpec(allow=sorted(lists["allow"]), block=sorted(lists["block"]))


def _split_urls(text: str | None) -> Iterable[str]:
    return (url.strip() for url in (text or "").split(";") if url.strip())


def translate(snapshot: Snapshot, previous: PlatformSpec | None = None) -> Translation:
    """The whole live platform as a spec (literal values, logical names, provenance)."""
    t = _Translator(snapshot, previous)
    users, user_names = t.users()
    teams, team_names = t.teams(user_names)
    kept_teams = [row for row in snapshot.teams if str(row.team_id) in team_names]
    spec = PlatformSpec(
        source=SourceInfo.model_validate(
            {"platform_id": snapshot.platform_id, "backend": snapshot.backend}
        ),
        users=users,
        teams=teams,
        applications=t.applications(team_names),
        mini_programs=t.mini_programs(team_names, kept_teams),
        global_domains=t.global_domains(),
    )
    return Translation(spec, t.notes, t.matched)


def _related(row: Any, rows: dict[str, Any]) -> str | None:
    """A team row's RelatedTeamId as the TeamId it names: the list gives it as an Integer, so
    a TeamId with a leading zero arrives without it."""
    value = row.related_team_id
    if not value:
        return None
    return next((i for i in rows if i.isdigit() and int(i) == int(value)), str(value))
