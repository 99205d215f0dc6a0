"""A small TCMPP platform as code: every resource of pulumi-tcmpp, wired by references.

Config (namespace ``quickstart``; ``make demo`` sets them for you):

* ``adminPassword``, ``developerPassword`` (secrets): the two users' initial passwords
* ``cdnHost``: where logos and icons live (default ``cdn.example.com``)

Connection settings are the provider's: ``tcmpp:endpoint``, ``tcmpp:secretId``,
``tcmpp:secretKey`` (secret), ``tcmpp:platformId`` (see docs/configuration.md).

The program needs no lookup and no credentials to preview: resources refer to each other by
their ids (``team_id``, ``user_id``... are the resources' ids, known in the preview of an
update), and the member's role is named, the provider finds its RoleId.
"""

import pulumi

import pulumi_tcmpp as tcmpp

config = pulumi.Config()
cdn = config.get("cdnHost") or "cdn.example.com"

# People
admin = tcmpp.User(
    "ops-admin",
    account="ops-admin@example.com",
    name="Ops Admin",
    account_type=tcmpp.AccountType.PLATFORM_ADMIN,
    password=config.require_secret("adminPassword"),
)
developer = tcmpp.User(
    "developer",
    account="dev@example.com",
    name="Dev Eloper",
    password=config.require_secret("developerPassword"),
)

# Teams: one for the superapp, one for mini programs (linked to the first)
apps_team = tcmpp.Team(
    "apps-team",
    name="Superapp Team",
    role=tcmpp.TeamRole.APPLICATION,
    admin_user_id=admin.user_id,
)
mnp_team = tcmpp.Team(
    "mnp-team",
    name="Mini Program Team",
    role=tcmpp.TeamRole.MINI_PROGRAM,
    admin_user_id=admin.user_id,
    related_team_id=apps_team.team_id,
)
tcmpp.TeamMember(
    "developer-in-apps",
    team_id=apps_team.team_id,
    user_id=developer.user_id,
    role="Application Developer",
)
tcmpp.TeamMembers(
    "mnp-members",
    team_id=mnp_team.team_id,
    members=[{"user": developer.user_id, "role": "Mini Program Developer"}],
)

# The superapp, with a restricted sensitive API
superapp = tcmpp.Application(
    "superapp",
    name="Shop Superapp",
    team_id=apps_team.team_id,
    type=tcmpp.ApplicationType.TEST,
    logo=f"https://{cdn}/shop.png",
    intro="The superapp our mini programs run in",
    android_package_name="com.example.shop",
)
phone_api = tcmpp.SensitiveAPI(
    "get-phone",
    application_id=superapp.application_id,
    name="getPhoneNumber",
    description="Read the signed-in user's phone number",
    restricted=True,
)

# A mini program and the domains it may call
pickup = tcmpp.MiniProgram(
    "pickup",
    name="Parcel Pickup",
    team_id=mnp_team.team_id,
    categories=["Logistics Services->1_Pickup/Delivery"],
    icon=f"https://{cdn}/pickup.png",
    intro="Book a courier",
    description="Book a courier to pick up your parcels at home.",
)
tcmpp.DomainACL(
    "pickup-domains",
    mini_program_id=pickup.mini_program_id,
    request_domains=["https://api.example.com"],
    socket_domains=["wss://push.example.com"],
)

# Platform-wide domain lists
tcmpp.GlobalDomain("allow-cdn", url=cdn, kind=tcmpp.GlobalDomainKind.ALLOW)
tcmpp.GlobalDomain("block-tracker", url="tracker.example.net", kind=tcmpp.GlobalDomainKind.BLOCK)

pulumi.export("superappId", superapp.application_id)
pulumi.export("miniProgramId", pickup.mini_program_id)
pulumi.export("phoneApiId", phone_api.api_id)
