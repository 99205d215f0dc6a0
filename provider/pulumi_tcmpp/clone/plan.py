"""PlatformPlan: the exists policy of every object, decided before any write.

A Platform registers this resource first and makes every other resource depend on it. Its
``check`` runs before anything is created, in preview and up alike: it reads the target
platform, finds which of the objects *new to this stack* already exist there (objects the
stack manages already, known from the plan's previous inputs, are left alone), and applies
each object's policy: ``adopt`` and ``skip`` are reported, ``fail`` becomes a check failure
naming the object, so the deployment stops before its first write. The decisions come back as
the ``report`` input, visible in the preview: ``{"users/alice": "create", "teams/ops":
"adopt", ...}``; an object keeps the decision that brought it under management.

It also enforces the spec's ``allowed_platform_ids`` guard, on the platform its connection
(the Platform's) names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pulumi
from pulumi import dynamic
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)

from pulumi_tcmpp.api.applications import DescribeApplicationList
from pulumi_tcmpp.api.domains import DescribeGlobalDomainACL, DescribeMNPDomainACL
from pulumi_tcmpp.api.mini_programs import DescribeMNPList
from pulumi_tcmpp.api.sensitive_apis import DescribeApplicationSensitiveAPIList
from pulumi_tcmpp.api.teams import DescribeTeamList
from pulumi_tcmpp.api.users import DescribeUserList
from pulumi_tcmpp.connection import Connection
from pulumi_tcmpp.errors import TcmppError
from pulumi_tcmpp.resources._runtime import (
    Context,
    connected,
    connection_problems,
    remember_stack_config,
)

__all__ = ["PlanObject", "PlatformPlan", "PlatformPlanProvider"]

PlanObject = dict[str, str]
"""``{"key": "users/alice", "type": "users", "natural_key": "alice", "policy": "fail",
"parent": "applications/shop"}`` (parent only for sensitive APIs and domain lists)."""


def _names(ctx: Context, request: Any, field: str) -> dict[str, str]:
    """Natural key -> row, for every row of a paged list."""
    return {str(getattr(row, field)): row for row in ctx.client.paginate(request)}


class _Existing:
    """What the target platform already holds, read lazily per type."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._cache: dict[str, dict[str, Any]] = {}

    def _load(self, kind: str, load: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if kind not in self._cache:
            self._cache[kind] = load()
        return self._cache[kind]

    def find(self, obj: PlanObject, parent: Any) -> Any:
        """The existing row of an object, or None."""
        ctx, kind, key = self.ctx, obj["type"], obj["natural_key"]
        if kind in _LISTS:
            request_type, field = _LISTS[kind]
            request = request_type(offset=0, limit=100, platform_id=ctx.platform_id)
            rows = self._load(kind, lambda: _names(ctx, request, field))
        elif kind == "global_domains":
            rows = self._load(kind, lambda: self._global_domains())
        elif parent is None:  # the parent does not exist yet: neither can its child
            return None
        elif kind == "sensitive_apis":
            request = DescribeApplicationSensitiveAPIList(
                offset=0,
                limit=100,
                platform_id=ctx.platform_id,
                application_id=parent.application_id,
            )
            rows = self._load(
                f"apis:{parent.application_id}", lambda: _names(ctx, request, "api_name")
            )
        elif kind == "domains":
            reply = ctx.client.call(
                DescribeMNPDomainACL(mnp_id=parent.mnp_id, platform_id=ctx.platform_id)
            )
            return parent if any((e.domain_url or "").strip() for e in reply.data or []) else None
        else:
            raise TcmppError(f"unknown object type {kind!r}")
        return rows.get(key)

    def _global_domains(self) -> dict[str, Any]:
        request = DescribeGlobalDomainACL(offset=0, limit=100, platform_id=self.ctx.platform_id)
        return {f"{r.domain_type}:{r.domain_url}": r for r in self.ctx.client.paginate(request)}


_LISTS: dict[str, tuple[Any, str]] = {
    "users": (DescribeUserList, "user_account"),
    "teams": (DescribeTeamList, "team_name"),
    "applications": (DescribeApplicationList, "application_name"),
    "mini_programs": (DescribeMNPList, "mnp_name"),
}
"""Top-level object types: the list action that holds them and their natural-key field."""


def decide(
    ctx: Context, objects: list[PlanObject], previous: dict[str, str]
) -> tuple[dict[str, str], list[str]]:
    """Each object's decision, and the failures of objects whose policy is ``fail``.

    ``previous`` maps the objects this stack already manages to the decision that brought
    them under management; that decision is kept, so a second ``up`` reports no change.
    """
    existing = _Existing(ctx)
    found: dict[str, Any] = {}
    report: dict[str, str] = {}
    failures: list[str] = []
    for obj in objects:  # parents come before their children in the list
        key = obj["key"]
        if key in previous:
            report[key] = previous[key]
            continue
        parent = found.get(obj.get("parent", ""))
        row = existing.find(obj, parent)
        found[key] = row
        if row is None:
            report[key] = "create"
        elif obj["policy"] == "fail":
            report[key] = "fail"
            failures.append(
                f"{key}: {obj['natural_key']!r} already exists on platform {ctx.platform_id} and "
                "its exists policy is 'fail' (choose adopt or skip for it, or remove it from "
                "the spec); nothing was written"
            )
        else:
            report[key] = obj["policy"]
    return report, failures


class PlatformPlanProvider(ResourceProvider):
    """Decides the exists policies in ``check``; nothing to create on the platform itself."""

    serialize_as_secret_always = False

    def configure(self, req: ConfigureRequest) -> None:
        remember_stack_config(req)

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        problems = connection_problems(news.get("connection"))
        if problems:
            return CheckResult(news, [CheckFailure("connection", f"connection: {problems[0]}")])
        with connected(news.get("connection")):
            return self._check(olds, news)

    def _check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        objects: list[PlanObject] = list(news.get("objects") or [])
        allowed = [str(p) for p in news.get("allowed_platform_ids") or []]
        try:
            ctx = Context.current()
        except TcmppError as exc:
            return CheckResult(news, [CheckFailure("objects", f"objects: {exc}")])
        if allowed and ctx.platform_id not in allowed:
            reason = (
                f"allowed_platform_ids: the spec may be applied only to {', '.join(allowed)}; "
                f"this stack targets {ctx.platform_id}; nothing was written"
            )
            return CheckResult(news, [CheckFailure("allowed_platform_ids", reason)])
        old_report = olds.get("report") or {}
        previous = {
            str(o.get("key")): str(old_report.get(o.get("key"), "managed"))
            for o in olds.get("objects") or []
        }
        report, failures = decide(ctx, objects, previous)
        result = {**news, "report": report}
        return CheckResult(result, [CheckFailure("objects", f"objects: {f}") for f in failures])

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        keys = ("objects", "allowed_platform_ids", "report", "connection")
        return DiffResult(changes=any(olds.get(k) != news.get(k) for k in keys))

    def create(self, props: dict[str, Any]) -> CreateResult:
        outs = {k: v for k, v in props.items() if k != "__provider"}
        with connected(props.get("connection")):
            return CreateResult(f"plan-{Context.current().platform_id}", outs)

    def update(self, _id: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        return UpdateResult({k: v for k, v in news.items() if k != "__provider"})

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        return ReadResult(id_, props)

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        return None


class PlatformPlan(dynamic.Resource, module="tcmpp", name="PlatformPlan"):
    """The per-object exists decisions of a Platform (see the module docstring)."""

    objects: pulumi.Output[list[PlanObject]]
    allowed_platform_ids: pulumi.Output[list[str]]
    report: pulumi.Output[dict[str, str]]

    def __init__(
        self,
        resource_name: str,
        *,
        objects: Iterable[PlanObject],
        allowed_platform_ids: Iterable[str] = (),
        connection: Connection | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props = {
            "objects": list(objects),
            "allowed_platform_ids": list(allowed_platform_ids),
            "report": None,
            "connection": (connection.to_input() or None) if connection else None,
        }
        super().__init__(PlatformPlanProvider(), resource_name, props, opts)
