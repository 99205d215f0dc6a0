"""The keys a request is signed with: fixed ones, or temporary ones refreshed before they expire.

A :class:`KeySource` hands the signer the keys to use now. Fixed keys never change. Temporary
keys (from STS or the CVM metadata service) are fetched on first use, kept in the provider
process only (never in a Settings, never pickled, never logged), and fetched again:

* before they expire: once less than ``min(300 s, half their lifetime)`` is left, so a request
  signed now is still valid when the server checks it (the vendor SDK's CVM provider uses the
  same 300 s);
* when the service refuses them as expired or unknown (``AuthFailure.TokenFailure``,
  ``AuthFailure.SecretIdNotFound``): :meth:`KeySource.invalidate` drops exactly the keys that
  were refused, so threads that signed with them trigger one fetch between them, not one each.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from pulumi_tcmpp._logs import keep_secret

__all__ = ["EXPIRED_CODES", "REFRESH_MARGIN", "FixedKeys", "KeySource", "Keys", "RefreshingKeys"]

_LOG = logging.getLogger("pulumi_tcmpp.credentials")

EXPIRED_CODES = ("AuthFailure.TokenFailure", "AuthFailure.SecretIdNotFound")
"""Codes with which a service refuses temporary keys that expired (or were revoked)."""
REFRESH_MARGIN = 300.0
"""Seconds before expiry at which temporary keys are replaced (at most half their lifetime)."""


@dataclass(frozen=True)
class Keys:
    """One set of keys; ``expires_at`` (Unix seconds) is None for keys that do not expire."""

    secret_id: str
    secret_key: str = field(repr=False)
    token: str | None = field(default=None, repr=False)
    expires_at: float | None = None


class KeySource(Protocol):
    """What the signer asks for keys."""

    @property
    def refreshable(self) -> bool:
        """Whether :meth:`invalidate` can bring new keys (False for fixed keys)."""
        ...

    def current(self) -> Keys:
        """The keys to sign with now."""
        ...

    def invalidate(self, keys: Keys) -> None:
        """The service refused ``keys`` as expired: fetch new ones next time."""
        ...

    def close(self) -> None:
        """Release the connections used to fetch keys."""
        ...


class FixedKeys:
    """Keys from config, the environment or a tccli profile: used as they are."""

    refreshable = False

    def __init__(self, keys: Keys) -> None:
        keep_secret(keys.secret_key, keys.token)
        self._keys = keys

    def current(self) -> Keys:
        return self._keys

    def invalidate(self, keys: Keys) -> None:
        """Nothing to do: fixed keys cannot be renewed."""

    def close(self) -> None:
        """Nothing to release."""


class RefreshingKeys:
    """Temporary keys from ``fetch``, replaced before expiry and after a refusal.

    ``what`` names the source in log lines and errors ("role qcs::cam::uin/1:roleName/x").
    ``clock`` returns Unix seconds (tests move it); ``close`` releases what ``fetch`` uses.
    """

    refreshable = True

    def __init__(
        self,
        fetch: Callable[[], Keys],
        what: str,
        clock: Callable[[], float] = time.time,
        close: Callable[[], None] = lambda: None,
    ) -> None:
        self._fetch = fetch
        self._close = close
        self.what = what
        self._clock = clock
        self._keys: Keys | None = None
        self._refused = False
        self._renew_at = 0.0
        self._lock = threading.Lock()

    def current(self) -> Keys:
        with self._lock:
            now = self._clock()
            if self._keys is None or now >= self._renew_at:
                if self._refused:
                    reason = "the last ones were refused"
                else:
                    reason = "first use" if self._keys is None else "expiring soon"
                self._keys = self._replace(now, reason)
                self._refused = False
            return self._keys

    def invalidate(self, keys: Keys) -> None:
        with self._lock:
            if self._keys is keys:
                self._keys = None
                self._refused = True

    def close(self) -> None:
        self._close()

    def _replace(self, now: float, reason: str) -> Keys:
        keys = self._fetch()
        keep_secret(keys.secret_key, keys.token)
        if keys.expires_at is None:
            self._renew_at = float("inf")
        else:
            margin = min(REFRESH_MARGIN, max(0.0, keys.expires_at - now) / 2)
            self._renew_at = keys.expires_at - margin
        _LOG.debug(
            "fetched temporary credentials of %s (%s): valid until %s, renewed after %s",
            self.what,
            reason,
            _utc(keys.expires_at),
            _utc(self._renew_at),
        )
        return keys


def _utc(moment: float | None) -> str:
    if moment is None or moment == float("inf"):
        return "never"
    return datetime.fromtimestamp(moment, tz=UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
