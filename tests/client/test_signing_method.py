"""Which credentials a Settings resolves to: the order of methods and places, and clear errors.

Offline: nothing here reaches STS or the metadata service (that is test_role_signing.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pulumi_tcmpp.client import Settings
from pulumi_tcmpp.client._roles import sts_url
from pulumi_tcmpp.client._signing_method import AssumeRole, CvmRole, WebIdentity
from pulumi_tcmpp.errors import ConfigurationError

ARN = "qcs::cam::uin/100000000001:roleName/deployer"
OTHER_ARN = "qcs::cam::uin/100000000001:roleName/auditor"
KEYS = {"TENCENTCLOUD_SECRET_ID": "AKIDkeys", "TENCENTCLOUD_SECRET_KEY": "key-from-env"}


def resolve(tmp_path: Path, env: dict[str, str] | None = None, **kwargs: Any) -> Settings:
    return Settings.resolve(env=env or {}, home=tmp_path, **kwargs)


def token_file(tmp_path: Path, text: str = "oidc-token-1") -> str:
    path = tmp_path / "token"
    path.write_text(text)
    return str(path)


# -- AssumeRole --------------------------------------------------------------------------------


def test_assume_role_from_stack_config_as_pulumi_sends_it(tmp_path: Path) -> None:
    """Structured config reaches a dynamic provider as JSON text."""
    config = {
        "tcmpp:assumeRole": json.dumps(
            {
                "roleArn": ARN,
                "sessionName": "ci-run-7",
                "sessionDuration": "3600",
                "externalId": "ext-123",
                "policy": {"version": "2.0", "statement": [{"effect": "allow"}]},
            }
        )
    }
    s = resolve(tmp_path, KEYS, config=config)
    assert s.secret_id == "AKIDkeys"  # the keys sign AssumeRole
    assert s.assume_role == AssumeRole(
        role_arn=ARN,
        session_name="ci-run-7",
        duration=3600,
        external_id="ext-123",
        policy='{"version":"2.0","statement":[{"effect":"allow"}]}',
    )
    assert s.assume_role.params().policy == (
        "%7B%22version%22%3A%222.0%22%2C%22statement%22%3A%5B%7B%22effect%22%3A%22allow%22%7D%5D%7D"
    )


def test_assume_role_fields_fall_back_to_terraforms_variables(tmp_path: Path) -> None:
    env = {
        **KEYS,
        "TENCENTCLOUD_ASSUME_ROLE_ARN": OTHER_ARN,
        "TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME": "from-env",
        "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION": "900",
        "TENCENTCLOUD_ASSUME_ROLE_EXTERNAL_ID": "ext-env",
        "TENCENTCLOUD_ASSUME_ROLE_SOURCE_IDENTITY": "100000000009",
    }
    only_env = resolve(tmp_path, env).assume_role
    assert only_env == AssumeRole(OTHER_ARN, "from-env", 900, "ext-env", None, "100000000009")
    mixed = resolve(tmp_path, env, config={"tcmpp:assumeRole": {"roleArn": ARN}}).assume_role
    assert mixed is not None
    assert (mixed.role_arn, mixed.session_name, mixed.duration) == (ARN, "from-env", 900)


def test_assume_role_defaults(tmp_path: Path) -> None:
    role = resolve(tmp_path, {**KEYS, "TENCENTCLOUD_ASSUME_ROLE_ARN": ARN}).assume_role
    assert role == AssumeRole(ARN, "pulumi-tcmpp", 7200)
    zero = {
        **KEYS,
        "TENCENTCLOUD_ASSUME_ROLE_ARN": ARN,
        "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION": "0",
    }
    assert resolve(tmp_path, zero).assume_role == AssumeRole(ARN, "pulumi-tcmpp", 7200)


def test_a_tccli_profile_role_is_assumed_with_the_profiles_keys(tmp_path: Path) -> None:
    folder = tmp_path / ".tccli"
    folder.mkdir()
    (folder / "default.credential").write_text(
        json.dumps(
            {
                "secretId": "AKIDp",
                "secretKey": "p-key",
                "role-arn": ARN,
                "role-session-name": "tccli",
            }
        )
    )
    s = resolve(tmp_path)
    assert (s.secret_id, s.assume_role) == ("AKIDp", AssumeRole(ARN, "tccli"))
    assert resolve(tmp_path, KEYS).assume_role is None  # keys from env: the profile is not read


def test_explicit_arguments_accept_objects(tmp_path: Path) -> None:
    role = AssumeRole(ARN, "explicit")
    s = resolve(tmp_path, KEYS, assume_role=role, sts_endpoint="sts.internal:8443")
    assert s.assume_role is role
    assert sts_url(s) == "https://sts.internal:8443"


# -- web identity --------------------------------------------------------------------------------


def test_web_identity_from_stack_config_beats_keys(tmp_path: Path) -> None:
    path = token_file(tmp_path)
    config = {
        "tcmpp:assumeRoleWithWebIdentity": json.dumps(
            {"providerId": "tke-oidc", "roleArn": ARN, "webIdentityTokenFile": path}
        )
    }
    s = resolve(tmp_path, KEYS, config=config)
    assert (s.secret_id, s.secret_key) == ("", "")
    assert s.web_identity == WebIdentity(role_arn=ARN, provider_id="tke-oidc", token_file=path)
    assert s.assume_role is None


def test_web_identity_from_terraforms_variables_uses_the_arn_once(tmp_path: Path) -> None:
    """TENCENTCLOUD_ASSUME_ROLE_ARN names the web identity's role, not a second AssumeRole."""
    env = {
        "TENCENTCLOUD_ASSUME_ROLE_ARN": ARN,
        "TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN": "inline-oidc-token",
        "TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME": "gha",
    }
    s = resolve(tmp_path, env)
    assert s.web_identity == WebIdentity(
        role_arn=ARN, token="inline-oidc-token", session_name="gha"
    )
    assert s.web_identity.provider_id == "OIDC"  # Terraform's default
    assert s.assume_role is None
    assert "inline-oidc-token" not in repr(s)


