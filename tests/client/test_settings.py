"""Settings resolution: explicit, stack config, environment, tccli profile; clear failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pulumi_tcmpp.client import Settings
from pulumi_tcmpp.errors import ConfigurationError


def test_explicit_beats_config_beats_environment(tmp_path: Path) -> None:
    env = {"TENCENTCLOUD_SECRET_ID": "env-id", "TENCENTCLOUD_SECRET_KEY": "env-key"}
    config = {"tcmpp:secretId": "cfg-id", "tcmpp:secretKey": "cfg-key", "tcmpp:platformId": "P1"}
    assert Settings.resolve(env=env, home=tmp_path).secret_id == "env-id"
    assert Settings.resolve(config=config, env=env, home=tmp_path).secret_id == "cfg-id"
    explicit = Settings.resolve(config=config, env=env, home=tmp_path, secret_id="arg-id")
    assert (explicit.secret_id, explicit.secret_key, explicit.platform_id) == (
        "arg-id",
        "cfg-key",
        "P1",
    )


def test_every_setting_has_an_environment_variable(tmp_path: Path) -> None:
    env = {
        "TENCENTCLOUD_SECRET_ID": "id",
        "TENCENTCLOUD_SECRET_KEY": "key",
        "TENCENTCLOUD_SECURITY_TOKEN": "tok",
        "TENCENTCLOUD_REGION": "ap-singapore",
        "TCMPP_PLATFORM_ID": "T0425",
        "TCMPP_ENDPOINT": "http://127.0.0.1:8123",
        "TCMPP_BACKEND": "TCSAS",
        "TCMPP_RATE_LIMIT": "5",
        "TCMPP_MAX_RETRIES": "2",
        "TCMPP_REQUEST_TIMEOUT": "7.5",
    }
    s = Settings.resolve(env=env, home=tmp_path)
    assert (s.token, s.region, s.platform_id, s.endpoint) == (
        "tok",
        "ap-singapore",
        "T0425",
        env["TCMPP_ENDPOINT"],
    )
    assert (s.backend_name, s.rate_limit, s.max_retries, s.timeout) == ("tcsas", 5.0, 2, 7.5)
    assert s.backend.version == "2025-01-06"
    assert s.base_url == "http://127.0.0.1:8123"


def test_the_tccli_profile_is_the_last_resort(tmp_path: Path) -> None:
    profile_dir = tmp_path / ".tccli"
    profile_dir.mkdir()
    (profile_dir / "staging.credential").write_text(
        json.dumps({"secretId": "p-id", "secretKey": "p-key"})
    )
    (profile_dir / "staging.configure").write_text(
        json.dumps({"_sys_param": {"region": "ap-guangzhou"}})
    )
    s = Settings.resolve(env={"TENCENTCLOUD_PROFILE": "staging"}, home=tmp_path)
    assert (s.secret_id, s.secret_key, s.region) == ("p-id", "p-key", "ap-guangzhou")


def test_missing_credentials_name_every_place_looked(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as caught:
        Settings.resolve(env={}, home=tmp_path)
    message = str(caught.value)
    for place in (
        "tcmpp:secretId",
        "TENCENTCLOUD_SECRET_ID",
        "TENCENTCLOUD_SECRET_KEY",
        ".tccli/default.credential",
        "not found",
    ):
        assert place in message


def test_bad_values_name_the_setting_and_the_value(tmp_path: Path) -> None:
    base = {"TENCENTCLOUD_SECRET_ID": "id", "TENCENTCLOUD_SECRET_KEY": "key"}
    with pytest.raises(
        ConfigurationError,
        match=r"tcmpp:backend \(TCMPP_BACKEND\) must be one of tcmpp, tcsas; got 'tcmp'",
    ):
        Settings.resolve(env={**base, "TCMPP_BACKEND": "tcmp"}, home=tmp_path)
    with pytest.raises(ConfigurationError, match=r"tcmpp:rateLimit .* got 'fast'"):
        Settings.resolve(env={**base, "TCMPP_RATE_LIMIT": "fast"}, home=tmp_path)


def test_secrets_never_show_in_repr(tmp_path: Path) -> None:
    s = Settings.resolve(
        env={
            "TENCENTCLOUD_SECRET_ID": "id",
            "TENCENTCLOUD_SECRET_KEY": "super-secret",
            "TENCENTCLOUD_SECURITY_TOKEN": "tok-secret",
        },
        home=tmp_path,
    )
    assert "super-secret" not in repr(s) and "tok-secret" not in repr(s)


def test_platform_id_is_required_with_a_clear_message() -> None:
    with pytest.raises(ConfigurationError, match="tcmpp:platformId"):
        Settings(secret_id="a", secret_key="b").require_platform_id()


def test_default_endpoint_is_the_backends_public_host() -> None:
    assert (
        Settings(secret_id="a", secret_key="b").base_url == "https://tcmpp.intl.tencentcloudapi.com"
    )
    assert (
        Settings(secret_id="a", secret_key="b", backend_name="tcsas").base_url
        == "https://tcsas.intl.tencentcloudapi.com"
    )
