"""The preview version of a mini program: the one build testers open by QR code.

One version per mini program is the preview. ConfigureMNPPreview sets it (ActionType 1, with
an optional entrance path) or cancels it (ActionType 2); setting another version while one is
the preview is refused (ShowcaseVersionAlreadyExist), so the old one is cancelled first. The
request field is really spelled ``PreivewEntrancePath`` (the SDK sends that too); the read
side, DescribeMNPPreview, says ``PreviewEntrancePath``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pulumi_tcmpp._lazy import deferred_module
from pulumi_tcmpp.resources._polling import eventually, progress
from pulumi_tcmpp.resources._runtime import Context
from pulumi_tcmpp.resources._versions import VersionEntry, VersionTable

if TYPE_CHECKING:
    from pulumi_tcmpp.api import releases
else:  # API models load with the first call (a program or a check never needs them)
    releases = deferred_module("pulumi_tcmpp.api.releases")

__all__ = ["Preview", "apply_preview", "read_preview"]

SET, CANCEL = 1, 2


@dataclass(frozen=True)
class Preview:
    """The preview as the platform shows it (all None when there is none)."""

    version: str | None = None
    version_id: int | None = None
    entrance_path: str | None = None
    qr_code_url: str | None = None


def read_preview(ctx: Context, table: VersionTable) -> Preview:
    """The mini program's current preview."""
    entry = table.preview()
    if entry is None:
        return Preview()
    detail = ctx.client.call(
        releases.DescribeMNPPreview(
            mnp_id=table.mnp_id, mnp_version_id=entry.version_id, platform_id=ctx.platform_id
        )
    ).data
    return Preview(
        version=entry.number,
        version_id=entry.version_id,
        entrance_path=(detail.preview_entrance_path or None) if detail else None,
        qr_code_url=(detail.qr_code_url or None) if detail else None,
    )


def _configure(
    ctx: Context, mnp_id: str, entry: VersionEntry, action: int, path: str | None
) -> None:
    ctx.client.call(
        releases.ConfigureMNPPreview(
            mnp_id=mnp_id,
            action_type=action,
            mnp_version_id=entry.version_id,
            platform_id=ctx.platform_id,
            preview_entrance_path=path if action == SET else None,
        )
    )


def apply_preview(
    ctx: Context, table: VersionTable, version: str | None, path: str | None, old: str | None
) -> Preview:
    """Make ``version`` the preview at ``path``; ``None`` cancels the preview set before as ``old``.

    A preview that this resource did not set (``old`` is another version) is only replaced
    when a preview version is asked for, never cancelled.
    """
    current = read_preview(ctx, table)
    current_entry = table.preview()
    if version is None:
        if current_entry is not None and current.version == old:
            _configure(ctx, table.mnp_id, current_entry, CANCEL, None)
            progress(f"cancelled the preview {current_entry.label} of {table.mnp_id}")
        return Preview()
    wanted = table.find(version)
    if wanted is None:
        raise ValueError(f"version {version} is not in the version table")  # planned before
    if current.version == version and (current.entrance_path or None) == (path or None):
        return current
    if current_entry is not None and current_entry.version_id != wanted.version_id:
        _configure(ctx, table.mnp_id, current_entry, CANCEL, None)
    _configure(ctx, table.mnp_id, wanted, SET, path)
    progress(f"{wanted.label} of {table.mnp_id} is the preview" + (f" at {path}" if path else ""))

    def shown() -> Preview | None:  # the reads may trail the write
        preview = read_preview(ctx, VersionTable.read(ctx, table.mnp_id))
        same = (preview.version_id, preview.entrance_path) == (wanted.version_id, path or None)
        return preview if same else None

    return eventually(ctx, f"the preview {wanted.label} of {table.mnp_id}", shown, hint="")
