"""Endpoints: a host name means HTTPS; a host and port without a scheme is refused clearly."""

from __future__ import annotations

import pytest

from pulumi_tcmpp.client import Client, Settings
from pulumi_tcmpp.client._settings import endpoint_url
from pulumi_tcmpp.errors import ConfigurationError


@pytest.mark.parametrize(
    ("endpoint", "url"),
    [
        ("tcmpp.tencentcloudapi.com", "https://tcmpp.tencentcloudapi.com"),
        ("http://127.0.0.1:9480", "http://127.0.0.1:9480"),
        ("HTTPS://tcsas.intl.tencentcloudapi.com", "HTTPS://tcsas.intl.tencentcloudapi.com"),
    ],
)
def test_usable_endpoints(endpoint: str, url: str) -> None:
    assert endpoint_url(endpoint) == url


def test_a_port_without_a_scheme_is_refused_with_both_fixes() -> None:
    with pytest.raises(ConfigurationError) as raised:
        endpoint_url("localhost:9480")
    assert str(raised.value) == (
        "endpoint 'localhost:9480' has a port but no scheme: write http://localhost:9480 for a "
        "plain-HTTP server such as the emulator, or https://localhost:9480"
    )


@pytest.mark.parametrize("endpoint", ["ftp://example.com", "https://"])
def test_other_schemes_are_refused(endpoint: str) -> None:
    with pytest.raises(ConfigurationError, match="must be an http:// or https:// URL"):
        endpoint_url(endpoint)


def test_a_client_refuses_before_any_request() -> None:
    settings = Settings(secret_id="AKID", secret_key="k", endpoint="127.0.0.1:9480")
    with pytest.raises(ConfigurationError, match="has a port but no scheme"):
        Client(settings)
