"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

ROLE_VARIABLES = (
    *(
        f"TENCENTCLOUD_ASSUME_ROLE_{name}"
        for name in (
            "ARN",
            "SESSION_NAME",
            "SESSION_DURATION",
            "EXTERNAL_ID",
            "SOURCE_IDENTITY",
            "WEB_IDENTITY_TOKEN",
            "WEB_IDENTITY_TOKEN_FILE",
            "PROVIDER_ID",
        )
    ),
    "TENCENTCLOUD_CAM_ROLE_NAME",
    "TKE_ROLE_ARN",
    "TKE_PROVIDER_ID",
    "TKE_WEB_IDENTITY_TOKEN_FILE",
    "TKE_REGION",
    "TCMPP_USE_CVM_ROLE",
    "TCMPP_STS_ENDPOINT",
    "TCMPP_METADATA_ENDPOINT",
    "TCMPP_LOG",
)
"""Role credentials and logging: a developer's TKE pod or CVM must not change what tests see."""


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
        *ROLE_VARIABLES,
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
