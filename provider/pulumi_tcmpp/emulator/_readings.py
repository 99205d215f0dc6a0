"""Readings: where the vendor documents allow more than one behaviour, which one is served.

The documents (the doc pages, the SDK models and error lists) leave room in places: an
undecided approval is 0 in the example data but the request enumeration starts at 1; no page
states a maximum page size or how soon a write is visible; an error text says a remark must not
be empty while the parameter is optional. The emulator serves every plausible reading, one at a
time: :class:`Readings` names them, the ``default`` profile follows the documents' examples
where they speak and the most lenient plausible reading where they do not, and the
``doc-literal`` profile turns on the readings closest to the documents' own examples and texts.
``docs/emulator.md`` lists each option with what the documents say.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal, get_args

__all__ = ["DEFAULT_PROFILE", "DOC_LITERAL", "PROFILES", "Readings", "readings_of"]

EmptyRemark = Literal["accept", "refuse"]
DeleteMNPRule = Literal["cascade", "refuse_online"]
PermissionScope = Literal["platform", "bound"]
ModifyOmitted = Literal["keep", "clear"]
Conflicts = Literal["result", "error"]
Toggle = Literal["accept", "refuse"]
KeyScope = Literal["any", "platform"]
UserNotFound = Literal["InvalidUserId", "UserNotFound"]


@dataclass(frozen=True)
class Readings:
    """One choice per ambiguity; every field defaults to the ``default`` profile's choice."""

    approval_pending_status: int = 0
    """What an undecided mini program approval reports as ApprovalStatus (and
    VersionCurrentStatus): 0, as the docs' DescribeMNPApprovalList example and both SDKs'
    "0: Pending" say, or 1 ("Processing"), where the request enumeration starts."""

    max_page_size: int | None = None
    """The most rows a list page holds whatever Limit asks (None: no cap). A larger Limit is
    served with this many rows and the true TotalCount."""

    visibility_lag: float = 0.0
    """Seconds before a write is visible to list and describe actions (0: at once). Writes
    always see the latest state, so names stay unique."""

    empty_remark: EmptyRemark = "accept"
    """``refuse``: Remark ``""`` is InvalidApplicationRemark, as its text ("The application
    remark is empty or exceeds 1,000 characters") reads; ``accept``: it clears the remark."""

    modify_omitted: ModifyOmitted = "keep"
    """Optional fields a Modify action omits: ``keep`` their value, or ``clear`` them (a
    replace-everything update)."""

    delete_mnp: DeleteMNPRule = "cascade"
    """``refuse_online``: DeleteMNP answers FailedOperation while the mini program is online
    (RemoveMNP it first); ``cascade``: always allowed."""

    permission_list_scope: PermissionScope = "platform"
    """DescribeMNPSensitiveAPIPermissionList lists the sensitive APIs of every application on
    the ``platform``, or only those of the applications the mini program is ``bound`` to."""

    page_listed_codes: bool = False
    """tcmpp answers only codes its action's doc page lists (plus the common ones): where the
    emulator's own code is not listed, the page's closest one is answered instead (e.g.
    DescribeTeam of a missing team: FailedOperation)."""

    global_domain_conflicts: Conflicts = "result"
    """CreateGlobalDomainACL with URLs in a list already: Result false with the URLs listed
    (``result``, the response shape), or the error ExistWhiteDomain/ExistBlackDomain
    (``error``, the tcmpp SDK's codes)."""

    repeat_toggle: Toggle = "accept"
    """Enable/DisableApplicationSensitiveAPI of an API already in that state: ``accept`` (no
    change) or ``refuse`` (FailedOperation)."""

    preset_key_scope: KeyScope = "any"
    """A preset key (CreatePresetKey) decrypts passwords on ``any`` platform, or only on the
    ``platform`` it was made for."""

    preset_key_single_use: bool = False
    """A preset key decrypts one password only."""

    team_id_leading_zero: bool = False
    """Generated TeamIds start with 0 (the docs' examples never do; nothing says they cannot,
    and RelatedTeamId is an Integer in list rows, where such an id loses its zero)."""

    account_type_4: bool = False
    """AccountType 4 exists, as the DescribeUserList example shows: the filter accepts it and
    day one holds the example's AccountType 4 user."""

    package_name_required: bool = False
    """CreateApplication without AndroidAppKey and IosAppKey is AppPackageNameNotConfig."""

    package_name_unique: bool = False
    """A package name (AndroidAppKey/IosAppKey) used by another application is refused
    (tcsas InvalidParameter.InvalidExistSameAppKey, tcmpp FailedOperation)."""

    package_name_max_length: int | None = None
    """Longest package name (tcsas AppKeyLengthExceedLimit, tcmpp
    InvalidAppPackageNameLayout); None: no limit."""

    app_url_max_length: int | None = None
    """Longest application URL (tcmpp ModifyApplicationAppUrl, InvalidParameterValue) or tcsas
    Scheme (AppURLLengthExceedLimit); None: no limit."""

    user_not_found: UserNotFound = "InvalidUserId"
    """tcsas: the code for a user that does not exist in DescribeUser, ModifyUser and
    DeleteUser (InvalidParameterValue.InvalidUserId or FailedOperation.UserNotFound)."""

    max_applications: int | None = None
    """Plan quota: applications per platform (ApplicationNumberExceedLimit)."""

    max_mini_programs: int | None = None
    """Plan quota: mini programs per platform (MNPNumberExceedLimit)."""

    max_released_mini_programs: int | None = None
    """Plan quota: mini programs online at once (MNPReleaseNumberExceedLimit when one more
    would go online)."""

    max_application_configs: int | None = None
    """tcsas plan quota: test (ApplicationType 1) or production (2) applications with a package
    name, per type (Test/ProdApplicationConfigExceedLimit)."""

    def __post_init__(self) -> None:
        if self.approval_pending_status not in (0, 1):
            raise ValueError("approval_pending_status must be 0 or 1")
        if self.visibility_lag < 0:
            raise ValueError("visibility_lag must be >= 0 seconds")
        for name in (
            "max_page_size",
            "package_name_max_length",
            "app_url_max_length",
            "max_applications",
            "max_mini_programs",
            "max_released_mini_programs",
            "max_application_configs",
        ):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"{name} must be at least 1 (or None for no limit)")
        for item in fields(self):
            choices = _choices(item.type)
            if choices and getattr(self, item.name) not in choices:
                raise ValueError(f"{item.name} must be one of {', '.join(map(str, choices))}")

    def replace(self, **changes: Any) -> Readings:
        """A copy with some readings changed (names checked, values converted)."""
        return Readings.from_dict({**self.to_dict(), **changes})

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def changes(self) -> dict[str, Any]:
        """The readings that differ from the default profile."""
        base = Readings()
        return {k: v for k, v in self.to_dict().items() if getattr(base, k) != v}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Readings:
        """Readings from names and values; strings are converted (CLI and admin endpoint)."""
        known = {item.name: item for item in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(
                f"unknown reading(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
        return cls(**{name: _convert(known[name].type, value) for name, value in data.items()})

    @classmethod
    def parse(cls, specs: list[str], base: Readings | None = None) -> Readings:
        """The CLI form: ``name=value`` items applied to ``base`` (default profile)."""
        values: dict[str, str] = {}
        for spec in specs:
            name, sep, value = spec.partition("=")
            if not sep:
                raise ValueError(f"reading {spec!r} is not name=value")
            values[name.strip()] = value.strip()
        return (base or Readings()).replace(**values)


_CHOICES: dict[str, tuple[Any, ...]] = {
    "EmptyRemark": get_args(EmptyRemark),
    "DeleteMNPRule": get_args(DeleteMNPRule),
    "PermissionScope": get_args(PermissionScope),
    "ModifyOmitted": get_args(ModifyOmitted),
    "Conflicts": get_args(Conflicts),
    "Toggle": get_args(Toggle),
    "KeyScope": get_args(KeyScope),
    "UserNotFound": get_args(UserNotFound),
}


def _choices(annotation: Any) -> tuple[Any, ...]:
    """The allowed values of a Literal-typed field (annotations are strings here)."""
    return _CHOICES.get(str(annotation), ())


def _convert(annotation: Any, value: Any) -> Any:
    """A value from the CLI or JSON, as the field's type wants it."""
    kind = str(annotation)
    if not isinstance(value, str):
        return value
    text = value.strip()
    if "None" in kind and text.lower() in ("none", "null", ""):
        return None
    if kind.startswith("bool"):
        if text.lower() in ("1", "true", "yes", "on"):
            return True
        if text.lower() in ("0", "false", "no", "off"):
            return False
        raise ValueError(f"{value!r} is not a boolean")
    if kind.startswith("int"):
        return int(text)
    if kind.startswith("float"):
        return float(text)
    return text


DEFAULT_PROFILE = "default"
DOC_LITERAL = "doc-literal"

PROFILES: dict[str, Readings] = {
    DEFAULT_PROFILE: Readings(),
    DOC_LITERAL: Readings(
        approval_pending_status=0,
        max_page_size=10,
        visibility_lag=0.2,
        empty_remark="refuse",
        delete_mnp="refuse_online",
        permission_list_scope="bound",
        page_listed_codes=True,
        account_type_4=True,
        package_name_required=True,
    ),
}
"""``default``: the documents' examples where they speak, the lenient reading where they do
not. ``doc-literal``: the readings closest to the documents' own examples and texts: Pending
0 (the example data), no page larger than the example pages (10 rows), writes visible only
after a lag (no page promises read-after-write), the remark error text taken at its word,
DeleteMNP refused while online (its page's FailedOperation), the narrow permission list, only
the codes each page lists, the example's AccountType 4 user, and a package name required by
CreateApplication (its page's AppPackageNameNotConfig)."""


def readings_of(
    profile: str | None = None, readings: Readings | Mapping[str, Any] | None = None
) -> Readings:
    """A profile's readings with changes on top (``readings`` as an object or a mapping)."""
    name = profile or DEFAULT_PROFILE
    if name not in PROFILES:
        raise ValueError(f"unknown profile {name!r} (known: {', '.join(PROFILES)})")
    base = PROFILES[name]
    if readings is None:
        return base
    if isinstance(readings, Readings):
        return readings
    return base.replace(**dict(readings))
