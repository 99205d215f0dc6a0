"""TeamMembers: the members of one team, managed in bulk.

By default it manages only the members it lists (adding them, setting their roles, and
removing a member once it leaves the list); with ``authoritative=True`` it also removes every
member it does not list, except the team admin, who always stays. Each apply reconciles
against the team's *actual* members: members are added first, roles changed next, extra
members removed last.

Users may be named by UserId or account, roles by RoleId or role name; they are normalised
before comparing, so switching from one form to the other changes nothing on the platform.

Do not use TeamMembers and TeamMember on the same team (and never two authoritative
TeamMembers): each would undo the other's changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TypedDict

import pulumi
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from pulumi_tcmpp import rules
from pulumi_tcmpp._lazy import deferred_module
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import NotFoundError, OutcomeUnknownError, TcmppError, ValidationError
from pulumi_tcmpp.resources._creates import await_listed
from pulumi_tcmpp.resources._inputs import NonEmpty, ResourceArgs
from pulumi_tcmpp.resources._locks import team_lock
from pulumi_tcmpp.resources._provider import Live, TcmppProvider
from pulumi_tcmpp.resources._resource import TcmppResource, declare_props
from pulumi_tcmpp.resources._runtime import Context
from pulumi_tcmpp.resources.team import find_team_by_id
from pulumi_tcmpp.resources.team_member import team_members

if TYPE_CHECKING:
    from pulumi_tcmpp.api import teams, types
    from pulumi_tcmpp.api import users as user_api
else:  # API models load with the first call (a program or a check never needs them)
    teams = deferred_module("pulumi_tcmpp.api.teams")
    types = deferred_module("pulumi_tcmpp.api.types")
    user_api = deferred_module("pulumi_tcmpp.api.users")

__all__ = [
    "Member",
    "MemberArgsDict",
    "MemberDict",
    "TeamMembers",
    "TeamMembersArgs",
    "TeamMembersProvider",
]


class MemberArgsDict(TypedDict):
    """One member of :class:`TeamMembers`, as a program lists it."""

    user: pulumi.Input[str]
    """The user: its UserId (``alice.user_id``) or its account (``"bob@example.com"``)."""
    role: pulumi.Input[str | int]
    """The role: its name (``"Application Developer"``) or its RoleId (``20071``)."""


class MemberDict(TypedDict):
    """One member as :attr:`TeamMembers.members` reports it."""

    user: str
    role: str | int


class Member(BaseModel):
    """One listed member: a user (UserId or account) and a role (RoleId or role name)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    user: NonEmpty
    role: Annotated[str | int, AfterValidator(rules.NOT_BLANK.for_literal())]


def _by_user(members: list[Member]) -> list[Member]:
    return sorted(members, key=lambda m: m.user)


class TeamMembersArgs(ResourceArgs):
    """Inputs of :class:`TeamMembers`."""

    team_id: NonEmpty = Field(description="TeamId of the team. Forces a replace.")
    members: Annotated[
        list[Member], AfterValidator(rules.UNIQUE_MEMBERS), AfterValidator(_by_user)
    ] = Field(
        default_factory=list,
        description='The members, each ``{"user": ..., "role": ...}``: the user by UserId or '
        "account, the role by RoleId or name.",
    )
    authoritative: bool = Field(
        False, description="Also remove members not listed (the team admin always stays)."
    )


@dataclass(frozen=True)
class _Directory:
    """User and role names resolved to ids for one team, fetched once per apply."""

    user_ids: dict[str, str]
    role_ids: dict[str, int]

    @classmethod
    def load(cls, ctx: Context, team_id: str) -> _Directory:
        users: dict[str, str] = {}
        for row in ctx.client.paginate(
            user_api.DescribeUserList(offset=0, limit=100, platform_id=ctx.platform_id)
        ):
            users[str(row.user_id)] = str(row.user_id)
            users.setdefault(str(row.user_account), str(row.user_id))
        roles: dict[str, int] = {}
        request = teams.DescribeRoleList(
            offset=0, limit=100, platform_id=ctx.platform_id, team_id=team_id
        )
        for row in ctx.client.paginate(request):
            roles[str(row.role_id)] = int(row.role_id)
            roles.setdefault(str(row.role_name), int(row.role_id))
        return cls(users, roles)

    def resolve(self, members: list[Member]) -> dict[str, int]:
        """UserId -> RoleId of the listed members; unknown names are a clear error."""
        resolved = {}
        for member in members:
            user = self.user_ids.get(member.user)
            role = self.role_ids.get(str(member.role))
            if user is None:
                raise TcmppError(f"team members: no user with id or account {member.user!r}")
            if role is None:
                known = ", ".join(sorted(k for k in self.role_ids if not k.isdigit()))
                raise TcmppError(
                    f"team members: no role {member.role!r} for this team (roles: {known})"
                )
            resolved[user] = role
        return resolved


