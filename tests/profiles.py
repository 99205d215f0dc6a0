"""The emulator profiles the resource, release, permission and clone suites run against.

Each suite's conftest imports :func:`tcmpp_emulator_profile` (or, for the cloning suite, uses
:data:`PROFILES` for its own emulators), so every test of those suites runs once per profile:
``default`` (the documents' examples, lenient elsewhere) and ``doc-literal`` (the readings
closest to the documents' own texts: Pending 0, pages of at most 10 rows, reads that trail
writes, the strict delete rules, the narrow permission list, only page-listed codes).
"""

from __future__ import annotations

import pytest

from pulumi_tcmpp.emulator import DOC_LITERAL

__all__ = ["DOC_LITERAL", "PROFILES", "tcmpp_emulator_profile"]

PROFILES = ("default", DOC_LITERAL)


@pytest.fixture(params=PROFILES)
def tcmpp_emulator_profile(request: pytest.FixtureRequest) -> str:
    """This test's profile: the plugin's ``tcmpp_emulator`` applies it after the reset."""
    return str(request.param)
