"""The public face: exported names, folder programs, the pytest fixture."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pulumi

import pulumi_tcmpp.testing as testing
from pulumi_tcmpp.testing import Result, Secret, Stack
from pulumi_tcmpp.testing.pytest_plugin import StackFactory

from .conftest import TINY


def test_public_names_are_pinned() -> None:
    assert testing.__all__ == [
        "FORMAT_VERSION",
        "UNKNOWN",
        "DeploymentFailed",
        "Diagnostic",
        "Failure",
        "PendingOperation",
        "ResourceState",
        "Result",
        "RpcCall",
        "Secret",
        "SecretFinding",
        "Stack",
        "State",
        "StateFileError",
        "Step",
        "Unknown",
        "restore_pickler_after_serialize",
        "scan_state_for_secrets",
    ]
    assert Stack.__module__ == "pulumi_tcmpp.testing"
    assert repr(Secret("x")) == "Secret('***')"


PROVIDER_MODULE = """
from pulumi.dynamic import CreateResult, Resource, ResourceProvider


class EchoProvider(ResourceProvider):
    def create(self, props):
        return CreateResult("echo-1", {"said": props["say"] + "!"})


class Echo(Resource, module="local", name="Echo"):
    def __init__(self, name, say):
        super().__init__(EchoProvider(), name, {"say": say, "said": None})
"""

MAIN = """
import os
import pulumi
from localprov import Echo

echo = Echo("e", pulumi.Config().get("word") or "hi")
pulumi.export("said", echo.said)
pulumi.export("cwd", os.getcwd())
"""


def write_project(folder: Path, name: str) -> Path:
    folder.mkdir()
    (folder / "Pulumi.yaml").write_text(f"name: {name}\nruntime: python\n")
    (folder / "localprov.py").write_text(textwrap.dedent(PROVIDER_MODULE))
    (folder / "__main__.py").write_text(textwrap.dedent(MAIN))
    return folder


def test_a_folder_program_runs_like_a_project(
    tmp_path: Path, tcmpp_offline_stack: StackFactory
) -> None:
    folder = write_project(tmp_path / "quickstart", "quickstart")
    cwd, path = os.getcwd(), list(sys.path)
    stack = Stack(folder, state_path=tmp_path / "state.json", config={"word": "hello"})
    result = stack.up()

    assert result.ok, result
    assert stack.project == "quickstart"
    assert result.outputs == {"said": "hello!", "cwd": str(folder)}
    assert stack.state().get("e").type == "pulumi-python:dynamic/local:Echo"
    assert (os.getcwd(), sys.path) == (cwd, path)
    assert "localprov" not in sys.modules  # forgotten, so edits are seen next run


def test_the_fixture_builds_stacks_in_tmp_path(
    tmp_path: Path, tcmpp_offline_stack: StackFactory
) -> None:
    from tinycloud import Thing

    stack = tcmpp_offline_stack(
        lambda: Thing("a", name="a"),
        project="fixture",
        config={"tiny:cloud": str(tmp_path / "cloud.json"), "tiny:token": Secret("never-leaked")},
        cwd=TINY,
    )
    result: Result = stack.up()

    assert result.ok, result
    assert stack.state_path == tmp_path / "pulumi-state" / "fixture.test.json"
    assert str(result) == "up of test succeeded: 2 create"


def test_render_reads_like_the_cli(tmp_path: Path) -> None:
    from tinycloud import Thing

    def program() -> None:
        thing = Thing("a", name="a")
        pulumi.export("arn", thing.arn)
        pulumi.export("token", pulumi.Output.secret("x"))
        pulumi.log.info("hello")

    stack = Stack(
        program,
        project="r",
        state_path=tmp_path / "s.json",
        config={"tiny:cloud": str(tmp_path / "c.json")},
        cwd=TINY,
    )
    preview = stack.preview()

    assert preview.render().splitlines() == [
        "preview of stack dev succeeded",
        "     type                              name",
        " +   pulumi:pulumi:Stack               r-dev",
        " +   pulumi-python:dynamic/tiny:Thing  a",
        "outputs:",
        "    arn: [unknown]",
        "    token: [secret]",
        "resources: 2 create",
    ]
    assert [(d.severity, d.message) for d in preview.diagnostics] == [("info", "hello")]


def test_on_step_reports_progress(tmp_path: Path) -> None:
    from tinycloud import Thing

    seen: list[str] = []
    stack = Stack(
        lambda: Thing("a", name="a"),
        state_path=tmp_path / "s.json",
        config={"tiny:cloud": str(tmp_path / "c.json")},
        cwd=TINY,
        on_step=lambda step: seen.append(f"{step.op} {step.name}"),
    )
    stack.up().raise_on_error()

    assert seen == ["create project-dev", "create a"]
