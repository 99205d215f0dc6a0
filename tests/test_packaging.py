"""The built wheel: its metadata, the quickstart inside it, and ``pulumi-tcmpp demo`` from it.

The wheel is built from a copy of the source tree (no build isolation, so no network) and
installed into a fresh virtual environment that borrows only the *dependencies* of the test
environment (a path entry to its site-packages, whose editable install of this project is
not activated there), so the demo below runs the packaged code and the packaged quickstart.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import pulumi_tcmpp
from tests.cli.conftest import closed_port

ROOT = Path(__file__).resolve().parents[1]
HOME = "https://github.com/pulumi-tcmpp/pulumi-tcmpp"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("tree")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "provider", tree / "provider", symlinks=True, ignore=ignore)
    shutil.copytree(ROOT / "examples", tree / "examples", ignore=ignore)
    out = tmp_path_factory.mktemp("dist")
    build = ["wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", str(out)]
    subprocess.run(
        [sys.executable, "-m", "pip", *build, str(tree)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("pulumi_tcmpp-*.whl")
    return built


def test_the_wheel_holds_the_quickstart_and_its_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"pulumi_tcmpp-{pulumi_tcmpp.__version__}.dist-info/METADATA"
        metadata = Parser().parsestr(archive.read(info).decode())
    for name in ("Pulumi.yaml", "__main__.py", "requirements.txt"):
        assert f"pulumi_tcmpp/quickstart/{name}" in names
    assert "pulumi_tcmpp/py.typed" in names
    assert metadata["Version"] == pulumi_tcmpp.__version__
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL"))
    assert urls["Homepage"] == HOME and urls["Issues"] == f"{HOME}/issues"
    classifiers = metadata.get_all("Classifier")
    assert "Typing :: Typed" in classifiers
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert {"pulumi", "tencent-cloud", "tcmpp"} <= set(metadata["Keywords"].split(","))
    # the long description is the README, whose links must work on a package index page
    readme = metadata.get_payload()
    links = [part.split(")", 1)[0] for part in readme.split("](")[1:]]
    assert links and all(link.startswith(("https://", "#")) for link in links), links


def test_demo_runs_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    elsewhere = tmp_path / "elsewhere"  # not the repository: no examples/ folder around
    elsewhere.mkdir()
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}/usr/bin:/bin"}  # no pulumi CLI
    where = subprocess.run(
        [str(python), "-c", "import pulumi_tcmpp; print(pulumi_tcmpp.__file__)"],
        cwd=elsewhere,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(str(venv))

    demo = [str(venv / "bin" / "pulumi-tcmpp"), "demo", "--port", str(closed_port())]
    done = subprocess.run(demo, cwd=elsewhere, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "resources: 13 create" in done.stdout
    assert "Shop Superapp" in done.stdout
    assert "pulumi-tcmpp demo preview" in done.stdout  # the script is on PATH here
    assert (elsewhere / ".tcmpp" / "demo" / "emulator.sqlite").is_file()
    assert not list(Path(site, "pulumi_tcmpp", "quickstart").glob("Pulumi.*.yaml"))


def test_readme_links_are_absolute_and_point_at_files_of_this_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = [part.split(")", 1)[0] for part in readme.split("](")[1:]]
    prefix = f"{HOME}/blob/main/"
    ours = [link for link in links if link.startswith(prefix)]
    assert ours, "the README links to its docs"
    assert [link for link in links if not link.startswith(("https://", "#"))] == []
    paths = [link.removeprefix(prefix).partition("#")[0] for link in ours]
    missing = [path for path in paths if not (ROOT / path).exists()]
    assert missing == []
