"""The examples and the README's program: credential-free previews, and previews that tell
the truth.

A credential-free preview (endpoint and platform id set, no key) must plan without an
exception and without a single API call, for a new stack and for a deployed one. With
credentials, a preview of a change plans exactly the steps ``up`` then performs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from pulumi_tcmpp.emulator import Emulator
from pulumi_tcmpp.testing import Result, Secret, Stack, Unknown
from pulumi_tcmpp.testing.pytest_plugin import StackFactory

ROOT = Path(__file__).parents[2]
QUICKSTART = ROOT / "examples" / "quickstart"
RELEASE = ROOT / "examples" / "release"
PASSWORDS = {"adminPassword": Secret("Adm1n-Passw0rd!"), "developerPassword": Secret("D3v-Pass!")}


@pytest.fixture(scope="session")
def tcmpp_emulator_options() -> dict[str, Any]:
    """No server-side rate limit: the release example polls builds and approvals fast."""
    return {"rate_limit": None}


def connection(emu: Emulator, *, credentials: bool) -> dict[str, Any]:
    """Where the platform is; the key only ``credentials``: without it no call can succeed,
    and any call still reaches the emulator's request log."""
    config: dict[str, Any] = {"tcmpp:endpoint": emu.endpoint, "tcmpp:platformId": emu.platform_id}
    if credentials:
        config |= {"tcmpp:secretId": emu.secret_id, "tcmpp:secretKey": Secret(emu.secret_key)}
    return config


def plan(result: Result) -> list[tuple[str, str, tuple[str, ...]]]:
    return sorted((s.name, s.op, tuple(sorted(s.replaces))) for s in result.steps if s.op != "same")


def untruthful_outputs_of(before: dict[str, Any], planned: Result, after: Result) -> list[str]:
    """Outputs the preview got wrong: known but not what ``up`` made, or unknown but unchanged
    by ``up`` (an unknown is only right for a value that is new, like a new build's id)."""
    wrong = []
    for name, value in planned.outputs.items():
        final, earlier = after.outputs.get(name), before.get(name)
        if isinstance(value, Unknown) and final == earlier:
            wrong.append(f"{name}: unknown in the preview, unchanged by up ({final!r})")
        elif not isinstance(value, Unknown) and value != final:
            wrong.append(f"{name}: {value!r} in the preview, {final!r} after up")
    return wrong


class Example:
    """One example project as stacks sharing a state file, with or without credentials."""

    def __init__(
        self, factory: StackFactory, emu: Emulator, folder: Path | str, project: str, **config: Any
    ) -> None:
        self.factory, self.emu, self.folder, self.project = factory, emu, folder, project
        self.config = dict(config)
        self.state = None

    def stack(self, *, credentials: bool = True) -> Stack:
        config = {**connection(self.emu, credentials=credentials), **self.config}
        stack = self.factory(self.folder, project=self.project, config=config)
        if self.state is None:
            self.state = stack.state_path
        stack.state_path = self.state
        return stack

    def offline_preview(self) -> Result:
        """A preview without credentials: it must succeed and call no API."""
        self.emu.clear_request_log()
        result = self.stack(credentials=False).preview()
        assert result.ok, result.render()
        assert self.emu.request_log() == [], [e["action"] for e in self.emu.request_log()]
        return result

    def change(self, **config: Any) -> None:
        """Change config; the credential-free preview, the preview and ``up`` plan the same."""
        self.config.update(config)
        offline = self.offline_preview()
        preview = self.stack().preview()
        assert preview.ok, preview.render()
        before = self.stack().state()
        applied = self.stack().up()
        assert applied.ok, applied.render()
        assert untruthful_outputs_of(before.outputs, preview, applied) == []
        assert plan(offline) == plan(preview) == plan(applied), (preview.render(), applied.render())
        assert plan(applied), f"changing {config} changed nothing"


def test_the_quickstart_previews_without_credentials_and_tells_the_truth(
    tcmpp_offline_stack: StackFactory, tcmpp_emulator: Emulator
) -> None:
    example = Example(tcmpp_offline_stack, tcmpp_emulator, QUICKSTART, "quickstart", **PASSWORDS)
    first = example.offline_preview()
    assert set(first.summary) == {"create"}

    created = example.stack().up()
    assert created.ok, created.render()
    assert set(example.offline_preview().summary) == {"same"}

    example.change(cdnHost="static.example.com")  # logo, icon and a global domain
    example.change(developerPassword=Secret("N3w-Dev-Pass!"))  # a parent of two memberships


def test_the_release_example_previews_without_credentials_and_tells_the_truth(
    tcmpp_offline_stack: StackFactory, tcmpp_emulator: Emulator
) -> None:
    example = Example(
        tcmpp_offline_stack,
        tcmpp_emulator,
        RELEASE,
        "tcmpp-release",
        versions=["1.0.0"],
        online="1.0.0",
        pollInterval="0.02",
    )
    assert set(example.offline_preview().summary) == {"create"}
    created = example.stack().up()
    assert created.ok, created.render()
    assert set(example.offline_preview().summary) == {"same"}

    example.change(versions=["1.0.0", "1.0.1"], online="1.0.1")  # build, approve, release
    example.change(pollInterval="0.03")  # every version, the release and the permission
    example.change(online="1.0.0")  # roll back


def readme_program() -> str:
    """The program of the README's "Use it" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Use it", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "no program in the README's Use it section"
    return match.group(1)


def test_the_readme_program_previews_without_credentials(
    tcmpp_offline_stack: StackFactory, tcmpp_emulator: Emulator, tmp_path: Path
) -> None:
    folder = tmp_path / "readme"
    folder.mkdir()
    (folder / "__main__.py").write_text(readme_program(), encoding="utf-8")
    (folder / "Pulumi.yaml").write_text("name: readme\nruntime: python\n", encoding="utf-8")
    example = Example(
        tcmpp_offline_stack, tcmpp_emulator, folder, "readme", adminPassword=Secret("Adm1n-Pass!")
    )
    assert set(example.offline_preview().summary) == {"create"}
    created = example.stack().up()
    assert created.ok, created.render()
    assert set(example.offline_preview().summary) == {"same"}
