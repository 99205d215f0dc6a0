"""Cross-domain facts several handler modules need: bindings, approvals, online versions.

A mini program is *bound* to an application once an approval item for that application is
approved; the binding is *effective* once the mini program has an online version.
"""

from __future__ import annotations

from pulumi_tcmpp.emulator._context import Ctx
from pulumi_tcmpp.emulator._store import Record

__all__ = [
    "apps_of_team",
    "bindings",
    "effect_status",
    "ongoing_approvals",
    "online_version",
    "team_name",
]


def team_name(ctx: Ctx, team_id: str | None) -> str:
    team = ctx.get("team", team_id) if team_id else None
    return str(team["team_name"]) if team else ""


def apps_of_team(ctx: Ctx, team_id: str) -> list[Record]:
    return [a for a in ctx.scan("application") if a["team_id"] == team_id]


def bindings(ctx: Ctx, *, app_id: str | None = None, mnp_id: str | None = None) -> list[Record]:
    return [
        b
        for b in ctx.scan("binding")
        if (app_id is None or b["app_id"] == app_id) and (mnp_id is None or b["mnp_id"] == mnp_id)
    ]


def ongoing_approvals(ctx: Ctx) -> list[Record]:
    return [a for a in ctx.scan("approval") if a["status"] == 1]


def online_version(ctx: Ctx, mnp: Record) -> Record | None:
    version_id = mnp.get("online_version_id")
    return ctx.get("version", str(version_id)) if version_id else None


def effect_status(ctx: Ctx, mnp: Record, bound: bool) -> int:
    """0 not bound, 1 bound but not effective, 2 effective (bound and online)."""
    if not bound:
        return 0
    return 2 if mnp.get("online_version_id") else 1