class TeamMembersProvider(TcmppProvider[TeamMembersArgs]):
    """Reconciles one team's members."""

    label = "team members"
    args_type = TeamMembersArgs
    replace_on = frozenset({"team_id"})
    natural_key = ("team_id",)
    computed = ("admin_user_id", "member_ids")
    api_parameters = {
        "TeamId": ("team_id",),
        "UserId": ("members",),
        "RoleId": ("members",),
        "UserRoleId": ("members",),
    }

    def lookup(self, ctx: Context, args: TeamMembersArgs) -> Live | None:
        return None  # a membership list has nothing to adopt: create reconciles anyway

    def create_remote(self, ctx: Context, args: TeamMembersArgs) -> str | None:
        return args.team_id

    def after_create(
        self, ctx: Context, id_: str, args: TeamMembersArgs, live: Live | None
    ) -> Live:
        computed = self._reconcile(ctx, args, previously=[])
        return Live(id_, self.inputs_of(args), computed)

    def fetch(self, ctx: Context, id_: str, previous: dict[str, Any]) -> Live | None:
        """One DescribeTeamMemberList: its rows carry accounts and role names too."""
        try:
            rows = team_members(ctx, id_)
        except NotFoundError:
            return None
        if not rows and find_team_by_id(ctx, id_) is None:
            return None  # the team is gone (a team always lists its admin)
        args = self._parse(previous) if previous.get("members") is not None else None
        listed = args.members if args else []
        present, matched = [], set()
        for member in listed:
            row = next((r for r in rows if member.user in (r.user_id, r.user_account)), None)
            if row is None:
                continue
            matched.add(str(row.user_id))
            same_role = str(member.role) in (str(row.team_role_id), row.team_role_name)
            present.append(
                {"user": member.user, "role": member.role if same_role else row.team_role_id}
            )
        authoritative = bool(args.authoritative) if args else False
        if authoritative or args is None:  # drift the next up removes; or a get: every member
            present += [
                {"user": str(r.user_id), "role": int(r.team_role_id or 0)}
                for r in rows
                if str(r.user_id) not in matched and r.can_edit is not False
            ]
        present.sort(key=lambda m: str(m["user"]))
        admins = sorted(str(r.user_id) for r in rows if r.can_edit is False)
        admin = previous.get("admin_user_id")
        computed = {
            "admin_user_id": admin if admin in admins else (admins[0] if admins else None),
            "member_ids": sorted(str(r.user_id) for r in rows),
        }
        inputs = {"team_id": id_, "members": present, "authoritative": authoritative}
        return Live(id_, inputs, computed)

    def update_remote(
        self,
        ctx: Context,
        id_: str,
        old: TeamMembersArgs,
        new: TeamMembersArgs,
        outputs: dict[str, Any],
    ) -> dict[str, Any]:
        return self._reconcile(ctx, new, previously=old.members)

    def delete_remote(self, ctx: Context, id_: str, outputs: dict[str, Any]) -> None:
        """Remove the listed members (authoritative: every member but the admin)."""
        args = self._parse(outputs) if outputs.get("team_id") else TeamMembersArgs(team_id=id_)
        with team_lock(id_):
            team = find_team_by_id(ctx, id_)
            if team is None:
                return
            admin = str(team.admin_user_id or "")
            directory = _Directory.load(ctx, id_)
            actual = {str(r.user_id): int(r.team_role_id or 0) for r in team_members(ctx, id_)}
            listed = {directory.user_ids.get(m.user) for m in args.members}
            removable = set(actual) - {admin}
            if not args.authoritative:
                removable &= {u for u in listed if u}
            self._apply(ctx, id_, {}, actual, removable, admin)

    def _reconcile(
        self, ctx: Context, args: TeamMembersArgs, previously: list[Member]
    ) -> dict[str, Any]:
        """Bring the team to the listed members; returns the computed outputs."""
        with team_lock(args.team_id):
            team = find_team_by_id(ctx, args.team_id)
            if team is None:
                raise TcmppError(f"team members: no team {args.team_id} on the platform")
            admin = str(team.admin_user_id or "")
            directory = _Directory.load(ctx, args.team_id)
            wanted = directory.resolve(args.members)
            actual = {
                str(r.user_id): int(r.team_role_id or 0) for r in team_members(ctx, args.team_id)
            }
            if args.authoritative and admin and admin not in wanted:
                raise TcmppError(
                    f"authoritative team members of team {args.team_id} would remove the team "
                    f"admin {admin}: list the admin with their role, or change the team's admin "
                    "first; nothing was written"
                )
            removable = set(actual) - set(wanted) - {admin}
            if not args.authoritative:
                was_listed = {directory.user_ids.get(m.user) for m in previously}
                removable &= {u for u in was_listed if u}
            self._apply(ctx, args.team_id, wanted, actual, removable, admin)
        final = sorted((set(actual) | set(wanted)) - removable)
        return {"admin_user_id": admin or None, "member_ids": final}

    def _apply(
        self,
        ctx: Context,
        team_id: str,
        wanted: dict[str, int],
        actual: dict[str, int],
        removable: set[str],
        admin: str,
    ) -> None:
        platform = ctx.platform_id
        missing = [
            types.CreateTeamMemberInfoReq(user_id=user, user_role_id=role)
            for user, role in sorted(wanted.items())
            if user not in actual
        ]
        if missing:
            _add_members(ctx, team_id, missing)
        for user, role in sorted(wanted.items()):
            if user in actual and actual[user] != role and user != admin:
                ctx.client.call(
                    teams.ModifyTeamMember(
                        team_id=team_id, user_id=user, role_id=role, platform_id=platform
                    )
                )
        for user in sorted(removable):
            ctx.client.call(
                teams.DeleteTeamMember(team_id=team_id, user_id=user, platform_id=platform)
            )


