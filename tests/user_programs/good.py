"""A program that uses every typed form correctly: both type checkers must accept it."""

import pulumi

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.clone.platform import Platform
from pulumi_tcmpp.resources.enums import TeamRoleValue

config = pulumi.Config()
staging = tcmpp.Connection(config="staging")
prod = tcmpp.Connection(env="PROD", backend="tcsas", platform_id="T04827BQ9761718REMX")

admin = tcmpp.User(
    "admin",
    account="admin@example.com",
    name="Admin",
    account_type="platform_admin",
    password=config.require_secret("adminPassword"),
    on_exists="adopt",
    connection=staging,
)
dev = tcmpp.User("dev", account="dev", name="Dev", password=None, account_type=3)
role: TeamRoleValue = "mini_program"
apps = tcmpp.Team("apps", name="Apps", role="application", admin_user_id=admin.user_id)
mnps = tcmpp.Team("mnps", name="MNPs", role=role, admin_account="admin", related_team_id=apps.id)
also = tcmpp.Team("also", name="Also", role=tcmpp.TeamRole.APPLICATION, admin_user_id="u-1")
numbered = tcmpp.Team("numbered", name="Numbered", role=2, admin_user_id="u-1", connection=prod)
member: tcmpp.MemberArgsDict = {"user": dev.user_id, "role": 20071}
tcmpp.TeamMembers(
    "members",
    team_id=apps.team_id,
    members=[member, {"user": "bob@example.com", "role": "Application Developer"}],
)
app = tcmpp.Application(
    "app",
    name="Shop",
    team_id=apps.team_id,
    type="formal",
    logo="https://cdn.example.com/shop.png",
    intro="The shop",
)
tcmpp.SensitiveAPI("api", application_id=app.id, name="getPhone", description="d", type="system")
tcmpp.GlobalDomain("cdn", url="cdn.example.com", kind=tcmpp.GlobalDomainKind.ALLOW)
tcmpp.GlobalDomain("ads", url="ads.example.com", kind="block", connection=staging)

found = tcmpp.Team.get("found", "T-1", connection=prod)
api = tcmpp.SensitiveAPI.get("found-api", "API-1", application_id=app.id)
team_name: pulumi.Output[str] = found.name
platform_id: pulumi.Output[str] = found.platform.apply(lambda p: p["platform_id"])
role_number: pulumi.Output[int] = found.role
members: pulumi.Output[list[tcmpp.MemberDict]] = tcmpp.TeamMembers.get("m", "T-1").members

Platform("clone", spec=staging, connection=prod, exists={"default": "skip", "users": "adopt"})
pulumi.export("roles", tcmpp.roles(connection=staging))
pulumi.export("team", team_name)
pulumi.export("platform", platform_id)
pulumi.export("api", api.api_id)
pulumi.export("counts", [role_number, mnps.member_count, also.id, numbered.id, members])
