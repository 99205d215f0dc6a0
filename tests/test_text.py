"""Counts in messages: one noun form per count, everywhere."""

from __future__ import annotations

from pulumi_tcmpp._text import plural


def test_plural() -> None:
    assert plural(1, "application") == "1 application"
    assert plural(0, "application") == "0 applications"
    assert plural(2, "sensitive API") == "2 sensitive APIs"
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(3, "entry", "entries") == "3 entries"
