"""Role credentials through the offline engine: stack config and env as a user sets them.

A stack is deployed with each role method while debug logging is on; the emulator must have
served the role's STS or metadata calls, and neither the state, the provider's output nor the
engine's diagnostics may hold a key, a token or a password.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pulumi
import pytest

import pulumi_tcmpp as tcmpp
from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.emulator.handlers.sts import DEFAULT_ROLE_ARN
from pulumi_tcmpp.testing import Result, Secret
from tests.resources.conftest import MakeStack
from tests.resources.helpers import PASSWORD, actions

WEB_ARN = "qcs::cam::uin/100000000002:roleName/web-deployer"
OIDC_TOKEN = "eyJhbGciOiJSUzI1NiJ9.oidc-token-body.signature"


def program() -> None:
    user = tcmpp.User("alice", account="alice", name="Alice", password=PASSWORD)
    pulumi.export("user_id", user.user_id)


def role_options(method: str, emu: Emulator, tmp_path: Path) -> dict[str, Any]:
    """Stack config and provider environment for one method (keys removed where unused)."""
    no_keys: dict[str, Any] = {"tcmpp:secretId": None, "tcmpp:secretKey": None}
    if method == "assume_role":
        role = {"roleArn": DEFAULT_ROLE_ARN, "sessionName": "stack-up", "sessionDuration": 900}
        return {"config": {"tcmpp:assumeRole": json.dumps(role)}}
    if method == "web_identity":
        emu.app.sts.add_role(WEB_ARN, identity_providers=["cls-oidc"])
        emu.app.sts.add_identity_provider("cls-oidc", [OIDC_TOKEN])
        token = tmp_path / "oidc-token"
        token.write_text(OIDC_TOKEN)
        env = {
            "TKE_ROLE_ARN": WEB_ARN,
            "TKE_PROVIDER_ID": "cls-oidc",
            "TKE_WEB_IDENTITY_TOKEN_FILE": str(token),
        }
        return {"config": no_keys, "env": env}
    config = {**no_keys, "tcmpp:useCvmRole": "true", "tcmpp:metadataEndpoint": emu.endpoint}
    return {"config": config}


def shown(result: Result) -> str:
    """Everything the user would see: the provider's output and the diagnostics."""
    lines = result.provider_output + [d.message for d in result.diagnostics]
    return "\n".join(lines)


@pytest.mark.parametrize("method", ["assume_role", "web_identity", "cvm_role"])
def test_a_stack_deploys_with_role_credentials_and_debug_logs_leak_nothing(
    make_stack: MakeStack, emu: Emulator, tmp_path: Path, method: str
) -> None:
    options = role_options(method, emu, tmp_path)
    env = {**options.pop("env", {}), "TCMPP_LOG": "debug"}
    stack = make_stack(program, env=env, **options)

    result = stack.up()

    assert result.ok, result.render()
    assert "CreateUser" in actions(emu)
    first_sts = {"assume_role": "AssumeRole", "web_identity": "AssumeRoleWithWebIdentity"}
    if method in first_sts:
        assert actions(emu)[0] == first_sts[method]
    issued = emu.app.sts.issued_keys()
    assert len(issued) == 1
    output = shown(result)
    assert "debug: tcmpp: CreateUser attempt 1:" in output
    assert "fetched temporary credentials of" in output
    secrets = [emu.secret_key, PASSWORD, OIDC_TOKEN]
    secrets += [k.secret_key for k in issued] + [str(k.token) for k in issued]
    stack.secrets.extend(secrets)  # the fixture scans the state for them after each operation
    for secret in secrets:
        assert secret not in output
    destroyed = stack.destroy()
    assert destroyed.ok, destroyed.render()
    for secret in secrets:
        assert secret not in shown(destroyed)


def test_a_bad_role_fails_the_step_with_a_clear_message(
    make_stack: MakeStack, emu: Emulator
) -> None:
    missing = "qcs::cam::uin/800000000001:roleName/nobody"
    stack = make_stack(program, config={"tcmpp:assumeRole": json.dumps({"roleArn": missing})})

    result = stack.up()

    assert not result.ok
    message = "\n".join(e.message for e in result.errors)
    assert f"could not assume role {missing}" in message
    assert "[ResourceNotFound.RoleNotFound]" in message
    assert actions(emu) == ["AssumeRole"]


def test_an_external_id_in_secret_config_is_sent_and_never_stored(
    make_stack: MakeStack, emu: Emulator
) -> None:
    """The role demands its ExternalId: the up succeeds only if it was sent."""
    role = {"roleArn": DEFAULT_ROLE_ARN, "externalId": "external-secret-7"}
    emu.app.sts.add_role(DEFAULT_ROLE_ARN, external_id="external-secret-7")
    stack = make_stack(
        program,
        config={"tcmpp:assumeRole": Secret(json.dumps(role))},
        secrets=["external-secret-7"],  # scanned for in the state by the fixture
    )
    result = stack.up()
    assert result.ok, result.render()
    sent = actions(emu)
    assert sent[0] == "AssumeRole" and "CreatePresetKey" in sent and "CreateUser" in sent
    assert "external-secret-7" not in shown(result)
