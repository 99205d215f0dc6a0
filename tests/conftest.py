"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from tests.profiles import DOC_LITERAL, NEEDS_CREATE_WAIT


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"needs_create_wait: fails under {DOC_LITERAL} only because an id-less create does not "
        "wait for its object to show in the lists yet (expected to fail, strictly)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under doc-literal, a ``needs_create_wait`` test is expected to fail, strictly: once the
    bounded create wait is in, it passes and the marker must go."""
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if item.get_closest_marker("needs_create_wait") and DOC_LITERAL in params.values():
            item.add_marker(pytest.mark.xfail(strict=True, reason=NEEDS_CREATE_WAIT))


@pytest.fixture(autouse=True)
def clean_environ(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No test sees the developer's real Tencent Cloud credentials, profile or endpoint."""
    for name in (
        "TENCENTCLOUD_SECRET_ID",
        "TENCENTCLOUD_SECRET_KEY",
        "TENCENTCLOUD_SECURITY_TOKEN",
        "TENCENTCLOUD_REGION",
        "TENCENTCLOUD_PROFILE",
        "TCMPP_PLATFORM_ID",
        "TCMPP_ENDPOINT",
        "TCMPP_BACKEND",
        "TCMPP_RATE_LIMIT",
        "TCMPP_MAX_RETRIES",
        "TCMPP_REQUEST_TIMEOUT",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
