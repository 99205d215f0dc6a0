"""A mini program's versions as DescribeMNPAllStageVersions shows them, and version numbers.

The table is the one place that ties everything together: tcmpp's DescribeMNPVersion has no
MNPVersionId and tcmpp's CreateMNPApproval returns no ApprovalNo, so versions, their approval
state, the online version and the preview version are all read from it. It has one row per
version and phase (Develop for every version, Platform for the one last submitted for
approval, Online for the online one); :class:`VersionTable` folds them into one entry per
version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Annotated

from pydantic import AfterValidator

from pulumi_tcmpp._lazy import deferred_module
from pulumi_tcmpp.resources._runtime import Context

if TYPE_CHECKING:
    from pulumi_tcmpp.api import releases, types
else:  # API models load with the first call (a program or a check never needs them)
    releases = deferred_module("pulumi_tcmpp.api.releases")
    types = deferred_module("pulumi_tcmpp.api.types")

__all__ = [
    "UNDECIDED",
    "ApprovalStatus",
    "VersionEntry",
    "VersionNumber",
    "VersionTable",
    "normal_status",
    "released_versions",
    "version_key",
]

_NUMBER = re.compile(r"^\d{1,9}(\.\d{1,9}){0,3}$")


class ApprovalStatus(IntEnum):
    """The approval state of a mini program version, as the provider keeps it.

    The platform reports an undecided approval as 0 ("Pending": the docs' example data and
    both SDKs) or 1 ("Processing": the request enumeration); both are kept as PROCESSING, and
    NONE (0) means the version was never submitted (it has no ApprovalNo).
    """

    NONE = 0
    PROCESSING = 1
    REJECTED = 2
    APPROVED = 3
    CANCELLED = 4


UNDECIDED = frozenset({0, 1})
"""The statuses the platform may report for an approval nobody has decided yet."""


def normal_status(status: int | None, submitted: bool) -> int:
    """A reported approval status as :class:`ApprovalStatus` (see there)."""
    if not submitted:
        return ApprovalStatus.NONE
    value = int(status or 0)
    return ApprovalStatus.PROCESSING if value in UNDECIDED else value


def _version_number(value: str) -> str:
    if not _NUMBER.match(value):
        raise ValueError(
            "must be dot-separated numbers such as 1.0.3 (the platform compares versions "
            "number by number)"
        )
    return value


VersionNumber = Annotated[str, AfterValidator(_version_number)]


def version_key(number: str) -> tuple[int, ...]:
    """The comparable form of a version number: ``1.0.10`` > ``1.0.9``."""
    return tuple(int(part) for part in number.split("."))


@dataclass(frozen=True)
class VersionEntry:
    """One version of a mini program, whatever phases it is listed in."""

    version_id: int
    number: str
    intro: str
    phases: frozenset[str]
    approval_status: int
    approval_no: str
    preview: bool
    mnp_name: str

    @property
    def phase(self) -> str:
        """The furthest phase: Online, Platform (submitted for approval) or Develop."""
        for phase in ("Online", "Platform"):
            if phase in self.phases:
                return phase
        return "Develop"

    @property
    def label(self) -> str:
        return f"version {self.number} (MNPVersionId {self.version_id})"


def _approval_status(row: types.DescribeMPAllStageVersionsResp) -> int:
    """The version's own approval state.

    VersionCurrentStatus is the version's; the docs' example shows a never-submitted version
    (ApprovalNo "") with ApprovalStatus 3 but VersionCurrentStatus 0, so it wins, and a
    version without an ApprovalNo was never submitted. An undecided approval reads 0 or 1.
    """
    status = row.version_current_status
    reported = status if status is not None else row.approval_status
    return normal_status(reported, submitted=bool(row.approval_no))


def _entry(rows: list[types.DescribeMPAllStageVersionsResp]) -> VersionEntry:
    first = rows[0]
    return VersionEntry(
        version_id=int(first.mnp_version_id or 0),
        number=first.mnp_version or "",
        intro=first.mnp_version_intro or "",
        phases=frozenset(row.phase or "Develop" for row in rows),
        approval_status=_approval_status(first),
        approval_no=first.approval_no or "",
        preview=any(row.show_case == 1 for row in rows),
        mnp_name=first.mnp_name or "",
    )


@dataclass(frozen=True)
class VersionTable:
    """Every version of one mini program."""

    mnp_id: str
    entries: tuple[VersionEntry, ...]

    @classmethod
    def read(cls, ctx: Context, mnp_id: str) -> VersionTable:
        """Read the table (NotFoundError when the mini program does not exist)."""
        reply = ctx.client.call(
            releases.DescribeMNPAllStageVersions(mnp_id=mnp_id, platform_id=ctx.platform_id)
        )
        grouped: dict[int, list[types.DescribeMPAllStageVersionsResp]] = {}
        for row in reply.data or []:
            if row.mnp_version_id is not None:
                grouped.setdefault(int(row.mnp_version_id), []).append(row)
        return cls(mnp_id, tuple(_entry(rows) for rows in grouped.values()))

    def find(self, number: str) -> VersionEntry | None:
        """The version with this number."""
        return next((e for e in self.entries if e.number == number), None)

    def by_id(self, version_id: int) -> VersionEntry | None:
        """The version with this MNPVersionId."""
        return next((e for e in self.entries if e.version_id == version_id), None)

    def online(self) -> VersionEntry | None:
        """The online version, if any."""
        return next((e for e in self.entries if "Online" in e.phases), None)

    def preview(self) -> VersionEntry | None:
        """The preview version, if any."""
        return next((e for e in self.entries if e.preview), None)

    def in_approval(self) -> VersionEntry | None:
        """A version whose approval is in progress (the platform allows one at a time)."""
        return next(
            (e for e in self.entries if e.approval_status == ApprovalStatus.PROCESSING), None
        )


def released_versions(ctx: Context, mnp_id: str) -> dict[str, int]:
    """Version number -> MNPVersionId of every version that was ever online."""
    reply = ctx.client.call(
        releases.DescribeMNPReleasedVersionHistory(mnp_id=mnp_id, platform_id=ctx.platform_id)
    )
    rows = reply.data.data_list if reply.data and reply.data.data_list else []
    return {
        row.mnp_version: int(row.mnp_version_id)
        for row in rows
        if row.mnp_version and row.mnp_version_id is not None
    }
