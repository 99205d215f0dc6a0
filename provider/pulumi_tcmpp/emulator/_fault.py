"""How the emulator refuses a request: an :class:`ApiFault` carrying a catalogued code."""

from __future__ import annotations

from typing import NoReturn

from pulumi_tcmpp.api.errors import message_of

__all__ = ["ApiFault", "fail"]


class ApiFault(Exception):
    """A refusal answered with the error envelope (HTTP 200), as the real service does.

    Raised anywhere below the protocol layer; a handler's transaction is rolled back when it
    escapes, so a refused write leaves nothing half-done.
    """

    def __init__(self, code: str, message: str | None = None) -> None:
        self.code = code
        self.message = message or message_of(code)
        super().__init__(f"[{code}] {self.message}")


def fail(code: str, message: str | None = None) -> NoReturn:
    """Raise :class:`ApiFault`; reads better than ``raise`` in a chain of checks."""
    raise ApiFault(code, message)
