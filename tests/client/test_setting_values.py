"""Provider settings are validated once, by one rule per key: key, rule and value in the message."""

from __future__ import annotations

import pytest

from pulumi_tcmpp.client import SETTING_SOURCES, Settings
from pulumi_tcmpp.client._setting_values import SETTING_RULES, parse_setting, setting_problems
from pulumi_tcmpp.client._signing_method import CREDENTIAL_CONFIG_KEYS
from pulumi_tcmpp.errors import ConfigurationError
from pulumi_tcmpp.resources._runtime import PROVIDER_CONFIG_KEYS, Context

CREDENTIALS = {"tcmpp:secretId": "AKID1", "tcmpp:secretKey": "key1", "tcmpp:platformId": "T1"}


def test_every_setting_has_a_rule() -> None:
    keys = {s.config_key for s in SETTING_SOURCES.values()} | set(PROVIDER_CONFIG_KEYS)
    keys |= set(CREDENTIAL_CONFIG_KEYS)
    assert set(SETTING_RULES) == keys
    for source in SETTING_SOURCES.values():
        assert SETTING_RULES[source.config_key].env == source.env


@pytest.mark.parametrize("text", ["true", "True", "TRUE", "1", "false", "False", "0", " true "])
def test_booleans_accept_true_false_1_0(text: str) -> None:
    assert parse_setting("tcmpp:adoptExisting", text) is (text.strip().lower() in ("true", "1"))


@pytest.mark.parametrize("text", ["ture", "yes", "no", "on", "off", "2", "", "truee"])
def test_booleans_refuse_anything_else(text: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        parse_setting("tcmpp:adoptExisting", text)
    assert str(caught.value) == (
        f"setting tcmpp:adoptExisting must be true, false, 1 or 0; got {text!r}"
    )


@pytest.mark.parametrize(
    ("key", "bad", "good"),
    [
        ("tcmpp:rateLimit", ["fast", "-1", "nan", "inf", "1e400"], ["0", "20", "2.5"]),
        ("tcmpp:maxRetries", ["many", "-1", "2.5", "nan"], ["0", "4"]),
        ("tcmpp:requestTimeout", ["soon", "0", "-3", "nan", "inf"], ["0.5", "30"]),
        ("tcmpp:operationTimeout", ["long", "0", "-1", "inf"], ["1", "600", "1.5"]),
        ("tcmpp:backend", ["tcmp", "TCSASS", ""], ["tcmpp", "TCSAS", " tcsas "]),
        ("tcmpp:endpoint", ["ftp://host", "http://", "a b"], ["127.0.0.1:9480", "https://h"]),
        ("tcmpp:allowedPlatformIds", ["T1,,T2", " , ", "T 1"], ["T1", "T1, T2"]),
        ("tcmpp:platformId", ["T 1", " "], ["T04257DS9431720WTAG"]),
    ],
)
def test_values_are_checked_by_their_rule(key: str, bad: list[str], good: list[str]) -> None:
    rule = SETTING_RULES[key]
    for text in bad:
        with pytest.raises(ConfigurationError) as caught:
            parse_setting(key, text)
        assert str(caught.value) == f"setting {rule.where()} {rule.must}; got {text!r}"
    for text in good:
        parse_setting(key, text)


def test_a_secret_setting_is_never_shown() -> None:
    problems = setting_problems({"tcmpp:secretKey": "abc def", "tcmpp:securityToken": "t k"}, {})
    assert problems == [
        "setting tcmpp:secretKey (TENCENTCLOUD_SECRET_KEY) must not be empty or contain spaces; "
        "got a secret value",
        "setting tcmpp:securityToken (TENCENTCLOUD_SECURITY_TOKEN) must not be empty or contain "
        "spaces; got a secret value",
    ]


def test_environment_values_are_checked_when_the_config_does_not_set_them() -> None:
    env = {"TCMPP_RATE_LIMIT": "fast", "TCMPP_MAX_RETRIES": "3", "TCMPP_BACKEND": "tcsaz"}
    problems = setting_problems({"tcmpp:maxRetries": "x"}, env)
    assert problems == [
        "setting TCMPP_BACKEND (tcmpp:backend) must be one of tcmpp, tcsas; got 'tcsaz'",
        "setting TCMPP_RATE_LIMIT (tcmpp:rateLimit) must be a number of requests per second, "
        "0 or more (0: no client-side limit); got 'fast'",
        "setting tcmpp:maxRetries (TCMPP_MAX_RETRIES) must be a whole number, 0 or more; got 'x'",
    ]


def test_unknown_keys_are_reported_as_likely_typos() -> None:
    config = {"tcmpp:rateLimt": "5", "tcmpp:adoptExisitng": "true", "other:x": "1"}
    problems = setting_problems(config, {})
    assert len(problems) == 2
    assert problems[0].startswith(
        "tcmpp:adoptExisitng is not a setting of pulumi-tcmpp (did you mean tcmpp:adoptExisting?)"
    )
    assert problems[1].startswith(
        "tcmpp:rateLimt is not a setting of pulumi-tcmpp (did you mean tcmpp:rateLimit?)"
    )


def test_settings_and_context_parse_with_the_same_rules() -> None:
    with pytest.raises(ConfigurationError, match=r"tcmpp:maxRetries .* whole number.*got '2.5'"):
        Settings.resolve(config={**CREDENTIALS, "tcmpp:maxRetries": "2.5"}, env={})
    config = {**CREDENTIALS, "tcmpp:operationTimeout": "abc"}
    with pytest.raises(ConfigurationError, match=r"tcmpp:operationTimeout must be a number"):
        Context.current(config)
    config = {**CREDENTIALS, "tcmpp:adoptExisting": "1", "tcmpp:allowedPlatformIds": "T1, T2"}
    context = Context.current(config)
    assert context.adopt_existing is True
    assert context.allowed_platform_ids == ("T1", "T2")


def test_the_configuration_page_lists_every_rule() -> None:
    from pathlib import Path

    page = (Path(__file__).parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")
    table = page.split("## Validation", 1)[1].split("## ", 1)[0]
    for key in SETTING_RULES:
        assert f"`{key}`" in table, key


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not json", "tcmpp:assumeRole must be an object"),
        ('{"roleArn": "qcs::cam::uin/1:roleName/x", "sesionName": "a"}', "unknown field(s)"),
        ('{"roleArn": "arn:aws:iam::1:role/x"}', "must be a CAM role ARN"),
        ('{"roleArn": "qcs::cam::uin/1:roleName/x", "sessionDuration": "long"}', "whole number"),
    ],
)
def test_role_objects_are_checked_at_configure(value: str, message: str) -> None:
    problems = setting_problems({"tcmpp:assumeRole": value}, {})
    assert len(problems) == 1
    assert "tcmpp:assumeRole" in problems[0]
    assert message in problems[0]


def test_role_object_fields_left_to_the_environment_are_accepted() -> None:
    assert setting_problems({"tcmpp:assumeRole": '{"sessionName": "deploy"}'}, {}) == []
    assert setting_problems({"tcmpp:useCvmRole": "ture"}, {}) == [
        "setting tcmpp:useCvmRole (TCMPP_USE_CVM_ROLE) must be true, false, 1 or 0; got 'ture'"
    ]