def test_tke_pod_identity_fills_in_only_without_keys(tmp_path: Path) -> None:
    path = token_file(tmp_path)
    tke = {
        "TKE_ROLE_ARN": ARN,
        "TKE_PROVIDER_ID": "cls-abc",
        "TKE_WEB_IDENTITY_TOKEN_FILE": path,
        "TKE_REGION": "ap-singapore",
    }
    pod = resolve(tmp_path, tke)
    assert pod.web_identity == WebIdentity(
        role_arn=ARN, provider_id="cls-abc", token_file=path, region="ap-singapore"
    )
    with_keys = resolve(tmp_path, {**tke, **KEYS})
    assert (with_keys.web_identity, with_keys.secret_id) == (None, "AKIDkeys")


def test_the_token_file_is_read_at_each_use(tmp_path: Path) -> None:
    path = token_file(tmp_path, "first\n")
    identity = WebIdentity(role_arn=ARN, token_file=path)
    assert identity.read_token() == "first"
    Path(path).write_text("second")
    assert identity.read_token() == "second"
    Path(path).write_text("")
    with pytest.raises(ConfigurationError, match="is empty"):
        identity.read_token()
    Path(path).unlink()
    with pytest.raises(ConfigurationError, match=f"cannot read the web identity token file {path}"):
        identity.read_token()


# -- CVM instance role ---------------------------------------------------------------------------


def test_a_named_cvm_role_from_config_beats_keys_from_the_environment(tmp_path: Path) -> None:
    s = resolve(tmp_path, KEYS, config={"tcmpp:camRoleName": "deployer"})
    assert s.cvm_role == CvmRole("deployer")
    assert s.secret_id == ""


def test_cvm_role_discovery_and_the_metadata_endpoint(tmp_path: Path) -> None:
    env = {"TCMPP_USE_CVM_ROLE": "true", "TCMPP_METADATA_ENDPOINT": "http://127.0.0.1:9"}
    assert resolve(tmp_path, env).cvm_role == CvmRole(None, "http://127.0.0.1:9")
    named = resolve(tmp_path, {"TENCENTCLOUD_CAM_ROLE_NAME": "deployer"})
    assert named.cvm_role == CvmRole("deployer", "http://metadata.tencentyun.com")
    assert resolve(tmp_path, {**KEYS, "TCMPP_USE_CVM_ROLE": "false"}).cvm_role is None


def test_cvm_role_with_an_assumed_role_on_top(tmp_path: Path) -> None:
    env = {"TENCENTCLOUD_CAM_ROLE_NAME": "instance", "TENCENTCLOUD_ASSUME_ROLE_ARN": ARN}
    s = resolve(tmp_path, env)
    assert (s.cvm_role, s.assume_role) == (CvmRole("instance"), AssumeRole(ARN))


