"""The platform spec: a whole TCMPP platform as data, named by logical names.

A spec lists users, teams (with their members by role name), applications (with their
sensitive APIs), mini programs (with their domain lists) and the global domain lists. Objects
are keyed by *logical names* derived from their natural keys and refer to each other by those
names, never by platform ids; ids appear only as provenance (``source``).

Two kinds of value are not literals:

* ``{config: KEY}`` (optionally ``{config: KEY, format: "https://{}/logo.png"}``): a typed
  reference to the stack configuration of the environment the spec is applied to, for values
  that differ between environments (a logo host, a package suffix, a domain);
* ``{secret: NAME}``: a typed placeholder for a secret that cannot be exported (a user's
  password), filled at apply time from the ``secrets`` given to the Platform or from the
  stack config secret NAME.

:func:`load_spec` parses YAML or JSON and validates everything at once (unknown keys,
dangling references, duplicate logical names or natural keys, cycles), reporting every
problem by path. Values are checked with the very rules the resources check in a preview
(:mod:`pulumi_tcmpp.rules`): a spec that loads does not fail at ``up`` on a name, a URL or a
domain the resources refuse. A ``{config: KEY}`` value is not known until the spec is applied,
so its rules run then, in the resource's ``check``.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from pulumi_tcmpp import rules
from pulumi_tcmpp._text import plural
from pulumi_tcmpp.errors import ConfigurationError, TcmppError

__all__ = [
    "SPEC_VERSION",
    "ApplicationSpec",
    "ConfigRef",
    "DomainsSpec",
    "GlobalDomainsSpec",
    "MemberSpec",
    "MiniProgramSpec",
    "PlatformSpec",
    "SecretRef",
    "SensitiveApiSpec",
    "SpecError",
    "TeamSpec",
    "UserSpec",
    "load_spec",
    "parse_spec",
]

SPEC_VERSION: Literal[1] = 1
LogicalName = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,62}$")]


class SpecError(TcmppError):
    """A spec is not valid; ``problems`` lists every one of them as ``path: problem``."""

    def __init__(self, source: str, problems: list[str]) -> None:
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            f"{source} is not a valid platform spec ({plural(len(problems), 'problem')}):\n{lines}"
        )
        self.source = source
        self.problems = problems


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ConfigRef(_Strict):
    """A value taken from the target environment's stack configuration."""

    config: Annotated[str, Field(min_length=1)]
    format: str | None = Field(None, description="A string with one '{}' where the value goes.")

    @field_validator("format")
    @classmethod
    def _one_slot(cls, value: str | None) -> str | None:
        if value is not None and value.count("{}") != 1:
            raise ValueError("format must contain exactly one '{}'")
        return value


class SecretRef(_Strict):
    """A secret filled at apply time (never written by export)."""

    secret: Annotated[str, Field(min_length=1)]


Text = str | ConfigRef
NotBlankText = Annotated[Text, AfterValidator(rules.NOT_BLANK.for_literal())]
NameText = Annotated[Text, AfterValidator(rules.NAME.for_literal())]
AccountText = Annotated[Text, AfterValidator(rules.ACCOUNT.for_literal())]
ImageUrlText = Annotated[Text, AfterValidator(rules.IMAGE_URL.for_literal())]
ApplicationIntroText = Annotated[Text, AfterValidator(rules.APPLICATION_INTRO.for_literal())]
ApplicationRemarkText = Annotated[Text, AfterValidator(rules.APPLICATION_REMARK.for_literal())]
PackageNameText = Annotated[Text, AfterValidator(rules.PACKAGE_NAME.for_literal())]
MiniProgramIntroText = Annotated[Text, AfterValidator(rules.MINI_PROGRAM_INTRO.for_literal())]
MiniProgramDescriptionText = Annotated[
    Text, AfterValidator(rules.MINI_PROGRAM_DESCRIPTION.for_literal())
]
CategoryText = Annotated[Text, AfterValidator(rules.CATEGORY.for_literal())]
DomainOriginText = Annotated[Text, AfterValidator(rules.DOMAIN_ORIGIN.for_literal())]
SocketOriginText = Annotated[Text, AfterValidator(rules.SOCKET_ORIGIN.for_literal())]
GlobalDomainText = Annotated[Text, AfterValidator(rules.GLOBAL_DOMAIN.for_literal())]
ApiName = Annotated[str, AfterValidator(rules.API_NAME)]


class Provenance(_Strict):
    """Where an object was exported from: metadata only, never used to apply."""

    id: str


class UserSpec(_Strict):
    account: AccountText
    name: NameText
    account_type: Literal["platform_admin", "member"] = "member"
    password: SecretRef | None = None
    source: Provenance | None = None


class MemberSpec(_Strict):
    user: LogicalName
    role: Annotated[
        str,
        AfterValidator(rules.NOT_BLANK),
        Field(description="Role name, from DescribeRoleList."),
    ]


