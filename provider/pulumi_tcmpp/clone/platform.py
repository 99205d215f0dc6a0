"""Platform: a component resource that turns a platform spec into resources.

```python
spec = load_spec("platform.yaml")
prod = Platform("prod", spec=spec, exists={"default": "fail", "users": "adopt"},
                exclude=["users:test-*"])
pulumi.export("report", prod.report)
```

Each spec object becomes its resource (User, Team, TeamMembers, Application, SensitiveAPI,
MiniProgram, DomainACL, GlobalDomain) as a child of the component, wired by references, so
Pulumi orders the work by the dependency graph.

With ``connection=Connection(...)`` every child, the plan and the lookups work on the platform
that connection names (else the stack's). The spec may be a connection too: the platform it
names is read when the program runs (in ``preview`` as in ``up``) and exported as ``pulumi-tcmpp
export`` would write it, so one ``up`` clones a live platform into another:

```python
Platform("prod", spec=Connection(config="staging"), connection=Connection(config="prod"),
         secrets={"alice-password": config.require_secret("alicePassword")})
``` Before anything is written, a
:class:`~pulumi_tcmpp.clone.plan.PlatformPlan` decides every object's exists policy and checks
the spec's platform guard. Objects left out by include/exclude but referred to by kept ones
are looked up on the target by their natural key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pulumi

from pulumi_tcmpp import lookups
from pulumi_tcmpp.clone.export import build_spec
from pulumi_tcmpp.clone.live import read_platform
from pulumi_tcmpp.clone.plan import PlanObject, PlatformPlan
from pulumi_tcmpp.clone.resolve import ConfigSource, Resolver
from pulumi_tcmpp.clone.select import Selection, candidates
from pulumi_tcmpp.clone.spec import (
    ApplicationSpec,
    MiniProgramSpec,
    PlatformSpec,
    TeamSpec,
    load_spec,
    parse_spec,
)
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import TcmppError
from pulumi_tcmpp.resources._resource import OnExists
from pulumi_tcmpp.resources.application import Application
from pulumi_tcmpp.resources.domain_acl import DomainACL
from pulumi_tcmpp.resources.global_domain import GlobalDomain
from pulumi_tcmpp.resources.mini_program import MiniProgram
from pulumi_tcmpp.resources.sensitive_api import SensitiveAPI
from pulumi_tcmpp.resources.team import Team
from pulumi_tcmpp.resources.team_members import TeamMembers
from pulumi_tcmpp.resources.user import User

__all__ = ["POLICIES", "Platform", "policy_for"]

POLICIES = ("fail", "adopt", "skip")
_TYPES = ("users", "teams", "applications", "mini_programs", "global_domains")


def policy_for(exists: OnExists | Mapping[str, OnExists], kind: str, logical: str) -> OnExists:
    """The exists policy of one object: ``kind:logical``, then ``kind``, then ``default``."""
    if isinstance(exists, str):
        return exists
    for key in (f"{kind}:{logical}", kind, "default"):
        if key in exists:
            return exists[key]
    return "fail"


def _check_policies(exists: OnExists | Mapping[str, OnExists]) -> None:
    values = [exists] if isinstance(exists, str) else list(exists.values())
    bad = [v for v in values if v not in POLICIES]
    if bad:
        raise TcmppError(f"exists policies must be one of {', '.join(POLICIES)}; got {bad}")
    if not isinstance(exists, str):
        for key in exists:
            kind = key.partition(":")[0]
            if key != "default" and kind not in _TYPES:
                raise TcmppError(f"exists policy key {key!r}: unknown type {kind!r}")


def read_spec(connection: Connection) -> PlatformSpec:
    """The spec of the live platform a connection names, read now (as ``export`` writes it)."""
    settings = lookups.program_settings(connection)
    result = build_spec(read_platform(settings).snapshot)
    for note in result.notes:
        pulumi.log.info(f"tcmpp: reading platform {settings.platform_id}: {note}")
    return result.spec


def _as_spec(spec: PlatformSpec | Mapping[str, Any] | str | Path | Connection) -> PlatformSpec:
    if isinstance(spec, PlatformSpec):
        return spec
    if isinstance(spec, Connection):
        return read_spec(spec)
    if isinstance(spec, (str, Path)):
        return load_spec(spec)
    return parse_spec(dict(spec))


class Platform(pulumi.ComponentResource):
    """A whole TCMPP platform from a spec (see :mod:`pulumi_tcmpp.clone.spec`).

    **Parameters:**

    * **spec** - a :class:`PlatformSpec`, a path to a YAML/JSON spec, or a loaded mapping.
    * **secrets** - values for the spec's ``{secret: NAME}`` placeholders (else the stack's
      secret config NAME is used).
    * **config** - where ``{config: KEY}`` references are read (default: ``pulumi.Config()``).
    * **include**, **exclude** - patterns selecting objects (see :mod:`.select`).
    * **exists** - the exists policy: ``"fail"`` (default), ``"adopt"``, ``"skip"``, or a
      mapping by ``"type:logical-name"``, ``"type"`` and ``"default"``.
    * **connection** - the platform to apply the spec to (default: the stack's settings).
    """

    report: pulumi.Output[dict[str, str]]

    def __init__(
        self,
        name: str,
        *,
        spec: PlatformSpec | Mapping[str, Any] | str | Path | Connection,
        secrets: Mapping[str, pulumi.Input[str]] | None = None,
        config: ConfigSource | Mapping[str, Any] | None = None,
        include: Iterable[str] = (),
        exclude: Iterable[str] = (),
        exists: OnExists | Mapping[str, OnExists] = "fail",
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Declare a whole platform from a spec.

        :param name: The name of the component in this stack.
        :param spec: A PlatformSpec, a path to a YAML or JSON spec, a loaded mapping, or a
            Connection: the live platform it names is read when the program runs (a clone).
        :param secrets: Values for the spec's ``{secret: NAME}`` placeholders (else the
            stack's secret config NAME).
        :param config: Where ``{config: KEY}`` references are read (default:
            ``pulumi.Config()``).
        :param include: Patterns of the objects to apply (default: every object).
        :param exclude: Patterns of the objects to leave out.
        :param exists: What creating an object that already exists does: ``"fail"``,
            ``"adopt"`` or ``"skip"``, or a mapping by ``"type:logical-name"``, ``"type"`` and
            ``"default"``.
        :param connection: The platform to apply the spec to (default: the stack's settings).
        :param opts: Options for the component (``parent``, ``depends_on``...).
        """
        super().__init__("tcmpp:clone:Platform", name, None, opts)
        self.connection = connection
        self.spec = _as_spec(spec)
        _check_policies(exists)
        selection = Selection.parse(include, exclude)
        kept = selection.filter(candidates(self.spec))
        self._keep = {(c.type, c.logical_name) for c in kept}
        self._exists = exists
        self._resolver = Resolver(config, secrets)
        self.users: dict[str, User] = {}
        self.teams: dict[str, Team] = {}
        self.team_members: dict[str, TeamMembers] = {}
        self.applications: dict[str, Application] = {}
        self.sensitive_apis: dict[str, SensitiveAPI] = {}
        self.mini_programs: dict[str, MiniProgram] = {}
        self.domain_acls: dict[str, DomainACL] = {}
        self.global_domains: dict[str, GlobalDomain] = {}
        texts = self._resolve_texts()
        self._resolver.raise_if_missing(f"Platform {name}")
        self.plan = PlatformPlan(
            f"{name}-plan",
            objects=self._plan_objects(texts),
            allowed_platform_ids=self.spec.allowed_platform_ids,
            connection=connection,
            opts=pulumi.ResourceOptions(parent=self),
        )
        self._child_opts = pulumi.ResourceOptions(parent=self, depends_on=[self.plan])
        self._build(name, texts)
        self.report = self.plan.report
        self.register_outputs({"report": self.report})

    # ---- resolution ---------------------------------------------------------------------

    def _kept(self, kind: str, logical: str) -> bool:
        return (kind, logical) in self._keep

    def _resolve_texts(self) -> dict[str, Any]:
        """Every text value resolved once, keyed by its spec path (config errors collected)."""
        r, spec = self._resolver, self.spec
        out: dict[str, Any] = {}
        for name, user in spec.users.items():
            out[f"users.{name}.account"] = r.text(user.account, f"users.{name}.account")
            out[f"users.{name}.name"] = r.text(user.name, f"users.{name}.name")
        for name, team in spec.teams.items():
            out[f"teams.{name}.name"] = r.text(team.name, f"teams.{name}.name")
            out[f"teams.{name}.remark"] = r.text(team.remark, f"teams.{name}.remark")
        for name, app in spec.applications.items():
            for field in (
                "name",
                "logo",
                "intro",
                "android_package_name",
                "ios_bundle_id",
                "remark",
            ):
                out[f"applications.{name}.{field}"] = r.text(
                    getattr(app, field), f"applications.{name}.{field}"
                )
            for api, item in app.sensitive_apis.items():
                path = f"applications.{name}.sensitive_apis.{api}.description"
                out[path] = r.text(item.description, path)
        for name, mnp in spec.mini_programs.items():
            for field in ("name", "icon", "intro", "description"):
                out[f"mini_programs.{name}.{field}"] = r.text(
                    getattr(mnp, field), f"mini_programs.{name}.{field}"
                )
            out[f"mini_programs.{name}.categories"] = r.texts(
                mnp.categories, f"mini_programs.{name}.categories"
            )
            if mnp.domains is not None:
                for kind in ("request", "web_view", "socket", "upload", "download"):
                    path = f"mini_programs.{name}.domains.{kind}"
                    out[path] = r.texts(getattr(mnp.domains, kind), path)
        out["global_domains.allow"] = r.texts(spec.global_domains.allow, "global_domains.allow")
        out["global_domains.block"] = r.texts(spec.global_domains.block, "global_domains.block")
        return out

    def _plan_object(
        self, kind: str, logical: str, natural: str, policy_kind: str, parent: str = ""
    ) -> PlanObject:
        obj = {"key": f"{kind}/{logical}", "type": kind, "natural_key": natural}
        obj["policy"] = policy_for(self._exists, policy_kind, logical.split("/")[0])
        if parent:
            obj["parent"] = parent
        return obj

    def _plan_objects(self, t: dict[str, Any]) -> list[PlanObject]:
        """Every kept object with its natural key and policy, parents before children."""
        new = self._plan_object
        objects = [
            new("users", n, t[f"users.{n}.account"], "users")
            for n in self.spec.users
            if self._kept("users", n)
        ]
        objects += [
            new("teams", n, t[f"teams.{n}.name"], "teams")
            for n in self.spec.teams
            if self._kept("teams", n)
        ]
        for name, app in self.spec.applications.items():
            if self._kept("applications", name):
                objects.append(
                    new("applications", name, t[f"applications.{name}.name"], "applications")
                )
                parent = f"applications/{name}"
                objects += [
                    new("sensitive_apis", f"{name}/{api}", api, "applications", parent)
                    for api in app.sensitive_apis
                ]
        for name, mnp in self.spec.mini_programs.items():
            if self._kept("mini_programs", name):
                objects.append(
                    new("mini_programs", name, t[f"mini_programs.{name}.name"], "mini_programs")
                )
                if mnp.domains is not None:
                    objects.append(
                        new("domains", name, name, "mini_programs", f"mini_programs/{name}")
                    )
        for kind, code in (("allow", 1), ("block", 2)):
            objects += [
                new("global_domains", url, f"{code}:{url}", "global_domains")
                for url in t[f"global_domains.{kind}"]
                if self._kept("global_domains", url)
            ]
        return objects

    # ---- references ---------------------------------------------------------------------

    def _admin(self, logical: str, t: dict[str, Any]) -> dict[str, Any]:
        """A team's admin: a managed user by id, another by account (the provider finds it)."""
        if logical in self.users:
            return {"admin_user_id": self.users[logical].user_id}
        return {"admin_account": t[f"users.{logical}.account"]}

    def _team_id(self, logical: str, t: dict[str, Any]) -> pulumi.Input[str]:
        if logical in self.teams:
            return self.teams[logical].team_id
        return lookups.team_id(t[f"teams.{logical}.name"], connection=self.connection)

    # ---- building -----------------------------------------------------------------------

    def _build(self, name: str, t: dict[str, Any]) -> None:
        self._build_users(name, t)
        for logical in self.spec.team_order():
            if self._kept("teams", logical):
                self._build_team(name, logical, self.spec.teams[logical], t)
        for logical, team in self.spec.teams.items():
            if self._kept("teams", logical) and team.members:
                self._build_members(name, logical, team, t)
        for logical, app in self.spec.applications.items():
            if self._kept("applications", logical):
                self._build_application(name, logical, app, t)
        for logical, mnp in self.spec.mini_programs.items():
            if self._kept("mini_programs", logical):
                self._build_mini_program(name, logical, mnp, t)
        self._build_global_domains(name, t)

    def _build_users(self, name: str, t: dict[str, Any]) -> None:
        for logical, user in self.spec.users.items():
            if not self._kept("users", logical):
                continue
            secret = user.password.secret if user.password else None
            self.users[logical] = User(
                f"{name}-user-{logical}",
                account=t[f"users.{logical}.account"],
                name=t[f"users.{logical}.name"],
                account_type=user.account_type,
                password=self._resolver.secret(user.password),
                password_secret=secret,
                on_exists=policy_for(self._exists, "users", logical),
                connection=self.connection,
                opts=self._child_opts,
            )

    def _build_team(self, name: str, logical: str, team: TeamSpec, t: dict[str, Any]) -> None:
        related = self._team_id(team.related_team, t) if team.related_team else None
        self.teams[logical] = Team(
            f"{name}-team-{logical}",
            name=t[f"teams.{logical}.name"],
            role=team.role,
            **self._admin(team.admin, t),
            remark=t[f"teams.{logical}.remark"],
            related_team_id=related,
            on_exists=policy_for(self._exists, "teams", logical),
            connection=self.connection,
            opts=self._child_opts,
        )

    def _build_members(self, name: str, logical: str, team: TeamSpec, t: dict[str, Any]) -> None:
        members: list[Any] = [
            {
                "user": self.users[m.user].user_id
                if m.user in self.users
                else t[f"users.{m.user}.account"],
                "role": m.role,
            }
            for m in team.members
        ]
        self.team_members[logical] = TeamMembers(
            f"{name}-members-{logical}",
            team_id=self.teams[logical].team_id,
            members=members,
            connection=self.connection,
            opts=self._child_opts,
        )

    def _build_application(
        self, name: str, logical: str, app: ApplicationSpec, t: dict[str, Any]
    ) -> None:
        policy = policy_for(self._exists, "applications", logical)
        prefix = f"applications.{logical}"
        created = Application(
            f"{name}-app-{logical}",
            name=t[f"{prefix}.name"],
            team_id=self._team_id(app.team, t),
            type=app.type,
            logo=t[f"{prefix}.logo"],
            intro=t[f"{prefix}.intro"],
            android_package_name=t[f"{prefix}.android_package_name"],
            ios_bundle_id=t[f"{prefix}.ios_bundle_id"],
            remark=t[f"{prefix}.remark"],
            on_exists=policy,
            connection=self.connection,
            opts=self._child_opts,
        )
        self.applications[logical] = created
        for api, item in app.sensitive_apis.items():
            self.sensitive_apis[f"{logical}/{api}"] = SensitiveAPI(
                f"{name}-api-{logical}-{api}",
                application_id=created.application_id,
                name=api,
                description=t[f"{prefix}.sensitive_apis.{api}.description"],
                type=item.type,
                restricted=item.restricted,
                on_exists=policy,
                connection=self.connection,
                opts=self._child_opts,
            )

    def _build_mini_program(
        self, name: str, logical: str, mnp: MiniProgramSpec, t: dict[str, Any]
    ) -> None:
        policy = policy_for(self._exists, "mini_programs", logical)
        prefix = f"mini_programs.{logical}"
        created = MiniProgram(
            f"{name}-mnp-{logical}",
            name=t[f"{prefix}.name"],
            team_id=self._team_id(mnp.team, t),
            categories=t[f"{prefix}.categories"],
            icon=t[f"{prefix}.icon"],
            intro=t[f"{prefix}.intro"],
            description=t[f"{prefix}.description"],
            on_exists=policy,
            connection=self.connection,
            opts=self._child_opts,
        )
        self.mini_programs[logical] = created
        if mnp.domains is not None:
            self.domain_acls[logical] = DomainACL(
                f"{name}-domains-{logical}",
                mini_program_id=created.mini_program_id,
                request_domains=t[f"{prefix}.domains.request"],
                web_view_domains=t[f"{prefix}.domains.web_view"],
                socket_domains=t[f"{prefix}.domains.socket"],
                upload_domains=t[f"{prefix}.domains.upload"],
                download_domains=t[f"{prefix}.domains.download"],
                on_exists="adopt" if policy != "skip" else "skip",
                connection=self.connection,
                opts=self._child_opts,
            )

    def _build_global_domains(self, name: str, t: dict[str, Any]) -> None:
        for kind in ("allow", "block"):
            for url in t[f"global_domains.{kind}"]:
                if self._kept("global_domains", url):
                    self.global_domains[url] = GlobalDomain(
                        f"{name}-domain-{kind}-{url}",
                        url=url,
                        kind=kind,
                        on_exists=policy_for(self._exists, "global_domains", url),
                        connection=self.connection,
                        opts=self._child_opts,
                    )