# -- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "config", "message"),
    [
        (
            {"TENCENTCLOUD_ASSUME_ROLE_ARN": "arn:aws:iam::1:role/x"},
            {},
            r"tcmpp:assumeRole.roleArn \(TENCENTCLOUD_ASSUME_ROLE_ARN\) must be a CAM role ARN "
            r"such as qcs::cam::uin/100000000001:roleName/deployer; got 'arn:aws:iam::1:role/x'",
        ),
        (
            {
                "TENCENTCLOUD_ASSUME_ROLE_ARN": ARN,
                "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION": "2h",
            },
            {},
            r"tcmpp:assumeRole.sessionDuration \(TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION\) must "
            r"be a whole number of seconds from 0 to 43200 .*; got '2h'",
        ),
        (
            {},
            {"tcmpp:assumeRole": {"roleArn": ARN, "sessionDuration": 50000}},
            r"sessionDuration .* from 0 to 43200 .*; got 50000",
        ),
        (
            {},
            {"tcmpp:assumeRole": {"roleArn": ARN, "sessionName": "has space"}},
            r"tcmpp:assumeRole.sessionName .* must be 2-128 letters, digits or =,.@_-; "
            r"got 'has space'",
        ),
        (
            {},
            {"tcmpp:assumeRole": {"roleArm": ARN}},
            r"tcmpp:assumeRole has unknown field\(s\) roleArm; known: roleArn, sessionName",
        ),
        ({}, {"tcmpp:assumeRole": "deployer"}, r"tcmpp:assumeRole must be an object"),
        (
            {},
            {"tcmpp:assumeRoleWithWebIdentity": {"roleArn": ARN}},
            r"tcmpp:assumeRoleWithWebIdentity.webIdentityTokenFile .* or "
            r"tcmpp:assumeRoleWithWebIdentity.webIdentityToken .* is required",
        ),
        (
            {"TCMPP_USE_CVM_ROLE": "maybe"},
            {},
            r"tcmpp:useCvmRole \(TCMPP_USE_CVM_ROLE\) must be true or false; got 'maybe'",
        ),
    ],
)
def test_bad_values_name_the_setting_the_rule_and_the_value(
    tmp_path: Path, env: dict[str, str], config: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message):
        resolve(tmp_path, {**KEYS, **env}, config=config)


def test_missing_credentials_mention_the_role_methods(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError) as caught:
        resolve(tmp_path)
    message = str(caught.value)
    for place in (
        "TENCENTCLOUD_SECRET_ID",
        "tcmpp:assumeRoleWithWebIdentity",
        "TENCENTCLOUD_CAM_ROLE_NAME",
        "TCMPP_USE_CVM_ROLE",
        "TKE_ROLE_ARN",
    ):
        assert place in message


def test_sts_endpoint_follows_a_local_api_endpoint_only(tmp_path: Path) -> None:
    local = resolve(tmp_path, {**KEYS, "TCMPP_ENDPOINT": "http://127.0.0.1:9480"})
    assert sts_url(local) == "http://127.0.0.1:9480"
    assert sts_url(resolve(tmp_path, {**KEYS, "TCMPP_ENDPOINT": "http://localhost:1"})) == (
        "http://localhost:1"
    )
    remote = resolve(tmp_path, {**KEYS, "TCMPP_ENDPOINT": "https://tcmpp.example.com"})
    assert sts_url(remote) == "https://sts.tencentcloudapi.com"
    assert sts_url(resolve(tmp_path, KEYS)) == "https://sts.tencentcloudapi.com"
    moved = resolve(tmp_path, {**KEYS, "TCMPP_STS_ENDPOINT": "http://127.0.0.1:7"})
    assert sts_url(moved) == "http://127.0.0.1:7"


def test_secrets_of_roles_never_show_in_repr(tmp_path: Path) -> None:
    config = {"tcmpp:assumeRole": {"roleArn": ARN, "externalId": "external-secret-9"}}
    s = resolve(tmp_path, KEYS, config=config)
    assert "external-secret-9" not in repr(s) and "key-from-env" not in repr(s)


def test_the_configuration_page_documents_every_credential_setting() -> None:
    from pulumi_tcmpp.client import _signing_method as creds

    text = (Path(__file__).parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")
    for key, env in (
        (creds.CAM_ROLE_CONFIG, creds.CAM_ROLE_ENV),
        (creds.USE_CVM_CONFIG, creds.USE_CVM_ENV),
        (creds.METADATA_CONFIG, creds.METADATA_ENV),
        (creds.STS_CONFIG, creds.STS_ENV),
    ):
        assert f"| `{key}` | `{env}` |" in text, key
    for fields in (creds.ASSUME_ROLE_FIELDS, creds.WEB_IDENTITY_FIELDS):
        for field, variable in fields.items():
            assert f"| `{field}` | `{variable}` |" in text or (
                not variable and f"| `{field}` | (stack config only) |" in text
            ), field
    for key in creds.CREDENTIAL_CONFIG_KEYS:
        assert f"`{key}`" in text, key
    for variable in creds.TKE_VARIABLES:
        assert f"`{variable}`" in text, variable