class TeamSpec(_Strict):
    name: NameText
    role: Literal["mini_program", "application"]
    admin: LogicalName
    remark: Text | None = None
    related_team: LogicalName | None = None
    members: list[MemberSpec] = Field(default_factory=list)
    source: Provenance | None = None


class SensitiveApiSpec(_Strict):
    description: NotBlankText
    type: Literal["system", "custom"] = "custom"
    restricted: bool = False
    source: Provenance | None = None


class ApplicationSpec(_Strict):
    name: NameText
    team: LogicalName
    type: Literal["test", "formal"]
    logo: ImageUrlText
    intro: ApplicationIntroText
    android_package_name: PackageNameText | None = None
    ios_bundle_id: PackageNameText | None = None
    remark: ApplicationRemarkText | None = None
    sensitive_apis: dict[ApiName, SensitiveApiSpec] = Field(
        default_factory=dict, description="Keyed by API name."
    )
    source: Provenance | None = None


class DomainsSpec(_Strict):
    request: list[DomainOriginText] = Field(default_factory=list)
    web_view: list[DomainOriginText] = Field(default_factory=list)
    socket: list[SocketOriginText] = Field(default_factory=list)
    upload: list[DomainOriginText] = Field(default_factory=list)
    download: list[DomainOriginText] = Field(default_factory=list)


class MiniProgramSpec(_Strict):
    name: NameText
    team: LogicalName
    categories: list[CategoryText] = Field(min_length=1)
    icon: ImageUrlText
    intro: MiniProgramIntroText
    description: MiniProgramDescriptionText
    domains: DomainsSpec | None = None
    source: Provenance | None = None


class GlobalDomainsSpec(_Strict):
    allow: list[GlobalDomainText] = Field(default_factory=list)
    block: list[GlobalDomainText] = Field(default_factory=list)


class SourceInfo(_Strict):
    platform_id: str | None = None
    backend: Literal["tcmpp", "tcsas"] | None = None


class PlatformSpec(_Strict):
    """A whole platform; see the module docstring."""

    version: Literal[1] = SPEC_VERSION
    allowed_platform_ids: list[str] = Field(
        default_factory=list, description="Platform ids this spec may be applied to (empty: any)."
    )
    source: SourceInfo | None = None
    users: dict[LogicalName, UserSpec] = Field(default_factory=dict)
    teams: dict[LogicalName, TeamSpec] = Field(default_factory=dict)
    applications: dict[LogicalName, ApplicationSpec] = Field(default_factory=dict)
    mini_programs: dict[LogicalName, MiniProgramSpec] = Field(default_factory=dict)
    global_domains: GlobalDomainsSpec = Field(default_factory=GlobalDomainsSpec)

    def team_order(self) -> list[str]:
        """Logical team names sorted, each after the team it is related to (no cycles)."""
        order: list[str] = []

        def visit(name: str) -> None:
            if name in order or name not in self.teams:
                return
            related = self.teams[name].related_team
            if related:
                visit(related)
            order.append(name)

        for name in sorted(self.teams):
            visit(name)
        return order

    def problems(self, names: dict[str, set[str]] | None = None) -> list[str]:
        """Every cross-object problem: dangling references, duplicates, cycles.

        ``names`` holds every logical name per section, including objects that failed their
        own validation, so they are not reported as missing too.
        """
        known = names or {
            "users": set(self.users),
            "teams": set(self.teams),
        }
        return list(_cross_checks(self, known))


# ---- cross-object checks ---------------------------------------------------------------


def _literal(value: Any) -> Any:
    """A natural key that can be compared offline (config references compare by key)."""
    return ("config", value.config, value.format) if isinstance(value, ConfigRef) else value


def _duplicates(section: str, items: dict[str, Any], field: str) -> Iterator[str]:
    seen: dict[Any, str] = {}
    for name, item in items.items():
        key = _literal(getattr(item, field))
        if key in seen:
            yield (
                f"{section}.{name}.{field}: the same {field} as {section}.{seen[key]} "
                f"({getattr(item, field)!r}); {field} must be unique"
            )
        seen[key] = name


