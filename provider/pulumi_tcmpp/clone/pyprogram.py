"""``export --format python``: a spec as a readable, standalone Pulumi program.

Generated code is read and edited by people, so it avoids what users of ``pulumi import`` and
Terraformer complain about: objects refer to each other through **variables**
(``team_id=team_payments.team_id``), never through the source platform's ids; passwords come
from ``config.require_secret(...)``, never as text; environment values marked ``{config: KEY}``
in the spec come from ``config.require(KEY)``. One statement per object, in dependency order
(users, teams, memberships, applications and their sensitive APIs, mini programs and their
domain lists, global domains), with one keyword argument per line and defaults left out.

Objects written only as references (see :mod:`.export`) are named, not managed: a user by
its account (``admin_account="ops-admin"``, ``{"user": "ops-admin", ...}``: the provider finds
its UserId at create and update time), a team by a lookup (``tcmpp.team_id("Ops")``).

Every reference is a resource's id (``team_payments.team_id`` *is* the team's id) or an input,
so it stays known in the preview of an update: a preview plans exactly what ``up`` does.
"""

from __future__ import annotations

import json
import keyword
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from pulumi_tcmpp.clone.spec import (
    ApplicationSpec,
    ConfigRef,
    MiniProgramSpec,
    PlatformSpec,
    TeamSpec,
    UserSpec,
)

__all__ = ["DEFAULT_PROJECT", "render_program"]

DEFAULT_PROJECT = "tcmpp-platform"
REQUIREMENTS = "pulumi>=3.216.0,<4.0.0\npulumi-tcmpp>=0.1.0\n"
_NOT_WORD = re.compile(r"\W")
_ENUMS = {
    "mini_program": "tcmpp.TeamRole.MINI_PROGRAM",
    "application": "tcmpp.TeamRole.APPLICATION",
    "platform_admin": "tcmpp.AccountType.PLATFORM_ADMIN",
    "test": "tcmpp.ApplicationType.TEST",
    "formal": "tcmpp.ApplicationType.FORMAL",
    "system": "tcmpp.ApiType.SYSTEM",
}


def render_program(
    spec: PlatformSpec,
    *,
    project: str = DEFAULT_PROJECT,
    reference_only: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, str]:
    """File name -> text of the program folder: ``__main__.py``, ``Pulumi.yaml``,
    ``requirements.txt``."""
    writer = _Writer(spec, {k: set(v) for k, v in (reference_only or {}).items()})
    return {
        "__main__.py": writer.program(),
        "Pulumi.yaml": _pulumi_yaml(spec, project),
        "requirements.txt": REQUIREMENTS,
    }


def _pulumi_yaml(spec: PlatformSpec, project: str) -> str:
    origin = spec.source.platform_id if spec.source and spec.source.platform_id else "a platform"
    document = {
        "name": project,
        "description": f"TCMPP platform exported from {origin} by pulumi-tcmpp",
        "runtime": {"name": "python"},
    }
    return yaml.safe_dump(document, sort_keys=False)


