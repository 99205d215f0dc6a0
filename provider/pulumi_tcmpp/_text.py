"""Small helpers for the text people read: counts with the right noun form."""

from __future__ import annotations

__all__ = ["plural"]


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 application``, ``2 applications``, ``0 sensitive APIs``; ``plural_form`` for the
    irregular nouns (``plural(n, "entry", "entries")``)."""
    noun = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {noun}"
