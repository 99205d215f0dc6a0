"""The ``page_listed_codes`` reading: tcmpp answers only the codes each action's page lists.

Each tcmpp doc page lists the business codes of its action ("the following only lists the
error codes related to the API business logic"); the common API 3.0 codes can come from any
action. Where the emulator's own choice of code is not on the page (DescribeTeam of a missing
team is InvalidTeamId by default, but its page lists only FailedOperation and
InvalidParameterValue), this reading answers the page's closest code instead, chosen by
:func:`page_code`: another spelling of the same fact first, then the page's generic codes.
"""

from __future__ import annotations

from pulumi_tcmpp.api.errors import DOCUMENTED_CODES
from pulumi_tcmpp.emulator._fault import ApiFault

__all__ = ["page_code", "substitute"]

_COMMON = frozenset(
    {
        "InternalError",
        "MissingParameter",
        "UnknownParameter",
        "InvalidParameter",
        "InvalidParameterValue",
        "FailedOperation",
        "RequestLimitExceeded",
        "RequestSizeLimitExceeded",
        "InvalidAction",
        "NoSuchVersion",
        "UnsupportedProtocol",
    }
)
"""API 3.0 common codes: any action may answer them, listed on its page or not."""

_MISSING = (
    "InvalidParameterValue.InvalidTeamId",
    "InvalidParameterValue.InvalidUserId",
    "InvalidParameterValue.InvalidApplicationId",
    "InvalidParameterValue.InvalidMNPId",
    "InvalidParameterValue.InvalidMiniAppId",
    "InvalidParameterValue.InvalidMNPVersionId",
    "InvalidParameterValue.InvalidMNPVersionTaskId",
    "InvalidParameterValue.InvalidApprovalNo",
    "InvalidParameterValue.UserTeamRelationNotExist",
    "FailedOperation.RecordNotFound",
)
"""Codes that say "the object the request names does not exist"."""

_SAME_OBJECT = {
    "InvalidParameterValue.InvalidMNPId": ("InvalidParameterValue.InvalidMiniAppId",),
    "InvalidParameterValue.InvalidMiniAppId": ("InvalidParameterValue.InvalidMNPId",),
    "InvalidParameterValue.UserTeamRelationNotExist": ("InvalidParameterValue.InvalidUserId",),
}

_SPECIFIC_PARAMETER = ("InvalidParameterValue.ExistMismatchParameterType",)
"""CreateMNPVersion's page code for "Invalid value type or a required parameter is missing"."""


def page_code(action: str, code: str) -> str:
    """The code a tcmpp page allows for ``code`` (the code itself when the page lists it)."""
    listed = DOCUMENTED_CODES.get(action)
    if listed is None or code in listed:
        return code
    if code in ("MissingParameter", "InvalidParameter"):
        return next((c for c in _SPECIFIC_PARAMETER if c in listed), code)
    if code in _COMMON:
        return code
    for candidate in _candidates(code):
        if candidate in listed:
            return candidate
    return code


def _candidates(code: str) -> tuple[str, ...]:
    if code in _MISSING:
        return (
            *_SAME_OBJECT.get(code, ()),
            "FailedOperation.GetOperateResourceFailed",
            "FailedOperation.RecordNotFound",
            *(c for c in _MISSING if c.startswith("InvalidParameterValue.Invalid")),
            "FailedOperation",
            "InvalidParameterValue",
        )
    if code.startswith("InvalidParameterValue."):
        return ("InvalidParameterValue", "InvalidParameter", "FailedOperation")
    if code.startswith("InvalidParameter."):
        return ("InvalidParameter", "InvalidParameterValue", "FailedOperation")
    if code.startswith("FailedOperation."):
        return ("FailedOperation", "InvalidParameterValue")
    return ("FailedOperation",)


def substitute(action: str, fault: ApiFault) -> ApiFault:
    """The fault with its code replaced by the page's, keeping the emulator's message."""
    code = page_code(action, fault.code)
    return fault if code == fault.code else ApiFault(code, fault.message)
