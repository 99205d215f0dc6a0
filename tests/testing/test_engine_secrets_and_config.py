"""Secrets, config and values as the engine passes them to a Python dynamic provider."""

from __future__ import annotations

from pathlib import Path

import pulumi
from tinycloud import Cloud, Thing

from pulumi_tcmpp.testing import Secret, scan_state_for_secrets
from pulumi_tcmpp.testing.pytest_plugin import _leaks

from .conftest import TINY, MakeStack


def test_a_secret_input_reaches_the_provider_plain_and_is_stored_secret(
    make_stack: MakeStack, cloud: Cloud
) -> None:
    stack = make_stack(lambda: Thing("a", name="a", password=pulumi.Output.secret("hunter2")))
    result = stack.up()

    assert result.ok, result
    assert cloud.records()["a-1"]["password"] == "hunter2"
    a = stack.state().get("a")
    assert a.inputs["password"] == Secret("hunter2")
    assert a.outputs["password"] == Secret("hunter2")  # re-marked by key (annotateSecrets)
    assert scan_state_for_secrets(stack.state_path, ["hunter2"]) == []
    assert "hunter2" in stack.state_path.read_text()  # inside a plaintext wrapper only


def test_a_secret_copied_to_a_new_key_is_stored_in_plaintext(make_stack: MakeStack) -> None:
    program = lambda: Thing(  # noqa: E731
        "a", name="a", password=pulumi.Output.secret("hunter2"), copy_password=True
    )
    stack = make_stack(program)
    stack.up().raise_on_error()

    assert stack.state().get("a").outputs["password_copy"] == "hunter2"
    findings = scan_state_for_secrets(stack.state(), ["hunter2"])
    assert [(f.path.split(".", 1)[1], f.encoding) for f in findings] == [
        ("outputs.password_copy", "plain")
    ]
    assert findings[0].urn.endswith("::a")


def test_config_reaches_program_and_provider_as_with_the_cli(make_stack: MakeStack) -> None:
    def program() -> None:
        config = pulumi.Config("tiny")
        pulumi.export("token", config.require_secret("token"))
        pulumi.export("region", pulumi.Config().require("region"))
        Thing("a", name="a", copy_token=True)

    stack = make_stack(program, config={"tiny:token": Secret("s3cr3t"), "region": "ap-guangzhou"})
    result = stack.up()

    assert result.ok, result
    assert result.outputs == {"token": Secret("s3cr3t"), "region": "ap-guangzhou"}
    configure = result.rpcs[[c.method for c in result.rpcs].index("Configure")]
    args = configure.request["args"]
    assert args["tiny:region"] == "ap-guangzhou"
    assert args["tiny:token"]["value"] == "s3cr3t"  # wrapped: Configure keeps secrets
    assert configure.request["variables"]["pulumi-python:config:tiny:token"] == "s3cr3t"
    assert configure.response == {}  # acceptSecrets=False, supportsPreview=False
    # the provider read the secret through configure() and copied it to a new key: a leak
    assert stack.state().get("a").outputs["token_copy"] == "s3cr3t"
    assert {f.path.rsplit(".", 1)[1] for f in _findings(stack.state_path, "s3cr3t")} == {
        "token_copy"
    }


def _findings(path: Path, secret: str) -> list[object]:
    return list(scan_state_for_secrets(path, [secret]))


def test_the_fixture_reports_config_secret_leaks(make_stack: MakeStack) -> None:
    stack = make_stack(
        lambda: Thing("a", name="a", copy_token=True), config={"tiny:token": Secret("t0k3n")}
    )
    stack.up().raise_on_error()

    assert _leaks(stack) == [f"resources[{_index(stack, 'a')}].outputs.token_copy of {_urn(stack)}"]


def _index(stack: object, name: str) -> int:
    resources = stack.state().resources  # type: ignore[attr-defined]
    return [r.name for r in resources].index(name)


def _urn(stack: object) -> str:
    return str(stack.state().get("a").urn)  # type: ignore[attr-defined]


def test_provider_process_gets_project_env_and_pythonpath(make_stack: MakeStack) -> None:
    names = ["PULUMI_PROJECT", "TENCENTCLOUD_SECRET_ID", "PULUMI_CONFIG"]
    stack = make_stack(
        lambda: Thing("a", name="a", echo_env=names), env={"TENCENTCLOUD_SECRET_ID": "AKID123"}
    )
    stack.up().raise_on_error()

    env = stack.state().get("a").outputs["env"]
    assert env == {
        "PULUMI_PROJECT": "tiny",
        "TENCENTCLOUD_SECRET_ID": "AKID123",
        "PULUMI_CONFIG": "{}",
    }


def test_numbers_arrive_as_floats(make_stack: MakeStack, cloud: Cloud) -> None:
    make_stack(lambda: Thing("a", name="a", count=3, ratio=0.5, on=True, tags=["x"])).up()

    types = cloud.records()["a-1"]["types"]
    assert types == {
        "name": "str",
        "count": "float",
        "ratio": "float",
        "on": "bool",
        "tags": "list",
    }


def test_a_provider_the_process_cannot_import_fails_clearly(
    make_stack: MakeStack, tmp_path: Path
) -> None:
    stack = make_stack(lambda: Thing("a", name="a"), cwd=tmp_path)
    result = stack.up()

    assert not result.ok
    message = result.errors[0].message
    assert "Check failed" in message and "No module named 'tinycloud'" in message
    assert "tinycloud" not in str(TINY.parent.parent)  # guard: the module is only in tiny/
