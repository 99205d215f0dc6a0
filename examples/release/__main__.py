"""Ship a mini program to production: build versions, get one approved, release it.

Every version ever shipped stays declared (``versions``); ``online`` says which one is online.
Adding a version builds it; pointing ``online`` at it submits it for approval and releases it;
pointing ``online`` back at an older one rolls back. See docs/releases.md for a walk-through.

Config (namespace ``tcmpp-release``):

* ``versions``: version numbers to build, oldest first (default ``["1.0.0"]``)
* ``online``: the version to have online (default: the last of ``versions``)
* ``packageBaseUrl``: packages are ``<packageBaseUrl>-<version>.zip``
* ``autoApprove``: approve in the same run (needs platform-admin credentials; default true)
* ``adminAccount``: account of the teams' administrator, an existing user (default ``admin``)
* ``pollInterval``: longest pause between two looks at a build or approval, in seconds
"""

import pulumi

import pulumi_tcmpp as tcmpp

config = pulumi.Config()
versions: list[str] = config.get_object("versions") or ["1.0.0"]
online_version = config.get("online") or versions[-1]
packages = config.get("packageBaseUrl") or "https://cdn.example.com/pickup"
auto_approve = config.get_bool("autoApprove")
auto_approve = True if auto_approve is None else auto_approve
poll_interval = config.get_float("pollInterval")

# Who administers the teams: an existing user, named by account (the provider finds its
# UserId when it creates or updates the team, so a preview needs no credentials).
admin_account = config.get("adminAccount") or "admin"

superapps = tcmpp.Team(
    "superapps", name="Superapps", role=tcmpp.TeamRole.APPLICATION, admin_account=admin_account
)
mini_programs = tcmpp.Team(
    "mini-programs",
    name="Mini programs",
    role=tcmpp.TeamRole.MINI_PROGRAM,
    admin_account=admin_account,
    related_team_id=superapps.id,  # its mini programs are approved by this team's apps
)
superapp = tcmpp.Application(
    "superapp",
    name="Superapp",
    team_id=superapps.id,
    type=tcmpp.ApplicationType.TEST,
    logo="https://cdn.example.com/superapp.png",
    intro="The superapp our mini programs run in",
    android_package_name="com.example.superapp",
)
pickup = tcmpp.MiniProgram(
    "pickup",
    name="Pickup",
    team_id=mini_programs.id,
    categories=["Logistics Services->1_Pickup/Delivery"],
    icon="https://cdn.example.com/pickup.png",
    intro="Pick up parcels",
    description="Book a courier to pick up your parcels at home.",
    # Released to the superapp: it must exist before a version is submitted for approval, and
    # the platform refuses to delete it while this mini program (bound to it by the approval)
    # exists, so destroy must delete the mini program first.
    opts=pulumi.ResourceOptions(depends_on=[superapp]),
)

builds = {
    number: tcmpp.MiniProgramVersion(
        f"pickup-{number}",
        mini_program_id=pickup.id,
        version=number,
        package_url=f"{packages}-{number}.zip",
        intro=f"Pickup {number}",
        poll_interval=poll_interval,
    )
    for number in versions
}

release = tcmpp.MiniProgramRelease(
    "pickup-online",
    mini_program_id=pickup.id,
    version=builds[online_version].version,
    auto_approve=auto_approve,
    poll_interval=poll_interval,
)

get_phone = tcmpp.SensitiveAPI(
    "get-phone",
    application_id=superapp.id,
    name="getPhoneNumber",
    description="Read the user's phone number",
    restricted=True,
)
phone_permission = tcmpp.SensitiveAPIPermission(
    "pickup-phone",
    mini_program_id=pickup.id,
    api_id=get_phone.api_id,
    reason="Couriers call the customer to agree on a pickup time",
    auto_approve=auto_approve,
    poll_interval=poll_interval,
)

# Ids and inputs only: they stay known in the preview of an update (computed outputs such as
# release.approval_no are unknown there, as the engine plans an update's outputs from inputs).
pulumi.export("mini_program_id", pickup.id)
pulumi.export("online_version", release.version)
pulumi.export("online_version_id", builds[online_version].version_id)
pulumi.export("phone_permission", phone_permission.approval_no)
