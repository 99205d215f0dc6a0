"""Helpers every handler module uses: lookups that fail with the right code, paging, filters."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pulumi_tcmpp.emulator._context import Ctx
from pulumi_tcmpp.emulator._fault import fail
from pulumi_tcmpp.emulator._store import Record

__all__ = [
    "Handler",
    "app_or_fail",
    "blank",
    "check_text",
    "keyword",
    "matches",
    "mnp_or_fail",
    "newest_first",
    "page",
    "require",
    "require_admin",
    "team_or_fail",
    "user_or_fail",
]

Handler = Callable[[Ctx, Any], object]
"""``handler(ctx, request) -> data``: the response's Data, or None when it has none."""

T = TypeVar("T")

KEYWORD_LIMIT = 64
"""InvalidParameterValue.QueryParameterLengthExceedLimit: "exceeds 64 characters"."""


def blank(value: str | None) -> str | None:
    """Filters the docs' examples send as ``""`` mean "no filter"."""
    return value if value else None


def keyword(value: str | None) -> str | None:
    """A search keyword, refused over 64 characters."""
    if value and len(value) > KEYWORD_LIMIT:
        fail(
            "InvalidParameterValue.QueryParameterLengthExceedLimit",
            f"The length of the query parameter exceeds {KEYWORD_LIMIT} characters.",
        )
    return value or None


def matches(word: str | None, *texts: str | None) -> bool:
    """Case-insensitive substring match of a keyword in any of the texts (no keyword: True)."""
    if not word:
        return True
    lowered = word.lower()
    return any(lowered in (text or "").lower() for text in texts)


def page(rows: Sequence[T], offset: int, limit: int) -> list[T]:
    """One page; negative offsets or limits are refused."""
    if offset < 0 or limit < 0:
        fail("InvalidParameterValue", "Offset and Limit must not be negative.")
    return list(rows[offset : offset + limit])


def newest_first(rows: list[Record]) -> list[Record]:
    """Lists show the most recently created objects first (insertion order reversed)."""
    return list(reversed(rows))


def require(value: T | None, where: str) -> T:
    """A nested field the service needs although the SDK marks it optional."""
    if value is None:
        fail("MissingParameter", f"The request is missing a required parameter `{where}`.")
    return value


def check_text(
    value: str | None, code: str, limit: int, what: str, *, empty_ok: bool = False
) -> str:
    """A text parameter: not blank (unless allowed) and at most ``limit`` characters."""
    text = value or ""
    if (not text.strip() and not empty_ok) or len(text) > limit:
        fail(code, f"{what} must be 1 to {limit} characters.")
    return text


def require_admin(ctx: Ctx, what: str) -> None:
    """Platform-admin rights, which deciding approvals and managing sensitive APIs need."""
    if not ctx.platform_admin:
        fail(
            "FailedOperation.NoAccessPermission",
            f"{what} needs platform administrator rights, which this key's account lacks.",
        )


def team_or_fail(ctx: Ctx, team_id: str) -> Record:
    return ctx.get("team", team_id) or fail(
        "InvalidParameterValue.InvalidTeamId", f"The team `{team_id}` does not exist."
    )


def user_or_fail(ctx: Ctx, user_id: str) -> Record:
    return ctx.get("user", user_id) or fail(
        "InvalidParameterValue.InvalidUserId", f"The user `{user_id}` does not exist."
    )


def app_or_fail(ctx: Ctx, application_id: str) -> Record:
    return ctx.get("application", application_id) or fail(
        "InvalidParameterValue.InvalidApplicationId",
        f"The application `{application_id}` does not exist.",
    )


def mnp_or_fail(ctx: Ctx, mnp_id: str, code: str = "InvalidParameterValue.InvalidMNPId") -> Record:
    return ctx.get("mnp", mnp_id) or fail(code, f"The mini program `{mnp_id}` does not exist.")
