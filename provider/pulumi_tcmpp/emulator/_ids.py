"""Identifiers shaped like the ones in the vendor's documents.

===================  =========================  ==============================================
Object               Example from the docs      Shape
===================  =========================  ==============================================
TeamId               ``1363731006``             10 digits
UserId               ``U20240819174742HGXXHT``  ``U`` + Beijing time (14 digits) + 6 letters
ApplicationId        ``app-fa9k2i3c42``         ``app-`` + 10 lower-case alphanumerics
MNPId                ``mpg9yjc0qbpkelik``       ``mp`` + 14 lower-case alphanumerics
APIId                ``api-dgm1x6xfqf92c83u``   ``api-`` + 16 lower-case alphanumerics
TaskId               ``2024082016302581955``    Beijing time (14 digits) + 5 digits
MNP ApprovalNo       ``aud7hnb70973ng51ca``     ``aud`` + 15 lower-case alphanumerics
API ApprovalNo       ``20240821g020zumzgi``     Beijing date (8 digits) + 10 alphanumerics
===================  =========================  ==============================================

The time parts use Beijing time (UTC+8): the docs' ``U20240819174742...`` was created at
Unix time 1724060862, which is 17:47:42 in UTC+8.
"""

from __future__ import annotations

import random
import string
from datetime import UTC, datetime, timedelta, timezone

__all__ = [
    "api_id",
    "application_id",
    "beijing",
    "mnp_approval_no",
    "mnp_id",
    "permission_approval_no",
    "register_link",
    "task_id",
    "team_id",
    "user_id",
]

_BEIJING = timezone(timedelta(hours=8))
_LOWER_ALNUM = string.ascii_lowercase + string.digits


def beijing(now: int) -> datetime:
    """Unix seconds as a Beijing-time datetime."""
    return datetime.fromtimestamp(now, tz=UTC).astimezone(_BEIJING)


def _pick(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def team_id(rng: random.Random, leading_zero: bool = False) -> str:
    """Ten digits; with ``leading_zero`` the first is 0 (the case a client must not garble)."""
    if leading_zero:
        return "0" + str(rng.randint(10**8, 10**9 - 1))
    return str(rng.randint(10**9, 10**10 - 1))


def user_id(rng: random.Random, now: int) -> str:
    return "U" + beijing(now).strftime("%Y%m%d%H%M%S") + _pick(rng, string.ascii_uppercase, 6)


def application_id(rng: random.Random) -> str:
    return "app-" + _pick(rng, _LOWER_ALNUM, 10)


def mnp_id(rng: random.Random) -> str:
    return "mp" + _pick(rng, _LOWER_ALNUM, 14)


def api_id(rng: random.Random) -> str:
    return "api-" + _pick(rng, _LOWER_ALNUM, 16)


def task_id(rng: random.Random, now: int) -> str:
    return beijing(now).strftime("%Y%m%d%H%M%S") + _pick(rng, string.digits, 5)


def mnp_approval_no(rng: random.Random) -> str:
    return "aud" + _pick(rng, _LOWER_ALNUM, 15)


def permission_approval_no(rng: random.Random, now: int) -> str:
    return beijing(now).strftime("%Y%m%d") + _pick(rng, _LOWER_ALNUM, 10)


def register_link(rng: random.Random) -> str:
    return "/team-register/" + _pick(rng, "0123456789abcdef", 32)
