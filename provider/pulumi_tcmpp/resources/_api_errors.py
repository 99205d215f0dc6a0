"""API errors in the program's terms: the input as the user wrote it, and its value.

The API names its own parameters (``UserName must be 1 to 64 characters``); a user wrote
``name=...``. When a create or update fails with an :class:`~pulumi_tcmpp.errors.ApiError`
that is about one parameter, the error is raised again with the input's name and value in
front of the API's message, keeping its class, action, code and RequestId. The parameter is
found by the error code (``InvalidUserName`` is about ``UserName``), else by a parameter name
the message mentions, else by an input value the message quotes. A secret input's value is
never shown, and is blanked out of the API's message should the API ever echo it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pulumi_tcmpp.errors import ApiError

__all__ = ["CODE_PARAMETERS", "input_named", "naming_inputs"]

F = TypeVar("F", bound=Callable[..., Any])

CODE_PARAMETERS: dict[str, tuple[str, ...]] = {
    "InvalidUserName": ("UserName",),
    "ExistUserAccount": ("UserAccount",),
    "InvalidAccountType": ("AccountType",),
    "ExistTeamName": ("TeamName",),
    "TeamTypeMismatch": ("RelatedTeamId",),
    "InvalidTeamId": ("TeamId", "RelatedTeamId"),
    "InvalidUserId": ("UserId", "AdminUserId"),
    "UnableOperateAdminAccount": ("UserId", "AdminUserId"),
    "InvalidRoleId": ("RoleId", "UserRoleId"),
    "InvalidApplicationName": ("ApplicationName",),
    "ApplicationNameAlreadyExisted": ("ApplicationName",),
    "ApplicationNameAlreadyExists": ("ApplicationName",),
    "InvalidApplicationIntro": ("Intro",),
    "InvalidApplicationRemark": ("Remark",),
    "InvalidAppPackageNameLayout": ("AndroidAppKey", "IosAppKey"),
    "AppPackageNameNotConfig": ("AndroidAppKey", "IosAppKey"),
    "InvalidApplicationId": ("ApplicationId",),
    "OperationsTeamNoApplicationPermission": ("TeamId",),
    "OperationsTeamNoMiniProgramPermission": ("TeamId",),
    "InvalidMNPName": ("MNPName",),
    "MiniProgramNameAlreadyExist": ("MNPName",),
    "InvalidMNPIntro": ("MNPIntro",),
    "InvalidMNPIcon": ("MNPIcon",),
    "MiniprogramIconAnalysisFailed": ("MNPIcon",),
    "MiniProgramIconAnalysisFailed": ("MNPIcon",),
    "InvalidMNPType": ("MNPType",),
    "MNPTypeNumberExceedLimit": ("MNPType",),
    "InvalidMNPId": ("MNPId",),
    "InvalidMNPIId": ("MNPId",),
    "InvalidMiniAppId": ("MNPId",),
    "InvalidMNPVersion": ("MNPVersion",),
    "InvalidMNPVersionIntro": ("MNPVersionIntro",),
    "InvalidMNPVersionId": ("MNPVersionId",),
    "FileDownloadFailed": ("FileUrl",),
    "ExistSensitiveAPI": ("APIName",),
    "ExistRepeatDomainUrl": ("DomainUrl",),
}
"""The parameter an error code is about (the last part of the code), from tcmpp-errors.md."""

_NAMED = ("validation", "not_found", "conflict", "failed")
"""Error categories that can be about one input (not auth, rate limits or server faults)."""


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:70]}... ({len(text)} characters)"


def _texts(value: Any) -> list[str]:
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    if isinstance(value, dict):
        return [t for item in value.values() for t in _texts(item)]
    return [str(value)] if value not in (None, "", True, False) else []


def input_named(
    error: ApiError, parameters: Mapping[str, tuple[str, ...]], inputs: Mapping[str, Any]
) -> str | None:
    """The input ``error`` is about, or None; ``parameters`` maps API names to inputs."""
    given = {name for name, value in inputs.items() if value is not None}

    def first_given(names: tuple[str, ...]) -> str | None:
        for parameter in names:
            for name in parameters.get(parameter, ()):
                if name in given:
                    return name
        return None

    candidates = CODE_PARAMETERS.get(error.code.rsplit(".", 1)[-1])
    if candidates:
        by_value = [
            name
            for p in candidates
            for name in parameters.get(p, ())
            if any(t in error.message for t in _texts(inputs.get(name)))
        ]
        return by_value[0] if by_value else first_given(candidates)
    mentioned = sorted(
        (p for p in parameters if re.search(rf"(?<![A-Za-z]){p}(?![A-Za-z])", error.message)),
        key=len,
        reverse=True,
    )
    found = first_given(tuple(mentioned))
    if found:
        return found
    quoted = [n for n in sorted(given) if any(t in error.message for t in _texts(inputs[n]))]
    return quoted[0] if quoted else None


def renamed(
    error: ApiError,
    parameters: Mapping[str, tuple[str, ...]],
    inputs: Mapping[str, Any],
    secrets: frozenset[str],
) -> ApiError:
    """``error`` with the input and its value in front of the message (secrets never shown)."""
    message = error.message
    for secret in secrets:
        for text in _texts(inputs.get(secret)):
            message = message.replace(text, "[secret]")
    named = input_named(error, parameters, inputs) if error.category in _NAMED else None
    if named is None:
        return error if message == error.message else _copy(error, message)
    shown = "a secret value" if named in secrets else _describe(inputs.get(named))
    return _copy(error, f"input {named} = {shown}: {message}")


def _copy(error: ApiError, message: str) -> ApiError:
    return type(error)(error.action, error.code, message, error.request_id)


def naming_inputs(method: F, inputs_of: Callable[..., Mapping[str, Any]]) -> F:
    """Wrap a provider method so that the API errors it raises name the input."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except ApiError as exc:
            inputs = inputs_of(*args, **kwargs)
            raise renamed(exc, self.api_parameters, inputs, self.secret_inputs()) from None

    wrapper.__wrapped_by_naming__ = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
