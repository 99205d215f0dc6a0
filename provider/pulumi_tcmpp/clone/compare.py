"""Compare two platforms as specs: what cloning the source onto the target would change.

Both sides are specs: a live environment is exported first (in memory), a spec file is loaded.
Objects are matched by **natural key**, never by id or logical name (the two environments name
them alike only by construction): users by account, teams, applications and mini programs by
name, memberships by team and user, sensitive APIs by application and API name, global domains
by kind and URL. References compare by the natural key of what they point to.

Only **declared fields** are compared: the fields a spec holds, never server-side ones (ids,
times, counts, links, config files) and never write-only ones (passwords, team remarks), which
no read returns. When the source is a spec file, an optional field it leaves out (an
application's remark, a mini program's domain lists, a team's members) is not managed by
applying it and is not compared either; fields with a default (``account_type: member``,
``restricted: false``) count as given. Objects present on only one side are listed.

``{config: KEY}`` references are resolved from the values given (``--config KEY=VALUE``); an
unresolved one matches any value that fits its format, so a spec can be compared with the
environment it was exported from without its stack config. A natural key must resolve: an
object cannot be matched by a pattern.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from pulumi_tcmpp._text import plural
from pulumi_tcmpp.clone.previous import fits
from pulumi_tcmpp.clone.select import Selection, candidates
from pulumi_tcmpp.clone.spec import ConfigRef, PlatformSpec
from pulumi_tcmpp.errors import TcmppError

__all__ = ["CompareError", "Difference", "Side", "compare", "render_table", "unresolved_references"]

ABSENT = "(absent)"
PRESENT = "(present)"
_KIND_ORDER = (
    "user",
    "team",
    "member",
    "application",
    "sensitive API",
    "mini program",
    "allowed domain",
    "blocked domain",
)
_DOMAIN_KINDS = ("request", "web_view", "socket", "upload", "download")


class CompareError(TcmppError):
    """The comparison cannot be made (an unresolved natural key): a misuse."""


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a spec, whether it is a file, its config values, a label."""

    spec: PlatformSpec
    label: str
    from_file: bool = False
    config: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Difference:
    """One row of the table: an object, a field, the value on each side."""

    kind: str
    key: str
    field: str
    source: str
    target: str

    @property
    def object(self) -> str:
        return f"{self.kind} {self.key}"

    @property
    def presence(self) -> bool:
        """True when the object exists on one side only."""
        return self.field == "-"


@dataclass
class _Object:
    """An object reduced to comparable fields (references as natural keys)."""

    fields: dict[str, Any]
    parent: tuple[str, str] | None = None
    """The (kind, key) whose selection decides this one's (members, APIs)."""


Objects = dict[tuple[str, str], _Object]


# ---- values ----------------------------------------------------------------------------


def _resolve(value: Any, config: Mapping[str, str]) -> Any:
    """A literal, a resolved reference, or the reference itself when it has no value."""
    if isinstance(value, ConfigRef) and value.config in config:
        text = config[value.config]
        return value.format.replace("{}", text) if value.format else text
    if isinstance(value, list):
        return [_resolve(item, config) for item in value]
    return value