@dataclass
class _Writer:
    spec: PlatformSpec
    reference_only: dict[str, set[str]]
    lines: list[str] = field(default_factory=list)
    variables: dict[tuple[str, str], str] = field(default_factory=dict)
    config_keys: dict[str, str] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)

    # ---- names and values ----------------------------------------------------------------

    def var(self, prefix: str, logical: str) -> str:
        """The Python variable of an object (unique, readable, never a keyword)."""
        key = (prefix, logical)
        if key not in self.variables:
            base = f"{prefix}_{_NOT_WORD.sub('_', logical)}"
            name, n = base, 2
            while name in self.variables.values() or keyword.iskeyword(name):
                name, n = f"{base}_{n}", n + 1
            self.variables[key] = name
        return self.variables[key]

    def value(self, value: Any) -> str:
        """A Python expression for a spec value (config references read from the stack)."""
        if isinstance(value, ConfigRef):
            variable = self.config_keys.setdefault(
                value.config, f"cfg_{_NOT_WORD.sub('_', value.config)}"
            )
            if value.format is None:
                return variable
            prefix, _, suffix = value.format.partition("{}")
            parts = [_str(prefix)] if prefix else []
            parts.append(variable)
            if suffix:
                parts.append(_str(suffix))
            return " + ".join(parts)
        if isinstance(value, list):
            return "[" + ", ".join(self.value(v) for v in value) + "]"
        if isinstance(value, str):
            return _str(value)
        return repr(value)

    def call(self, target: str | None, cls: str, name: str, args: list[tuple[str, str]]) -> None:
        """One resource statement, one keyword argument per line."""
        head = f"{target} = {cls}(" if target else f"{cls}("
        self.lines.append(head)
        self.lines.append(f"    {_str(name)},")
        self.lines.extend(f"    {key}={expr}," for key, expr in args)
        self.lines += [")", ""]

    def ref(self, section: str, prefix: str, logical: str, output: str) -> str:
        """How one object refers to another: a resource output, or a looked-up id."""
        variable = self.var(prefix, logical)
        return (
            variable
            if logical in self.reference_only.get(section, set())
            else (f"{variable}.{output}")
        )

    # ---- sections ------------------------------------------------------------------------

    def program(self) -> str:
        self.section("Users", self.users)
        self.section("Teams", self.teams)
        self.section("Team members", self.members)
        self.section("Applications and their sensitive APIs", self.applications)
        self.section("Mini programs and their domain lists", self.mini_programs)
        self.section("Global domains", self.global_domains)
        return "\n".join([*self.header(), "", *self.lines]).rstrip() + "\n"

    def section(self, title: str, write: Callable[[], None]) -> None:
        """A titled block of statements, left out when it has none."""
        mark = len(self.lines)
        self.lines += ["", f"# ---- {title} " + "-" * max(4, 80 - len(title)), ""]
        count = len(self.lines)
        write()
        if len(self.lines) == count:
            del self.lines[mark:]

    def statement(self, text: str) -> None:
        self.lines += [text, ""]

    def users(self) -> None:
        refs = self.reference_only.get("users", set())
        for logical, user in sorted(self.spec.users.items()):
            if logical not in refs:  # a referenced user is named by its account where used
                self.call(self.var("user", logical), "tcmpp.User", logical, self.user_args(user))

    def user_ref(self, logical: str) -> tuple[str, str]:
        """How a team names a user: ``("id", user_x.user_id)`` or ``("account", "acct")``."""
        if logical in self.reference_only.get("users", set()):
            return "account", self.value(self.spec.users[logical].account)
        return "id", f"{self.var('user', logical)}.user_id"

    def user_args(self, user: UserSpec) -> list[tuple[str, str]]:
        args = [("account", self.value(user.account)), ("name", self.value(user.name))]
        if user.account_type != "member":
            args.append(("account_type", _ENUMS[user.account_type]))
        if user.password is None:
            args.append(("password", "None"))
        else:
            self.secrets.append(user.password.secret)
            secret = _str(user.password.secret)
            args.append(("password", f"config.require_secret({secret})"))
        return args

    def teams(self) -> None:
        refs = self.reference_only.get("teams", set())
        for logical in self.spec.team_order():
            team = self.spec.teams[logical]
            if logical in refs:
                expr = self.value(team.name)
                self.statement(f"{self.var('team', logical)} = tcmpp.team_id({expr})")
            else:
                self.call(self.var("team", logical), "tcmpp.Team", logical, self.team_args(team))

    def team_args(self, team: TeamSpec) -> list[tuple[str, str]]:
        how, admin = self.user_ref(team.admin)
        args = [
            ("name", self.value(team.name)),
            ("role", _ENUMS[team.role]),
            ("admin_account" if how == "account" else "admin_user_id", admin),
        ]
        if team.remark is not None:
            args.append(("remark", self.value(team.remark)))
        if team.related_team:
            args.append(
                ("related_team_id", self.ref("teams", "team", team.related_team, "team_id"))
            )
        return args

    def members(self) -> None:
        for logical, team in sorted(self.spec.teams.items()):
            if not team.members:
                continue
            entries = [
                f'        {{"user": {self.user_ref(m.user)[1]}, "role": {_str(m.role)}}},'
                for m in team.members
            ]
            self.lines += [
                "tcmpp.TeamMembers(",
                f"    {_str(logical + '-members')},",
                f"    team_id={self.ref('teams', 'team', logical, 'team_id')},",
                "    members=[",
                *entries,
                "    ],",
                ")",
                "",
            ]

    def applications(self) -> None:
        for logical, app in sorted(self.spec.applications.items()):
            variable = self.var("app", logical)
            self.call(variable, "tcmpp.Application", logical, self.application_args(app))
            for api_name, api in sorted(app.sensitive_apis.items()):
                args = [
                    ("application_id", f"{variable}.application_id"),
                    ("name", _str(api_name)),
                    ("description", self.value(api.description)),
                ]
                if api.type != "custom":
                    args.append(("type", _ENUMS[api.type]))
                if api.restricted:
                    args.append(("restricted", "True"))
                self.call(None, "tcmpp.SensitiveAPI", f"{logical}-{api_name}", args)

    def application_args(self, app: ApplicationSpec) -> list[tuple[str, str]]:
        args = [
            ("name", self.value(app.name)),
            ("team_id", self.ref("teams", "team", app.team, "team_id")),
            ("type", _ENUMS[app.type]),
            ("logo", self.value(app.logo)),
            ("intro", self.value(app.intro)),
        ]
        for key in ("android_package_name", "ios_bundle_id", "remark"):
            if getattr(app, key) is not None:
                args.append((key, self.value(getattr(app, key))))
        return args

    def mini_programs(self) -> None:
        for logical, mnp in sorted(self.spec.mini_programs.items()):
            variable = self.var("mnp", logical)
            self.call(variable, "tcmpp.MiniProgram", logical, self.mini_program_args(mnp))
            if mnp.domains is not None:
                args = [("mini_program_id", f"{variable}.mini_program_id")]
                for kind in ("request", "web_view", "socket", "upload", "download"):
                    urls = getattr(mnp.domains, kind)
                    if urls:
                        args.append((f"{kind}_domains", self.value(list(urls))))
                self.call(None, "tcmpp.DomainACL", f"{logical}-domains", args)

    def mini_program_args(self, mnp: MiniProgramSpec) -> list[tuple[str, str]]:
        return [
            ("name", self.value(mnp.name)),
            ("team_id", self.ref("teams", "team", mnp.team, "team_id")),
            ("categories", self.value(list(mnp.categories))),
            ("icon", self.value(mnp.icon)),
            ("intro", self.value(mnp.intro)),
            ("description", self.value(mnp.description)),
        ]

    def global_domains(self) -> None:
        lists = (
            ("allow", self.spec.global_domains.allow),
            ("block", self.spec.global_domains.block),
        )
        for kind, urls in lists:
            for url in urls:
                name = f"{kind}-{url}" if isinstance(url, str) else f"{kind}-{url.config}"
                args = [
                    ("url", self.value(url)),
                    ("kind", f"tcmpp.GlobalDomainKind.{kind.upper()}"),
                ]
                self.call(None, "tcmpp.GlobalDomain", name, args)

    # ---- the header ----------------------------------------------------------------------

    def header(self) -> list[str]:
        source = self.spec.source
        origin = (
            f"platform {source.platform_id} ({source.backend})"
            if source and source.platform_id
            else "a platform spec"
        )
        doc = [
            f'"""TCMPP {origin}, exported by `pulumi-tcmpp export --format python`.',
            "",
            "Bring it up on another platform (see docs/cloning.md):",
            "",
            "    pulumi config set tcmpp:platformId <target platform id>",
        ]
        doc += [f"    pulumi config set {key} <value>" for key in sorted(self.config_keys)]
        doc += [f"    pulumi config set --secret {name} <password>" for name in self.secrets]
        doc += ["    pulumi up", '"""', ""]
        imports = ["import pulumi", "", "import pulumi_tcmpp as tcmpp"]
        reads = [
            f"{variable} = config.require({_str(key)})"
            for key, variable in sorted(self.config_keys.items())
        ]
        return [*doc, *imports, "", "config = pulumi.Config()", *reads]


def _str(text: str) -> str:
    """A double-quoted Python string literal (JSON's escapes are Python's)."""
    return json.dumps(text, ensure_ascii=False)
