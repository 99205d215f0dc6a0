"""Where the demo finds its program, and the copy it gives a ``pulumi`` CLI."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from pulumi_tcmpp.cli.commands.demo import _program_copy, quickstart_folder

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "quickstart"


def test_the_packaged_quickstart_is_the_examples_one() -> None:
    folder = quickstart_folder()
    assert folder.parent.name == "pulumi_tcmpp"
    for name in ("Pulumi.yaml", "__main__.py"):
        assert (folder / name).read_bytes() == (EXAMPLES / name).read_bytes()


def test_the_cli_runs_a_copy_using_this_interpreters_environment(tmp_path: Path) -> None:
    copy = _program_copy(quickstart_folder(), tmp_path)
    assert copy == (tmp_path / "program").resolve()
    project = yaml.safe_load((copy / "Pulumi.yaml").read_text())
    assert project["name"] == "quickstart"
    options = project["runtime"]["options"]
    if sys.prefix != sys.base_prefix:
        assert options["virtualenv"] == sys.prefix  # not ../../.venv, wherever it is installed
    else:
        assert "virtualenv" not in options
    assert (copy / "__main__.py").read_bytes() == (EXAMPLES / "__main__.py").read_bytes()
    (copy / "Pulumi.dev.yaml").write_text("config: {}\n")  # what `pulumi config set` writes
    assert _program_copy(quickstart_folder(), tmp_path) == copy  # a rerun keeps it
    assert (copy / "Pulumi.dev.yaml").exists()