def _references(value: Any) -> Iterator[ConfigRef]:
    """Every ``{config: KEY}`` in a value, at any depth of models, lists and mappings."""
    if isinstance(value, ConfigRef):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _references(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _references(item)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _references(item)


def unresolved_references(side: Side) -> list[str]:
    """The keys of the side's ``{config: KEY}`` references that have no value, sorted.

    Such a reference is compared as a pattern (any value fitting its format is the same), so
    a comparison that relies on one can say "no differences" about values it never saw.
    """
    return sorted({ref.config for ref in _references(side.spec)} - set(side.config))


def _same(source: Any, target: Any) -> bool:
    if isinstance(source, ConfigRef):
        return isinstance(target, str) and fits(source, target)
    if isinstance(source, list) and isinstance(target, list):
        missing, extra = _set_difference(source, target)
        return not missing and not extra
    return bool(source == target)


def _set_difference(source: list[Any], target: list[Any]) -> tuple[list[Any], list[Any]]:
    """(in source only, in target only), references matched to values that fit them."""
    remaining = sorted(str(v) for v in target)
    missing: list[Any] = []
    for item in source:
        if isinstance(item, str) and item in remaining:
            remaining.remove(item)
        elif not isinstance(item, str):
            claimed = next((v for v in remaining if fits(item, v)), None)
            if claimed is None:
                missing.append(item)
            else:
                remaining.remove(claimed)
        else:
            missing.append(item)
    return missing, remaining


def show(value: Any) -> str:
    """A value as the table shows it."""
    if value is None:
        return "-"
    if isinstance(value, ConfigRef):
        fmt = f", format: {value.format}" if value.format else ""
        return f"{{config: {value.config}{fmt}}}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(show(v) for v in sorted(value, key=str)) or "(none)"
    return str(value)


# ---- specs as comparable objects ---------------------------------------------------------


class _Flattener:
    """Turns one side's spec into objects keyed by (kind, natural key)."""

    def __init__(self, side: Side) -> None:
        self.side = side
        self.spec = side.spec
        self.objects: Objects = {}
        self.lists: set[tuple[str, tuple[str, str]]] = set()
        """(child kind, parent) for every list of children this side declares."""

    def children(self, item: Any, name: str, kind: str, parent: tuple[str, str]) -> None:
        """Record that a list of children (members, APIs) is declared (always when live)."""
        if not self.side.from_file or name in item.model_fields_set:
            self.lists.add((kind, parent))

    def key(self, value: Any, path: str) -> str:
        resolved = _resolve(value, self.side.config)
        if isinstance(resolved, ConfigRef):
            raise CompareError(
                f"{self.side.label}: {path} is a natural key given as {{config: "
                f"{resolved.config}}}; pass --config {resolved.config}=VALUE to compare it"
            )
        return str(resolved)

    def declared(self, item: Any, name: str) -> bool:
        """Whether a field is compared: always between live platforms, else when given."""
        return not self.side.from_file or getattr(item, name) is not None

    def put(self, kind: str, key: str, fields: dict[str, Any], parent: Any = None) -> None:
        self.objects[(kind, key)] = _Object(fields, parent)

    def run(self) -> Objects:
        spec, conf = self.spec, self.side.config
        users = {n: self.key(u.account, f"users.{n}.account") for n, u in spec.users.items()}
        teams = {n: self.key(t.name, f"teams.{n}.name") for n, t in spec.teams.items()}
        for name, user in spec.users.items():
            self.put("user", users[name], self.fields(user, ("name", "account_type"), conf))
        for name, team in spec.teams.items():
            fields: dict[str, Any] = {"role": team.role, "admin": users.get(team.admin, team.admin)}
            if self.declared(team, "related_team"):
                related = team.related_team
                fields["related_team"] = teams.get(related, related) if related else None
            self.put("team", teams[name], fields)
            self.children(team, "members", "member", ("team", teams[name]))
            for member in team.members:
                key = f"{teams[name]} / {users.get(member.user, member.user)}"
                self.put("member", key, {"role": member.role}, ("team", teams[name]))
        self.applications(teams)
        self.mini_programs(teams)
        for kind, urls in (
            ("allowed domain", spec.global_domains.allow),
            ("blocked domain", spec.global_domains.block),
        ):
            for url in urls:
                self.put(kind, self.key(url, "global_domains"), {})
        return self.objects

    def fields(self, item: Any, names: Iterable[str], conf: Mapping[str, str]) -> dict[str, Any]:
        return {n: _resolve(getattr(item, n), conf) for n in names if self.declared(item, n)}

    def applications(self, teams: Mapping[str, str]) -> None:
        conf = self.side.config
        names = ("type", "logo", "intro", "android_package_name", "ios_bundle_id", "remark")
        for logical, app in self.spec.applications.items():
            key = self.key(app.name, f"applications.{logical}.name")
            fields = {"team": teams.get(app.team, app.team), **self.fields(app, names, conf)}
            self.put("application", key, fields)
            self.children(app, "sensitive_apis", "sensitive API", ("application", key))
            for api_name, api in app.sensitive_apis.items():
                api_fields = self.fields(api, ("description", "type", "restricted"), conf)
                self.put("sensitive API", f"{key} / {api_name}", api_fields, ("application", key))

    def mini_programs(self, teams: Mapping[str, str]) -> None:
        conf = self.side.config
        names = ("categories", "icon", "intro", "description")
        for logical, mnp in self.spec.mini_programs.items():
            key = self.key(mnp.name, f"mini_programs.{logical}.name")
            fields = {"team": teams.get(mnp.team, mnp.team), **self.fields(mnp, names, conf)}
            if self.declared(mnp, "domains"):
                for kind in _DOMAIN_KINDS:
                    urls = getattr(mnp.domains, kind) if mnp.domains else []
                    fields[f"domains.{kind}"] = _resolve(list(urls), conf)
            self.put("mini program", key, fields)


# ---- the comparison --------------------------------------------------------------------


def _selected(
    source: Side, target: Side, selection: Selection | None
) -> set[tuple[str, str]] | None:
    """The (kind, natural key) pairs the patterns keep on either side; None for all."""
    if selection is None or selection.everything:
        return None
    kinds = {
        "users": "user",
        "teams": "team",
        "applications": "application",
        "mini_programs": "mini program",
    }
    kept: set[tuple[str, str]] = set()
    pool = [(side, c) for side in (source, target) for c in candidates(side.spec)]
    chosen = set(selection.filter([c for _, c in pool]))
    for side, candidate in pool:
        if candidate not in chosen:
            continue
        if candidate.type == "global_domains":
            kind = (
                "allowed domain"
                if candidate.natural_key in map(str, side.spec.global_domains.allow)
                else "blocked domain"
            )
        else:
            kind = kinds[candidate.type]
        key = _resolve(candidate.natural_key, side.config)
        kept.add((kind, str(key)))
    return kept


def _rows(key: tuple[str, str], source: _Object, target: _Object) -> Iterator[Difference]:
    kind, name = key
    for field_name in sorted(source.fields):
        src = source.fields[field_name]
        dst = target.fields.get(field_name)
        if not _same(src, dst):
            yield Difference(kind, name, field_name, show(src), show(dst))


def compare(source: Side, target: Side, selection: Selection | None = None) -> list[Difference]:
    """Every difference, sorted by kind, object and field.

    Members and sensitive APIs are compared when their parent is on both sides and the source
    declares the list; otherwise the parent's own row says it all.
    """
    flat = _Flattener(source)
    left, right = flat.run(), _Flattener(target).run()
    kept = _selected(source, target, selection)

    def wanted(key: tuple[str, str], obj: _Object) -> bool:
        if kept is not None and (obj.parent or key) not in kept:
            return False
        parent = obj.parent
        return parent is None or (
            parent in left and parent in right and (key[0], parent) in flat.lists
        )

    out: list[Difference] = []
    for key in sorted(set(left) | set(right)):
        src, dst = left.get(key), right.get(key)
        obj = src or dst
        assert obj is not None
        if not wanted(key, obj):
            continue
        if src is None:
            out.append(Difference(key[0], key[1], "-", ABSENT, PRESENT))
        elif dst is None:
            out.append(Difference(key[0], key[1], "-", PRESENT, ABSENT))
        else:
            out.extend(_rows(key, src, dst))
    order = {kind: i for i, kind in enumerate(_KIND_ORDER)}
    return sorted(out, key=lambda d: (order.get(d.kind, 99), d.key, d.field))


def render_table(
    differences: list[Difference], source_label: str, target_label: str, width: int = 80
) -> str:
    """A plain-text table: object, field, source value, target value."""
    if not differences:
        return f"No differences between {source_label} and {target_label}.\n"
    header = ("OBJECT", "FIELD", "SOURCE", "TARGET")
    rows = [(d.object, d.field, _cut(d.source, width), _cut(d.target, width)) for d in differences]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = [f"source: {source_label}", f"target: {target_label}", ""]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    only_source = sum(1 for d in differences if d.presence and d.target == ABSENT)
    only_target = sum(1 for d in differences if d.presence and d.source == ABSENT)
    changed = len(differences) - only_source - only_target
    lines += [
        "",
        f"{plural(len(differences), 'difference')}: {plural(changed, 'changed field')}, "
        f"{plural(only_source, 'object')} only in the source, {only_target} only in the target.",
    ]
    return "\n".join(lines) + "\n"


def _cut(text: str, width: int) -> str:
    """Long values keep both ends (where URLs and names differ), cut in the middle."""
    if len(text) <= width:
        return text
    half = (width - 3) // 2
    return text[:half] + "..." + text[len(text) - (width - 3 - half) :]
