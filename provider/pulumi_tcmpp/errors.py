"""Every error the package raises, grouped by who can fix it.

::

    TcmppError                     anything this package raises on purpose
    ├── ConfigurationError         settings or credentials missing or wrong (fix the config)
    │   └── MissingCredentialsError  no credentials at all, from any source
    ├── UnsupportedActionError     the configured back end lacks the action (before any request)
    ├── TransportError             no usable answer: network, HTTP status, not JSON
    │   └── OutcomeUnknownError    a create was sent but its answer was lost: look it up
    └── ApiError                   the service answered with Response.Error
        ├── AuthError              AuthFailure*, permissions
        ├── RateLimitError         RequestLimitExceeded* after the retries ran out
        ├── NotFoundError          the object does not exist (Invalid*Id, RecordNotFound...)
        ├── ConflictError          already exists, already bound, in use
        ├── ValidationError        a parameter was refused (InvalidParameter*, MissingParameter...)
        └── InternalServerError    InternalError and friends, after the retries ran out

An :class:`ApiError` always carries the action, the code, the message and the RequestId, and
its text shows all four, because that is what a support ticket needs. Errors are picklable so
they cross the Pulumi provider's process boundary intact.
"""

from __future__ import annotations

from typing import Any

from pulumi_tcmpp.api.errors import Category, category_of

__all__ = [
    "ApiError",
    "AuthError",
    "ConfigurationError",
    "ConflictError",
    "InternalServerError",
    "MissingCredentialsError",
    "NotFoundError",
    "OutcomeUnknownError",
    "RateLimitError",
    "TcmppError",
    "TransportError",
    "UnsupportedActionError",
    "ValidationError",
    "api_error",
]


class TcmppError(Exception):
    """Base class of every error this package raises on purpose."""


class ConfigurationError(TcmppError):
    """A setting or credential is missing or invalid."""


class MissingCredentialsError(ConfigurationError):
    """No source gave a credential; each caller (a provider, the CLI) says how to give one."""


class UnsupportedActionError(TcmppError):
    """The configured back end (tcmpp or tcsas) has no such action; nothing was sent."""


class TransportError(TcmppError):
    """No usable API answer: the network failed, or the server did not speak the protocol."""

    def __init__(self, action: str, message: str) -> None:
        super().__init__(f"{action}: {message}")
        self.action = action
        self.detail = message

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.action, self.detail))


class OutcomeUnknownError(TransportError):
    """A non-idempotent write was sent, but whether it took effect is unknown.

    It is never retried blindly (TCMPP has no ClientToken): the caller looks the object up by
    its natural key and either adopts it or creates it again.
    """


class ApiError(TcmppError):
    """The service refused the request with ``Response.Error``."""

    category: Category = "failed"

    def __init__(self, action: str, code: str, message: str, request_id: str | None) -> None:
        super().__init__(f"{action} failed: [{code}] {message} (RequestId: {request_id or '-'})")
        self.action = action
        self.code = code
        self.message = message
        self.request_id = request_id

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.action, self.code, self.message, self.request_id))


class AuthError(ApiError):
    """Credentials, signature or permissions were refused."""

    category = "auth"


class RateLimitError(ApiError):
    """The rate limit was still exceeded after every retry."""

    category = "rate_limit"


class NotFoundError(ApiError):
    """The object the request names does not exist."""

    category = "not_found"


class ConflictError(ApiError):
    """The object already exists, is bound to another, or is in use."""

    category = "conflict"


class ValidationError(ApiError):
    """The service refused a parameter (missing, unknown, wrong type or value)."""

    category = "validation"


class InternalServerError(ApiError):
    """The service failed internally (still failing after the retries, for reads)."""

    category = "internal"


_BY_CATEGORY: dict[Category, type[ApiError]] = {
    "auth": AuthError,
    "rate_limit": RateLimitError,
    "not_found": NotFoundError,
    "conflict": ConflictError,
    "validation": ValidationError,
    "internal": InternalServerError,
    "failed": ApiError,
}


def api_error(action: str, code: str, message: str, request_id: str | None) -> ApiError:
    """The most specific :class:`ApiError` subclass for a code."""
    return _BY_CATEGORY[category_of(code)](action, code, message, request_id)
