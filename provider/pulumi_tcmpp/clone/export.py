"""Snapshot -> spec: translate, select, keep the previous spec's references, validate.

:func:`build_spec` is what ``pulumi-tcmpp export`` runs once the platform is read. Its result is
deterministic: the same snapshot (and previous spec) gives the same spec, whatever order the
API listed objects in.

Selection (``--include``/``--exclude``) picks which objects the spec is *about*. A kept object
may refer to one left out (a team's administrator when users are excluded, the team of an
included application): the spec cannot hold a dangling name, so the referred object is written
too, reduced to what a reference needs (a team without its members or remark), and reported as
*kept as a reference*. Applying the spec with the same patterns leaves those objects unmanaged:
the Platform looks them up on the target by natural key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi_tcmpp.clone.previous import keep_references, merge_list
from pulumi_tcmpp.clone.render import to_document
from pulumi_tcmpp.clone.select import Selection, candidates
from pulumi_tcmpp.clone.snapshot import Snapshot
from pulumi_tcmpp.clone.spec import GlobalDomainsSpec, PlatformSpec, parse_spec
from pulumi_tcmpp.clone.translate import translate

__all__ = ["ExportResult", "build_spec"]

SECTIONS = ("users", "teams", "applications", "mini_programs")


@dataclass(frozen=True)
class ExportResult:
    """The spec, notes on what was left out or kept only as a reference, and those names."""

    spec: PlatformSpec
    notes: tuple[str, ...] = ()
    reference_only: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Per section, logical names written only because a selected object refers to them."""


def build_spec(
    snapshot: Snapshot,
    *,
    previous: PlatformSpec | None = None,
    selection: Selection | None = None,
) -> ExportResult:
    """The spec of a snapshot; raises SelectionError when a pattern matches nothing."""
    translation = translate(snapshot, previous)
    spec, notes = translation.spec, list(translation.notes)
    reference_only: dict[str, frozenset[str]] = {}
    if selection is not None and not selection.everything:
        spec, reference_only = _select(spec, selection)
        notes += _reference_notes(reference_only)
    if previous is not None:
        spec = _keep_previous(spec, previous, translation.matched)
    checked = parse_spec(to_document(spec), "the exported spec")
    return ExportResult(checked, tuple(notes), reference_only)


# ---- selection -------------------------------------------------------------------------


def _select(
    spec: PlatformSpec, selection: Selection
) -> tuple[PlatformSpec, dict[str, frozenset[str]]]:
    kept = {(c.type, c.logical_name) for c in selection.filter(candidates(spec))}
    chosen = {s: {n for n in getattr(spec, s) if (s, n) in kept} for s in SECTIONS}
    users, teams = _referenced(spec, chosen)
    ref_users = users - chosen["users"]
    ref_teams = teams - chosen["teams"]
    team_items = {n: t for n, t in spec.teams.items() if n in chosen["teams"]}
    team_items |= {
        n: spec.teams[n].model_copy(update={"members": [], "remark": None}) for n in ref_teams
    }
    selected = spec.model_copy(
        update={
            "users": {n: u for n, u in spec.users.items() if n in chosen["users"] | ref_users},
            "teams": dict(sorted(team_items.items())),
            "applications": _only(spec.applications, chosen["applications"]),
            "mini_programs": _only(spec.mini_programs, chosen["mini_programs"]),
            "global_domains": GlobalDomainsSpec(
                allow=[u for u in spec.global_domains.allow if ("global_domains", u) in kept],
                block=[u for u in spec.global_domains.block if ("global_domains", u) in kept],
            ),
        }
    )
    refs = {"users": frozenset(ref_users), "teams": frozenset(ref_teams)}
    return selected, {k: v for k, v in refs.items() if v}


def _only(items: Mapping[str, Any], names: set[str]) -> dict[str, Any]:
    return {n: item for n, item in items.items() if n in names}


def _referenced(spec: PlatformSpec, chosen: dict[str, set[str]]) -> tuple[set[str], set[str]]:
    """Users and teams the chosen objects need, following team references to the end."""
    teams = set(chosen["teams"])
    teams |= {spec.applications[n].team for n in chosen["applications"]}
    teams |= {spec.mini_programs[n].team for n in chosen["mini_programs"]}
    pending = list(teams)
    while pending:
        related = spec.teams[pending.pop()].related_team
        if related and related not in teams:
            teams.add(related)
            pending.append(related)
    users = set(chosen["users"]) | {spec.teams[n].admin for n in teams}
    users |= {m.user for n in chosen["teams"] for m in spec.teams[n].members}
    return users, teams


def _reference_notes(reference_only: Mapping[str, frozenset[str]]) -> Iterable[str]:
    for section, names in sorted(reference_only.items()):
        listed = ", ".join(sorted(names))
        yield (
            f"{section} kept only as references, because selected objects refer to them: "
            f"{listed} (apply with the same --include/--exclude to leave them unmanaged)"
        )


# ---- the previous spec -----------------------------------------------------------------


def _keep_previous(
    spec: PlatformSpec, previous: PlatformSpec, matched: Mapping[str, set[str]]
) -> PlatformSpec:
    update: dict[str, Any] = {"allowed_platform_ids": list(previous.allowed_platform_ids)}
    for section in SECTIONS:
        live: dict[str, Any] = getattr(spec, section)
        before: dict[str, Any] = getattr(previous, section)
        update[section] = {
            name: keep_references(before[name], item)
            if name in matched.get(section, set()) and name in before
            else item
            for name, item in live.items()
        }
    update["global_domains"] = GlobalDomainsSpec(
        allow=merge_list(previous.global_domains.allow, list(map(str, spec.global_domains.allow))),
        block=merge_list(previous.global_domains.block, list(map(str, spec.global_domains.block))),
    )
    return spec.model_copy(update=update)
