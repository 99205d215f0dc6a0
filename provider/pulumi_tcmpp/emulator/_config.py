"""The emulator's settings: key pairs, platforms, limits, faults and the build behaviour."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "DEFAULT_PLATFORM_ID",
    "DEFAULT_RATE_LIMIT",
    "DEFAULT_SECRET_ID",
    "DEFAULT_SECRET_KEY",
    "MAX_BODY_BYTES",
    "MAX_QUERY_BYTES",
    "BuildMode",
    "Credential",
    "credentials_from",
]

DEFAULT_SECRET_ID = "AKIDtcmppEMULATOR0000000000000000000"
DEFAULT_SECRET_KEY = "tcmppEmulatorSecretKey00000000000"
DEFAULT_ACCOUNT_ID = "800000000001"
DEFAULT_PLATFORM_ID = "T04257DS9431720WTAG"
"""The platform of the vendor's doc examples, so their requests work as printed."""
DEFAULT_RATE_LIMIT = 20.0
"""Requests per second per action, as every doc page says."""
MAX_BODY_BYTES = 10 * 1024 * 1024
"""API 3.0 limit for a POST body (10 MB)."""
MAX_QUERY_BYTES = 32 * 1024
"""API 3.0 limit for a GET query string (32 KB)."""


@dataclass(frozen=True)
class Credential:
    """A key pair the emulator accepts.

    ``account_id`` is what the platform writes as ``CreateUser``/``ApplyUser`` for changes made
    through the API (the docs show a 12-digit account, e.g. ``800001208871``). When ``token``
    is set the pair behaves like temporary credentials: requests must carry it in
    ``X-TC-Token``. A key without ``platform_admin`` rights may not decide approvals or switch,
    delete or read the decisions on sensitive APIs (``FailedOperation.NoAccessPermission``).
    """

    secret_id: str
    secret_key: str
    token: str | None = None
    account_id: str = DEFAULT_ACCOUNT_ID
    platform_admin: bool = True

    def public(self) -> dict[str, Any]:
        """What the admin endpoint may show: never the secret key."""
        return {
            "SecretId": self.secret_id,
            "AccountId": self.account_id,
            "Token": bool(self.token),
            "PlatformAdmin": self.platform_admin,
        }


CredentialLike = Credential | tuple[str, str] | tuple[str, str, str]


def credentials_from(
    values: Iterable[CredentialLike] | Mapping[str, str] | None,
) -> tuple[Credential, ...]:
    """Normalise what users pass: Credential objects, (id, key[, token]) tuples or a mapping."""
    if values is None:
        return (Credential(DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY),)
    if isinstance(values, Mapping):
        items: list[CredentialLike] = list(values.items())
    else:
        items = list(values)
    out: list[Credential] = []
    for item in items:
        if isinstance(item, Credential):
            out.append(item)
        elif len(item) == 2:
            out.append(Credential(item[0], item[1]))
        else:
            out.append(Credential(item[0], item[1], item[2]))
    if not out:
        raise ValueError("the emulator needs at least one key pair")
    return tuple(out)


BuildOutcome = Literal["success", "failure", "hold"]


@dataclass(frozen=True)
class BuildMode:
    """How version build tasks (CreateMNPVersion) progress.

    A task answers TaskStatus 1 (pending) to its first DescribeMNPVersion, 20 (running) to the
    next ones, and reaches its outcome after ``steps`` polls or ``seconds`` of emulator time,
    whichever comes first: 60 (succeeded), or 30 (failed) with ``message`` as TaskMsg. With
    ``outcome="hold"`` it stays running until :meth:`Emulator.finish_task` settles it.
    """

    outcome: BuildOutcome = "success"
    steps: int = 2
    seconds: float | None = 2.0
    message: str = "Failed to compile the mini program package"

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "steps": self.steps,
            "seconds": self.seconds,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BuildMode:
        known = {"outcome", "steps", "seconds", "message"}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown build mode field(s): {', '.join(sorted(unknown))}")
        mode = cls(**{k: data[k] for k in known if k in data})
        if mode.outcome not in ("success", "failure", "hold"):
            raise ValueError("outcome must be success, failure or hold")
        if mode.steps < 0:
            raise ValueError("steps must be >= 0")
        return mode
