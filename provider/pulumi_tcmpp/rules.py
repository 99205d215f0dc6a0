"""The input rules that need no platform data: one set, for the resources and the cloning spec.

Every rule here is a fixed property of one value (a length, a format) or of a few values of
the same object (``preview_entrance_path`` needs ``preview_version``). The resources check
them in ``check`` (offline, in every preview, before any API call) and the cloning spec checks
them when it is loaded, with the very same objects: a resource input or a spec field carries
its :class:`Rule` in its type. ``docs/rules.md`` lists them all, with where each is checked
and which document it comes from (``tests/test_rules.py`` keeps the page and this module in
step).

Each rule cites its source. Three kinds:

* **documented**: the vendor's pages state it (an error text such as ``InvalidApplicationIntro``
  "empty or exceeds 500 characters");
* **derived**: it follows from a documented fact (names are found by ``Keyword``, which the
  API limits to 64 characters; RSA-1024 encrypts at most 117 bytes);
* **assumed**: the pages name the error but not the limit (``InvalidMNPIntro`` "too long");
  the limit is the emulator's reading (``docs/emulator.md``), so a preview refuses what the
  emulator would refuse at ``up``.

Rules that need the platform (a category exists, a name is free, a version is greater than
the online one) are not here: see :data:`PLATFORM_RULES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

__all__ = [
    "ALL_RULES",
    "CROSS_RULES",
    "PLATFORM_RULES",
    "CrossRule",
    "PlatformRule",
    "Rule",
    "Source",
    "rules_in",
]

Source = Literal["documented", "derived", "assumed"]

_ERRORS = "tcmpp-errors.md / the API pages' error tables"
_KEYWORD_LIMIT = (
    "InvalidParameterValue.QueryParameterLengthExceedLimit: 'The length of the query "
    "parameter exceeds 64 characters' (DescribeTeamList, DescribeUserList, "
    "DescribeApplicationList, DescribeGlobalDomainACL); the provider finds the object by "
    "this value as Keyword"
)


@dataclass(frozen=True)
class Rule:
    """A rule on one value: ``must`` says what is wanted, ``test`` tells whether it holds.

    Used as a pydantic validator (``AfterValidator(rule)``): a value that breaks it raises
    ``ValueError`` with the rule's text, which the resources and the spec report with the
    field's name and the value.
    """

    key: str
    must: str
    source: str
    kind: Source
    test: Callable[[Any], bool] = field(compare=False, repr=False)
    secret: bool = False
    """The values are secrets: messages show their size, never the value."""

    def __call__(self, value: Any) -> Any:
        if not self.test(value):
            raise ValueError(f"{self.must} (rule {self.key})")
        return value

    def for_literal(self) -> LiteralRule:
        """This rule for spec values, which may also be ``{config: KEY}`` references."""
        return LiteralRule(self)


@dataclass(frozen=True)
class LiteralRule:
    """A rule applied to literal values only; anything else (a config reference) is unknown
    until the spec is applied, so it is left to the resource's ``check`` at that time."""

    rule: Rule

    def __call__(self, value: Any) -> Any:
        return self.rule(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class CrossRule:
    """A rule on several inputs of one object; it runs only when all of them are known."""

    key: str
    fields: tuple[str, ...]
    must: str
    source: str
    kind: Source
    test: Callable[[Mapping[str, Any]], bool] = field(compare=False, repr=False)

    def problem(self, values: Mapping[str, Any]) -> str | None:
        """The failure text for these values (None, absent, counts as not set), or None."""
        if self.test(values):
            return None
        got = ", ".join(f"{name}={values.get(name)!r}" for name in self.fields)
        return f"{self.must} (rule {self.key}); got {got}"


@dataclass(frozen=True)
class PlatformRule:
    """A rule only the platform can check (listed in the docs, never checked offline)."""

    key: str
    applies_to: str
    must: str
    checked: str


# ---- building blocks -------------------------------------------------------------------


def _not_blank(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _text(low: int, high: int) -> Callable[[Any], bool]:
    def test(value: Any) -> bool:
        return _not_blank(value) and low <= len(value) <= high

    return test


def _pattern(regex: str, high: int | None = None) -> Callable[[Any], bool]:
    """A test by regular expression; ``re`` compiles it on first use (and caches it), so a
    program that imports the rules pays for no pattern it never checks."""

    def test(value: Any) -> bool:
        if not isinstance(value, str) or (high is not None and len(value) > high):
            return False
        return re.fullmatch(regex, value) is not None

    return test


_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
_HOST = rf"{_LABEL}(?:\.{_LABEL})*"
_PORT = r"(?::[0-9]{1,5})?"


def _origin(*schemes: str) -> Callable[[Any], bool]:
    alternatives = "|".join(re.escape(s) for s in schemes)
    shape = rf"(?:{alternatives})://({_HOST}){_PORT}"  # compiled on first use, as in _pattern

    def test(value: Any) -> bool:
        if not isinstance(value, str) or len(value) > 512:
            return False
        match = re.fullmatch(shape, value)
        return match is not None and len(match.group(1)) <= 253

    return test


def _global_domain(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 512:
        return False
    match = re.fullmatch(rf"(?:https?://)?({_HOST}){_PORT}", value)
    return match is not None and len(match.group(1)) <= 253


def _http_url(high: int | None) -> Callable[[Any], bool]:
    shape = r"https?://[^\s/?#]+[^\s]*"  # compiled on first use, as in _pattern

    def test(value: Any) -> bool:
        if not isinstance(value, str) or (high is not None and len(value) > high):
            return False
        return re.fullmatch(shape, value) is not None

    return test


def _utf8_bytes(low: int, high: int) -> Callable[[Any], bool]:
    def test(value: Any) -> bool:
        return isinstance(value, str) and low <= len(value.encode("utf-8")) <= high

    return test


def _category(value: Any) -> bool:
    if not isinstance(value, str) or "," in value:
        return False
    name, arrow, item = value.partition("->")
    return bool(arrow and name.strip() and item.strip())


def _unique_users(members: Any) -> bool:
    if not isinstance(members, list):
        return False
    users = [m.get("user") if isinstance(m, dict) else getattr(m, "user", None) for m in members]
    return len(users) == len(set(users))


# ---- the rules ---------------------------------------------------------------------------

NOT_BLANK = Rule(
    "not-blank",
    "must not be empty or only spaces",
    "Every required parameter (MissingParameter, InvalidParameterValue); a value of only "
    "spaces is an empty value to the platform",
    "derived",
    _not_blank,
)
NAME = Rule(
    "name",
    "must be 1 to 64 characters, not only spaces",
    f"{_KEYWORD_LIMIT}. The codes InvalidUserName, InvalidApplicationName and InvalidMNPName "
    "('Invalid format or length') say names have a limit; 64 is the one the lookups need",
    "derived",
    _text(1, 64),
)
ACCOUNT = Rule(
    "account",
    "must be 1 to 64 letters, digits or the characters _ . @ -",
    f"{_KEYWORD_LIMIT}. The characters: every UserAccount in the docs' examples "
    "(OpenApiUser0819170245, autotest_op, debug_test001) is letters, digits and _; . @ - "
    "allow e-mail style accounts (the emulator's reading)",
    "assumed",
    _pattern(r"[A-Za-z0-9_.@-]{1,64}"),
)
APPLICATION_INTRO = Rule(
    "application-intro",
    "must be 1 to 500 characters, not only spaces",
    "InvalidParameterValue.InvalidApplicationIntro: 'The application introduction is empty or "
    f"exceeds 500 characters' ({_ERRORS}: CreateApplication, ModifyApplication)",
    "documented",
    _text(1, 500),
)
APPLICATION_REMARK = Rule(
    "application-remark",
    "must be 1 to 1,000 characters, not only spaces (leave it unset for no remark)",
    "InvalidParameterValue.InvalidApplicationRemark: 'The application remark is empty or "
    f"exceeds 1,000 characters' ({_ERRORS}: CreateApplication, ModifyApplication)",
    "documented",
    _text(1, 1000),
)
PACKAGE_NAME = Rule(
    "package-name",
    "must look like com.example.app: two or more dot-separated parts of letters, digits, _ "
    "or -, the first starting with a letter",
    "InvalidParameterValue.InvalidAppPackageNameLayout: 'Incorrect application package name "
    "format' (CreateApplication, ModifyApplication); the docs' examples: "
    "com.tencent.tcmpp.demo, com.test",
    "documented",
    _pattern(r"[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+", 255),
)
IMAGE_URL = Rule(
    "image-url",
    "must be an http:// or https:// URL of at most 1,024 characters, without spaces",
    "CreateApplication Logo ('Logo address') and CreateMNP MNPIcon: every example is an "
    "http(s) URL (http://127.0.0.1/.../x.png); the length is the emulator's reading",
    "assumed",
    _http_url(1024),
)
PACKAGE_URL = Rule(
    "package-url",
    "must be an http:// or https:// URL without spaces",
    "CreateMNPVersion FileUrl: 'Address of the mini program package', downloaded by the "
    "platform (FailedOperation.FileDownloadFailed)",
    "documented",
    _http_url(None),
)
PASSWORD = Rule(
    "password",
    "must be 1 to 117 bytes in UTF-8: the platform's RSA-1024 key with PKCS#1 v1.5 padding "
    "encrypts no more",
    "CreatePresetKey answers an RSA-1024 public key (its example decodes to a 128-byte "
    "ciphertext); CreateUser and ModifyUserPassword take the password encrypted with it",
    "derived",
    _utf8_bytes(1, 117),
    secret=True,
)
MINI_PROGRAM_INTRO = Rule(
    "mini-program-intro",
    "must be 1 to 500 characters, not only spaces",
    "InvalidParameterValue.InvalidMNPIntro: 'The mini program introduction is empty or too "
    "long' (CreateMNP); 500 as for an application's introduction (the emulator's reading)",
    "assumed",
    _text(1, 500),
)
MINI_PROGRAM_DESCRIPTION = Rule(
    "mini-program-description",
    "must be 1 to 2,000 characters, not only spaces",
    "CreateMNP / ModifyMNP MNPDesc is required; the limit is the emulator's reading",
    "assumed",
    _text(1, 2000),
)
CATEGORY = Rule(
    "category",
    "must look like 'Category->Value' (a TypeName->TypeValue pair of DescribeMNPCategory), "
    "without commas",
    "CreateMNP MNPType: the docs' example 'Logistics Services->1_Pickup/Delivery,Life "
    "Service->144_Lilliputian Services' joins the pairs with commas",
    "documented",
    _category,
)
DOMAIN_ORIGIN = Rule(
    "domain-origin",
    "must be an https:// or http:// origin: the scheme, a host name (dot-separated non-empty "
    "labels, at most 253 characters) and an optional port; no path, query, spaces, ';' or ','",
    "CreateMNPDomainACL / ModifyMNPDomain DomainUrlList is a 'Domain name list'; the docs' "
    "examples are origins only (https://console.tencent.com); DescribeMNPDomainACL joins "
    "entries with ';'. A DNS name has at most 253 characters, so such an origin stays within "
    "the 512 characters of a DomainUrl (the emulator's reading)",
    "documented",
    _origin("https", "http"),
)
SOCKET_ORIGIN = Rule(
    "socket-origin",
    "must be a wss:// or ws:// origin: the scheme, a host name (dot-separated non-empty "
    "labels, at most 253 characters) and an optional port; no path, query, spaces, ';' or ','",
    "As domain-origin, for DomainType 3 (socket): socket connections use ws(s) URLs",
    "derived",
    _origin("wss", "ws"),
)
GLOBAL_DOMAIN = Rule(
    "global-domain",
    "must be a host name (dot-separated non-empty labels of letters, digits, - or _; at most "
    "253 characters), optionally after https:// or http:// and before a port, with no path",
    "CreateGlobalDomainACL DomainUrlList is a 'Domain name list': the docs' examples are bare "
    "hosts (openapi.autotest.domain.com, 123132.com), the domain lists' are https:// origins",
    "documented",
    _global_domain,
)
API_NAME = Rule(
    "api-name",
    "must be 1 to 128 letters, digits or _, starting with a letter or _ (an API name such as "
    "getPhoneNumber): no spaces or punctuation",
    "CreateApplicationSensitiveAPI APIName: the docs' examples are JS API names "
    "(base64ToArrayBuffer, testState); APIMethod equals APIName. The 128 is the emulator's "
    "reading",
    "assumed",
    _pattern(r"[A-Za-z_][A-Za-z0-9_]{0,127}"),
)
VERSION_NUMBER = Rule(
    "version-number",
    "must be 2 to 4 dot-separated numbers such as 1.0.3 (the platform compares versions "
    "number by number)",
    "InvalidParameterValue.InvalidMNPVersion ('Invalid mini program version number'); every "
    "MNPVersion in the docs' examples has this shape (1.0.277)",
    "documented",
    _pattern(r"[0-9]{1,9}(?:\.[0-9]{1,9}){1,3}"),
)
VERSION_INTRO = Rule(
    "version-intro",
    "must be 1 to 500 characters, not only spaces",
    "InvalidParameterValue.InvalidMNPVersionIntro: 'The mini program version introduction is "
    "empty or is too long' (CreateMNPVersion); 500 is the emulator's reading",
    "assumed",
    _text(1, 500),
)
APPLY_REASON = Rule(
    "apply-reason",
    "must be 1 to 500 characters, not only spaces",
    "CreateMNPSensitiveAPIPermissionApproval ApplyReason is required; the limit is the "
    "emulator's reading",
    "assumed",
    _text(1, 500),
)
UNIQUE_MEMBERS = Rule(
    "unique-members",
    "must list each user once",
    "AddTeamMember adds each user once (a user already in the team is InvalidParameterValue)",
    "documented",
    _unique_users,
)

ALL_RULES: tuple[Rule, ...] = (
    NOT_BLANK,
    NAME,
    ACCOUNT,
    PASSWORD,
    APPLICATION_INTRO,
    APPLICATION_REMARK,
    PACKAGE_NAME,
    IMAGE_URL,
    MINI_PROGRAM_INTRO,
    MINI_PROGRAM_DESCRIPTION,
    CATEGORY,
    DOMAIN_ORIGIN,
    SOCKET_ORIGIN,
    GLOBAL_DOMAIN,
    API_NAME,
    VERSION_NUMBER,
    VERSION_INTRO,
    PACKAGE_URL,
    APPLY_REASON,
    UNIQUE_MEMBERS,
)


def _set(value: Any) -> bool:
    return value is not None


PREVIEW_PATH_NEEDS_VERSION = CrossRule(
    "preview-path-needs-version",
    ("preview_entrance_path", "preview_version"),
    "preview_entrance_path needs preview_version: the path belongs to the preview version",
    "ConfigureMNPPreview sets PreivewEntrancePath together with the MNPVersionId it previews",
    "documented",
    lambda v: not _set(v.get("preview_entrance_path")) or _set(v.get("preview_version")),
)
ONE_ADMIN = CrossRule(
    "one-admin",
    ("admin_user_id", "admin_account"),
    "exactly one of admin_user_id and admin_account must be set",
    "CreateTeam takes one AdminUserId; admin_account is the provider's way to name it by account",
    "derived",
    lambda v: _set(v.get("admin_user_id")) != _set(v.get("admin_account")),
)
ONE_ROLE = CrossRule(
    "one-role",
    ("role_id", "role"),
    "exactly one of role_id and role must be set",
    "AddTeamMember takes one UserRoleId; role is the provider's way to name it by role name",
    "derived",
    lambda v: _set(v.get("role_id")) != _set(v.get("role")),
)

CROSS_RULES: tuple[CrossRule, ...] = (PREVIEW_PATH_NEEDS_VERSION, ONE_ADMIN, ONE_ROLE)

PLATFORM_RULES: tuple[PlatformRule, ...] = (
    PlatformRule(
        "category-exists",
        "MiniProgram.categories",
        "each category is one DescribeMNPCategory lists",
        "check, when credentials are configured (categories new to the resource)",
    ),
    PlatformRule(
        "version-greater",
        "MiniProgramVersion.version",
        "a new version number is free and greater than the online one",
        "check, when credentials are configured",
    ),
    PlatformRule(
        "unique-names",
        "every natural key (team and application names, accounts, ...)",
        "no other object of the kind has it",
        "create (fail, or adopt / skip by the exists policy)",
    ),
    PlatformRule(
        "icon-file-type",
        "MiniProgram.icon",
        "the icon is an image type the platform accepts (InvalidMNPIcon names no list)",
        "the API, at up (the error names the input)",
    ),
    PlatformRule(
        "category-count",
        "MiniProgram.categories",
        "not too many categories (MNPTypeNumberExceedLimit names no number)",
        "the API, at up (the error names the input)",
    ),
)


def rules_in(annotation: Any, metadata: Iterable[Any] = ()) -> list[Rule]:
    """Every :class:`Rule` a type (with a pydantic field's ``metadata``) validates with."""
    found: list[Rule] = []
    for item in [*metadata, *_walk(annotation)]:
        func = getattr(item, "func", None)
        if isinstance(func, Rule):
            found.append(func)
        elif isinstance(func, LiteralRule):
            found.append(func.rule)
    return list(dict.fromkeys(found))


def _walk(annotation: Any) -> Iterable[Any]:
    yield annotation
    yield from getattr(annotation, "__metadata__", ())
    for arg in get_args(annotation):
        yield from _walk(arg)


# ---- where each rule is checked (for the docs table and the tests) -------------------------


def _rule_paths(model: Any) -> list[tuple[str, Rule]]:
    """(path, rule) for every field of a pydantic model checked with a rule, nested models
    included; ``*`` is a mapping value, ``<key>`` a mapping key, ``[]`` a list element."""
    from pydantic import BaseModel

    found: list[tuple[str, Rule]] = []

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            path = f"{prefix}{name}"
            found.extend((path, rule) for rule in rules_in(None, info.metadata))
            visit(info.annotation, path)

    def visit(annotation: Any, path: str) -> None:
        origin = getattr(annotation, "__origin__", None)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            walk(annotation, f"{path}.")
        elif origin is dict:
            key, value = get_args(annotation)
            found.extend((f"{path}.<key>", rule) for rule in rules_in(key))
            visit(value, f"{path}.*")
        elif origin is list:
            (item,) = get_args(annotation)
            found.extend((f"{path}[]", rule) for rule in rules_in(None, _metadata(item)))
            visit(item, f"{path}[]")
        elif _metadata(annotation):
            found.extend((path, rule) for rule in rules_in(None, _metadata(annotation)))
            visit(get_args(annotation)[0], path)
        else:
            for arg in get_args(annotation):
                visit(arg, path)

    walk(model, "")
    return list(dict.fromkeys(found))


def _metadata(annotation: Any) -> tuple[Any, ...]:
    return tuple(getattr(annotation, "__metadata__", ()))


def resource_providers() -> list[Any]:
    """Every resource's provider class. The package imports its resource modules on first
    use (PEP 562), so ``import pulumi_tcmpp`` loads none of them: each is imported here."""
    import importlib

    import pulumi_tcmpp
    from pulumi_tcmpp.resources._provider import TcmppProvider

    for module in pulumi_tcmpp._EXPORTS:
        if module.startswith("pulumi_tcmpp.resources."):
            importlib.import_module(module)
    return sorted(TcmppProvider.__subclasses__(), key=lambda p: p.args_type.__name__)


def resource_inputs() -> list[tuple[str, str, Rule]]:
    """(resource, input path, rule) for every resource input checked with a rule."""
    return [
        (provider.args_type.__name__.removesuffix("Args"), path, rule)
        for provider in resource_providers()
        for path, rule in _rule_paths(provider.args_type)
    ]


def resource_cross_rules() -> list[tuple[str, CrossRule]]:
    """(resource, rule) for every cross-field rule a resource checks."""
    return [
        (provider.args_type.__name__.removesuffix("Args"), rule)
        for provider in resource_providers()
        for rule in provider.args_type.cross_rules
    ]


def spec_fields() -> list[tuple[str, Rule]]:
    """(path, rule) for every cloning-spec field checked with a rule."""
    from pulumi_tcmpp.clone.spec import PlatformSpec

    return _rule_paths(PlatformSpec)


def rules_table() -> str:
    """The Markdown tables of docs/rules.md, generated from this module."""
    inputs: dict[str, list[str]] = {}
    for resource, name, rule in resource_inputs():
        inputs.setdefault(rule.key, []).append(f"{resource}.{name}")
    fields: dict[str, list[str]] = {}
    for path, rule in spec_fields():
        fields.setdefault(rule.key, []).append(path)
    lines = [
        "| rule | must | resource inputs (`check`, offline) | spec fields (`load_spec`) | source |",
        "|---|---|---|---|---|",
    ]
    for rule in ALL_RULES:
        where = ", ".join(f"`{i}`" for i in inputs.get(rule.key, [])) or "-"
        spec = ", ".join(f"`{p}`" for p in fields.get(rule.key, [])) or "-"
        lines.append(
            f"| `{rule.key}` | {rule.must} | {where} | {spec} | {rule.kind}: {rule.source} |"
        )
    lines += [
        "",
        "| cross-field rule | must | resources (`check`, once these inputs are known) | source |",
        "|---|---|---|---|",
    ]
    for resource, cross in resource_cross_rules():
        names = ", ".join(f"`{resource}.{f}`" for f in cross.fields)
        lines.append(f"| `{cross.key}` | {cross.must} | {names} | {cross.kind}: {cross.source} |")
    lines += [
        "",
        "| needs the platform | applies to | must | checked |",
        "|---|---|---|---|",
    ]
    lines += [f"| `{p.key}` | {p.applies_to} | {p.must} | {p.checked} |" for p in PLATFORM_RULES]
    return "\n".join(lines) + "\n"