def _cross_checks(spec: PlatformSpec, names: dict[str, set[str]]) -> Iterator[str]:
    users, teams = names.get("users", set()), names.get("teams", set())
    yield from _duplicates("users", spec.users, "account")
    yield from _duplicates("teams", spec.teams, "name")
    yield from _duplicates("applications", spec.applications, "name")
    yield from _duplicates("mini_programs", spec.mini_programs, "name")
    for name, team in spec.teams.items():
        if team.admin not in users:
            yield f"teams.{name}.admin: no user named {team.admin!r} in users"
        if team.related_team is not None and team.related_team not in teams:
            yield f"teams.{name}.related_team: no team named {team.related_team!r} in teams"
        seen_members: set[str] = set()
        for index, member in enumerate(team.members):
            if member.user not in users:
                yield f"teams.{name}.members[{index}].user: no user named {member.user!r} in users"
            if member.user in seen_members:
                yield f"teams.{name}.members[{index}].user: {member.user!r} is listed twice"
            seen_members.add(member.user)
    for section, items, wanted in (
        ("applications", spec.applications, "application"),
        ("mini_programs", spec.mini_programs, "mini_program"),
    ):
        for name, item in items.items():
            owner = spec.teams.get(item.team)
            if item.team not in teams:
                yield f"{section}.{name}.team: no team named {item.team!r} in teams"
            elif owner is not None and owner.role != wanted:
                yield (
                    f"{section}.{name}.team: team {item.team!r} is {_TEAM_KIND[owner.role]}; "
                    f"{section.replace('_', ' ')} belong to {_TEAM_KIND[wanted]}"
                )
    yield from _cycles(spec)
    both = {_literal(v) for v in spec.global_domains.allow} & {
        _literal(v) for v in spec.global_domains.block
    }
    for value in sorted(map(str, both)):
        yield f"global_domains: {value} is both allowed and blocked"


_TEAM_KIND = {"application": "an application team", "mini_program": "a mini program team"}


def _cycles(spec: PlatformSpec) -> Iterator[str]:
    """Teams related to each other in a loop cannot be created in any order."""
    reported: set[frozenset[str]] = set()
    for start in spec.teams:
        path = [start]
        current = spec.teams[start].related_team
        while current is not None and current in spec.teams and current not in path:
            path.append(current)
            current = spec.teams[current].related_team
        if current == start:
            loop = frozenset(path)
            if loop not in reported:
                reported.add(loop)
                chain = " -> ".join([*path, start])
                yield f"teams.{start}.related_team: a cycle ({chain})"


# ---- loading ---------------------------------------------------------------------------


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate keys instead of silently keeping the last."""


def _mapping(
    loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False
) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in mapping:
            line = key_node.start_mark.line + 1
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (line {line})", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(spec)"


_SECTIONS = ("users", "teams", "applications", "mini_programs")
_NAME = TypeAdapter(LogicalName)


def _error_lines(exc: ValidationError, prefix: tuple[Any, ...]) -> list[str]:
    lines = []
    for error in exc.errors():
        loc = prefix + tuple(p for p in error["loc"] if p not in ("str", "ConfigRef", "SecretRef"))
        if error["type"] == "extra_forbidden":
            message = "unknown key"
        elif error["type"] == "value_error":  # a rule of pulumi_tcmpp.rules: show the value
            rule = str(error["msg"]).removeprefix("Value error, ")
            message = f"{rule}; got {error['input']!r}"
        else:
            message = error["msg"]
        lines.append(f"{_path(loc)}: {message}")
    return lines


def _split_sections(document: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    """Validate each object on its own; keep the valid ones, record the others' problems."""
    valid: dict[str, Any] = {k: v for k, v in document.items() if k not in _SECTIONS}
    for section in _SECTIONS:
        raw = document.get(section) or {}
        if not isinstance(raw, dict):
            problems.append(f"{section}: must be a mapping of logical name to object")
            continue
        model = PlatformSpec.model_fields[section].annotation
        item_type = typing.get_args(model)[1]
        valid[section] = {}
        for name, item in raw.items():
            try:
                _NAME.validate_python(name)
                valid[section][name] = item_type.model_validate(item)
            except ValidationError as exc:
                problems += _error_lines(exc, (section, name))
    return valid


def parse_spec(document: Any, source: str = "spec") -> PlatformSpec:
    """Validate a loaded document; raises :class:`SpecError` with every problem by path."""
    if not isinstance(document, dict):
        raise SpecError(source, [f"(spec): must be a mapping, got {type(document).__name__}"])
    problems: list[str] = []
    parts = _split_sections(document, problems)
    names = {s: set(document.get(s) or {}) for s in _SECTIONS if isinstance(document.get(s), dict)}
    try:
        spec = PlatformSpec.model_validate(parts)
    except ValidationError as exc:
        problems += _error_lines(exc, ())
        raise SpecError(source, sorted(set(problems))) from None
    problems += spec.problems(names)
    if problems:
        raise SpecError(source, problems)
    return spec


def _load_yaml(text: str) -> Any:
    return yaml.load(text, _UniqueKeyLoader)  # a SafeLoader subclass: no arbitrary objects


def load_spec(path: str | Path) -> PlatformSpec:
    """Read a YAML (or JSON) spec file and validate it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigurationError(
            f"spec file {path} cannot be read: {exc.strerror or exc} (looked for {path.resolve()})"
        ) from None
    try:
        parse = json.loads if path.suffix == ".json" else _load_yaml
        document = parse(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise SpecError(str(path), [f"(file): cannot be parsed: {exc}"]) from None
    return parse_spec(document, str(path))