def _add_members(ctx: Context, team_id: str, missing: list[types.CreateTeamMemberInfoReq]) -> None:
    """AddTeamMember; after an unknown outcome, add again only who is still missing.

    Adding a member twice is refused ("already a member"), so the second call cannot
    duplicate anything; members it reports as present are waited for until listed.
    """
    request = teams.AddTeamMember(team_id=team_id, member_list=missing, platform_id=ctx.platform_id)
    try:
        ctx.client.call(request)
        return
    except OutcomeUnknownError:
        pass
    wanted = {str(m.user_id) for m in missing}

    def listed() -> set[str] | None:
        present = {str(r.user_id) for r in team_members(ctx, team_id)}
        return present if wanted <= present else None

    present = {str(r.user_id) for r in team_members(ctx, team_id)}
    still = [m for m in missing if str(m.user_id) not in present]
    if not still:
        return
    try:
        ctx.client.call(request.model_copy(update={"member_list": still}))
    except (ValidationError, OutcomeUnknownError):  # the first call added them after all
        await_listed(f"the members {sorted(wanted)} of team {team_id} to be listed", listed)


class TeamMembers(TcmppResource, module="tcmpp", name="TeamMembers"):
    """The members of one team, managed in bulk.

    ## Example Usage

    ```python
    tcmpp.TeamMembers("ops-members", team_id=ops.id, members=[
        {"user": alice.id, "role": "Application Developer"},
        {"user": "bob@example.com", "role": 20071},
    ])
    ```

    Do not combine with :class:`TeamMember` on the same team.
    """

    _provider_type = TeamMembersProvider

    team_id: pulumi.Output[str]
    if TYPE_CHECKING:  # the SDK checks output values against these types at run time, and a
        members: pulumi.Output[list[MemberDict]]  # TypedDict is no type it knows: checkers only
    else:
        members: pulumi.Output[list[dict[str, Any]]]
    authoritative: pulumi.Output[bool]
    admin_user_id: pulumi.Output[str | None]
    member_ids: pulumi.Output[list[str]]

    def __init__(
        self,
        resource_name: str,
        *,
        team_id: pulumi.Input[str],
        members: pulumi.Input[Sequence[pulumi.Input[MemberArgsDict]]],
        authoritative: bool = False,
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare the members of one team, managed in bulk.

        :param resource_name: The name of the resource in this stack (unique per type).
        :param team_id: TeamId of the team. Forces a replace.
        :param members: The members, each ``{"user": ..., "role": ...}``: the user by UserId
            or account, the role by RoleId or name.
        :param authoritative: Also remove members not listed (the team admin always stays).
        :param connection: Where the settings come from (a Connection: a config namespace, an
            environment prefix, a tccli profile, a platform id, endpoint or back end); the stack's
            tcmpp:* settings when unset. Names only: no credential is ever stored. Reaching another
            platform forces a replace.
        :param opts: Options for the resource (``depends_on``, ``protect``, ``parent``...).
        """
        props = declare_props(
            TeamMembersProvider,
            team_id=team_id,
            members=list(members) if isinstance(members, Sequence) else members,
            authoritative=authoritative,
            connection=connection,
        )
        self._register(resource_name, props, opts)
