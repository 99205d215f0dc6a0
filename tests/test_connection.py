"""Connection: which sources it reads (and which it never does), its checks and its messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pulumi_tcmpp.connection import CONNECTION_SETTINGS, Connection, Target
from pulumi_tcmpp.errors import ConfigurationError

STACK = {
    "tcmpp:secretId": "AKIDstack",
    "tcmpp:secretKey": "stack-key",
    "tcmpp:platformId": "T-STACK",
    "staging:secretId": "AKIDstaging",
    "staging:secretKey": "staging-key",
    "staging:platformId": "T-STAGING",
    "staging:backend": "tcsas",
    "staging:endpoint": "staging.example.com",
    "myproject:dbPassword": "not a setting",
}
ENV = {
    "TENCENTCLOUD_SECRET_ID": "AKIDenv",
    "TENCENTCLOUD_SECRET_KEY": "env-key",
    "TCMPP_PLATFORM_ID": "T-ENV",
    "PROD_SECRET_ID": "AKIDprod",
    "PROD_SECRET_KEY": "prod-key",
    "PROD_PLATFORM_ID": "T-PROD",
}


def profile(home: Path, name: str, secret_id: str) -> None:
    folder = home / ".tccli"
    folder.mkdir(exist_ok=True)
    keys = {"secretId": secret_id, "secretKey": f"{name}-key"}
    (folder / f"{name}.credential").write_text(json.dumps(keys))


def test_no_connection_is_the_stack_settings(tmp_path: Path) -> None:
    settings = Connection().settings(STACK, ENV, tmp_path)
    assert (settings.secret_id, settings.platform_id) == ("AKIDstack", "T-STACK")


def test_a_config_namespace_reads_only_its_own_keys(tmp_path: Path) -> None:
    settings = Connection(config="staging").settings(STACK, ENV, tmp_path)
    assert (settings.secret_id, settings.secret_key) == ("AKIDstaging", "staging-key")
    assert (settings.platform_id, settings.backend_name) == ("T-STAGING", "tcsas")
    assert settings.base_url == "https://staging.example.com"


def test_an_env_prefix_reads_only_its_own_variables(tmp_path: Path) -> None:
    settings = Connection(env="PROD").settings(STACK, ENV, tmp_path)
    assert (settings.secret_id, settings.platform_id) == ("AKIDprod", "T-PROD")
    assert settings.backend_name == "tcmpp"


def test_given_values_win_over_the_sources(tmp_path: Path) -> None:
    connection = Connection(config="staging", platform_id="T-GIVEN", backend="tcmpp")
    settings = connection.settings(STACK, ENV, tmp_path)
    assert (settings.platform_id, settings.backend_name) == ("T-GIVEN", "tcmpp")
    assert settings.secret_id == "AKIDstaging"
    given = Connection(platform_id="T-GIVEN").settings(STACK, ENV, tmp_path)
    assert (given.secret_id, given.platform_id) == ("AKIDstack", "T-GIVEN")


def test_a_profile_replaces_the_credentials_only(tmp_path: Path) -> None:
    profile(tmp_path, "ops", "AKIDops")
    settings = Connection(profile="ops").settings(STACK, ENV, tmp_path)
    assert settings.secret_id == "AKIDops"  # not the stack's nor the environment's keys
    assert settings.platform_id == "T-STACK"  # the rest is the usual settings


def test_a_named_source_never_falls_back_to_the_usual_credentials(tmp_path: Path) -> None:
    profile(tmp_path, "default", "AKIDdefault")
    config = {**STACK, "lonely:platformId": "T-LONELY"}
    with pytest.raises(ConfigurationError) as caught:
        Connection(config="lonely").settings(config, ENV, tmp_path)
    message = str(caught.value)
    assert message.startswith("connection config=lonely: no credentials")
    assert "lonely:secretId and lonely:secretKey in the stack config" in message
    assert "never the stack's tcmpp:* settings" in message
    with pytest.raises(ConfigurationError, match=r"set NONE_SECRET_ID and NONE_SECRET_KEY"):
        Connection(env="NONE", platform_id="T1").settings(STACK, ENV, tmp_path)


def test_a_missing_platform_id_names_the_connection_s_places(tmp_path: Path) -> None:
    config = {"keys:secretId": "AKIDk", "keys:secretKey": "k"}
    connection = Connection(config="keys")
    settings = connection.settings(config, {}, tmp_path)
    with pytest.raises(ConfigurationError, match=r"no platform id.*keys:platformId"):
        connection.require_platform_id(settings)


def test_a_namespace_with_no_setting_at_all_is_reported(tmp_path: Path) -> None:
    [problem] = Connection(config="stagng").problems(STACK, ENV)
    assert problem.startswith("the stack config has no stagng:* setting")


def test_settings_in_a_namespace_or_prefix_follow_the_same_rules() -> None:
    config = {**STACK, "staging:rateLimit": "fast", "staging:secretKey": "has space"}
    env = {**ENV, "PROD_BACKEND": "aws"}
    problems = Connection(config="staging", env="PROD").problems(config, env)
    assert any(p.startswith("setting staging:rateLimit must be a number") for p in problems)
    assert any("staging:secretKey" in p and "a secret value" in p for p in problems)
    assert not any("has space" in p for p in problems)  # a secret's value is never shown
    assert any(p.startswith("setting PROD_BACKEND must be one of tcmpp, tcsas") for p in problems)


def test_role_settings_work_in_a_namespace_and_a_prefix(tmp_path: Path) -> None:
    arn = "qcs::cam::uin/100000000001:roleName/deployer"
    config = {**STACK, "staging:assumeRole": json.dumps({"roleArn": arn})}
    settings = Connection(config="staging").settings(config, {}, tmp_path)
    assert settings.assume_role is not None and settings.assume_role.role_arn == arn
    env = {**ENV, "PROD_ASSUME_ROLE_ARN": arn, "TENCENTCLOUD_ASSUME_ROLE_ARN": "other"}
    settings = Connection(env="PROD").settings({}, env, tmp_path)
    assert settings.assume_role is not None and settings.assume_role.role_arn == arn


def test_the_target_needs_no_credentials() -> None:
    target = Connection(config="staging").target({"staging:platformId": "T-S"}, {})
    assert target == Target("T-S", "tcmpp", "https://tcmpp.intl.tencentcloudapi.com")
    assert Target.from_output(target.as_output()) == target
    assert Target.from_output(None) is None
    assert Target("T", "tcmpp", "HTTPS://Api.Example.com/") == Target(
        "T", "tcmpp", "https://api.example.com"
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"config": "staging:x"}, "Connection config: must be a stack config namespace"),
        ({"env": "1BAD"}, "Connection env: must be an environment variable prefix"),
        ({"profile": "../etc"}, "Connection profile: must be a tccli profile name"),
        ({"backend": "aws"}, "Connection backend must be one of tcmpp, tcsas; got 'aws'"),
        ({"endpoint": "ftp://x"}, "Connection endpoint must be a host"),
        ({"platform_id": "T 1"}, "Connection platform_id must not be empty or contain spaces"),
    ],
)
def test_bad_fields_are_refused_when_the_connection_is_made(
    fields: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message):
        Connection(**fields)  # type: ignore[arg-type]


def test_as_an_input_it_holds_names_only() -> None:
    connection = Connection(config="staging", env="STAGING", backend="tcsas")
    assert connection.to_input() == {"config": "staging", "env": "STAGING", "backend": "tcsas"}
    assert Connection.from_input(connection.to_input()) == connection
    assert Connection.from_input(None) == Connection()
    with pytest.raises(ConfigurationError, match="secretKey is not a field of Connection"):
        Connection.from_input({"secretKey": "x"})


def test_the_cli_s_environment_names_are_connections() -> None:
    assert Connection.parse("env") == Connection()
    assert Connection.parse("env:STAGING") == Connection(env="STAGING")
    assert Connection.parse("profile:ops") == Connection(profile="ops")
    assert Connection.parse("config:prod") == Connection(config="prod")
    with pytest.raises(ConfigurationError, match="names no environment"):
        Connection.parse("staging")


def test_every_setting_of_a_platform_can_sit_in_a_namespace() -> None:
    assert {"secretId", "secretKey", "platformId", "endpoint", "backend"} <= set(
        CONNECTION_SETTINGS
    )
    assert "assumeRole" in CONNECTION_SETTINGS
    assert "allowedPlatformIds" not in CONNECTION_SETTINGS  # a stack-wide policy
