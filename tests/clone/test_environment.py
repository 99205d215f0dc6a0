"""Naming environments: env, env:PREFIX, profile:NAME, spec files, and overrides."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pulumi_tcmpp.clone.environment import parse_environment, prefixed_variables
from pulumi_tcmpp.errors import ConfigurationError

STAGING = {
    "STAGING_SECRET_ID": "AKIDstaging",
    "STAGING_SECRET_KEY": "staging-key",
    "STAGING_PLATFORM_ID": "T04257DS9431720WTAG",
    "STAGING_ENDPOINT": "http://127.0.0.1:9480",
    "STAGING_BACKEND": "tcsas",
}


def test_prefixed_variables_mirror_the_standard_ones() -> None:
    names = prefixed_variables("PROD")
    assert names["TENCENTCLOUD_SECRET_ID"] == "PROD_SECRET_ID"
    assert names["TCMPP_PLATFORM_ID"] == "PROD_PLATFORM_ID"
    assert names["TENCENTCLOUD_SECURITY_TOKEN"] == "PROD_SECURITY_TOKEN"
    assert names["TENCENTCLOUD_PROFILE"] == "PROD_PROFILE"


def test_env_prefix_reads_its_own_variables_only(tmp_path: Path) -> None:
    env = {**STAGING, "TENCENTCLOUD_SECRET_ID": "AKIDother", "TCMPP_PLATFORM_ID": "other"}
    settings = parse_environment("env:STAGING", env=env, home=tmp_path).settings
    assert settings is not None
    assert (settings.secret_id, settings.platform_id) == ("AKIDstaging", "T04257DS9431720WTAG")
    assert (settings.backend_name, settings.base_url) == ("tcsas", "http://127.0.0.1:9480")


def test_env_prefix_never_falls_back_to_the_default_profile(tmp_path: Path) -> None:
    tccli = tmp_path / ".tccli"
    tccli.mkdir()
    (tccli / "default.credential").write_text(
        json.dumps({"secretId": "AKIDdefault", "secretKey": "k"})
    )
    with pytest.raises(ConfigurationError, match="set PROD_SECRET_ID and PROD_SECRET_KEY"):
        parse_environment("env:PROD", env={"PROD_PLATFORM_ID": "T1"}, home=tmp_path)
    # unless the prefix names a profile
    (tccli / "prod.credential").write_text(json.dumps({"secretId": "AKIDprod", "secretKey": "k"}))
    env = {"PROD_PROFILE": "prod", "PROD_PLATFORM_ID": "T1"}
    settings = parse_environment("env:PROD", env=env, home=tmp_path).settings
    assert settings is not None and settings.secret_id == "AKIDprod"


def test_profile_and_overrides(tmp_path: Path) -> None:
    tccli = tmp_path / ".tccli"
    tccli.mkdir()
    (tccli / "ops.credential").write_text(json.dumps({"secretId": "AKIDops", "secretKey": "k"}))
    overrides = {"platform_id": "T2", "endpoint": "http://localhost:1", "backend": "tcsas"}
    settings = parse_environment("profile:ops", env={}, home=tmp_path, overrides=overrides).settings
    assert settings is not None
    assert (settings.secret_id, settings.platform_id) == ("AKIDops", "T2")
    assert (settings.base_url, settings.backend_name) == ("http://localhost:1", "tcsas")


def test_bad_names_and_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="names no environment"):
        parse_environment("staging", env={}, home=tmp_path)
    with pytest.raises(ConfigurationError, match="no such spec file"):
        parse_environment(str(tmp_path / "gone.yaml"), env={}, home=tmp_path)
    spec = tmp_path / "spec.json"
    spec.write_text("{}")
    assert parse_environment(str(spec), env={}, home=tmp_path).spec_path == spec
    with pytest.raises(ConfigurationError, match="cannot be read as a live platform"):
        parse_environment(str(spec), allow_spec=False, env={}, home=tmp_path)
    with pytest.raises(ConfigurationError, match="platform id"):
        parse_environment("env:STAGING", env={**STAGING, "STAGING_PLATFORM_ID": ""}, home=tmp_path)
